import { itemSeverity, isOff, type Rule } from '../rule.js'
import { findBlocks } from '../blocks.js'
import { excerpt } from '../text.js'

export const blockNumbering: Rule = {
  id: 'block-numbering',
  title: 'Block or item out of sequence',
  description: 'Numbered blocks must run 1, 2, 3… when the rubric says `sequential`, and items numbered `<block>.<n>` must carry their own block\'s number, each id once.',
  defaultSeverity: 'warning',
  hint: 'Renumber the blocks and items so that every id is unique and belongs to its block; other files cite these ids.',
  check({ model, rubric, report }) {
    for (const spec of rubric.blocks) {
      if (isOff(spec.severity)) continue
      const severity = itemSeverity(spec.severity) === 'error' ? 'error' : 'warning'
      const blocks = findBlocks(model, rubric, spec)
      const seen = new Set<string>()
      let previous = 0
      blocks.forEach((block) => {
        // Each block is compared with the one before it, so one gap is one finding, not one per later block.
        const expected = String(previous + 1)
        if (/^\d+$/u.test(block.number)) previous = Number(block.number)
        if (seen.has(block.number)) {
          report({ line: block.heading.line, column: block.heading.column, message: `${spec.title} ${block.number} is numbered twice`, severity })
        } else if (spec.sequential && block.number !== expected) {
          report({ line: block.heading.line, column: block.heading.column, message: `${spec.title} ${block.number} comes where ${spec.title} ${expected} was expected (numbers run 1, 2, 3…)`, severity })
        }
        seen.add(block.number)
        if (!spec.items?.numbered) return
        const ids = new Set<string>()
        for (const item of block.items) {
          if (!item.id.startsWith(`${block.number}.`)) {
            report({ line: item.line, column: item.column, message: `Item ${item.id} ("${excerpt(item.text)}") is in ${spec.title} ${block.number}; expected an id ${block.number}.<n>`, severity })
          } else if (ids.has(item.id)) {
            report({ line: item.line, column: item.column, message: `Item id ${item.id} is used twice in ${spec.title} ${block.number}`, severity })
          }
          ids.add(item.id)
        }
      })
    }
  }
}

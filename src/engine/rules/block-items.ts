import { itemSeverity, isOff, type Rule } from '../rule.js'
import { findBlocks } from '../blocks.js'

export const blockItems: Rule = {
  id: 'block-items',
  title: 'Numbered block without its items',
  description: 'Each numbered block must contain at least `items.min` items of the kind the rubric names (list items or task items), under the heading it names if any.',
  defaultSeverity: 'error',
  hint: 'Add the items the block is for (e.g. acceptance criteria, or `- [ ] 1.1 …` tasks).',
  check({ model, rubric, report }) {
    for (const spec of rubric.blocks) {
      if (!spec.items || isOff(spec.severity) || spec.items.min === 0) continue
      const kind = spec.items.kind === 'task' ? 'task item' : 'list item'
      for (const block of findBlocks(model, rubric, spec)) {
        if (block.items.length >= spec.items.min) continue
        report({
          line: block.heading.line,
          column: block.heading.column,
          message: `"${block.heading.title}" has ${block.items.length} ${kind}${block.items.length === 1 ? '' : 's'}${spec.items.under ? ` under a heading matching /${spec.items.under}/` : ''}; expected at least ${spec.items.min}`,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

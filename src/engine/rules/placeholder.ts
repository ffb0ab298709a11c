import type { PlanModel } from '../model.js'
import { itemSeverity, type Rule } from '../rule.js'
import { emptySectionLines, placeholderMatches, placeholderPatterns } from '../lookup.js'

interface HiddenText {
  text: string
  line: number
  column: number
}

/**
 * Source text the model leaves out of prose: the inside of HTML comments and
 * of code blocks, one piece per line with its position. Templates keep their
 * instructions in comments and their example trees in code blocks, and a plan
 * that still carries them was not finished, however invisible they are.
 */
function hiddenText(model: PlanModel, comments: boolean, code: boolean): HiddenText[] {
  const pieces: HiddenText[] = []
  const inCode = new Set<number>()
  for (const block of model.codeBlocks) {
    // The fence lines themselves hold no content; the lines between them do.
    for (let line = block.line + 1; line < block.endLine; line++) {
      inCode.add(line)
      if (code) pieces.push({ text: model.lines[line - 1] ?? '', line, column: 1 })
    }
    inCode.add(block.line)
    inCode.add(block.endLine)
  }
  if (!comments) return pieces
  let open = false
  model.lines.forEach((source, index) => {
    const line = index + 1
    if (inCode.has(line)) return
    let at = 0
    while (at < source.length) {
      if (!open) {
        const start = source.indexOf('<!--', at)
        if (start < 0) break
        open = true
        at = start + 4
        continue
      }
      const end = source.indexOf('-->', at)
      const stop = end < 0 ? source.length : end
      if (stop > at) pieces.push({ text: source.slice(at, stop), line, column: at + 1 })
      if (end < 0) break
      open = false
      at = end + 3
    }
  })
  return pieces
}

export const placeholder: Rule = {
  id: 'placeholder',
  title: 'Placeholder left in the plan',
  description:
    'Template or unfinished text (TBD, TODO, NEEDS CLARIFICATION, `[FEATURE]`, `<reason>`, …) outside code blocks, inline code and HTML comments, also when it is wrapped onto the next line, partly emphasised (`NEEDS **CLARIFICATION**`, `T*B*D`) or holds invisible characters; placeholders marked `inComments` or `inCode` are also found inside HTML comments or code blocks.',
  defaultSeverity: 'error',
  hint: 'Replace the placeholder with the real content, or remove it.',
  examples: {
    flagged: '**Storage**: NEEDS CLARIFICATION\n\nLanguage: [NEEDS CLARIFICATION: which runtime?]   <!-- one finding, not two -->',
    accepted: '- [x] All NEEDS CLARIFICATION resolved\n\nResearch found 0 NEEDS CLARIFICATION markers.\n\n`TBD` in inline code'
  },
  check({ model, rubric, report }) {
    // A section that is nothing but placeholders is one gap: section-empty reports it.
    const empty = rubric.rules['section-empty'] === 'off' ? new Set<number>() : emptySectionLines(model, rubric)
    // Whole blocks, not spans: a placeholder split by emphasis or a line break is one phrase to a reader.
    for (const block of model.prose) {
      for (const match of placeholderMatches(rubric, block.text)) {
        const at = block.positionAt(match.index)
        if (empty.has(at.line)) continue
        report({
          ...at,
          message: `Placeholder "${match.text}" left in the plan`,
          severity: itemSeverity(match.spec.severity)
        })
      }
    }
    const hiddenPatterns = placeholderPatterns(rubric).filter(({ spec }) => spec.inComments || spec.inCode)
    if (hiddenPatterns.length === 0) return
    const comments = hiddenPatterns.some(({ spec }) => spec.inComments)
    const code = hiddenPatterns.some(({ spec }) => spec.inCode)
    const blockOf = new Map<number, number>()
    model.codeBlocks.forEach((block, index) => {
      for (let line = block.line + 1; line < block.endLine; line++) blockOf.set(line, index)
    })
    // A template's example tree is one leftover however many labels it holds: one finding per code block.
    const perBlock = new Map<number, { line: number; column: number; texts: string[]; severities: Array<ReturnType<typeof itemSeverity>> }>()
    for (const piece of hiddenText(model, comments, code)) {
      const block = blockOf.get(piece.line)
      for (const compiled of hiddenPatterns) {
        if (!(block === undefined ? compiled.spec.inComments : compiled.spec.inCode)) continue
        for (const match of compiled.pattern.findAll(piece.text)) {
          const severity = itemSeverity(compiled.spec.severity)
          if (block === undefined) {
            report({ line: piece.line, column: piece.column + match.index, message: `Placeholder "${match.text}" left in the plan (in an HTML comment)`, severity })
            continue
          }
          const found = perBlock.get(block)
          if (!found) perBlock.set(block, { line: piece.line, column: piece.column + match.index, texts: [match.text], severities: [severity] })
          else {
            found.texts.push(match.text)
            found.severities.push(severity)
          }
        }
      }
    }
    for (const found of [...perBlock.values()].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const shown = found.texts.slice(0, 3).map((text) => `"${text}"`).join(', ')
      const more = found.texts.length > 3 ? ` and ${found.texts.length - 3} more` : ''
      report({
        line: found.line,
        column: found.column,
        message: `${found.texts.length === 1 ? 'Placeholder' : 'Placeholders'} ${shown}${more} left in the plan (in a code block)`,
        // The most severe of them: the rule's own default (undefined) when any item leaves it, else error before warning.
        severity: found.severities.includes(undefined) ? undefined : found.severities.includes('error') ? 'error' : 'warning'
      })
    }
  }
}

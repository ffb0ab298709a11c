import type { PlanModel } from '../model.js'
import { itemSeverity, type Rule } from '../rule.js'
import type { PlaceholderSpec } from '../../rubric/schema.js'
import { emptySectionLines, formatDescriptionLines, placeholderMatches, placeholderPatterns } from '../lookup.js'
import { marksChosen } from '../text.js'

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

interface Found {
  line: number
  column: number
  text: string
  spec: PlaceholderSpec
  /** What one finding covers: a prose block, a comment piece or a whole code block. */
  group: string
}

/**
 * Alternatives the plan has decided: a label of `alternatives` found once in
 * the whole plan, on a line that marks it chosen, with nothing else left in
 * its block. Two options left, or one beside `[REMOVE IF UNUSED]` or the
 * template's tree, are still the template.
 */
function decidedAlternatives(model: PlanModel, found: readonly Found[]): Set<Found> {
  const decided = new Set<Found>()
  const bySpec = new Map<PlaceholderSpec, Found[]>()
  for (const item of found) {
    if (!item.spec.alternatives) continue
    const list = bySpec.get(item.spec)
    if (list) list.push(item)
    else bySpec.set(item.spec, [item])
  }
  for (const [, [only, ...more]] of bySpec) {
    if (!only || more.length > 0) continue
    if (found.some((other) => other !== only && other.group === only.group)) continue
    if (marksChosen((model.lines[only.line - 1] ?? '').slice(only.column - 1))) decided.add(only)
  }
  return decided
}

export const placeholder: Rule = {
  id: 'placeholder',
  title: 'Placeholder left in the plan',
  description:
    'Template or unfinished text (TBD, TODO, NEEDS CLARIFICATION, `[FEATURE]`, `<reason>`, …) outside code blocks, inline code and HTML comments, also when it is wrapped onto the next line, partly emphasised (`NEEDS **CLARIFICATION**`, `T*B*D`) or holds invisible characters; placeholders marked `inComments` or `inCode` are also found inside HTML comments or code blocks. ' +
    'Two kinds of template text are not blanks of the plan. A list whose lead sentence gives the format of another file it names ("Consolidate findings in `research.md` using format:") describes that file\'s slots: a bracketed description there ("[what was chosen]") is a mention. It must name a file other than the plan, so "format:" above the plan\'s own blanks hides nothing; template tokens (`[DATE]`, `[REMOVE IF UNUSED]`), slots holding a marker and items labelled with one of the rubric\'s own fields or sections stay placeholders, and code blocks are never exempt. ' +
    'A placeholder marked `alternatives` (spec-kit\'s "# Option 1:" labels) is a leftover while two or more remain, or one beside other leftovers in its block; the single option left and marked chosen ("- SELECTED") is the plan\'s decision.',
  defaultSeverity: 'error',
  hint: 'Replace the placeholder with the real content, or remove it.',
  examples: {
    flagged:
      '**Storage**: NEEDS CLARIFICATION\n\nLanguage: [NEEDS CLARIFICATION: which runtime?]   <!-- one finding, not two -->\n\nFill in this plan using format:\n- Owner: [e.g., the payments team]',
    accepted:
      '- [x] All NEEDS CLARIFICATION resolved\n\nResearch found 0 NEEDS CLARIFICATION markers.\n\n`TBD` in inline code\n\nRecord each choice in `choices.md` using format:\n- Choice: [e.g., the library picked]\n- Reason: [why it won]'
  },
  check({ model, rubric, report, file }) {
    // A section that is nothing but placeholders is one gap: section-empty reports it.
    const empty = rubric.rules['section-empty'] === 'off' ? new Set<number>() : emptySectionLines(model, rubric)
    const inFormatDescription = formatDescriptionLines(model, file)
    const found: Found[] = []
    // Whole blocks, not spans: a placeholder split by emphasis or a line break is one phrase to a reader.
    model.prose.forEach((block, index) => {
      for (const match of placeholderMatches(rubric, block.text, { formatDescription: inFormatDescription(block.line) })) {
        const at = block.positionAt(match.index)
        if (empty.has(at.line)) continue
        found.push({ ...at, text: match.text, spec: match.spec, group: `prose:${index}` })
      }
    })
    const hiddenPatterns = placeholderPatterns(rubric).filter(({ spec }) => spec.inComments || spec.inCode)
    const comments = hiddenPatterns.some(({ spec }) => spec.inComments)
    const code = hiddenPatterns.some(({ spec }) => spec.inCode)
    const blockOf = new Map<number, number>()
    model.codeBlocks.forEach((block, index) => {
      for (let line = block.line + 1; line < block.endLine; line++) blockOf.set(line, index)
    })
    for (const piece of hiddenPatterns.length === 0 ? [] : hiddenText(model, comments, code)) {
      const block = blockOf.get(piece.line)
      for (const compiled of hiddenPatterns) {
        if (!(block === undefined ? compiled.spec.inComments : compiled.spec.inCode)) continue
        for (const match of compiled.pattern.findAll(piece.text)) {
          const group = block === undefined ? `comment:${piece.line}:${piece.column}` : `code:${block}`
          found.push({ line: piece.line, column: piece.column + match.index, text: match.text, spec: compiled.spec, group })
        }
      }
    }
    const decided = decidedAlternatives(model, found)
    // A template's example tree is one leftover however many labels it holds: one finding per code block.
    const perBlock = new Map<string, { line: number; column: number; texts: string[]; severities: Array<ReturnType<typeof itemSeverity>> }>()
    for (const item of found) {
      if (decided.has(item)) continue
      const severity = itemSeverity(item.spec.severity)
      if (item.group.startsWith('prose:')) {
        report({ line: item.line, column: item.column, message: `Placeholder "${item.text}" left in the plan`, severity })
        continue
      }
      if (item.group.startsWith('comment:')) {
        report({ line: item.line, column: item.column, message: `Placeholder "${item.text}" left in the plan (in an HTML comment)`, severity })
        continue
      }
      const block = perBlock.get(item.group)
      if (!block) perBlock.set(item.group, { line: item.line, column: item.column, texts: [item.text], severities: [severity] })
      else {
        block.texts.push(item.text)
        block.severities.push(severity)
      }
    }
    for (const block of [...perBlock.values()].sort((a, b) => a.line - b.line || a.column - b.column)) {
      const shown = block.texts.slice(0, 3).map((text) => `"${text}"`).join(', ')
      const more = block.texts.length > 3 ? ` and ${block.texts.length - 3} more` : ''
      report({
        line: block.line,
        column: block.column,
        message: `${block.texts.length === 1 ? 'Placeholder' : 'Placeholders'} ${shown}${more} left in the plan (in a code block)`,
        // The most severe of them: the rule's own default (undefined) when any item leaves it, else error before warning.
        severity: block.severities.includes(undefined) ? undefined : block.severities.includes('error') ? 'error' : 'warning'
      })
    }
  }
}

import { itemSeverity, type Rule } from '../rule.js'
import { emptySectionLines, spanPlaceholders } from '../lookup.js'

export const placeholder: Rule = {
  id: 'placeholder',
  title: 'Placeholder left in the plan',
  description: 'Template or unfinished text (TBD, TODO, NEEDS CLARIFICATION, `[FEATURE]`, `<reason>`, …) outside code blocks, inline code and HTML comments.',
  defaultSeverity: 'error',
  hint: 'Replace the placeholder with the real content, or remove it.',
  examples: {
    flagged: '**Storage**: NEEDS CLARIFICATION\n\nLanguage: [NEEDS CLARIFICATION: which runtime?]   <!-- one finding, not two -->',
    accepted: '- [x] All NEEDS CLARIFICATION resolved\n\nResearch found 0 NEEDS CLARIFICATION markers.\n\n`TBD` in inline code'
  },
  check({ model, rubric, report }) {
    // A section that is nothing but placeholders is one gap: section-empty reports it.
    const empty = rubric.rules['section-empty'] === 'off' ? new Set<number>() : emptySectionLines(model, rubric)
    for (const span of model.spans) {
      if (span.code || empty.has(span.line)) continue
      for (const match of spanPlaceholders(rubric, span)) {
        report({
          line: span.line,
          column: span.column + match.index,
          message: `Placeholder "${match.text}" left in the plan`,
          severity: itemSeverity(match.spec.severity)
        })
      }
    }
  }
}

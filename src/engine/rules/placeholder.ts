import { itemSeverity, type Rule } from '../rule.js'
import { placeholderMatches } from '../lookup.js'

export const placeholder: Rule = {
  id: 'placeholder',
  title: 'Placeholder left in the plan',
  description:
    'Template or unfinished text (TBD, TODO, NEEDS CLARIFICATION, `[FEATURE]`, `<reason>`, …) outside code blocks, inline code and HTML comments, also when it is wrapped onto the next line, partly emphasised (`NEEDS **CLARIFICATION**`, `T*B*D`) or holds invisible characters.',
  defaultSeverity: 'error',
  hint: 'Replace the placeholder with the real content, or remove it.',
  check({ model, rubric, report }) {
    // Whole blocks, not spans: a placeholder split by emphasis or a line break is one phrase to a reader.
    for (const block of model.prose) {
      for (const match of placeholderMatches(rubric, block.text)) {
        report({
          ...block.positionAt(match.index),
          message: `Placeholder "${match.text}" left in the plan`,
          severity: itemSeverity(match.spec.severity)
        })
      }
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { placeholderMatches, sectionHeading, withinSection } from '../lookup.js'
import { excerpt, isBlankText, isDeferral } from '../text.js'
import { findField } from './field-lookup.js'

const TEMPLATE_HINT = /^\[(?:e\.g\.|example|ex:|for example)/iu

export const fieldPlaceholder: Rule = {
  id: 'field-placeholder',
  title: 'Field not filled in',
  description:
    'A labelled field the rubric requires is empty (or shows nothing: only `<br>` or invisible characters), still holds template text (`[e.g., …]`), a placeholder such as NEEDS CLARIFICATION, ' +
    'or a deferral: "To be decided", "Pending", "?", "-", "see later", "N/A" without a reason, "待定", "a definir", … ("N/A — no storage" is a value).',
  defaultSeverity: 'error',
  hint: 'Replace the placeholder with the real value, or "N/A — <why>" if it does not apply.',
  examples: {
    flagged: '**Language/Version**: To be decided\n**Storage**: ?\n**Testing**: <br>\n**Target Platform**: 待定',
    accepted: '**Storage**: N/A — the feature keeps no state\n**Testing**: pytest'
  },
  check({ model, rubric, report }) {
    for (const spec of rubric.fields) {
      if (isOff(spec.severity) || spec.allowPlaceholder) continue
      const field = findField(withinSection(model.fields, sectionHeading(model, rubric, spec.section)), spec)
      if (!field) continue
      const value = field.value.trim()
      const placeholder = placeholderMatches(rubric, value)[0]
      // A placeholder in the value is already the placeholder rule's finding: one finding per gap.
      if (placeholder && rubric.rules['placeholder'] !== 'off') continue
      if (!isDeferral(value) && !TEMPLATE_HINT.test(value) && !placeholder) continue
      report({
        line: field.line,
        column: field.column,
        message:
          isBlankText(value)
            ? `Field "${field.label}" is empty`
            : `Field "${field.label}" is not filled in: "${excerpt(value, 60)}"`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

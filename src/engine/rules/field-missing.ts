import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, sectionHeading, sectionReportedMissing, withinSection } from '../lookup.js'
import { findField } from './field-lookup.js'

export const fieldMissing: Rule = {
  id: 'field-missing',
  title: 'Missing labelled field',
  description: 'A labelled field the rubric requires (`**Label**: value`) is not in the plan, or not in its section.',
  defaultSeverity: 'error',
  hint: 'Add the field as `**Label**: value`.',
  check({ model, rubric, report }) {
    for (const spec of rubric.fields) {
      if (!spec.required || isOff(spec.severity)) continue
      // Inside a missing section it is part of that section's one finding.
      if (sectionReportedMissing(model, rubric, spec.section)) continue
      const heading = sectionHeading(model, rubric, spec.section)
      if (findField(withinSection(model.fields, heading), spec)) continue
      report({
        ...anchorOf(heading),
        message: `Missing field "${spec.label}"${heading ? ` in "${heading.title}"` : ''}; expected a line "**${spec.label}**: …"`,
        hint: `Add "**${spec.label}**: <value>" with a real value.`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, sectionHeading, sectionReportedMissing, withinSection } from '../lookup.js'
import { findField } from './field-lookup.js'

export const fieldMissing: Rule = {
  id: 'field-missing',
  title: 'Missing labelled field',
  description:
    'A labelled field the rubric requires (`**Label**: value`) is not in the plan, or not in its section. Counts as an error when the section writes its other fields in that form (the plan uses the template and left one out). Only a warning when the section holds content but none of the rubric\'s labelled fields: it gives its context in a form of its own (a list, a table, prose), which a reader should check by eye.',
  defaultSeverity: 'error',
  hint: 'Add the field as `**Label**: value`.',
  examples: {
    flagged: '## Technical Context\n\n**Language/Version**: Python 3.12\n**Testing**: pytest\n\n(no **Storage** line: an error)',
    accepted: '## Tech Stack\n\n- Python 3.12, FastAPI\n- PostgreSQL 16\n\n(no labelled fields at all: each missing label is a warning, not an error)'
  },
  check({ model, rubric, report }) {
    for (const spec of rubric.fields) {
      if (!spec.required || isOff(spec.severity)) continue
      // Inside a missing section it is part of that section's one finding.
      if (sectionReportedMissing(model, rubric, spec.section)) continue
      const heading = sectionHeading(model, rubric, spec.section)
      const inSection = withinSection(model.fields, heading)
      if (findField(inSection, spec)) continue
      // A section that uses none of the rubric's labels writes its context its own way: say so, but do not fail on it.
      const ownForm = heading !== null && !rubric.fields.some((other) => other.section === spec.section && findField(inSection, other))
      const hasContent = heading !== null && model.spans.some((span) => span.line > heading.line && span.line <= heading.endLine && !span.heading)
      report({
        ...anchorOf(heading),
        message: `Missing field "${spec.label}"${heading ? ` in "${heading.title}"` : ''}; expected a line "**${spec.label}**: …"`,
        hint: ownForm && hasContent ? `The section gives no labelled fields; if "${spec.label}" is there in another form, write it as "**${spec.label}**: <value>" so it can be checked.` : `Add "**${spec.label}**: <value>" with a real value.`,
        severity: ownForm && hasContent ? 'warning' : itemSeverity(spec.severity)
      })
    }
  }
}

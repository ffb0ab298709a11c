import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, findTable, sectionHeading, sectionReportedMissing } from '../lookup.js'

export const tableMissing: Rule = {
  id: 'table-missing',
  title: 'Missing table',
  description: 'A table the rubric requires is not in the plan (looked up in its section first, then anywhere by its columns).',
  defaultSeverity: 'error',
  hint: 'Add the table with the columns the rubric lists; `plan-gate template <rubric>` prints it.',
  check({ model, rubric, report }) {
    for (const spec of rubric.tables) {
      if (!spec.required || isOff(spec.severity) || findTable(model, rubric, spec)) continue
      // Inside a missing section it is part of that section's one finding.
      if (sectionReportedMissing(model, rubric, spec.section)) continue
      const heading = sectionHeading(model, rubric, spec.section)
      const columns = spec.columns.filter((column) => column.required).map((column) => column.name)
      report({
        ...anchorOf(heading),
        message: `Missing table "${spec.title}"${columns.length > 0 ? ` with columns ${columns.join(' / ')}` : ''}${heading ? ` in "${heading.title}"` : ''}`,
        hint: columns.length > 0 ? `Add a table: | ${columns.join(' | ')} |` : undefined,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

import { itemSeverity, type Rule } from '../rule.js'
import { presentTables, tableInEmptySection } from '../lookup.js'
import { listedRows } from './table-cells.js'

export const tableMinRows: Rule = {
  id: 'table-min-rows',
  title: 'Table has too few rows',
  description: 'A table has fewer body rows than the rubric\'s `minRows`. One "None" row says there is nothing to list; several "None for …" rows whose other cells are empty list nothing.',
  defaultSeverity: 'error',
  hint: 'Add the missing rows; a table that has nothing to list says so in one row (e.g. "None").',
  examples: {
    flagged: '| Risk | Likelihood | Impact | Mitigation | Owner |\n|---|---|---|---|---|\n| None for architecture | | | | |\n| None for data | | | | |',
    accepted: '| Gap | Proposed Fix | Owner | Status |\n|---|---|---|---|\n| None | | | |   <!-- one row saying there is nothing to list -->'
  },
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      if (tableInEmptySection(model, rubric, spec)) continue
      const rows = listedRows(found.table)
      if (rows >= spec.minRows) continue
      const hollow = found.table.rows.length - rows
      report({
        line: found.table.line,
        column: found.table.column,
        endLine: found.table.endLine,
        message:
          `Table "${spec.title}" has ${rows} row${rows === 1 ? '' : 's'}` +
          (hollow > 0 ? ` that list${rows === 1 ? 's' : ''} something (${hollow} "None for …" row${hollow === 1 ? '' : 's'} with empty cells)` : '') +
          `; expected at least ${spec.minRows}`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

import { itemSeverity, type Rule } from '../rule.js'
import { presentTables, tableInEmptySection } from '../lookup.js'
import { isEmptyCell, isNoneRow } from './table-cells.js'

// A status column may say "Pending" or "Open": that is its value, not a deferral.
const STATUS_COLUMN = /\b(?:status|state)\b/iu

export const tableEmptyCell: Rule = {
  id: 'table-empty-cell',
  title: 'Empty table cell',
  description:
    'A row leaves a column empty where the rubric says `notEmpty: true`: nothing visible (only `<br>` or invisible characters), a dash, "?", "TBD", "N/A" without a reason, or a deferral such as "to be decided" or "待定". ' +
    '"Pending" or "Open" in a Status column is a value. A row whose first cell says "None" or "N/A" is exempt.',
  defaultSeverity: 'error',
  hint: 'Fill the cell in; an owner, status or mitigation nobody wrote down is a gap in the plan.',
  examples: {
    flagged: '| Risk | Mitigation | Owner |\n|---|---|---|\n| Outage | To be decided | - |\n| Leak | <br> | ? |',
    accepted: '| Gap | Proposed Fix | Owner | Status |\n|---|---|---|---|\n| Time zone unclear | Billing time zone | Finance PM | Pending |\n| None | | | |'
  },
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      if (tableInEmptySection(model, rubric, spec)) continue
      for (const row of found.table.rows) {
        if (isNoneRow(row)) continue
        for (const column of spec.columns) {
          const index = found.columns.get(column.name) ?? -1
          if (!column.notEmpty || index < 0) continue
          const cell = row[index]
          if (!isEmptyCell(cell, { statusColumn: STATUS_COLUMN.test(column.name) })) continue
          const anchor = cell ?? row[0]
          report({
            line: anchor?.line ?? found.table.line,
            column: anchor?.column ?? found.table.column,
            message: `Table "${spec.title}": "${column.name}" is empty in the row "${row[0]?.text ?? ''}"`,
            severity: itemSeverity(spec.severity)
          })
        }
      }
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { findTable } from '../lookup.js'

export const tableMinRows: Rule = {
  id: 'table-min-rows',
  title: 'Table has too few rows',
  description: 'A table has fewer body rows than the rubric\'s `minRows`.',
  defaultSeverity: 'error',
  hint: 'Add the missing rows; a table that has nothing to list says so in one row (e.g. "None").',
  check({ model, rubric, report }) {
    for (const spec of rubric.tables) {
      if (isOff(spec.severity) || spec.minRows === 0) continue
      const found = findTable(model, rubric, spec)
      if (!found || found.table.rows.length >= spec.minRows) continue
      const rows = found.table.rows.length
      report({
        line: found.table.line,
        column: found.table.column,
        endLine: found.table.endLine,
        message: `Table "${spec.title}" has ${rows} row${rows === 1 ? '' : 's'}; expected at least ${spec.minRows}`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

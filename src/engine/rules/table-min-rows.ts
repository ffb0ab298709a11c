import { itemSeverity, type Rule } from '../rule.js'
import { presentTables } from '../lookup.js'

export const tableMinRows: Rule = {
  id: 'table-min-rows',
  title: 'Table has too few rows',
  description: 'A table has fewer body rows than the rubric\'s `minRows`.',
  defaultSeverity: 'error',
  hint: 'Add the missing rows; a table that has nothing to list says so in one row (e.g. "None").',
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      if (found.table.rows.length >= spec.minRows) continue
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

import { itemSeverity, type Rule } from '../rule.js'
import { presentTables } from '../lookup.js'

export const tableColumnMissing: Rule = {
  id: 'table-column-missing',
  title: 'Table lacks a required column',
  description: 'A required table has no column for a name the rubric requires (aliases count, order does not matter).',
  defaultSeverity: 'error',
  hint: 'Add the column to the table header and fill it for every row.',
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      for (const column of spec.columns) {
        if (!column.required || (found.columns.get(column.name) ?? -1) >= 0) continue
        report({
          line: found.table.line,
          column: found.table.column,
          message: `Table "${spec.title}" has no "${column.name}" column${column.aliases.length > 0 ? ` (or ${column.aliases.slice(0, 3).map((alias) => `"${alias}"`).join(', ')})` : ''}`,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

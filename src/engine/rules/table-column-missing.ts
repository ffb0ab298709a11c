import { itemSeverity, isOff, type Rule } from '../rule.js'
import { findTable } from '../lookup.js'

export const tableColumnMissing: Rule = {
  id: 'table-column-missing',
  title: 'Table lacks a required column',
  description: 'A required table has no column for a name the rubric requires (aliases count, order does not matter).',
  defaultSeverity: 'error',
  hint: 'Add the column to the table header and fill it for every row.',
  check({ model, rubric, report }) {
    for (const spec of rubric.tables) {
      if (isOff(spec.severity)) continue
      const found = findTable(model, rubric, spec)
      if (!found) continue
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

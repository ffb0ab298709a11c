import { itemSeverity, type Rule } from '../rule.js'
import { presentTables } from '../lookup.js'
import { excerpt, normalizeText } from '../text.js'
import { cellValue, isEmptyCell, isNoneRow } from './table-cells.js'

export const tableValue: Rule = {
  id: 'table-value',
  title: 'Table value not allowed',
  description: 'A cell holds a value outside the column\'s allowed `values` (compared case-insensitively, emoji and markup ignored).',
  defaultSeverity: 'error',
  hint: 'Use one of the allowed values, so the table can be sorted and checked.',
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      for (const column of spec.columns) {
        const index = found.columns.get(column.name) ?? -1
        if (!column.values || index < 0) continue
        const allowed = new Set(column.values.map(normalizeText))
        for (const row of found.table.rows) {
          const cell = row[index]
          if (!cell || isEmptyCell(cell) || isNoneRow(row) || allowed.has(cellValue(cell))) continue
          report({
            line: cell.line,
            column: cell.column,
            message: `Table "${spec.title}": "${column.name}" is "${excerpt(cell.text, 40)}"; expected one of ${column.values.join(', ')}`,
            severity: itemSeverity(spec.severity)
          })
        }
      }
    }
  }
}

import { itemSeverity, type Rule } from '../rule.js'
import { presentTables } from '../lookup.js'
import { normalizeText } from '../text.js'
import { cellValue } from './table-cells.js'

export const tableForbiddenValue: Rule = {
  id: 'table-forbidden-value',
  title: 'Table value fails the gate',
  description: 'A cell holds a value the rubric forbids in that column, such as a spec gap whose Status is Blocked.',
  defaultSeverity: 'error',
  hint: 'Resolve what the value stands for (e.g. unblock the spec gap) before declaring the plan ready.',
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      for (const column of spec.columns) {
        const index = found.columns.get(column.name) ?? -1
        if (column.forbidden.length === 0 || index < 0) continue
        for (const row of found.table.rows) {
          const cell = row[index]
          if (!cell) continue
          const value = cellValue(cell)
          const hit = column.forbidden.find((forbidden) => {
            const wanted = normalizeText(forbidden.value)
            return value === wanted || value.startsWith(`${wanted} `)
          })
          if (!hit) continue
          report({
            line: cell.line,
            column: cell.column,
            message: `Table "${spec.title}": "${column.name}" is ${hit.value} in the row "${row[0]?.text ?? ''}"${hit.message ? `: ${hit.message}` : ''}`,
            severity: itemSeverity(spec.severity)
          })
        }
      }
    }
  }
}

import { itemSeverity, type Rule } from '../rule.js'
import { columnIndex, isHollowRow, presentTables, tableInEmptySection } from '../lookup.js'
import { listedRows } from './table-cells.js'
import { haystack, mentions } from '../text.js'

export const tableCoverage: Rule = {
  id: 'table-coverage',
  title: 'Table does not cover an area',
  description: 'No row of the table falls in one of the areas the rubric\'s `coverage` lists (e.g. at least one risk each for architecture, data, security and operations).',
  defaultSeverity: 'error',
  hint: 'Add a row for the uncovered area, or an explicit row saying why it carries no risk.',
  check({ model, rubric, report }) {
    for (const { spec, found } of presentTables(model, rubric)) {
      if (tableInEmptySection(model, rubric, spec)) continue
      const coverage = spec.coverage
      if (!coverage) continue
      const { table } = found
      // A table that lists nothing is table-min-rows' one finding, not one per area.
      if (spec.minRows > 0 && listedRows(table) === 0) continue
      const textColumns = coverage.columns?.map((name) => columnIndex(table.header, [name])).filter((index) => index >= 0)
      const areaColumn = coverage.areaColumn ? columnIndex(table.header, [coverage.areaColumn]) : -1
      const rowTexts = table.rows.map((row) =>
        haystack(
          (textColumns && textColumns.length > 0 ? textColumns.map((index) => row[index]) : row)
            .map((cell) => cell?.text ?? '')
            .join(' ')
        )
      )
      for (const area of coverage.areas) {
        const covered = table.rows.some(
          (row, index) =>
            !isHollowRow(row) &&
            ((areaColumn >= 0 && mentions(row[areaColumn]?.text ?? '', area.name)) ||
            area.keywords.some((keyword) => mentions(rowTexts[index] ?? haystack(''), keyword)))
        )
        if (covered) continue
        const names = coverage.areas.map((each) => each.name).join(', ')
        report({
          line: table.line,
          column: table.column,
          endLine: table.endLine,
          message: `Table "${spec.title}" has no row for the ${area.name} area (one row each needed for ${names})`,
          hint: `Add a row about ${area.name} (e.g. ${area.keywords.slice(0, 3).join(', ')}).`,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

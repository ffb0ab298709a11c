import type { Cell, Table } from '../model.js'
import { isHollowRow } from '../lookup.js'
import { isDeferral, isNoneText, normalizeText, type DeferralOptions } from '../text.js'

// Cell conventions shared by the table rules; what counts as empty is the text layer's one deferral test.

/** A cell that shows nothing or stands in for a value: empty, "-", "?", "TBD", "N/A" without a reason, "to be decided", "待定", only `<br>`. */
export function isEmptyCell(cell: Cell | undefined, options?: DeferralOptions): boolean {
  return !cell || isDeferral(cell.text, options)
}

/** A row that says the table has nothing to list ("None", "N/A"): exempt from per-cell checks. */
export function isNoneRow(row: readonly Cell[]): boolean {
  return isNoneText(row[0]?.text ?? '')
}

/**
 * Rows that list something. One "None" row is an answer (nothing to list);
 * several "None for …" rows with their other cells empty list nothing.
 */
export function listedRows(table: Table): number {
  const real = table.rows.filter((row) => !isHollowRow(row)).length
  return real === 0 && table.rows.length === 1 ? 1 : real
}

/** The value of a cell as compared with allowed and forbidden values: emoji and markup ignored. */
export function cellValue(cell: Cell): string {
  return normalizeText(cell.text)
}

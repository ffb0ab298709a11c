import type { Cell } from '../model.js'
import { normalizeText, stripEmoji } from '../text.js'

// Cell conventions shared by the table rules.

const EMPTY_MARKERS = new Set(['', '-', '--', '---', '—', '–', '…', '...', '?', 'tbd', 'n a'])
const NONE_ROW = /^(?:none|n\/?a|no (?:known )?(?:gaps?|risks?|open (?:issues|gaps))|nothing)\b/iu

/** A cell with nothing in it, or only a dash, ellipsis or "TBD". */
export function isEmptyCell(cell: Cell | undefined): boolean {
  return !cell || EMPTY_MARKERS.has(normalizeText(cell.text)) || EMPTY_MARKERS.has(cell.text.trim().toLowerCase())
}

/** A row that says the table has nothing to list ("None", "N/A"): exempt from per-cell checks. */
export function isNoneRow(row: readonly Cell[]): boolean {
  return NONE_ROW.test(stripEmoji(row[0]?.text ?? '').replace(/[*_`~]/g, '').trim())
}

/** The value of a cell as compared with allowed and forbidden values: emoji and markup ignored. */
export function cellValue(cell: Cell): string {
  return normalizeText(cell.text)
}

import type { Rule } from '../rule.js'
import { blockItems } from './block-items.js'
import { blockMissing } from './block-missing.js'
import { blockNumbering } from './block-numbering.js'
import { companionMissing } from './companion-missing.js'
import { linePattern } from './line-pattern.js'
import { referenceMissing } from './reference-missing.js'
import { referenceUnknown } from './reference-unknown.js'
import { checklistItemMissing } from './checklist-item-missing.js'
import { checklistMissing } from './checklist-missing.js'
import { checklistUnchecked } from './checklist-unchecked.js'
import { fieldMissing } from './field-missing.js'
import { fieldPlaceholder } from './field-placeholder.js'
import { gateContradiction } from './gate-contradiction.js'
import { gateDeclaredFail } from './gate-declared-fail.js'
import { gateFailReason } from './gate-fail-reason.js'
import { gateMissing } from './gate-missing.js'
import { gateMultiple } from './gate-multiple.js'
import { gateNotLast } from './gate-not-last.js'
import { gateUnfilled } from './gate-unfilled.js'
import { gateUnreadable } from './gate-unreadable.js'
import { phaseOrder } from './phase-order.js'
import { placeholder } from './placeholder.js'
import { internalError, planEncoding, planTooLarge, planUnparseable } from './plan-input.js'
import { sectionContent } from './section-content.js'
import { sectionEmpty } from './section-empty.js'
import { sectionLevel } from './section-level.js'
import { sectionMention } from './section-mention.js'
import { sectionMissing } from './section-missing.js'
import { sectionOrder } from './section-order.js'
import { sectionTooShort } from './section-too-short.js'
import { tableColumnMissing } from './table-column-missing.js'
import { tableCoverage } from './table-coverage.js'
import { tableEmptyCell } from './table-empty-cell.js'
import { tableForbiddenValue } from './table-forbidden-value.js'
import { tableMinRows } from './table-min-rows.js'
import { tableMissing } from './table-missing.js'
import { tableValue } from './table-value.js'
import { waiverExpired, waiverUnused } from './waiver.js'

// The one registry: every rule is listed here, in the order docs and SARIF show them.
export const rules: readonly Rule[] = [
  sectionMissing,
  sectionLevel,
  sectionOrder,
  sectionEmpty,
  sectionTooShort,
  sectionContent,
  sectionMention,
  tableMissing,
  tableColumnMissing,
  tableMinRows,
  tableEmptyCell,
  tableValue,
  tableForbiddenValue,
  tableCoverage,
  checklistMissing,
  checklistItemMissing,
  checklistUnchecked,
  fieldMissing,
  fieldPlaceholder,
  placeholder,
  blockMissing,
  blockNumbering,
  blockItems,
  linePattern,
  companionMissing,
  referenceMissing,
  referenceUnknown,
  gateMissing,
  gateUnfilled,
  gateUnreadable,
  gateMultiple,
  gateNotLast,
  gateFailReason,
  gateDeclaredFail,
  gateContradiction,
  planTooLarge,
  planEncoding,
  planUnparseable,
  internalError,
  phaseOrder,
  waiverExpired,
  waiverUnused
]

const byId = new Map(rules.map((rule) => [rule.id, rule]))

export function ruleById(id: string): Rule | undefined {
  return byId.get(id)
}

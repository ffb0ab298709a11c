import type { Verdict } from './types.js'

export interface GateLine {
  value: Verdict
  /** Text after the separator of a FAIL (or a PASS note); null when there is none. */
  reason: string | null
  line: number
  column: number
}

// Marks people put before the verdict word: "Gate: ✅ PASS", "Gate: [x] PASS".
const MARK = String.raw`(?:[\u2705\u274C\u2714\u2716\u2611\u2612\u{1F7E2}\u{1F534}\u26A0]\uFE0F?|\[[ xX]\])`
// `Gate: PASS`, `Gate - FAIL — reason`, `GATE: FAIL: reason`, `Gate: **FAIL** (reason)`; the text
// has already lost its emphasis markers. The verdict word must come first, so
// "GATE: Must pass before Phase 0" is a heading remark, not a declared gate.
const GATE_LINE = new RegExp(
  String.raw`^\s*(?:[-*+]\s+)?${MARK}?\s*gate\s*[:：]\s*${MARK}?\s*(pass(?:ed)?|fail(?:ed)?)(?![\p{L}\p{N}])\s*(.*)$`,
  'iu'
)
const REASON_SEPARATOR = /^(?:[-–—:]+|\(|,|;|\.)\s*/u

/** Reads a declared gate from one line of visible text, or returns null. */
export function parseGateLine(text: string, line: number, column: number): GateLine | null {
  const match = GATE_LINE.exec(text)
  if (!match) return null
  const value: Verdict = match[1]!.toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL'
  let reason = (match[2] ?? '').trim()
  reason = reason.replace(REASON_SEPARATOR, '').replace(/\)\s*\.?$/, '').trim()
  return { value, reason: reason === '' ? null : reason, line, column }
}

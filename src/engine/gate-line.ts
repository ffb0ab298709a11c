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
// Whitespace that cannot be backtracked into (a lookahead is atomic): with
// plain `\s*`, two runs in a row tried every split of a long run of spaces, and
// a line of "Gate:" and 100,000 spaces took minutes. A run is only ever
// followed by another run or by something that cannot start with whitespace,
// so taking the whole run matches exactly what `\s*` would.
let runs = 0
const ws = (quantifier: '*' | '+'): string => {
  const name = `ws${++runs}`
  return String.raw`(?=(?<${name}>\s${quantifier}))\k<${name}>`
}
// `Gate: PASS`, `Gate - FAIL — reason`, `GATE: FAIL: reason`, `Gate: **FAIL** (reason)`; the text
// has already lost its emphasis markers. The verdict word must come first, so
// "GATE: Must pass before Phase 0" is a heading remark, not a declared gate.
const GATE_LINE = new RegExp(
  String.raw`^${ws('*')}(?:[-*+]${ws('+')})?${MARK}?${ws('*')}gate${ws('*')}[:：]${ws('*')}${MARK}?${ws('*')}(?<verdict>pass(?:ed)?|fail(?:ed)?)(?![\p{L}\p{N}])${ws('*')}(?<reason>.*)$`,
  'iu'
)
const REASON_SEPARATOR = /^(?:[-–—:]+|\(|,|;|\.)\s*/u

/** Reads a declared gate from one line of visible text, or returns null. */
export function parseGateLine(text: string, line: number, column: number): GateLine | null {
  const match = GATE_LINE.exec(text)
  if (!match) return null
  const value: Verdict = match.groups!['verdict']!.toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL'
  let reason = (match.groups!['reason'] ?? '').trim()
  reason = reason.replace(REASON_SEPARATOR, '').replace(/\)\s*\.?$/, '').trim()
  return { value, reason: reason === '' ? null : reason, line, column }
}

import type { Verdict } from './types.js'

export interface GateLine {
  value: Verdict
  /** Text after the separator of a FAIL (or a PASS note); null when there is none. */
  reason: string | null
  line: number
  column: number
}

/**
 * A line a reader takes for a gate line that does not declare one verdict:
 * `unfilled` is a template's gate (`Gate: PASS / FAIL`, `Gate: [ ] PASS`),
 * `unreadable` one that cannot be read one way only (`Gate: PASS?`, `Gate: P A S S`).
 */
export interface GateProblem {
  kind: 'unfilled' | 'unreadable'
  /** The line as read, for the message. */
  text: string
  line: number
  column: number
}

export type GateReading = { kind: 'gate'; gate: GateLine } | GateProblem

// The line is read with a hand-written scanner, not one regular expression:
// every step moves forward, so a line of 100,000 spaces costs one pass, and
// each form readers write has its own, readable branch.

const SEPARATORS = ':：=-–—|'
const DASHES = '-–—'
const POSITIVE_MARKS = ['\u2705', '\u2714', '\u2611', '\u{1F7E2}']
const NEGATIVE_MARKS = ['\u274C', '\u2716', '\u2612', '\u{1F534}']
const MARKS = [...POSITIVE_MARKS, ...NEGATIVE_MARKS, '\u26A0']
const VERDICT = /^(?:pass(?:ed)?|fail(?:ed)?)(?![\p{L}\p{N}])/iu
const QUALIFIER = /^(?:status|verdict|result|decision)(?![\p{L}\p{N}])/iu
const OR_AND = /^(?:or|and)(?![\p{L}\p{N}])/iu
const BOX = /^\[([ xX]?)\]/u
const LETTER = /[\p{L}\p{N}]/u
const SPACE = /\s/u
const REASON_SEPARATOR = /^(?:[-–—:]+|\(|,|;|\.)\s*/u
const OPENERS: Record<string, string> = { '[': ']', '<': '>', '{': '}', '(': ')' }

interface Marks {
  at: number
  /** One entry per box, true when ticked. */
  boxes: boolean[]
  positive: boolean
  negative: boolean
}

/** Reads a declared gate from one line of visible text, or returns null. */
export function parseGateLine(text: string, line: number, column: number): GateLine | null {
  const reading = readGateLine(text, line, column)
  return reading?.kind === 'gate' ? reading.gate : null
}

/**
 * Reads one line of visible (already normalised) text: a gate, a gate-like
 * line that declares no single verdict, or null when it is not about the gate.
 * The word "Gate" must come first ("Post-Design Gate: PASS" is a remark) and
 * be followed by a separator; the verdict word must come first after it, so
 * "GATE: Must pass before Phase 0" is a heading remark, not a declared gate.
 */
export function readGateLine(text: string, line: number, column: number): GateReading | null {
  let i = skipSpace(text, 0)
  if ('-*+'.includes(text[i] ?? 'x') && SPACE.test(text[i + 1] ?? '')) i = skipSpace(text, i + 1)
  i = readMarks(text, i).at
  if (text.slice(i, i + 4).toLowerCase() !== 'gate' || LETTER.test(text[i + 4] ?? '')) return null
  i += 4
  const qualifier = QUALIFIER.exec(text.slice(skipSpace(text, i), skipSpace(text, i) + 10))
  if (qualifier) i = skipSpace(text, i) + qualifier[0].length
  i = skipSpace(text, i)
  let separators = 0
  while (i < text.length && SEPARATORS.includes(text[i]!)) {
    separators++
    i = skipSpace(text, i + 1)
  }
  if (separators === 0) return null
  return readVerdict(text, i, line, column)
}

/**
 * Reads the first line of the paragraph under a `## Gate` heading, where the
 * verdict stands on its own (`PASS`, `**FAIL** — reason`): the heading is the label.
 */
export function readVerdictLine(text: string, line: number, column: number): GateReading | null {
  // Without the `Gate:` label, a verdict word must stand alone or before a separator:
  // "Pass criteria: all tests green" under the heading describes the gate, it declares nothing.
  const at = readMarks(text, 0).at
  const verdict = VERDICT.exec(text.slice(at, at + 8))
  if (verdict) {
    const next = text[skipSpace(text, at + verdict[0].length)]
    if (next !== undefined && !'-–—:(,;.?/|'.includes(next) && !OR_AND.test(text.slice(skipSpace(text, at + verdict[0].length)).slice(0, 4))) return null
  }
  return readVerdict(text, 0, line, column)
}

function readVerdict(text: string, from: number, line: number, column: number): GateReading | null {
  const problem = (kind: GateProblem['kind']): GateProblem => ({ kind, text: text.trim(), line, column })
  const first = readMarks(text, from)
  let i = first.at
  const opener = text[i] ?? ''
  if (opener in OPENERS) {
    // `[PASS/FAIL]`, `<PASS|FAIL>`: the template's choice; `[PASS]`: not plainly one verdict either.
    const close = text.indexOf(OPENERS[opener]!, i + 1)
    const inner = close < 0 ? text.slice(i + 1, i + 41) : text.slice(i + 1, Math.min(close, i + 41))
    const verdicts = verdictWords(inner)
    if (verdicts.pass && verdicts.fail) return problem('unfilled')
    if (verdicts.pass || verdicts.fail) return problem('unreadable')
    return null
  }
  if (spelledOut(text, i)) return problem('unreadable')
  const verdict = VERDICT.exec(text.slice(i, i + 8))
  if (!verdict) return null
  const value: Verdict = verdict[0].toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL'
  i += verdict[0].length
  if (text[skipSpace(text, i)] === '?') return problem('unreadable')

  // A second verdict after the first: a template (`PASS / FAIL`), a ticked choice
  // (`[x] PASS / [ ] FAIL`) or two words no one can read as one (`PASS FAIL`).
  let k = skipSpace(text, i)
  let joiner = ''
  if ('/|,'.includes(text[k] ?? 'x')) joiner = text[k++]!
  else if (OR_AND.test(text.slice(k, k + 4))) {
    joiner = 'or'
    k += OR_AND.exec(text.slice(k, k + 4))![0].length
  } else {
    while (k < text.length && DASHES.includes(text[k]!)) {
      joiner = '-'
      k++
    }
  }
  const second = readMarks(text, skipSpace(text, k))
  const other = VERDICT.exec(text.slice(second.at, second.at + 8))
  const otherValue = other ? (other[0].toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL') : null
  if (other && otherValue !== value) {
    const nothingAfter = !LETTER.test(text.slice(second.at + other[0].length).replace(/\b(?:pass(?:ed)?|fail(?:ed)?|or|and)\b/giu, ''))
    const firstBox = first.boxes.at(-1)
    const secondBox = second.boxes.at(-1)
    // A ticked choice only when both verdicts have a box: "PASSED [x] fail" offers no choice a reader can make out.
    if (firstBox !== undefined && secondBox !== undefined) {
      if (firstBox && !secondBox) return { kind: 'gate', gate: { value, reason: null, line, column } }
      if (secondBox && !firstBox) return { kind: 'gate', gate: { value: otherValue!, reason: null, line, column } }
      return problem(firstBox && secondBox ? 'unreadable' : 'unfilled')
    }
    if (firstBox !== undefined || secondBox !== undefined) return problem(firstBox === false || secondBox === false ? 'unfilled' : 'unreadable')
    if (joiner === '/' || joiner === '|' || joiner === 'or') return problem('unfilled')
    if (nothingAfter) return problem(joiner === ',' ? 'unfilled' : 'unreadable')
  }
  if (first.boxes.at(-1) === false) return problem('unfilled')
  if ((value === 'PASS' && first.negative) || (value === 'FAIL' && first.positive)) return problem('unreadable')
  let reason = text.slice(i).trim()
  reason = reason.replace(REASON_SEPARATOR, '').replace(/\)\s*\.?$/, '').trim()
  return { kind: 'gate', gate: { value, reason: reason === '' ? null : reason, line, column } }
}

function readMarks(text: string, from: number): Marks {
  const marks: Marks = { at: from, boxes: [], positive: false, negative: false }
  let i = skipSpace(text, from)
  for (;;) {
    const mark = MARKS.find((candidate) => text.startsWith(candidate, i))
    if (mark) {
      marks.positive ||= POSITIVE_MARKS.includes(mark)
      marks.negative ||= NEGATIVE_MARKS.includes(mark)
      i += mark.length
      if (text[i] === '\uFE0F') i++
    } else {
      const box = BOX.exec(text.slice(i, i + 3))
      if (!box) break
      marks.boxes.push(box[1] !== '' && box[1] !== ' ')
      i += box[0].length
    }
    i = skipSpace(text, i)
    marks.at = i
  }
  return marks
}

/** `P A S S`, `F-A-I-L`, `PA SS`: pieces of a verdict word, spaced apart, that a reader joins into one. */
function spelledOut(text: string, from: number): boolean {
  let letters = ''
  let pieces = 0
  let i = from
  while (letters.length < 4 && i < text.length) {
    let piece = ''
    while (i < text.length && LETTER.test(text[i]!) && piece.length < 4) piece += text[i++]!
    if (piece === '') break
    letters += piece.toLowerCase()
    pieces++
    const gapStart = i
    while (i < text.length && /[\s.\-_·•*/]/u.test(text[i]!)) i++
    if (i === gapStart) break
  }
  return pieces > 1 && (letters === 'pass' || letters === 'fail')
}

function verdictWords(text: string): { pass: boolean; fail: boolean } {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u)
  return {
    pass: words.some((word) => word === 'pass' || word === 'passed'),
    fail: words.some((word) => word === 'fail' || word === 'failed')
  }
}

function skipSpace(text: string, from: number): number {
  let i = from
  while (i < text.length && SPACE.test(text[i]!)) i++
  return i
}

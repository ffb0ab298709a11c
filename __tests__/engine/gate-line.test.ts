import { readGateLine } from '../../src/engine/gate-line.js'
import { buildModel } from '../../src/engine/model.js'

/** The plan's declared gate and gate-line problems, as the model reads them from one line of Markdown. */
function read(markdown: string): { declared: [string, string | null] | null; problems: string[] } {
  const model = buildModel(`# Plan\n\nSome text.\n\n${markdown}\n`)
  return {
    declared: model.declaredGate ? [model.declaredGate.value, model.declaredGate.reason] : null,
    problems: model.gateProblems.map((problem) => problem.kind)
  }
}

describe('every gate form README.md and the code claim to read', () => {
  it.each([
    ['Gate: PASS', 'PASS', null],
    ['GATE: PASS.', 'PASS', null],
    ['gate: pass', 'PASS', null],
    ['Gate: PASSED', 'PASS', null],
    ['**Gate:** PASS', 'PASS', null],
    ['**Gate**: PASS', 'PASS', null],
    ['Gate: **FAIL** (reason)', 'FAIL', 'reason'],
    ['Gate: ✅ PASS', 'PASS', null],
    ['Gate: ✅️ PASS', 'PASS', null],
    ['✅ Gate: PASS', 'PASS', null],
    ['Gate: [x] PASS', 'PASS', null],
    ['- Gate: FAIL - reason', 'FAIL', 'reason'],
    ['Gate: FAIL – reason', 'FAIL', 'reason'],
    ['Gate: FAIL — reason', 'FAIL', 'reason'],
    ['Gate: FAIL: reason', 'FAIL', 'reason'],
    ['GATE: FAIL: reason', 'FAIL', 'reason'],
    ['Gate - FAIL — reason', 'FAIL', 'reason'],
    ['Gate — FAIL — reason', 'FAIL', 'reason'],
    ['Gate – FAIL – reason', 'FAIL', 'reason'],
    ['Gate = PASS', 'PASS', null],
    ['Gate：PASS', 'PASS', null],
    ['Gate status: PASS', 'PASS', null],
    ['**Gate verdict:** FAIL — owners missing', 'FAIL', 'owners missing'],
    ['Gate: FAIL (risks not reviewed)', 'FAIL', 'risks not reviewed'],
    ['Gate: FAIL — failed the load test', 'FAIL', 'failed the load test'],
    ['Gate: FAIL — pass criteria not met', 'FAIL', 'pass criteria not met'],
    ['## Gate: FAIL — x', 'FAIL', 'x'],
    ['### Gate: PASS', 'PASS', null],
    ['- [x] PASS / [ ] FAIL', null, null],
    ['- [x] Gate: PASS', 'PASS', null],
    ['Gate: [x] PASS / [ ] FAIL', 'PASS', null],
    ['Gate: [ ] PASS / [x] FAIL', 'FAIL', null],
    ['<b>Gate</b>: PASS', 'PASS', null],
    ['## Gate\n\nPASS', 'PASS', null],
    ['## Gate status\n\n**FAIL** — owners missing', 'FAIL', 'owners missing'],
    ['## Gate\n\n✅ PASS', 'PASS', null],
    ['## Gate\n\nGate: PASS', 'PASS', null],
    ['## Gate\n\nThe plan passes when all boxes are ticked.', null, null],
    ['## Gate\n\n- PASS', null, null],
    ['## Gate\n\nPass criteria: all tests green.', null, null]
  ])('%s', (line, value, reason) => {
    const { declared, problems } = read(line)
    expect(problems).toEqual([])
    expect(declared).toEqual(value === null ? null : [value, reason])
  })
})

describe('gate lines a reader takes for gates, disguised', () => {
  it.each([
    ['zero-width space in PASS', 'Gate: PA\u200BSS', 'PASS'],
    ['zero-width space in Gate', 'Ga\u200Bte: FAIL — x', 'FAIL'],
    ['soft hyphen', 'Gate: FA\u00ADIL — x', 'FAIL'],
    ['Cyrillic letters in FAIL', 'Gate: FАIL — x', 'FAIL'],
    ['Cyrillic letters in Gate', 'Gаtе: FAIL — x', 'FAIL'],
    ['Greek letters in PASS', 'Gate: ΡΑSS', 'PASS'],
    ['fullwidth', 'Ｇａｔｅ： ＦＡＩＬ — x', 'FAIL'],
    ['bidi override around the verdict', 'Gate: \u202EFAIL\u202C — x', 'FAIL'],
    ['mathematical letters', 'Gate: 𝐅𝐀𝐈𝐋 — x', 'FAIL'],
    ['entity no-break space', 'Gate:&nbsp;FAIL — x', 'FAIL'],
    ['zero-width entity', 'Gate: FA&#8203;IL — x', 'FAIL']
  ])('%s', (_name, line, value) => {
    expect(read(line).declared?.[0]).toBe(value)
  })

  it('reads the last line as the reader sees it, over an earlier PASS', () => {
    const model = buildModel('# Plan\n\nGate: PASS\n\nMore.\n\nGаte: FАIL — the Cyrillic one\n')
    expect(model.declaredGate).toMatchObject({ value: 'FAIL', line: 7, column: 1 })
  })
})

describe('gate lines that declare no single verdict', () => {
  it.each([
    ['Gate: PASS / FAIL', 'unfilled'],
    ['Gate: PASS/FAIL', 'unfilled'],
    ['Gate: PASS | FAIL', 'unfilled'],
    ['Gate: PASS or FAIL', 'unfilled'],
    ['Gate: FAIL or PASS', 'unfilled'],
    ['Gate: PASS, FAIL', 'unfilled'],
    ['Gate: [ ] PASS / [ ] FAIL', 'unfilled'],
    ['Gate: [ ] PASS', 'unfilled'],
    ['Gate: [] PASS', 'unfilled'],
    ['Gate: [PASS/FAIL]', 'unfilled'],
    ['Gate: [PASS | FAIL]', 'unfilled'],
    ['Gate: <PASS/FAIL>', 'unfilled'],
    ['**Gate:** PASS / FAIL', 'unfilled'],
    ['- [ ] Gate: PASS', 'unfilled'],
    ['## Gate\n\nPASS / FAIL', 'unfilled'],
    ['## Gate\n\nPASS or FAIL', 'unfilled'],
    ['Gate: PASS?', 'unreadable'],
    ['Gate: PASS ?', 'unreadable'],
    ['Gate: P A S S', 'unreadable'],
    ['Gate: P.A.S.S', 'unreadable'],
    ['Gate: F-A-I-L', 'unreadable'],
    ['Gate: PASS FAIL', 'unreadable'],
    ['Gate: PASS — FAIL', 'unreadable'],
    ['Gate: [x] PASS / [x] FAIL', 'unreadable'],
    ['Gate: [PASS]', 'unreadable'],
    ['Gate: ❌ PASS', 'unreadable'],
    ['Gate: ✅ FAIL', 'unreadable'],
    ['Gate: P\u200BA S S', 'unreadable']
  ])('%s is %s', (line, kind) => {
    const { declared, problems } = read(line)
    expect(problems).toEqual([kind])
    expect(declared).toBeNull()
  })

  it('leaves no declared PASS when the last gate-like line is a template', () => {
    const model = buildModel('# Plan\n\nGate: PASS\n\nText.\n\nGate: PASS / FAIL\n')
    expect(model.gates.map((gate) => gate.value)).toEqual(['PASS'])
    expect(model.declaredGate).toBeNull()
  })

  it('reads a PASS that comes after an old template line', () => {
    const model = buildModel('# Plan\n\nGate: PASS / FAIL\n\nText.\n\nGate: PASS\n')
    expect(model.declaredGate).toMatchObject({ value: 'PASS', line: 7 })
  })
})

describe('lines that are not about the gate', () => {
  it.each([
    'GATE: Must pass before Phase 0 research.',
    'Post-Design Gate: PASS',
    'Gate status: all checks',
    'The gate: PASS or FAIL is decided later',
    'Gate: Passport renewal',
    'Gate pass criteria: all green',
    'Gates: see below',
    'Gateway: PASS',
    'Gate: (see below)'
  ])('%s', (line) => {
    expect(readGateLine(line, 1, 1)).toBeNull()
    expect(read(line)).toEqual({ declared: null, problems: [] })
  })
})

describe('two verdicts, one of them ticked', () => {
  it.each(['Gate: PASSED [x] fail', 'Gate: [x] PASS / FAIL'])('%s is a gate no one can read as one verdict', (text) => {
    expect(readGateLine(text, 1, 1)?.kind).toBe('unreadable')
  })
})

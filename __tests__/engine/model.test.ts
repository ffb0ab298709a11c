import { buildModel } from '../../src/engine/model.js'
import { parseGateLine } from '../../src/engine/gate-line.js'
import { matchTitle, normalizeTitle } from '../../src/engine/text.js'

describe('heading normalisation', () => {
  it.each([
    ['## 3. Architecture Overview', 'architecture overview'],
    ['3.2) Architecture Overview:', 'architecture overview'],
    ['🏗️ Architecture & Overview', 'architecture and overview'],
    ['Step 4 - Risks Register', 'risks register'],
    ['IV. Security & Privacy', 'security and privacy'],
    ['[RISK MITIGATION]', 'risk mitigation'],
    ['**Readiness Checklist**', 'readiness checklist'],
    ['Interfaces + Contracts', 'interfaces and contracts']
  ])('%s → %s', (title, expected) => {
    expect(normalizeTitle(title.replace(/^#+\s*/, '').replace(/\*\*/g, ''))).toBe(expected)
  })

  it('matches whole words only, and says how well', () => {
    expect(matchTitle('spec gaps and assumptions', 'spec gaps')).toBe('prefix')
    expect(matchTitle('key decisions and rationale', 'key decisions and rationale')).toBe('exact')
    expect(matchTitle('the risks', 'risks')).toBe('contains')
    expect(matchTitle('riskless design', 'risk')).toBeNull()
  })
})

describe('plan model', () => {
  const text = [
    '---',
    'title: front matter is not a heading',
    '---',
    '# Plan',
    '',
    '## 1. Overview',
    '',
    '**Language/Version**: Python 3.12',
    '**Storage:** Postgres 16',
    '- **Owner**: Billing team',
    '',
    '```md',
    '## Not a heading',
    '- [ ] not a task',
    'Gate: PASS',
    '```',
    '',
    '<!--',
    '## Not a heading either',
    'Gate: FAIL — hidden',
    '-->',
    '',
    '> ## Quoted heading',
    '> - [ ] quoted task',
    '> Gate: PASS',
    '',
    '### Checklist',
    '',
    '- [x] done',
    '  - [ ] nested open',
    '',
    '| A | B |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    '**Gate:** ✅ PASS',
    ''
  ].join('\n')
  const model = buildModel(text)

  it('finds only real headings, with levels, ranges and parents', () => {
    expect(model.headings.map((heading) => [heading.title, heading.level, heading.line, heading.endLine, heading.parent])).toEqual([
      ['Plan', 1, 4, 36, null],
      ['1. Overview', 2, 6, 36, 0],
      ['Checklist', 3, 27, 36, 1]
    ])
  })

  it('finds task items outside code, comments and quotes, with the box column', () => {
    expect(model.tasks.map((task) => [task.checked, task.text, task.line, task.column])).toEqual([
      [true, 'done', 29, 3],
      [false, 'nested open', 30, 5]
    ])
  })

  it('reads labelled fields in both bold styles and in list items', () => {
    expect(model.fields.map((field) => [field.label, field.value, field.line, field.column])).toEqual([
      ['Language/Version', 'Python 3.12', 8, 1],
      ['Storage', 'Postgres 16', 9, 1],
      ['Owner', 'Billing team', 10, 3],
      ['Gate', '✅ PASS', 36, 1]
    ])
  })

  it('reads tables with cell positions', () => {
    expect(model.tables).toHaveLength(1)
    expect(model.tables[0]!.header.map((cell) => cell.text)).toEqual(['A', 'B'])
    expect(model.tables[0]!.rows[0]!.map((cell) => [cell.text, cell.line, cell.column])).toEqual([
      ['1', 34, 1],
      ['2', 34, 5]
    ])
  })

  it('sees only the gate line outside code, comments and quotes', () => {
    expect(model.gates).toEqual([{ value: 'PASS', reason: null, line: 36, column: 1 }])
  })

  it('keeps line numbers for CRLF files', () => {
    const crlf = buildModel('# A\r\n\r\n## B\r\n\r\nGate: PASS\r\n')
    expect(crlf.headings.map((heading) => heading.line)).toEqual([1, 3])
    expect(crlf.gates[0]?.line).toBe(5)
    expect(crlf.lines).toHaveLength(5)
  })
})

describe('gate lines', () => {
  it.each([
    ['Gate: PASS', 'PASS', null],
    ['GATE: PASS.', 'PASS', null],
    ['Gate: ✅ PASS', 'PASS', null],
    ['- Gate: FAIL — spec gap G-2 is blocked', 'FAIL', 'spec gap G-2 is blocked'],
    ['Gate: FAIL - waiting on security review', 'FAIL', 'waiting on security review'],
    ['Gate: FAIL – owner missing', 'FAIL', 'owner missing'],
    ['Gate: FAIL: owners missing', 'FAIL', 'owners missing'],
    ['Gate: FAIL (risks not reviewed)', 'FAIL', 'risks not reviewed'],
    ['Gate: FAIL', 'FAIL', null]
  ])('%s', (line, value, reason) => {
    expect(parseGateLine(line, 1, 1)).toEqual({ value, reason, line: 1, column: 1 })
  })

  it.each(['GATE: Must pass before Phase 0 research.', 'Post-Design Gate: PASS', 'Gate status: all checks', 'The gate: PASS or FAIL is decided later', 'Gate: Passport renewal'])(
    'is not fooled by %s',
    (line) => {
      expect(parseGateLine(line, 1, 1)).toBeNull()
    }
  )
})

// A parser that overflows its stack or throws must fail the plan, not the run.
// The nesting guard keeps real inputs from getting here, so the parser is
// replaced by one that fails on demand.
import { jest } from '@jest/globals'

let failure: Error | null = null
jest.unstable_mockModule('../../src/engine/parse/markdown.js', () => ({
  parseMarkdown: () => {
    if (failure) throw failure
    return { type: 'root', children: [] }
  }
}))

const { checkPlan } = await import('../../src/engine/check.js')
const { preset } = await import('./support.js')

describe('a parser failure', () => {
  afterEach(() => {
    failure = null
  })

  it('from stack overflow is plan-unparseable and fails the plan', async () => {
    failure = new RangeError('Maximum call stack size exceeded')
    const result = checkPlan({ file: 'plan.md', content: '# Plan\n\nGate: PASS\n' }, { rubric: await preset('generic'), rubricSource: 'test' })
    expect(result.verdict).toBe('FAIL')
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity, finding.message])).toEqual([
      ['plan-unparseable', 'error', 'The plan could not be parsed: its nesting is too deep for the parser']
    ])
    expect(result.declaredGate).toBeNull()
  })

  it('of any other kind is plan-unparseable too, even when the rubric switches the rule off', async () => {
    failure = new TypeError('unexpected token')
    const rubric = { ...(await preset('generic')), rules: { 'plan-unparseable': 'off' as const } }
    const result = checkPlan({ file: 'plan.md', content: '# Plan\n' }, { rubric, rubricSource: 'test', failOn: 'never' })
    expect(result.verdict).toBe('FAIL')
    expect(result.findings.map((finding) => finding.message)).toEqual(['The plan could not be parsed: the parser failed (unexpected token)'])
  })
})

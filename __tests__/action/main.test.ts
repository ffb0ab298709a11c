import { jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'
import { finding, plan, runResult } from '../../__fixtures__/github.js'
import { ConfigError } from '../../src/rubric/errors.js'

jest.unstable_mockModule('@actions/core', () => core)

const { conclusion, run } = await import('../../src/action/main.js')

describe('run', () => {
  const saved = { ...process.env }

  beforeEach(() => {
    jest.resetAllMocks()
  })

  afterEach(() => {
    process.env = { ...saved }
  })

  test('a bad input fails the step with a message naming it, before any work', async () => {
    core.useInputs({ token: 't', 'fail-on': 'sometimes' })
    await run()
    expect(core.setFailed).toHaveBeenCalledWith('plan-gate failed, so the gate fails: Input "fail-on" must be one of "error", "warning", "never"; got "sometimes"')
  })

  test('an unsupported event fails the step, and the token is masked first', async () => {
    core.useInputs({ token: 'secret-token' })
    process.env['GITHUB_EVENT_NAME'] = 'issues'
    process.env['GITHUB_REPOSITORY'] = 'o/r'
    await run()
    expect(core.setSecret).toHaveBeenCalledWith('secret-token')
    expect(core.setSecret.mock.invocationCallOrder[0]).toBeLessThan(core.setFailed.mock.invocationCallOrder[0] ?? 0)
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^plan-gate failed, so the gate fails: plan-gate does not run on "issues" events/))
  })
})

describe('conclusion', () => {
  const failing = runResult([
    plan('a/plan.md', [finding(), finding({ severity: 'warning', message: 'w' })]),
    plan('b/plan.md', [finding({ severity: 'warning', message: 'w' })])
  ])

  test('a failing gate names the failing plans and their counts', () => {
    expect(conclusion({ gate: 'FAIL', result: failing, configError: null, publishFailures: [] }, { failOn: 'error' })).toEqual({
      failure: 'plan-gate: 1 of 2 plans fail the gate: a/plan.md (1 error, 1 warning)',
      notice: null
    })
  })

  test('fail-on never reports instead of failing', () => {
    const { failure, notice } = conclusion({ gate: 'FAIL', result: failing, configError: null, publishFailures: [] }, { failOn: 'never' })
    expect(failure).toBeNull()
    expect(notice).toMatch(/fail-on is "never", so the step passes/)
  })

  test('PASS and SKIPPED pass; a write that failed for good fails even then', () => {
    expect(conclusion({ gate: 'PASS', result: runResult([]), configError: null, publishFailures: [] }, { failOn: 'error' }).failure).toBeNull()
    expect(conclusion({ gate: 'SKIPPED', result: runResult([]), configError: null, publishFailures: [] }, { failOn: 'error' }).failure).toBeNull()
    expect(conclusion({ gate: 'PASS', result: runResult([]), configError: null, publishFailures: ['Could not create the comment'] }, { failOn: 'never' }).failure).toBe(
      'plan-gate: Could not create the comment'
    )
  })

  test('a configuration error fails whatever fail-on says, listing every problem', () => {
    const error = new ConfigError([
      { file: '.github/plan-gate.yml', line: 3, column: 13, path: 'plans[0].rubric', message: 'unknown preset "x"' },
      { file: 'rubrics/team.yml', line: 1, column: 1, path: '', message: 'the file is empty' }
    ])
    expect(conclusion({ gate: 'FAIL', result: null, configError: error, publishFailures: [] }, { failOn: 'never' }).failure).toBe(
      [
        'plan-gate: the configuration is invalid, so no plan was checked and the gate fails:',
        '  .github/plan-gate.yml:3:13: plans[0].rubric: unknown preset "x"',
        '  rubrics/team.yml:1:1: the file is empty'
      ].join('\n')
    )
  })
})

describe('conclusion with many failing plans', () => {
  test('names the first ten and counts the rest, so the failure stays one readable annotation', () => {
    const many = runResult(Array.from({ length: 300 }, (_, index) => plan(`plans/${String(index).padStart(3, '0')}/${'deep/'.repeat(100)}plan.md`, [finding()])))
    const { failure } = conclusion({ gate: 'FAIL', result: many, configError: null, publishFailures: [] }, { failOn: 'error' })
    expect(failure).toMatch(/^plan-gate: 300 of 300 plans fail the gate: plans\/000\//)
    expect(failure).toContain('plans/009/')
    expect(failure).not.toContain('plans/010/')
    expect(failure).toMatch(/; and 290 more \(the job summary lists them\)$/)
  })
})

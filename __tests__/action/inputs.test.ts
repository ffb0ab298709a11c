import { jest } from '@jest/globals'
import * as core from '../../__fixtures__/core.js'

jest.unstable_mockModule('@actions/core', () => core)

const { getInputs, InputError } = await import('../../src/action/inputs.js')

describe('getInputs', () => {
  beforeEach(() => {
    jest.resetAllMocks()
  })

  test('an empty input takes action.yml default, so a bare run behaves like the runner', () => {
    core.useInputs({ token: 't0k3n' })
    expect(getInputs({})).toEqual({
      token: 't0k3n',
      config: '.github/plan-gate.yml',
      configRef: 'base',
      files: null,
      comment: 'always',
      review: true,
      failOn: 'error',
      maxInlineComments: 30,
      scan: 'changed',
      sarifFile: null,
      timing: { delayScale: 1, requestTimeoutMs: 30_000 }
    })
  })

  test('scan is changed or all', () => {
    core.useInputs({ token: 't', scan: 'all' })
    expect(getInputs({}).scan).toBe('all')
    core.useInputs({ token: 't', scan: 'everything' })
    expect(() => getInputs({})).toThrow(/Input "scan" must be one of "changed", "all"/)
  })

  test('sarif-file is resolved against the workspace, as upload-sarif reads it', () => {
    core.useInputs({ token: 't', 'sarif-file': 'reports/plans.sarif' })
    expect(getInputs({ GITHUB_WORKSPACE: '/home/runner/work/r/r' }).sarifFile).toBe('/home/runner/work/r/r/reports/plans.sarif')
    core.useInputs({ token: 't', 'sarif-file': 'reports/' })
    expect(() => getInputs({})).toThrow(/Input "sarif-file" must name a file/)
  })

  test('reads every input by its action.yml name', () => {
    core.useInputs({
      token: 't',
      config: './config/gate.yml',
      'config-ref': 'head',
      files: 'docs/**/plan.md\n\n  ./rfcs/*.md  ',
      comment: 'on-failure',
      review: 'false',
      'fail-on': 'warning',
      'max-inline-comments': '0'
    })
    const inputs = getInputs({ PLAN_GATE_DELAY_SCALE: '0.01', PLAN_GATE_REQUEST_TIMEOUT_MS: '500' })
    expect(inputs).toMatchObject({
      config: 'config/gate.yml',
      configRef: 'head',
      files: ['docs/**/plan.md', 'rfcs/*.md'],
      comment: 'on-failure',
      review: false,
      failOn: 'warning',
      maxInlineComments: 0,
      timing: { delayScale: 0.01, requestTimeoutMs: 500 }
    })
    expect(core.getInput).toHaveBeenCalledWith('max-inline-comments')
  })

  test.each([
    [{ token: '' }, /Input "token" is empty/],
    [{ 'config-ref': 'main' }, /Input "config-ref" must be one of "base", "head"; got "main"/],
    [{ comment: 'sometimes' }, /Input "comment" must be one of "always", "on-failure", "never"/],
    [{ review: 'yes' }, /Input "review" must be true or false; got "yes"/],
    [{ 'fail-on': 'errors' }, /Input "fail-on" must be one of "error", "warning", "never"/],
    [{ 'max-inline-comments': '-1' }, /Input "max-inline-comments" must be a whole number from 0 to 1000; got "-1"/],
    [{ 'max-inline-comments': '2.5' }, /whole number/],
    [{ 'max-inline-comments': '5000' }, /whole number/],
    [{ config: '../outside.yml' }, /Input "config" must be a path inside the repository/],
    [{ files: '/etc/**' }, /Input "files": "\/etc\/\*\*" is outside the repository/]
  ])('refuses %o with a message naming the input', (values, message) => {
    core.useInputs({ token: 't', ...values })
    expect(() => getInputs({})).toThrow(InputError)
    expect(() => getInputs({})).toThrow(message)
  })

  test.each([
    [{ PLAN_GATE_DELAY_SCALE: '2' }, /PLAN_GATE_DELAY_SCALE/],
    [{ PLAN_GATE_DELAY_SCALE: 'fast' }, /PLAN_GATE_DELAY_SCALE/],
    [{ PLAN_GATE_REQUEST_TIMEOUT_MS: '0' }, /PLAN_GATE_REQUEST_TIMEOUT_MS/]
  ])('refuses timing %o', (env, message) => {
    core.useInputs({ token: 't' })
    expect(() => getInputs(env)).toThrow(message)
  })
})

// The action's SARIF report for code scanning: written on every run that
// checks, named by the `sarif` output (or put where `sarif-file` says), valid
// against the SARIF 2.1.0 schema, with one result per finding.

import { jest } from '@jest/globals'
import { example, PLAN_PATH, pullRequestScenario, session } from '../../test-support/action-run.js'
import { validateSarif } from '../../test-support/sarif-schema.js'

jest.setTimeout(120_000)

interface SarifLog {
  runs: Array<{ tool: { driver: { name: string; version: string } }; results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>
}

test.concurrent('a pull request: the sarif output names a valid SARIF file under RUNNER_TEMP with every finding', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(result.outputs['sarif']).toMatch(/runner-temp\/plan-gate-[^/]+\/report\.sarif$/)
    expect(validateSarif(result.sarif)).toEqual({ valid: true, errors: [] })
    const log = result.sarif as SarifLog
    const findings = Number(result.outputs['errors']) + Number(result.outputs['warnings'])
    expect(findings).toBeGreaterThan(0)
    expect(log.runs[0]!.results).toHaveLength(findings)
    expect(new Set(log.runs[0]!.results.map((item) => item.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set([PLAN_PATH]))
  })
})

test.concurrent('no plan changed: a SARIF file with no results, so an upload closes old alerts', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('fail-placeholders') }, { 'README.md': '# Project\n\nMore.\n' })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.outputs['gate']).toBe('SKIPPED')
    expect(validateSarif(result.sarif).valid).toBe(true)
    expect((result.sarif as SarifLog).runs[0]!.results).toEqual([])
  })
})

test.concurrent('a run on the checkout with sarif-file: the report is written in the workspace where upload-sarif looks', async () => {
  await session(null, async ({ run }) => {
    const result = await run({
      eventName: 'workflow_dispatch',
      inputs: { 'sarif-file': 'reports/plans.sarif' },
      workspace: { [PLAN_PATH]: example('pass-complete'), 'README.md': 'hi\n' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['sarif']).toMatch(/\/workspace\/reports\/plans\.sarif$/)
    expect(validateSarif(result.sarif).valid).toBe(true)
    expect((result.sarif as SarifLog).runs[0]!.tool.driver.name).toBe('plan-gate')
  })
})

test.concurrent('an invalid configuration: no SARIF file, and the sarif output is empty', async () => {
  const scenario = pullRequestScenario({ '.github/plan-gate.yml': 'plans: 3\n' }, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(result.outputs['sarif']).toBe('')
    expect(result.sarif).toBeNull()
  })
})

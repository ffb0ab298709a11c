// dist/index.js is also the script of the action's checking workers, and the
// engine reaches the action as chunks loaded after the first requests. A
// plan that would hold the parser for far longer than the budget shows both:
// only a worker can be stopped mid-parse, so a verdict at the deadline means
// the plan was parsed in a worker started from the action's own bundle.

import { jest } from '@jest/globals'
import { hostileCase } from '../../scripts/hostile-plans.mjs'
import { PLAN_PATH, pullRequestScenario, session } from '../../test-support/action-run.js'

jest.setTimeout(120_000)

const BUDGET_MS = 1500

test('a plan the parser cannot finish within limits.parseTimeoutMs fails as plan-unparseable at the deadline', async () => {
  const config = `plans:\n  - files: "${PLAN_PATH}"\n    rubric: spec-dev\nlimits:\n  parseTimeoutMs: ${BUDGET_MS}\n`
  // Without a deadline this plan takes minutes: remark's emphasis matching is quadratic on it.
  const scenario = pullRequestScenario({ '.github/plan-gate.yml': config }, { [PLAN_PATH]: String(hostileCase('emphasis-soup-1m').generate()) })
  await session(scenario, async ({ run }) => {
    const started = Date.now()
    const result = await run()

    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(1)
    expect(result.outputs['gate']).toBe('FAIL')
    const report = result.report as { plans: Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }> }
    expect(report.plans.map((plan) => ({ file: plan.file, findings: plan.findings.map((finding) => finding.ruleId) }))).toEqual([{ file: PLAN_PATH, findings: ['plan-unparseable'] }])
    expect(report.plans[0]?.findings[0]?.message).toMatch(/^The plan could not be parsed within 1\.5 s/)
    // The budget plus start-up and GitHub, well short of what the parse alone would take.
    expect(Date.now() - started).toBeLessThan(60_000)
  })
})

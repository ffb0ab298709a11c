// The bundled action against the fake GitHub: waivers and the baseline read
// from the base commit, and phase order (tasks wait for their plan).

import { jest } from '@jest/globals'
import { example, PLAN_PATH, pullRequestScenario, session } from '../../test-support/action-run.js'

jest.setTimeout(120_000)

const CONFIG = '.github/plan-gate.yml'
const TASKS = '.spec-dev/active-dev/active-tasks.md'
const MAPPING = 'plans:\n  - files: ".spec-dev/**/active-plan.md"\n    rubric: spec-dev\n'
const WAIVER = `${MAPPING}waivers:\n  - files: "${PLAN_PATH}"\n    rule: placeholder\n    reason: clarified in the kickoff; the text follows\n`
const unfinished = (): string => example('pass-complete').replace(/\n## 12. Risks Register/, '\nNEEDS CLARIFICATION: the retention period.\n\n## 12. Risks Register')

interface Report {
  verdict: string
  plans: Array<{ file: string; verdict: string; findings: Array<{ ruleId: string; message: string }>; waived?: Array<{ ruleId: string; waiver: { reason: string } }> }>
}

test.concurrent('a waiver in the base config excuses a finding: shown as waived, the plan passes', async () => {
  expect(unfinished()).toContain('NEEDS CLARIFICATION')
  const scenario = pullRequestScenario({ [CONFIG]: WAIVER }, { [PLAN_PATH]: unfinished() })
  await session(scenario, async ({ run }) => {
    const result = await run()
    const report = result.report as Report
    expect(result.exitCode).toBe(0)
    expect(report.plans[0]!.findings.filter((finding) => finding.ruleId === 'placeholder')).toEqual([])
    expect(report.plans[0]!.waived?.map((finding) => [finding.ruleId, finding.waiver.reason])).toEqual([
      ['placeholder', 'clarified in the kickoff; the text follows'],
      ['gate-contradiction', 'every finding that contradicted the declared PASS is waived']
    ])
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain('**Waived**')
  })
})

test.concurrent('a waiver the pull request adds to the config does not apply to it', async () => {
  const scenario = pullRequestScenario({ [CONFIG]: MAPPING }, { [CONFIG]: WAIVER, [PLAN_PATH]: unfinished() })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect((result.report as Report).plans[0]!.waived).toBeUndefined()
  })
})

test.concurrent('tasks added while the plan beside them fails: the tasks fail, naming the plan, which is checked though unchanged', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('fail-placeholders') }, { [TASKS]: '# Tasks\n\n- [ ] T001 Build it\n' })
  await session(scenario, async ({ run }) => {
    const result = await run()
    const report = result.report as Report
    expect(result.exitCode).toBe(1)
    expect(report.plans.map((plan) => [plan.file, plan.verdict])).toEqual([
      [PLAN_PATH, 'FAIL'],
      [TASKS, 'FAIL']
    ])
    const [finding] = report.plans[1]!.findings
    expect(finding?.ruleId).toBe('phase-order')
    expect(finding?.message).toContain(`its plan ${PLAN_PATH} does not pass`)
  })
})

test.concurrent('tasks added once the plan passes: the gate passes', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('pass-complete') }, { [TASKS]: '# Tasks\n\n- [ ] T001 Build it\n' })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect((result.report as Report).plans.map((plan) => [plan.file, plan.verdict])).toEqual([
      [PLAN_PATH, 'PASS'],
      [TASKS, 'PASS']
    ])
  })
})

test.concurrent('the merge queue and a push hold tasks to the plan as the pull request does, and apply the base config\'s waivers', async () => {
  const s = pullRequestScenario({ [CONFIG]: WAIVER, [PLAN_PATH]: example('fail-placeholders') }, { [TASKS]: '# Tasks\n\n- [ ] T001 Build it\n' })
  await session(s, async ({ run }) => {
    const summary = (result: { report: unknown }) => (result.report as Report).plans.map((plan) => [plan.file, plan.verdict, plan.findings.map((finding) => finding.ruleId).join(' '), (plan.waived ?? []).length])
    const pull = await run()
    expect(pull.exitCode).toBe(1)
    expect(summary(pull).map(([file]) => file)).toEqual([PLAN_PATH, TASKS])
    const group = await run({ eventName: 'merge_group', payload: { merge_group: { base_sha: s.base, head_sha: s.head } }, sha: s.head })
    expect(group.exitCode).toBe(1)
    expect(summary(group)).toEqual(summary(pull))
    const pushed = await run({ eventName: 'push', payload: { before: s.base, after: s.head, ref: 'refs/heads/main', repository: { default_branch: 'main' } }, sha: s.head })
    expect(summary(pushed)).toEqual(summary(pull))
    expect((summary(pull)[0]![3] as number) > 0).toBe(true)
  })
})

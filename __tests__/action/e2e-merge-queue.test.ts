// The merge queue and pushes judge what the pull request judged: the plans
// the commits change, with the config from where the changes start, read
// through the API (no checkout) — never every old plan in the repository.

import { jest } from '@jest/globals'
import { example, PLAN_PATH, pullRequestScenario, session, type ActionRun } from '../../test-support/action-run.js'

jest.setTimeout(120_000)

const CONFIG = '.github/plan-gate.yml'
const STRICT = 'plans:\n  - files: ["**/.spec-dev/**/*plan.md"]\n    rubric: spec-dev\n  - files: ["**/plan.md"]\n    rubric: generic\n'
// A pull request that tries to map its own failing plan to a lax rubric.
const LAX = 'plans:\n  - files: ["**/*.md"]\n    rubric:\n      extends: generic\n      sections: []\n'

function scenario() {
  return pullRequestScenario(
    {
      [CONFIG]: STRICT,
      // An old failing plan nobody touches: it must not block the queue.
      'archive/old/plan.md': '# Old plan\n\nTBD\n'
    },
    { [PLAN_PATH]: example('fail-unchecked-readiness'), 'docs/feature/plan.md': example('pass-complete'), [CONFIG]: LAX }
  )
}

function verdicts(run: ActionRun) {
  const report = run.report as { plans: Array<{ file: string; rubric: string; verdict: string; findings: Array<{ ruleId: string; line: number; column: number }> }> }
  return report.plans.map((plan) => ({ file: plan.file, rubric: plan.rubric, verdict: plan.verdict, findings: plan.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`) }))
}

test.concurrent('merge_group and push check the same plans, with the same verdict, as the pull request', async () => {
  const s = scenario()
  await session(s, async ({ run }) => {
    const pull = await run()
    expect(pull.outputs['gate']).toBe('FAIL')
    const expected = verdicts(pull)
    expect(expected.map((plan) => plan.file)).toEqual([PLAN_PATH, 'docs/feature/plan.md'])
    expect(expected.find((plan) => plan.file === PLAN_PATH)?.rubric).toBe('spec-dev')

    const group = await run({ eventName: 'merge_group', payload: { merge_group: { base_sha: s.base, head_sha: s.head, base_ref: 'refs/heads/main', head_ref: 'refs/heads/gh-readonly-queue/main/pr-7' } }, sha: s.head })
    expect(group.exitCode).toBe(1)
    expect(group.outputs['gate']).toBe('FAIL')
    expect(verdicts(group)).toEqual(expected)
    expect(group.stdout).toContain("Checking the plans changed in the merge group's changes")
    expect(group.stdout).toContain(`Rubrics from ${CONFIG} at base ${s.base.slice(0, 7)}`)

    const pushed = await run({ eventName: 'push', payload: { before: s.base, after: s.head, ref: 'refs/heads/main', repository: { default_branch: 'main' } }, sha: s.head })
    expect(pushed.exitCode).toBe(1)
    expect(verdicts(pushed)).toEqual(expected)

    const newBranch = await run({ eventName: 'push', payload: { before: '0'.repeat(40), after: s.head, ref: 'refs/heads/feature/plan', repository: { default_branch: 'main' } }, sha: s.head })
    expect(verdicts(newBranch)).toEqual(expected)
    expect(newBranch.stdout).toMatch(/a new branch \(no "before" commit\): its changes from the default branch main/)
  })
})

test.concurrent('a merge group that changes no plan is SKIPPED, although old plans fail', async () => {
  const s = pullRequestScenario({ [CONFIG]: STRICT, 'archive/old/plan.md': '# Old plan\n\nTBD\n' }, { 'README.md': '# Project\n\nMore.\n' })
  await session(s, async ({ run }) => {
    const group = await run({ eventName: 'merge_group', payload: { merge_group: { base_sha: s.base, head_sha: s.head } }, sha: s.head })
    expect(group.exitCode).toBe(0)
    expect(group.outputs).toMatchObject({ gate: 'SKIPPED', plans: '0' })
    expect(group.summary).toContain('no plan changed')
  })
})

test.concurrent('a push that deletes a branch has nothing to check: SKIPPED, without a checkout', async () => {
  await session(null, async ({ run }) => {
    const deleted = await run({ eventName: 'push', payload: { before: 'a'.repeat(40), after: '0'.repeat(40), ref: 'refs/heads/gone', deleted: true, repository: { default_branch: 'main' } } })
    expect(deleted.exitCode).toBe(0)
    expect(deleted.outputs['gate']).toBe('SKIPPED')
  })
})

test.concurrent('the first push of the default branch checks every plan in the pushed commit, and says so', async () => {
  const s = pullRequestScenario({ [CONFIG]: STRICT, 'archive/old/plan.md': '# Old plan\n\nTBD\n' }, { [PLAN_PATH]: example('pass-complete') })
  await session(s, async ({ run }) => {
    const first = await run({ eventName: 'push', payload: { before: '0'.repeat(40), after: s.head, ref: 'refs/heads/main', repository: { default_branch: 'main' } }, sha: s.head })
    expect(first.stdout).toMatch(/first push of the default branch/)
    expect(verdicts(first).map((plan) => plan.file)).toEqual([PLAN_PATH, 'archive/old/plan.md'].sort())
  })
})

// The bundled action against the fake GitHub: which plans a pull request
// changes, where the configuration comes from, and the events without a
// pull request.

import { jest } from '@jest/globals'
import { syntheticFiles, type FakeGitHub } from '../../test-support/fake-github/index.js'
import { example, PLAN_PATH, pullRequestPayload, pullRequestScenario, push, session } from '../../test-support/action-run.js'

// Scenarios run concurrently and queue for a CPU slot per action run, so a
// test's clock starts before its first run does.
jest.setTimeout(120_000)

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}'
const TREES = '/repos/{owner}/{repo}/git/trees/{tree_sha}'
const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'
const CONFIG = '.github/plan-gate.yml'

/** The refs at which `path` was read through the contents API. */
function contentReads(gh: FakeGitHub, path: string): Array<string | undefined> {
  return gh.log.find('GET', CONTENTS).filter((entry) => entry.params['path'] === path).map((entry) => entry.query['ref'])
}

test.concurrent('no plan changed: SKIPPED, exit 0, no comment, no plan read', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('fail-placeholders') }, { 'README.md': '# Project\n\nMore words.\n' })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ gate: 'SKIPPED', plans: '0', errors: '0', warnings: '0', 'comment-url': '' })
    expect(result.summary).toContain('## ✅ plan-gate: no plan changed')
    expect(result.report).toEqual({ version: 1, verdict: 'PASS', plans: [] })
    expect(scenario.repo.commentsOnIssue(7)).toEqual([])
    expect(contentReads(gh, PLAN_PATH)).toEqual([])
    expect(gh.log.writes()).toEqual([])
  })
})

test.concurrent('a pull request that stops changing its plan: the old comment says so and the inline comments go', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ run }) => {
    expect((await run()).exitCode).toBe(1)
    const [comment] = scenario.repo.commentsOnIssue(7)
    expect(scenario.repo.commentsOnPullRequest(7).length).toBeGreaterThan(0)

    push(scenario, { [PLAN_PATH]: null })
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(result.outputs['gate']).toBe('SKIPPED')
    const after = scenario.repo.commentsOnIssue(7)
    expect(after.map((item) => item.id)).toEqual([comment?.id])
    expect(after[0]?.body).toContain('## ✅ plan-gate: no plan changed')
    expect(after[0]?.body).not.toContain('NEEDS CLARIFICATION')
    expect(scenario.repo.commentsOnPullRequest(7)).toEqual([])
  })
})

test.concurrent('a removed plan is not checked', async () => {
  const scenario = pullRequestScenario(
    { [PLAN_PATH]: example('fail-placeholders'), 'docs/plan.md': '# Old plan\n' },
    { [PLAN_PATH]: null, 'docs/plan.md': null }
  )
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(scenario.pr.files.map((file) => file.status)).toEqual(['removed', 'removed'])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['gate']).toBe('SKIPPED')
    expect(contentReads(gh, PLAN_PATH)).toEqual([])
    expect(contentReads(gh, 'docs/plan.md')).toEqual([])
  })
})

test.concurrent('a config added by the pull request cannot exempt its plan: the config is read at the base', async () => {
  const exempt = 'plans:\n  - files: "docs/**/plan.md"\n    rubric: generic\n'
  const scenario = pullRequestScenario({}, { [CONFIG]: exempt, [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.outputs['gate']).toBe('FAIL')
    expect(contentReads(gh, CONFIG)).toEqual([scenario.base])
    expect(contentReads(gh, PLAN_PATH)).toEqual([scenario.head])
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain(`built-in defaults (no ${CONFIG} at base ${scenario.base.slice(0, 7)})`)

    // config-ref: head is the opt-in for trusting the pull request's own config.
    const trusting = await run({ job: 'trusting', inputs: { 'config-ref': 'head' } })
    expect(trusting.exitCode).toBe(0)
    expect(trusting.outputs['gate']).toBe('SKIPPED')
  })
})

test.concurrent('rubric files a config extends are read at the base too', async () => {
  const config = 'plans:\n  - files: "**/active-plan.md"\n    rubric: rubrics/team.yml\n'
  const scenario = pullRequestScenario(
    { [CONFIG]: config, 'rubrics/team.yml': 'extends: spec-dev\nname: team\n' },
    { 'rubrics/team.yml': 'extends: spec-dev\nname: team-relaxed\nrules:\n  checklist-unchecked: "off"\n  gate-contradiction: "off"\n', [PLAN_PATH]: example('fail-unchecked-readiness') }
  )
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.report).toMatchObject({ plans: [{ rubric: 'team', verdict: 'FAIL' }] })
    expect(contentReads(gh, 'rubrics/team.yml')).toEqual([scenario.base])
  })
})

test.concurrent('a broken config in the base fails the check, listing every problem as file:line:col', async () => {
  const broken = ['plans:', '  - files: "**/active-plan.md"', '    rubric: spec-devv', '  - files: "/srv/**/plan.md"', '    rubric: generic', ''].join('\n')
  const scenario = pullRequestScenario({ [CONFIG]: broken }, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: '0', report: '' })
    expect(result.failure).toMatch(/^plan-gate: the configuration is invalid, so no plan was checked and the gate fails:\n/)
    expect(result.failure).toMatch(/\n {2}\.github\/plan-gate\.yml:3:13: plans\[0\]\.rubric: unknown preset "spec-devv"; did you mean "spec-dev"\?/)
    expect(result.failure).toMatch(/\n {2}\.github\/plan-gate\.yml:4:\d+: plans\[1\]\.files: "\/srv\/\*\*\/plan\.md" is outside the repository/)
    const located = result.annotations.filter((annotation) => annotation.properties['file'] === CONFIG)
    expect(located.map((annotation) => annotation.properties['line']).sort()).toEqual(['3', '4'])
    expect(result.summary).toContain('## ❌ plan-gate: the configuration is invalid')
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain('.github/plan-gate.yml:3:13')
    expect(contentReads(gh, PLAN_PATH)).toEqual([])
  })
})

test.concurrent('more than 3000 changed files: a plan past the listing cap is found through the git trees and checked', async () => {
  // `.generated/` sorts before `.spec-dev/`, so the plan is file 3002 and the listing never shows it.
  const scenario = pullRequestScenario({}, { ...syntheticFiles(3001, { dir: '.generated' }), [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(scenario.pr.files).toHaveLength(3002)
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: '1' })
    expect(result.stdout).toContain('files listing (3000 of 3002 files) completed from the git trees (2 more)')
    expect(gh.log.count('GET', TREES)).toBe(2)
    expect(contentReads(gh, PLAN_PATH)).toEqual([scenario.head])
    // No patch for it, so nothing inline; the comment and annotations carry the findings.
    expect(gh.log.count('POST', REVIEWS)).toBe(0)
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain('NEEDS CLARIFICATION')
  })
})

test.concurrent('findings outside the diff stay out of the review (no 422) and are in the comment and annotations', async () => {
  const scenario = pullRequestScenario(
    { [PLAN_PATH]: example('fail-unchecked-readiness') },
    { [PLAN_PATH]: example('fail-unchecked-readiness').replace('error-prone.', 'error-prone, as the audit confirmed.') }
  )
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(gh.log.count('POST', REVIEWS)).toBe(0)
    expect(gh.log.entries.filter((entry) => entry.status === 422)).toEqual([])
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain('Telemetry, alerts and runbook updates specified.')
    expect(result.annotations.filter((annotation) => annotation.properties['file'] === PLAN_PATH).map((annotation) => annotation.properties['line'])).toEqual(['128', '123', '124'])
  })
})

test.concurrent('a re-run of an older commit checks that commit and leaves the comments to the newest one', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  const oldPayload = pullRequestPayload(scenario.repo, scenario.pr)
  await session(scenario, async ({ gh, run }) => {
    push(scenario, { [PLAN_PATH]: example('pass-complete') })
    expect((await run()).exitCode).toBe(0)
    const comments = scenario.repo.commentsOnIssue(7).map((comment) => ({ ...comment }))
    gh.log.clear()

    const rerun = await run({ payload: oldPayload })
    expect(rerun.exitCode).toBe(1)
    expect(rerun.outputs).toMatchObject({ gate: 'FAIL', 'comment-url': '' })
    expect(rerun.stdout).toContain('git trees (the files listing describes a newer head)')
    expect(gh.log.writes()).toEqual([])
    expect(scenario.repo.commentsOnIssue(7)).toEqual(comments)
  })
})

test.concurrent('pull_request_target works the same, from the API alone (the workspace is empty)', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ run }) => {
    const result = await run({ eventName: 'pull_request_target', payload: pullRequestPayload(scenario.repo, scenario.pr, { fork: true }) })

    expect(result.exitCode).toBe(1)
    expect(result.outputs['gate']).toBe('FAIL')
    expect(scenario.repo.commentsOnIssue(7)).toHaveLength(1)
    expect(scenario.repo.reviewsOn(7)).toHaveLength(1)
  })
})

describe('with scan: all, events without a pull request check the whole checkout', () => {
  test.concurrent('merge_group: a failing plan fails, with annotations and summary, and no API call', async () => {
    await session(null, async ({ gh, run }) => {
      const result = await run({
        eventName: 'merge_group',
        inputs: { scan: 'all' },
        payload: { merge_group: { base_sha: 'e'.repeat(40), head_sha: 'f'.repeat(40) } },
        sha: 'f'.repeat(40),
        workspace: { [PLAN_PATH]: example('fail-placeholders'), 'README.md': 'hi\n' }
      })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: '1', errors: '3', 'comment-url': '' })
      expect(result.annotations.some((annotation) => annotation.properties['file'] === PLAN_PATH)).toBe(true)
      expect(result.summary).toContain('## ❌ plan-gate: the plan fails the gate')
      expect(gh.log.entries).toEqual([])
    })
  })

  test.concurrent('push: a passing plan passes; the files input picks other plans, with the generic rubric', async () => {
    await session(null, async ({ run }) => {
      const workspace = { [PLAN_PATH]: example('pass-complete'), 'docs/notes.md': '# Notes\n\nNothing here yet.\n' }
      const passing = await run({ eventName: 'push', payload: { before: 'e'.repeat(40), after: 'f'.repeat(40) }, inputs: { scan: 'all' }, workspace })
      expect(passing.exitCode).toBe(0)
      expect(passing.outputs).toMatchObject({ gate: 'PASS', plans: '1' })

      const selected = await run({ eventName: 'workflow_dispatch', workspace, inputs: { files: 'docs/*.md' } })
      expect(selected.report).toMatchObject({ plans: [{ file: 'docs/notes.md', rubric: 'generic' }] })
    })
  })

  test.concurrent('without a checkout the step fails instead of passing an empty workspace', async () => {
    await session(null, async ({ run }) => {
      const result = await run({ eventName: 'merge_group', payload: { merge_group: { base_sha: 'e'.repeat(40), head_sha: 'f'.repeat(40) } }, inputs: { scan: 'all' } })
      expect(result.exitCode).toBe(1)
      expect(result.failure).toMatch(/GITHUB_WORKSPACE \(.*\) is empty\. On "merge_group" events plan-gate checks the plans in the checkout: add actions\/checkout/)
    })
  })

  test.concurrent('any other event fails with a clear message', async () => {
    await session(null, async ({ run }) => {
      const result = await run({ eventName: 'issue_comment' })
      expect(result.exitCode).toBe(1)
      expect(result.failure).toMatch(/plan-gate does not run on "issue_comment" events/)
      expect(result.outputs['gate']).toBeUndefined()
    })
  })
})

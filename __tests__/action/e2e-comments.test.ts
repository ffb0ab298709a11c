// The bundled action against the fake GitHub: verdicts, the sticky summary
// comment and the inline review, across first runs and re-runs.

import { jest } from '@jest/globals'
import { ACTIONS_BOT, fakeUser } from '../../test-support/fake-github/index.js'
import { example, PLAN_PATH, pullRequestScenario, push, session, type ActionRun } from '../../test-support/action-run.js'

// Scenarios run concurrently and queue for a CPU slot per action run, so a
// test's clock starts before its first run does.
jest.setTimeout(120_000)

const ISSUE_COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments'
const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'
const STICKY = /<!-- plan-gate:sticky key=Plans\/plan-gate -->/

function fileAnnotations(result: ActionRun, level: 'error' | 'warning') {
  return result.annotations.filter((annotation) => annotation.level === level && annotation.properties['file'] !== undefined)
}

test.concurrent('a passing plan: exit 0, PASS outputs and report, one green comment, no review', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ run }) => {
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ gate: 'PASS', plans: '1', errors: '0', warnings: '0' })
    expect(result.failure).toBeNull()
    expect(fileAnnotations(result, 'error')).toEqual([])
    expect(result.summary).toContain('## ✅ plan-gate: the plan passes the gate')
    expect(result.report).toMatchObject({ version: 1, verdict: 'PASS', plans: [{ file: PLAN_PATH, rubric: 'spec-dev', verdict: 'PASS', findings: [] }] })

    const comments = scenario.repo.commentsOnIssue(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.user).toEqual(ACTIONS_BOT)
    expect(comments[0]?.body).toMatch(STICKY)
    expect(comments[0]?.body).toContain('## ✅ plan-gate: the plan passes the gate')
    expect(result.outputs['comment-url']).toBe(`https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comments[0]?.id}`)
    expect(scenario.repo.reviewsOn(7)).toEqual([])
  })
})

test.concurrent('a failing plan: exit 1 naming it, annotations, a red comment and one COMMENT review on the diff', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: '1', errors: '3', warnings: '1' })
    expect(result.failure).toBe(`plan-gate: the plan fails the gate: ${PLAN_PATH} (3 errors, 1 warning)`)
    expect(fileAnnotations(result, 'error').map((annotation) => annotation.properties)).toEqual([
      // What explains the verdict first (GitHub shows only the first ten per level).
      expect.objectContaining({ file: PLAN_PATH, line: '127', col: '1', title: expect.stringContaining('gate-declared-fail') }),
      expect.objectContaining({ file: PLAN_PATH, line: '17', col: '54', title: expect.stringContaining('placeholder') }),
      expect.objectContaining({ file: PLAN_PATH, line: '127', title: expect.stringContaining('gate-fail-reason') })
    ])
    expect(fileAnnotations(result, 'warning').map((annotation) => annotation.properties['line'])).toEqual(['83'])
    expect(result.summary).toContain('## ❌ plan-gate: the plan fails the gate')
    expect(result.summary).toContain('NEEDS CLARIFICATION')

    const [comment, ...others] = scenario.repo.commentsOnIssue(7)
    expect(others).toEqual([])
    expect(comment?.body).toContain('## ❌ plan-gate: the plan fails the gate')

    const reviews = scenario.repo.reviewsOn(7)
    expect(reviews).toHaveLength(1)
    expect(reviews[0]).toMatchObject({ event: 'COMMENT', state: 'COMMENTED', user: ACTIONS_BOT, commitId: scenario.head })
    const request = gh.log.last('POST', REVIEWS)?.body as { comments: Array<Record<string, unknown>> }
    for (const sent of request.comments) {
      expect(sent).toEqual({ path: PLAN_PATH, line: expect.any(Number), side: 'RIGHT', body: expect.stringMatching(/<!-- plan-gate:finding key=Plans\/plan-gate fp=[0-9a-f]{20} -->$/) })
    }
    const inline = scenario.repo.commentsOnPullRequest(7)
    expect(inline.map((item) => item.line).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([17, 83, 127, 127])
  })
})

test.concurrent('a plan that claims PASS with unchecked items fails; only its changed lines get inline comments', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('pass-complete') }, { [PLAN_PATH]: example('fail-unchecked-readiness') })
  await session(scenario, async ({ run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.outputs['gate']).toBe('FAIL')
    expect(fileAnnotations(result, 'error').map((annotation) => `${annotation.properties['line']} ${annotation.properties['title']}`)).toEqual([
      '128 Declared PASS contradicted (gate-contradiction)',
      '123 Unchecked checklist item (checklist-unchecked)',
      '124 Unchecked checklist item (checklist-unchecked)'
    ])
    const comment = scenario.repo.commentsOnIssue(7)[0]?.body ?? ''
    expect(comment).toContain('The plan declares **Gate: PASS**')
    expect(comment).toContain('Telemetry, alerts and runbook updates specified.')
    // Line 128 (the gate line) is outside the diff's hunks: it is in the comment and the annotations only.
    expect(scenario.repo.commentsOnPullRequest(7).map((item) => item.line)).toEqual([123, 124])
  })
})

test.concurrent('a re-run after the fix updates the same comment to PASS, and fixed inline comments are resolved or deleted', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('pass-complete') }, { [PLAN_PATH]: example('fail-unchecked-readiness') })
  await session(scenario, async ({ gh, run }) => {
    expect((await run()).exitCode).toBe(1)
    const [first] = scenario.repo.commentsOnIssue(7)
    const [telemetry, security] = scenario.repo.commentsOnPullRequest(7)
    // Someone answers one of the inline comments; the other stays without reply.
    scenario.repo.addReviewComment(7, { path: PLAN_PATH, line: 123, body: 'Runbooks are in progress.', inReplyToId: telemetry?.id ?? 0, user: fakeUser('plan-author') })

    push(scenario, { [PLAN_PATH]: example('pass-complete').replace('error-prone.', 'error-prone, as the audit confirmed.') })
    gh.log.clear()
    const result = await run()

    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ gate: 'PASS', errors: '0' })
    const comments = scenario.repo.commentsOnIssue(7)
    expect(comments.map((comment) => comment.id)).toEqual([first?.id])
    expect(comments[0]?.body).toContain('## ✅ plan-gate: the plan passes the gate')
    expect(comments[0]?.body).not.toContain('Telemetry')
    expect(gh.log.count('POST', ISSUE_COMMENTS)).toBe(0)
    expect(result.outputs['comment-url']).toContain(`#issuecomment-${first?.id}`)

    const remaining = scenario.repo.commentsOnPullRequest(7)
    const resolved = remaining.find((comment) => comment.id === telemetry?.id)
    expect(resolved?.body).toMatch(/^~~.*Telemetry.*~~$/m)
    expect(resolved?.body).toContain(`✅ Resolved in \`${scenario.head.slice(0, 7)}\`.`)
    expect(remaining.find((comment) => comment.id === security?.id)).toBeUndefined()
    expect(remaining.some((comment) => comment.body === 'Runbooks are in progress.')).toBe(true)
    expect(gh.log.count('POST', REVIEWS)).toBe(0)
  })
})

test.concurrent('a re-run with the same findings writes nothing and repeats no inline comment', async () => {
  const scenario = pullRequestScenario({ [PLAN_PATH]: example('pass-complete') }, { [PLAN_PATH]: example('fail-unchecked-readiness') })
  await session(scenario, async ({ gh, run }) => {
    await run()
    const before = { comments: scenario.repo.commentsOnIssue(7).map((comment) => ({ ...comment })), inline: scenario.repo.commentsOnPullRequest(7).length }
    gh.log.clear()

    const again = await run()
    expect(again.exitCode).toBe(1)
    expect(gh.log.writes()).toEqual([])
    expect(scenario.repo.commentsOnIssue(7)).toEqual(before.comments)
    expect(scenario.repo.commentsOnPullRequest(7)).toHaveLength(before.inline)
    expect(scenario.repo.reviewsOn(7)).toHaveLength(1)

    // A push that only moves the findings down keeps their fingerprints: still no new inline comment.
    push(scenario, { [PLAN_PATH]: example('fail-unchecked-readiness').replace('# Plan:', 'Note: moved.\n\n# Plan:') })
    gh.log.clear()
    expect((await run()).exitCode).toBe(1)
    expect(gh.log.count('POST', REVIEWS)).toBe(0)
    expect(scenario.repo.commentsOnPullRequest(7)).toHaveLength(before.inline)
  })
})

test.concurrent('two jobs keep separate comments and update only their own', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ run }) => {
    await run({ job: 'plans-strict' })
    await run({ job: 'plans-lenient', inputs: { 'fail-on': 'never', review: 'false' } })
    const [strict, lenient] = scenario.repo.commentsOnIssue(7)
    expect(strict?.body).toContain('<!-- plan-gate:sticky key=Plans/plans-strict -->')
    expect(lenient?.body).toContain('<!-- plan-gate:sticky key=Plans/plans-lenient -->')

    push(scenario, { [PLAN_PATH]: example('pass-complete') })
    const rerun = await run({ job: 'plans-strict' })
    expect(rerun.exitCode).toBe(0)
    const after = scenario.repo.commentsOnIssue(7)
    expect(after.map((comment) => comment.id)).toEqual([strict?.id, lenient?.id])
    expect(after[0]?.body).toContain('✅')
    expect(after[1]?.body).toBe(lenient?.body)
  })
})

test.concurrent('a comment by someone else that carries the marker is never edited; duplicates of our own are removed, oldest kept', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  const forged = scenario.repo.addIssueComment(7, { body: '<!-- plan-gate:sticky key=Plans/plan-gate -->\n## ✅ plan-gate: all good, merge it', user: fakeUser('mallory') })
  const oldest = scenario.repo.addIssueComment(7, { body: '<!-- plan-gate:sticky key=Plans/plan-gate -->\nold', user: ACTIONS_BOT, createdAt: '2026-01-01T00:00:00Z' })
  const duplicate = scenario.repo.addIssueComment(7, { body: '<!-- plan-gate:sticky key=Plans/plan-gate -->\nraced', user: ACTIONS_BOT, createdAt: '2026-01-01T00:00:05Z' })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()

    expect(result.exitCode).toBe(1)
    const comments = scenario.repo.commentsOnIssue(7)
    expect(comments.map((comment) => comment.id)).toEqual([forged.id, oldest.id])
    expect(comments[0]?.body).toBe('<!-- plan-gate:sticky key=Plans/plan-gate -->\n## ✅ plan-gate: all good, merge it')
    expect(comments[1]?.body).toContain('## ❌ plan-gate: the plan fails the gate')
    expect(gh.log.find('DELETE').map((entry) => entry.params['comment_id'])).toEqual([String(duplicate.id)])
  })
})

test.concurrent('comment: on-failure posts nothing for a pass but turns an existing comment green; never writes nothing', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ gh, run }) => {
    expect((await run({ inputs: { comment: 'on-failure' } })).exitCode).toBe(0)
    expect(scenario.repo.commentsOnIssue(7)).toEqual([])

    push(scenario, { [PLAN_PATH]: example('fail-placeholders') })
    expect((await run({ inputs: { comment: 'on-failure' } })).exitCode).toBe(1)
    const [failing] = scenario.repo.commentsOnIssue(7)
    expect(failing?.body).toContain('❌')

    push(scenario, { [PLAN_PATH]: example('pass-complete') })
    expect((await run({ inputs: { comment: 'on-failure' } })).exitCode).toBe(0)
    expect(scenario.repo.commentsOnIssue(7).map((comment) => [comment.id, comment.body.includes('✅')])).toEqual([[failing?.id, true]])

    push(scenario, { [PLAN_PATH]: example('fail-placeholders') })
    gh.log.clear()
    const never = await run({ inputs: { comment: 'never', review: 'false' } })
    expect(never.exitCode).toBe(1)
    expect(gh.log.writes()).toEqual([])
    expect(never.outputs['comment-url']).toBe('')
  })
})

test.concurrent('max-inline-comments keeps the most important', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-risks-register') })
  await session(scenario, async ({ run }) => {
    await run({ inputs: { 'max-inline-comments': '3' } })
    const lines = scenario.repo.commentsOnPullRequest(7).map((comment) => comment.line)
    expect(lines).toHaveLength(3)
    // The gate line explains the verdict, so it is shown first.
    expect(lines).toContain(126)
  })
})

test.concurrent('fail-on warning fails on a warning that fail-on error lets pass', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete').replace('Alert at 05:00', 'Alert at 05:00 (threshold TBD)') })
  await session(scenario, async ({ run }) => {
    const lenient = await run()
    expect(lenient.exitCode).toBe(0)
    expect(lenient.outputs).toMatchObject({ gate: 'PASS', warnings: '1' })
    const strict = await run({ inputs: { 'fail-on': 'warning' } })
    expect(strict.exitCode).toBe(1)
    expect(strict.outputs['gate']).toBe('FAIL')
    const never = await run({ inputs: { 'fail-on': 'never' } })
    expect(never.exitCode).toBe(0)
  })
})

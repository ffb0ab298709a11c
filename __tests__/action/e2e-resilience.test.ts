// The bundled action against a fake GitHub that misbehaves: read-only
// tokens, 5xx answers, rate limits, hanging connections and refused reviews.
// The verdict must never change because of them, and a failure GitHub does
// not recover from must fail the check, never pass it.

import { jest } from '@jest/globals'
import { FAKE_TOKENS, PERSONAL_USER } from '../../test-support/fake-github/index.js'
import { example, PLAN_PATH, pullRequestPayload, pullRequestScenario, push, session } from '../../test-support/action-run.js'

// Scenarios run concurrently and queue for a CPU slot per action run, so a
// test's clock starts before its first run does.
jest.setTimeout(120_000)

const FILES = '/repos/{owner}/{repo}/pulls/{pull_number}/files'
const PULL = '/repos/{owner}/{repo}/pulls/{pull_number}'
const CONTENTS = '/repos/{owner}/{repo}/contents/{path}'
const ISSUE_COMMENTS = '/repos/{owner}/{repo}/issues/{issue_number}/comments'
const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'

test.concurrent('a fork with a read-only token: the gate still fails, summary and annotations show the gaps, a warning says how to get comments', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    const result = await run({ token: FAKE_TOKENS.read, payload: pullRequestPayload(scenario.repo, scenario.pr, { fork: true }) })

    expect(result.exitCode).toBe(1)
    expect(result.stderr).toBe('')
    expect(result.outputs).toMatchObject({ gate: 'FAIL', errors: '3', 'comment-url': '' })
    expect(result.failure).toBe(`plan-gate: the plan fails the gate: ${PLAN_PATH} (3 errors, 1 warning)`)
    expect(result.summary).toContain('## ❌ plan-gate: the plan fails the gate')
    expect(result.annotations.filter((annotation) => annotation.level === 'error' && annotation.properties['file'] === PLAN_PATH)).toHaveLength(3)
    const warning = result.annotations.find((annotation) => annotation.level === 'warning' && annotation.properties['file'] === undefined)
    expect(warning?.message).toMatch(/could not comment on pull request #7: the token may not write to it/)
    expect(warning?.message).toMatch(/run plan-gate on `pull_request_target` instead/)
    expect(scenario.repo.commentsOnIssue(7)).toEqual([])
    expect(scenario.repo.reviewsOn(7)).toEqual([])
    // One refused write, then no more attempts.
    expect(gh.log.writes().map((entry) => `${entry.method} ${entry.route} ${entry.status}`)).toEqual([`POST ${ISSUE_COMMENTS} 403`])
    // The token appears only where it is registered as a secret, which the runner masks from then on.
    expect(result.stdout.split(FAKE_TOKENS.read)).toHaveLength(2)
    expect(result.stdout).toContain(`::add-mask::${FAKE_TOKENS.read}`)
  })
})

test.concurrent('502s, a 503, a 500 on a write and a secondary rate limit are retried; the run ends as if nothing happened', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    gh.inject({ method: 'GET', route: FILES, times: 2, fault: { status: 502 } })
    gh.inject({ method: 'GET', route: CONTENTS, times: 1, fault: { status: 503 } })
    gh.inject({ method: 'POST', route: ISSUE_COMMENTS, times: 1, fault: { secondaryRateLimit: { retryAfter: 1 } } })
    gh.inject({ method: 'POST', route: REVIEWS, times: 1, fault: { status: 500 } })
    const started = Date.now()
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.failure).toBe(`plan-gate: the plan fails the gate: ${PLAN_PATH} (3 errors, 1 warning)`)
    expect(gh.log.entries.filter((entry) => entry.fault !== null).map((entry) => entry.fault).sort()).toEqual(['secondary-rate-limit', 'status-500', 'status-502', 'status-502', 'status-503'])
    expect(gh.log.count('GET', FILES)).toBe(3)
    expect(scenario.repo.commentsOnIssue(7)).toHaveLength(1)
    expect(scenario.repo.reviewsOn(7)).toHaveLength(1)
    expect(result.stdout).toContain("GitHub's secondary rate limit hit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments; retrying after 1 s")
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})

test.concurrent('a connection that hangs is cut at the request timeout and retried', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ gh, run }) => {
    gh.inject({ method: 'GET', route: PULL, times: 1, fault: { timeout: 5_000 } })
    const result = await run({ env: { PLAN_GATE_REQUEST_TIMEOUT_MS: '300' } })

    expect(result.exitCode).toBe(0)
    expect(result.outputs['gate']).toBe('PASS')
    expect(result.stdout).toMatch(/GET .*\/pulls\/7 got no answer within 300 ms/)
    expect(gh.log.count('GET', PULL)).toBe(2)
  })
})

test.concurrent('an API failure that outlives the retries fails the check, naming the call, even for a passing plan', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ gh, run }) => {
    gh.inject({ method: 'GET', route: FILES, times: 100, fault: { status: 502 } })
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.failure).toBe(
      'plan-gate failed, so the gate fails: Could not list the files of pull request #7: GitHub answered 502 Server Error and kept doing so through every retry'
    )
    expect(gh.log.count('GET', FILES)).toBe(4)
    expect(result.outputs['gate']).toBeUndefined()
    expect(gh.log.writes()).toEqual([])
  })
})

test.concurrent('a comment that cannot be written for good fails the check after the gate has been reported', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ gh, run }) => {
    gh.inject({ method: 'POST', route: ISSUE_COMMENTS, times: 100, fault: { status: 502 } })
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.outputs['gate']).toBe('PASS')
    expect(result.summary).toContain('✅')
    expect(result.failure).toMatch(/^plan-gate: Could not create the plan-gate comment on pull request #7: GitHub answered 502/)
  })
})

test.concurrent('a review GitHub refuses (422) costs the inline comments, never the verdict', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ gh, run }) => {
    gh.inject({ method: 'POST', route: REVIEWS, times: 1, fault: { status: 422, body: { message: 'Unprocessable Entity', errors: ['Line could not be resolved'], documentation_url: 'https://docs.github.com/rest', status: '422' } } })
    const result = await run()

    expect(result.exitCode).toBe(1)
    expect(result.failure).toBe(`plan-gate: the plan fails the gate: ${PLAN_PATH} (3 errors, 1 warning)`)
    const warning = result.annotations.find((annotation) => annotation.level === 'warning' && annotation.properties['file'] === undefined)
    expect(warning?.message).toMatch(/GitHub refused the inline review, so this run adds no inline comments/)
    expect(gh.log.count('POST', REVIEWS)).toBe(1)
    expect(scenario.repo.commentsOnPullRequest(7)).toEqual([])
    expect(scenario.repo.commentsOnIssue(7)).toHaveLength(1)

    // A passing plan with a refused review still passes.
    push(scenario, { [PLAN_PATH]: example('pass-complete') })
    expect((await run()).exitCode).toBe(0)
  })
})

test.concurrent('with a personal token, GET /user names the account whose comment is updated', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-placeholders') })
  await session(scenario, async ({ run }) => {
    await run({ token: FAKE_TOKENS.personal })
    push(scenario, { [PLAN_PATH]: example('pass-complete') })
    const result = await run({ token: FAKE_TOKENS.personal })

    expect(result.exitCode).toBe(0)
    const comments = scenario.repo.commentsOnIssue(7)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.user).toEqual(PERSONAL_USER)
    expect(comments[0]?.body).toContain('✅')
    expect(scenario.repo.commentsOnPullRequest(7).every((comment) => comment.user.login === PERSONAL_USER.login)).toBe(true)
  })
})

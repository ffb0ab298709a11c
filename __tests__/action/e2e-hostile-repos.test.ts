// The bundled action against the fake GitHub, on repositories built to make it
// look away: plans at paths no one can see, comments that only look like
// plan-gate's, pushes that make a plan unreadable, and reports past GitHub's
// limits. Every hostile repository here is made by the test.

import { jest } from '@jest/globals'
import { ACTIONS_BOT, MAX_BODY_CHARS, syntheticFiles } from '../../test-support/fake-github/index.js'
import {
  ANNOTATIONS_PER_LEVEL,
  example,
  PLAN_PATH,
  pullRequestScenario,
  push,
  session,
  SUMMARY_LIMIT_BYTES,
  type ActionRun
} from '../../test-support/action-run.js'
import { fingerprintMarker } from '../../src/github/fingerprint.js'

jest.setTimeout(240_000)

const REVIEWS = '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'
const STICKY = '<!-- plan-gate:sticky key=Plans/plan-gate -->'

/** A generic plan with an unfinished placeholder: it fails wherever it is. */
const FAILING_GENERIC = '# Plan\n\n## Summary\n\nNEEDS CLARIFICATION\n\n## Technical Approach\n\nWe will build it.\n'

function fileAnnotations(result: ActionRun) {
  return result.annotations.filter((annotation) => annotation.properties['file'] !== undefined)
}

describe('class 6: paths no one can see', () => {
  const hidden = ['docs/line\nfeed/plan.md', 'docs/carriage\rreturn/plan.md', 'docs/line\u2028separator/plan.md', 'docs/x\n::error::forged by the path/plan.md']

  test.concurrent('a pull request: every plan under a directory named with a line break is checked, annotated and commented inline', async () => {
    const scenario = pullRequestScenario({}, Object.fromEntries(hidden.map((path) => [path, FAILING_GENERIC])))
    await session(scenario, async ({ run }) => {
      const result = await run()
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: String(hidden.length) })
      expect((result.report as { plans: Array<{ file: string }> }).plans.map((plan) => plan.file).sort()).toEqual([...hidden].sort())
      // Each path arrives whole as the annotation's file, escaped on the way.
      expect(new Set(fileAnnotations(result).map((annotation) => annotation.properties['file']))).toEqual(new Set(hidden))
      // No path starts a workflow command of its own in the log.
      expect(result.stdout.split(/\r?\n|\u2028/).filter((line) => line.startsWith('::error::forged'))).toEqual([])
      // The failure message names the paths with their line breaks shown.
      expect(result.failure).toContain('docs/line\\u2028separator/plan.md')
      expect(result.stdout).toContain('docs/line\\u000Afeed/plan.md')
      const comment = scenario.repo.commentsOnIssue(7)[0]?.body ?? ''
      expect(comment).toContain('docs/line\\u000Afeed/plan.md')
      expect(comment).toContain('docs/line\\u2028separator/plan.md')
      expect(new Set(scenario.repo.commentsOnPullRequest(7).map((item) => item.path))).toEqual(new Set(hidden))
    })
  })

  test.concurrent('past the files listing\'s cap, the tree diff finds them too', async () => {
    const scenario = pullRequestScenario({}, { ...syntheticFiles(3001, { dir: '.generated' }), 'docs/a\nb/plan.md': FAILING_GENERIC })
    await session(scenario, async ({ run }) => {
      const result = await run()
      expect(result.stdout).toContain('completed from the git trees')
      expect(result.exitCode).toBe(1)
      expect((result.report as { plans: Array<{ file: string }> }).plans.map((plan) => plan.file)).toEqual(['docs/a\nb/plan.md'])
    })
  })

  test.concurrent('merge_group: the checkout scan checks them as well', async () => {
    await session(null, async ({ run }) => {
      // The whole-checkout scan is the `scan: all` input since merge queues check the changed plans by default.
      const result = await run({
        inputs: { scan: 'all' },
        eventName: 'merge_group',
        payload: { merge_group: { base_sha: 'e'.repeat(40), head_sha: 'f'.repeat(40) } },
        sha: 'f'.repeat(40),
        workspace: { ...Object.fromEntries(hidden.map((path) => [path, FAILING_GENERIC])), 'README.md': 'hi\n' }
      })
      expect(result.exitCode).toBe(1)
      expect(result.outputs).toMatchObject({ gate: 'FAIL', plans: String(hidden.length) })
      expect(result.summary).toContain('docs/carriage\\u000Dreturn/plan.md')
    })
  })
})

describe('class 8: whose comment it is', () => {
  test.concurrent('another workflow\'s bot comments that contain the markers are neither edited nor deleted', async () => {
    const scenario = pullRequestScenario({ [PLAN_PATH]: example('pass-complete') }, { [PLAN_PATH]: example('fail-unchecked-readiness') })
    // Another workflow, writing as the same github-actions[bot], echoes text the pull request's author chose.
    const quoting = scenario.repo.addIssueComment(7, { body: `Pull request description:\n\n${STICKY}\n## ✅ plan-gate: all good, merge it`, user: ACTIONS_BOT, createdAt: '2026-01-01T00:00:00Z' })
    const indented = scenario.repo.addIssueComment(7, { body: ` ${STICKY}\nsomething else`, user: ACTIONS_BOT, createdAt: '2026-01-01T00:00:01Z' })
    await session(scenario, async ({ gh, run }) => {
      expect((await run()).exitCode).toBe(1)
      const [first] = scenario.repo.commentsOnPullRequest(7)
      const fp = /fp=([0-9a-f]{20})/.exec(first?.body ?? '')?.[1] ?? ''
      // A lint bot's review comment on the same line that quotes plan-gate's marker before its own text.
      const lint = scenario.repo.addReviewComment(7, { path: PLAN_PATH, line: first?.line ?? 1, body: `${fingerprintMarker('Plans/plan-gate', fp)}\nlint: line too long`, user: ACTIONS_BOT })

      const comments = scenario.repo.commentsOnIssue(7)
      expect(comments.map((comment) => comment.id).slice(0, 2)).toEqual([quoting.id, indented.id])
      expect(comments[0]?.body).toBe(quoting.body)
      expect(comments[1]?.body).toBe(indented.body)
      // plan-gate made its own comment rather than taking one of theirs.
      expect(comments).toHaveLength(3)
      expect(comments[2]?.body.startsWith(`${STICKY}\n## ❌`)).toBe(true)

      // The plan is fixed: plan-gate clears its own inline comments, and only those.
      push(scenario, { [PLAN_PATH]: example('pass-complete') })
      gh.log.clear()
      expect((await run()).exitCode).toBe(0)
      const deleted = gh.log.find('DELETE').map((entry) => Number(entry.params['comment_id']))
      expect(deleted).not.toContain(quoting.id)
      expect(deleted).not.toContain(indented.id)
      expect(deleted).not.toContain(lint.id)
      expect(scenario.repo.commentsOnPullRequest(7).map((comment) => comment.id)).toEqual([lint.id])
      expect(scenario.repo.commentsOnPullRequest(7)[0]?.body).toBe(lint.body)
      expect(scenario.repo.commentsOnIssue(7).slice(0, 2).map((comment) => comment.body)).toEqual([quoting.body, indented.body])
    })
  })
})

describe('class 9: nothing lost when nothing was checked', () => {
  const unreadable: Array<[string, (plan: string) => string, string]> = [
    ['a NUL byte', (plan) => plan.replace('# Plan:', '# Plan:\u0000'), 'plan-encoding'],
    ['too large for the limit', (plan) => `${plan}\n${'Padding words for the size limit. '.repeat(2000)}\n`, 'plan-too-large'],
    ['nested past what can be parsed', (plan) => plan.replace('# Plan:', `${'> '.repeat(200)}deep\n\n# Plan:`), 'plan-unparseable']
  ]

  test.concurrent.each(unreadable)('a push that makes the plan unreadable (%s) keeps its inline comments; a real fix clears them', async (_name, spoil, ruleId) => {
    const config = 'plans:\n  - files: "**/.spec-dev/**/*plan.md"\n    rubric: spec-dev\nlimits:\n  maxPlanBytes: 32768\n'
    const scenario = pullRequestScenario({ '.github/plan-gate.yml': config, [PLAN_PATH]: example('pass-complete') }, { [PLAN_PATH]: example('fail-unchecked-readiness') })
    await session(scenario, async ({ gh, run }) => {
      expect((await run()).exitCode).toBe(1)
      const before = scenario.repo.commentsOnPullRequest(7).map((comment) => ({ id: comment.id, body: comment.body }))
      expect(before.length).toBeGreaterThan(0)

      push(scenario, { [PLAN_PATH]: spoil(example('fail-unchecked-readiness')) })
      gh.log.clear()
      const spoiled = await run()
      expect(spoiled.exitCode).toBe(1)
      expect((spoiled.report as { plans: Array<{ findings: Array<{ ruleId: string }> }> }).plans[0]?.findings.map((finding) => finding.ruleId)).toContain(ruleId)
      expect(gh.log.find('DELETE')).toEqual([])
      expect(gh.log.find('PATCH').filter((entry) => (entry.route ?? '').includes('/pulls/comments/'))).toEqual([])
      const after = scenario.repo.commentsOnPullRequest(7)
      for (const comment of before) expect(after.find((item) => item.id === comment.id)?.body).toBe(comment.body)

      push(scenario, { [PLAN_PATH]: example('pass-complete') })
      expect((await run()).exitCode).toBe(0)
      expect(scenario.repo.commentsOnPullRequest(7).filter((comment) => before.some((old) => old.id === comment.id))).toEqual([])
    })
  })
})

describe('class 10: GitHub\'s other limits', () => {
  test.concurrent('5,000 findings: the summary stays under 1 MiB and says where the full report is; annotations stay within the caps; comments within 65,536', async () => {
    const open = Array.from({ length: 5000 }, (_, index) => `- [ ] Item ${index}: the ${index}th point of @owner's design, still open`).join('\n')
    const plan = example('pass-complete').replace('## 13. Readiness Checklist\n', `## 13. Readiness Checklist\n\n${open}\n`)
    // A generous parse budget: on a loaded machine the default 10 s could end in plan-unparseable, which is safe but not this test.
    const config = 'plans:\n  - files: "**/.spec-dev/**/*plan.md"\n    rubric: spec-dev\nlimits:\n  parseTimeoutMs: 120000\n'
    const scenario = pullRequestScenario({ '.github/plan-gate.yml': config }, { [PLAN_PATH]: plan })
    await session(scenario, async ({ run }) => {
      const result = await run({ timeoutMs: 150_000 })
      expect(result.exitCode).toBe(1)
      expect(Number(result.outputs['errors'])).toBeGreaterThanOrEqual(5000)
      expect(result.summaryBytes).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
      expect(result.summary).toContain('This summary is shortened')
      expect(result.summary).toContain('(output `report-markdown`)')
      expect(result.summary).toContain('(output `report`)')
      // The full report is in the file the output names, longer than any summary may be.
      expect(Buffer.byteLength(result.reportMarkdown ?? '', 'utf8')).toBeGreaterThan(SUMMARY_LIMIT_BYTES)
      expect(result.reportMarkdown).toContain('Item 4999')
      // Every annotation plan-gate emits is one GitHub shows; the failure message among them; a notice counts the rest.
      expect(result.visibleAnnotations).toEqual(result.annotations)
      expect(result.annotations.filter((annotation) => annotation.level === 'error').length).toBeLessThanOrEqual(ANNOTATIONS_PER_LEVEL)
      expect(result.annotations.filter((annotation) => annotation.level === 'warning').length).toBeLessThanOrEqual(ANNOTATIONS_PER_LEVEL)
      expect(result.failure).toMatch(/^plan-gate: the plan fails the gate: \.spec-dev\/active-dev\/active-plan\.md/)
      expect(result.annotations.find((annotation) => annotation.level === 'notice')?.message).toMatch(/^plan-gate: \d+ more errors .*are not shown as annotations/)
      const comment = scenario.repo.commentsOnIssue(7)[0]?.body ?? ''
      expect(Array.from(comment).length).toBeLessThanOrEqual(MAX_BODY_CHARS)
      expect(scenario.repo.commentsOnPullRequest(7)).toHaveLength(30)
    })
  })

  test.concurrent('300 plans at long paths: summary under 1 MiB, comment cut to 65,536 with a pointer, every plan in the JSON report', async () => {
    const long = 'a-directory-name-long-enough-to-matter-in-every-table-row-and-link'
    const plans = Object.fromEntries(
      Array.from({ length: 300 }, (_, index) => [`plans/${String(index).padStart(3, '0')}/${`${long}/`.repeat(14)}plan.md`, FAILING_GENERIC])
    )
    const scenario = pullRequestScenario({}, plans)
    await session(scenario, async ({ run }) => {
      const result = await run({ inputs: { review: 'false' }, timeoutMs: 150_000 })
      expect(result.exitCode).toBe(1)
      expect(result.outputs['plans']).toBe('300')
      expect((result.report as { plans: unknown[] }).plans).toHaveLength(300)
      expect(result.summaryBytes).toBeLessThanOrEqual(SUMMARY_LIMIT_BYTES)
      expect(result.summary).toContain('This summary is shortened')
      const comment = scenario.repo.commentsOnIssue(7)[0]?.body ?? ''
      expect(Array.from(comment).length).toBeLessThanOrEqual(MAX_BODY_CHARS)
      expect(comment).toContain('This report was cut short')
      expect(result.failure).toMatch(/and 290 more \(the job summary lists them\)$/)
      expect(result.visibleAnnotations).toEqual(result.annotations)
    })
  })

  test.concurrent('a configuration with 30 problems: the first annotations GitHub shows, the failure among them, and a notice for the rest', async () => {
    const config = `plans:\n  - files: "**/plan.md"\n    rubric: generic\n${Array.from({ length: 30 }, (_, index) => `unknown${index}: 1\n`).join('')}`
    const scenario = pullRequestScenario({ '.github/plan-gate.yml': config }, { 'docs/plan.md': FAILING_GENERIC })
    await session(scenario, async ({ run }) => {
      const result = await run({ inputs: { review: 'false' } })
      expect(result.exitCode).toBe(1)
      expect(result.visibleAnnotations).toEqual(result.annotations)
      expect(result.failure).toMatch(/^plan-gate: the configuration is invalid/)
      expect(result.annotations.filter((annotation) => annotation.level === 'error' && annotation.properties['file'] === '.github/plan-gate.yml')).toHaveLength(ANNOTATIONS_PER_LEVEL - 1)
      expect(result.annotations.find((annotation) => annotation.level === 'notice')?.message).toMatch(/^plan-gate: 21 more configuration problems not shown as annotations/)
    })
  })

  test.concurrent('a finding that quotes 100,000 characters of plan text still makes an inline comment GitHub accepts', async () => {
    const title = '@'.repeat(50_000) + '#1'.repeat(25_000)
    const plan = `# Plan\n\n## Summary\n\nNEEDS CLARIFICATION\n\n## ${title}\n\nTBD\n\n## Technical Approach\n\nWe will build it.\n\nGate: FAIL — ${title}\n`
    const scenario = pullRequestScenario({}, { 'docs/plan.md': plan })
    await session(scenario, async ({ gh, run }) => {
      const result = await run()
      expect(result.exitCode).toBe(1)
      // The fake refuses a review whose comment bodies pass 65,536 characters, as GitHub does.
      expect(result.stdout).not.toContain('GitHub refused the inline review')
      expect(gh.log.count('POST', REVIEWS)).toBe(1)
      const inline = scenario.repo.commentsOnPullRequest(7)
      expect(inline.length).toBeGreaterThan(0)
      for (const comment of inline) expect(Array.from(comment.body).length).toBeLessThanOrEqual(MAX_BODY_CHARS)
    })
  })
})

// Every endpoint the action calls on a pull_request run, crossed with every
// failure GitHub produces in practice, injected once. Whatever the fault, a
// failing plan must never pass, nothing may be written twice, and the process
// must end with a message rather than a stack trace. What each cell did
// (retried, degraded, failed closed) is recorded so that the table can be
// published; print it with PLAN_GATE_PRINT_MATRIX=1.

import { jest } from '@jest/globals'
import { ACTIONS_BOT, startFakeGitHub, type Fault, type FakeGitHub } from '../../test-support/fake-github/index.js'
import { example, PLAN_PATH, pullRequestPayload, pullRequestScenario, runAction, type ActionRun, type Scenario } from '../../test-support/action-run.js'

jest.setTimeout(900_000)

const STICKY = /<!-- plan-gate:sticky key=Plans\/plan-gate -->/
const STACK_FRAME = /^\s+at .+/m
// Far longer than the request timeout the runs get, so a hang is always cut by the client.
const HANG_MS = 5_000
const RUN_ENV = { PLAN_GATE_REQUEST_TIMEOUT_MS: '300' }

interface Endpoint {
  label: string
  method: string
  route: string
  // The config (at base) and the plan (at head) share the contents route;
  // counting arrivals is the only way to aim a fault at one of them.
  nth: number
  read: boolean
}

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}'

// As a failing-plan run with an installation token calls them, in order.
const ENDPOINTS: Endpoint[] = [
  { label: 'GET contents (config @ base)', method: 'GET', route: CONTENTS, nth: 1, read: true },
  // At the default path the config may be `.yml` or `.yaml`: both are asked for, one after the other.
  { label: 'GET contents (.yaml config @ base)', method: 'GET', route: CONTENTS, nth: 2, read: true },
  { label: 'GET pulls/{n}', method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', nth: 1, read: true },
  { label: 'GET pulls/{n}/files', method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/files', nth: 1, read: true },
  // Without a config the built-in defaults look for spec-kit's plan template, at the base like the config.
  { label: 'GET contents (plan template @ base)', method: 'GET', route: CONTENTS, nth: 3, read: true },
  { label: 'GET contents (plan @ head)', method: 'GET', route: CONTENTS, nth: 4, read: true },
  { label: 'GET /user', method: 'GET', route: '/user', nth: 1, read: true },
  { label: 'GET issues/{n}/comments', method: 'GET', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', nth: 1, read: true },
  { label: 'POST issues/{n}/comments', method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', nth: 1, read: false },
  { label: 'GET pulls/{n}/comments', method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/comments', nth: 1, read: true },
  { label: 'POST pulls/{n}/reviews', method: 'POST', route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', nth: 1, read: false }
]

const FAULTS: Array<{ label: string; fault: Fault; transient: boolean }> = [
  { label: '500', fault: { status: 500 }, transient: true },
  { label: '502', fault: { status: 502 }, transient: true },
  { label: '503', fault: { status: 503 }, transient: true },
  { label: 'timeout', fault: { timeout: HANG_MS }, transient: true },
  { label: 'secondary rate limit', fault: { secondaryRateLimit: { retryAfter: 1 } }, transient: true },
  { label: '404', fault: { status: 404 }, transient: false },
  { label: '403', fault: { status: 403 }, transient: false },
  { label: '422', fault: { status: 422 }, transient: false },
  { label: 'malformed JSON', fault: { malformedJson: true }, transient: false }
]

type Outcome = 'retried' | 'tolerated' | 'degraded' | 'failed-closed' | 'not-fired' | 'unclassified'

interface Observed {
  result: ActionRun
  fired: boolean
  // `METHOD route` of the faulted endpoint.
  endpoint: string
  // Requests to the faulted endpoint.
  calls: number
  stickyComments: number
  botComments: number
  reviews: number
  violations: number
  // How often each `METHOD route` was requested.
  requests: Record<string, number>
}

function targeted(endpoint: Endpoint, fault: Fault | null): (gh: FakeGitHub) => (request: { method: string; route: string | null }) => number {
  return (gh) => {
    let seen = 0
    return ({ method, route }) => {
      // Called before the fake consults its fault queue, so arming here hits exactly this request.
      if (fault !== null && method === endpoint.method && route === endpoint.route && ++seen === endpoint.nth) {
        gh.inject({ method: endpoint.method, route: endpoint.route, times: 1, fault })
      }
      return 0
    }
  }
}

async function observe(planExample: string, endpoint: Endpoint, fault: Fault | null): Promise<Observed> {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: example(planExample) })
  let hook: (request: { method: string; route: string | null }) => number = () => 0
  const gh = await startFakeGitHub({ state: scenario.repo, latencyMs: (request) => hook(request) })
  hook = targeted(endpoint, fault)(gh)
  try {
    const result = await runAction({ gh, eventName: 'pull_request', payload: pullRequestPayload(scenario.repo, scenario.pr), env: RUN_ENV })
    const comments = scenario.repo.commentsOnIssue(7)
    return {
      result,
      fired: gh.log.entries.some((entry) => entry.fault !== null),
      endpoint: `${endpoint.method} ${endpoint.route}`,
      calls: gh.log.count(endpoint.method, endpoint.route),
      stickyComments: comments.filter((comment) => STICKY.test(comment.body)).length,
      botComments: comments.filter((comment) => comment.user.login === ACTIONS_BOT.login).length,
      reviews: scenario.repo.reviewsOn(7).length,
      violations: gh.schemaViolations.length,
      requests: gh.log.entries.reduce<Record<string, number>>((counts, entry) => {
        const name = `${entry.method} ${entry.route ?? entry.path}`
        counts[name] = (counts[name] ?? 0) + 1
        return counts
      }, {})
    }
  } finally {
    await gh.close()
  }
}

function generalWarnings(result: ActionRun): string[] {
  return result.annotations.filter((annotation) => annotation.level === 'warning' && annotation.properties['file'] === undefined).map((annotation) => annotation.message)
}

function classify(cell: Observed, baseline: Observed): Outcome {
  if (!cell.fired) return 'not-fired'
  const { result } = cell
  const same =
    result.exitCode === baseline.result.exitCode &&
    result.outputs['gate'] === baseline.result.outputs['gate'] &&
    result.failure === baseline.result.failure &&
    cell.stickyComments === baseline.stickyComments &&
    cell.reviews === baseline.reviews &&
    JSON.stringify(generalWarnings(result)) === JSON.stringify(generalWarnings(baseline.result))
  // A fault the action absorbs without asking again (e.g. GET /user, refused anyway) is not a retry.
  if (same) return cell.calls > (baseline.requests[cell.endpoint] ?? 0) ? 'retried' : 'tolerated'
  const fileAnnotations = (run: ActionRun): number => run.annotations.filter((annotation) => annotation.properties['file'] !== undefined).length
  const verdictDelivered =
    result.outputs['gate'] === baseline.result.outputs['gate'] && result.summary.includes('plan-gate') && fileAnnotations(result) === fileAnnotations(baseline.result)
  if (verdictDelivered) return 'degraded'
  if (result.failure !== null && result.failure.trim() !== '') return 'failed-closed'
  return 'unclassified'
}

// Each run is its own node process on a loaded machine; two at a time.
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

interface Cell {
  endpoint: Endpoint
  fault: (typeof FAULTS)[number]
}

const FAIL_CELLS: Cell[] = ENDPOINTS.flatMap((endpoint) => FAULTS.map((fault) => ({ endpoint, fault })))
const key = (cell: Cell): string => `${cell.endpoint.label} × ${cell.fault.label}`

// Cells that expose a defect in the action rather than in this test.
// (Empty: a truncated GET pulls/{n} body used to fail with a bare TypeError;
// the action now names the call.)
const KNOWN_BUGS = new Set<string>([])

const failing = new Map<string, { observed: Observed; outcome: Outcome }>()
let failBaseline: Observed

describe('a failing plan, one fault per endpoint', () => {
  beforeAll(async () => {
    const [baseline, ...cells] = await pool<Cell | null, Observed>([null, ...FAIL_CELLS], 2, (cell) =>
      observe('fail-unchecked-readiness', cell?.endpoint ?? ENDPOINTS[0]!, cell?.fault.fault ?? null)
    )
    failBaseline = baseline!
    FAIL_CELLS.forEach((cell, index) => {
      const observed = cells[index]!
      failing.set(key(cell), { observed, outcome: classify(observed, failBaseline) })
    })
  })

  test('the baseline calls every endpoint in the table and writes one comment and one review', () => {
    expect(failBaseline.result.exitCode).toBe(1)
    expect(failBaseline.result.outputs['gate']).toBe('FAIL')
    expect(failBaseline.stickyComments).toBe(1)
    expect(failBaseline.reviews).toBe(1)
    for (const endpoint of ENDPOINTS) expect(failBaseline.requests[`${endpoint.method} ${endpoint.route}`]).toBeGreaterThanOrEqual(endpoint.nth)
    // Nothing the table leaves out: every endpoint called is one of its rows.
    expect(Object.keys(failBaseline.requests).sort()).toEqual([...new Set(ENDPOINTS.map((endpoint) => `${endpoint.method} ${endpoint.route}`))].sort())
  })

  const check = (name: string): void => {
    const { observed, outcome } = failing.get(name)!
    const { result } = observed
    expect(outcome).not.toBe('not-fired')
    expect(outcome).not.toBe('unclassified')
    expect(result.exitCode).not.toBe(0)
    expect(result.exitCode).not.toBeNull()
    expect(result.outputs['gate']).not.toBe('PASS')
    expect(observed.stickyComments).toBeLessThanOrEqual(1)
    expect(observed.botComments).toBeLessThanOrEqual(1)
    expect(observed.reviews).toBeLessThanOrEqual(1)
    expect(observed.violations).toBe(0)
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(result.stdout).not.toMatch(STACK_FRAME)
    // Whatever went wrong, the check says why in one place.
    expect(result.failure).toEqual(expect.any(String))
    // Failing closed is only useful if the message says which call failed.
    if (outcome === 'failed-closed') expect(result.failure).toMatch(/^plan-gate failed, so the gate fails: (Could not [a-z]+ |\S+ is listed as changed)/)
  }
  const cellsNamed = (cells: Cell[]) => cells.map((cell) => [key(cell)] as const)

  test.each(cellsNamed(FAIL_CELLS.filter((cell) => !KNOWN_BUGS.has(key(cell)))))('%s: never PASS, no duplicates, no crash', check)
  // See KNOWN_BUGS; these start passing once the action is fixed, and must then move back above.
  if (KNOWN_BUGS.size > 0) test.failing.each(cellsNamed(FAIL_CELLS.filter((cell) => KNOWN_BUGS.has(key(cell)))))('%s: never PASS, no duplicates, no crash (known bug)', check)
})

// A passing plan with a fault that does not outlast the retries stays PASS;
// a plan or file list GitHub refuses to show is never taken for an empty one.
const PASS_READS = ENDPOINTS.filter((endpoint) => endpoint.read && endpoint.route !== '/user')
const PASS_TRANSIENT: Cell[] = PASS_READS.flatMap((endpoint) => FAULTS.filter((fault) => fault.transient).map((fault) => ({ endpoint, fault })))
const PASS_REFUSED: Cell[] = ENDPOINTS.filter((endpoint) => endpoint.label === 'GET pulls/{n}/files' || endpoint.label === 'GET contents (plan @ head)').flatMap((endpoint) =>
  FAULTS.filter((fault) => fault.label === '404' || fault.label === '403').map((fault) => ({ endpoint, fault }))
)
const passing = new Map<string, Observed>()

describe('a passing plan, one fault on a read', () => {
  beforeAll(async () => {
    const cells = [...PASS_TRANSIENT, ...PASS_REFUSED]
    const observed = await pool(cells, 2, (cell) => observe('pass-complete', cell.endpoint, cell.fault.fault))
    cells.forEach((cell, index) => passing.set(key(cell), observed[index]!))
  })

  test.each(PASS_TRANSIENT.map((cell) => [key(cell)] as const))('%s is retried and the plan still passes', (name) => {
    const { result, fired, violations } = passing.get(name)!
    expect(fired).toBe(true)
    expect(result.exitCode).toBe(0)
    expect(result.outputs['gate']).toBe('PASS')
    expect(violations).toBe(0)
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  test.each(PASS_REFUSED.map((cell) => [key(cell)] as const))('%s fails closed', (name) => {
    const { result, fired, violations } = passing.get(name)!
    expect(fired).toBe(true)
    expect(result.exitCode).not.toBe(0)
    expect(result.outputs['gate']).not.toBe('PASS')
    expect(result.failure).toEqual(expect.any(String))
    expect(violations).toBe(0)
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })
})

describe('two runs racing on one pull request', () => {
  test('leave exactly one sticky comment, the oldest, once a third run has followed', async () => {
    const scenario: Scenario = pullRequestScenario({}, { [PLAN_PATH]: example('fail-unchecked-readiness') })
    // Enough latency that both runs list the comments before either has posted.
    const gh = await startFakeGitHub({ state: scenario.repo, latencyMs: 40 })
    try {
      const run = (): Promise<ActionRun> => runAction({ gh, eventName: 'pull_request', payload: pullRequestPayload(scenario.repo, scenario.pr), env: RUN_ENV })
      const racing = await Promise.all([run(), run()])
      for (const result of racing) {
        expect(result.exitCode).toBe(1)
        expect(result.outputs['gate']).toBe('FAIL')
      }
      const afterRace = scenario.repo.commentsOnIssue(7).filter((comment) => STICKY.test(comment.body))
      expect(afterRace.length).toBeGreaterThanOrEqual(1)
      const oldest = Math.min(...afterRace.map((comment) => comment.id))

      const third = await run()
      expect(third.exitCode).toBe(1)
      expect(third.outputs['gate']).toBe('FAIL')
      const sticky = scenario.repo.commentsOnIssue(7).filter((comment) => STICKY.test(comment.body))
      expect(sticky.map((comment) => comment.id)).toEqual([oldest])
      expect(gh.schemaViolations).toEqual([])
    } finally {
      await gh.close()
    }
  })
})

afterAll(() => {
  if (process.env['PLAN_GATE_PRINT_MATRIX'] !== '1' || failing.size === 0) return
  const header = `| Endpoint | ${FAULTS.map((fault) => fault.label).join(' | ')} |`
  const rule = `|---|${FAULTS.map(() => '---').join('|')}|`
  const rows = ENDPOINTS.map(
    (endpoint) => `| ${endpoint.label} | ${FAULTS.map((fault) => failing.get(key({ endpoint, fault }))?.outcome ?? '?').join(' | ')} |`
  )
  const details = FAIL_CELLS.flatMap((cell) => {
    const entry = failing.get(key(cell))
    return entry === undefined || entry.outcome === 'retried' || entry.outcome === 'tolerated'
      ? []
      : [
          `- ${key(cell)} → ${entry.outcome} (comments ${entry.observed.stickyComments}, reviews ${entry.observed.reviews}): ` +
            `${(entry.observed.result.failure ?? '(no failure message)').replace(/\n/g, ' ⏎ ')} | warnings: ${generalWarnings(entry.observed.result).join(' / ')}`
        ]
  })
  console.log([header, rule, ...rows, '', ...details].join('\n'))
})

// The matrix as last observed (PLAN_GATE_PRINT_MATRIX=1 prints it afresh),
// failing plan, fault injected once. retried: same result as without the
// fault, after asking again; tolerated: same result, no retry needed (GET /user
// is refused to installation tokens anyway, and a missing config is the
// default); degraded: verdict in the status, job summary and annotations, a
// comment or review skipped with a message; failed-closed: no verdict, the
// check fails naming the call. Against real GitHub a POST answered 200 with a
// truncated body has been performed; the fake does not perform it, hence
// "degraded" there.
//
// | Endpoint | 500 | 502 | 503 | timeout | secondary rate limit | 404 | 403 | 422 | malformed JSON |
// |---|---|---|---|---|---|---|---|---|---|
// | GET contents (config @ base) | retried | retried | retried | retried | retried | tolerated | failed-closed | failed-closed | failed-closed |
// | GET contents (.yaml config @ base) | retried | retried | retried | retried | retried | tolerated | failed-closed | failed-closed | failed-closed |
// | GET pulls/{n} | retried | retried | retried | retried | retried | failed-closed | failed-closed | failed-closed | failed-closed (bare TypeError, see KNOWN_BUGS) |
// | GET pulls/{n}/files | retried | retried | retried | retried | retried | failed-closed | failed-closed | failed-closed | failed-closed |
// | GET contents (plan @ head) | retried | retried | retried | retried | retried | failed-closed | failed-closed | failed-closed | failed-closed |
// | GET /user | retried | retried | retried | retried | retried | tolerated | tolerated | degraded | tolerated |
// | GET issues/{n}/comments | retried | retried | retried | retried | retried | degraded | degraded | degraded | degraded |
// | POST issues/{n}/comments | retried | retried | retried | retried | retried | degraded | degraded | degraded | degraded |
// | GET pulls/{n}/comments | retried | retried | retried | retried | retried | degraded | degraded | degraded | degraded |
// | POST pulls/{n}/reviews | retried | retried | retried | retried | retried | degraded | degraded | degraded | degraded |

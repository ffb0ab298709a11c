// The worker pool: parsing and checking under a deadline, in workers that may
// crash, with results that do not depend on which worker finished first.
// Workers run the built bundle (dist/cli.js), as they do in production; the
// pool's handling of broken workers is driven by a stand-in worker.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { checkPlan } from '../../src/engine/check.js'
import type { PlanResult, RunResult } from '../../src/engine/types.js'
import { bundledWorkerScript, checkPlans, defaultHeapMb, SMALL_RUN_BYTES, type PlanJob } from '../../src/runner/check-plans.js'
import { runInWorkers } from '../../src/runner/pool.js'
import { suspectLine } from '../../src/runner/suspect.js'
import { hostileCase, inject, passingPlan } from '../../scripts/hostile-plans.mjs'
import { distWorker, preset, ROOT, runCli } from './support.js'

const FAKE_WORKER = pathToFileURL(path.join(ROOT, '__tests__/hardening/fixtures/fake-worker.mjs'))
const MiB = 1024 * 1024

const EXAMPLES = [
  'examples/spec-dev/pass-complete.md',
  'examples/spec-dev/fail-blocked-gap.md',
  'examples/spec-dev/fail-gate-lines.md',
  'examples/spec-dev/fail-missing-sections.md',
  'examples/spec-dev/fail-no-gate.md',
  'examples/spec-dev/fail-placeholders.md',
  'examples/spec-dev/fail-risks-register.md',
  'examples/spec-dev/fail-thin-sections.md',
  'examples/spec-dev/fail-unchecked-readiness.md'
]

async function exampleJobs(copies = 1): Promise<PlanJob[]> {
  const rubric = await preset('spec-dev')
  const jobs: PlanJob[] = []
  for (const file of EXAMPLES) {
    const content = await readFile(path.join(ROOT, file))
    for (let copy = 0; copy < copies; copy++) jobs.push({ file: copies === 1 ? file : `${file}.${copy}`, content, rubric, rubricSource: 'test' })
  }
  return jobs
}

async function planJob(file: string, content: string | Uint8Array, rubricName = 'spec-dev'): Promise<PlanJob> {
  return { file, content, rubric: await preset(rubricName), rubricSource: 'test' }
}

function ruleIds(plan: PlanResult | undefined): string[] {
  return (plan?.findings ?? []).map((finding) => finding.ruleId)
}

function planOf(result: RunResult, file: string): PlanResult {
  const plan = result.plans.find((candidate) => candidate.file === file)
  if (!plan) throw new Error(`no result for ${file}`)
  return plan
}

/** The stand-in worker, set to fail in the given way. */
function fakeWorker(mode: string): URL {
  return new URL(`data:text/javascript,${encodeURIComponent(`import { misbehave } from ${JSON.stringify(FAKE_WORKER.href)}; misbehave(${JSON.stringify(mode)})`)}`)
}

const SOUP_FILE = 'plans/soup.md'
const soupPlan = (): string => inject('Architecture', '*_[`'.repeat(250_000))

describe('the worker pool on the built bundle', () => {
  const worker = distWorker()

  it('gives exactly the results of checking in this thread, in file order', async () => {
    const jobs = await exampleJobs()
    const inThread = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB, workerScript: null })
    const pooled = await checkPlans([...jobs].reverse(), { failOn: 'error', maxPlanBytes: MiB, workerScript: worker })
    expect(pooled).toEqual(inThread)
    expect(pooled.plans.map((plan) => plan.file)).toEqual([...EXAMPLES].sort())
  })

  it('spreads many plans over the workers and stays deterministic', async () => {
    const jobs = await exampleJobs(12)
    const first = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB, workerScript: worker, maxWorkers: 3 })
    const second = await checkPlans([...jobs].reverse(), { failOn: 'error', maxPlanBytes: MiB, workerScript: worker, maxWorkers: 2 })
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
    expect(first.plans).toHaveLength(jobs.length)
    const single = await checkPlans(await exampleJobs(), { failOn: 'error', maxPlanBytes: MiB, workerScript: null })
    for (const plan of single.plans) expect(planOf(first, `${plan.file}.0`)).toEqual({ ...plan, file: `${plan.file}.0` })
  })

  it('fails a plan past its budget with plan-unparseable at the culprit line, and goes on with the next plan', async () => {
    const soup = soupPlan()
    const soupLine = soup.split('\n').findIndex((line) => line.startsWith('*_[`')) + 1
    const jobs = [
      await planJob('plans/a.md', passingPlan()),
      await planJob(SOUP_FILE, soup),
      await planJob('plans/z.md', passingPlan())
    ]
    // One worker: the plan after the soup can only be checked by the replacement.
    const result = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB, parseTimeoutMs: 1500, workerScript: worker, maxWorkers: 1 })
    expect(result.verdict).toBe('FAIL')
    const failed = planOf(result, SOUP_FILE)
    expect(failed.verdict).toBe('FAIL')
    expect(ruleIds(failed)).toEqual(['plan-unparseable'])
    expect(failed.findings[0]).toMatchObject({ severity: 'error', line: soupLine, column: 1 })
    expect(failed.findings[0]!.message).toMatch(/^The plan could not be parsed within 1\.5 s; remove the pathological construct near line \d+ \(1000000 /)
    expect(planOf(result, 'plans/a.md').verdict).toBe('PASS')
    expect(planOf(result, 'plans/z.md').verdict).toBe('PASS')
  }, 120_000)

  it('fails a plan whose worker runs out of heap with plan-unparseable, and the pool goes on', async () => {
    const jobs = [await planJob('plans/tasks.md', hostileCase('tasks-100k').generate()), await planJob('plans/ok.md', passingPlan())]
    const result = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB, parseTimeoutMs: 120_000, workerScript: worker, maxWorkers: 1, workerHeapMb: 48 })
    const failed = planOf(result, 'plans/tasks.md')
    expect(ruleIds(failed)).toEqual(['plan-unparseable'])
    expect(failed.findings[0]!.message).toMatch(/^The plan could not be parsed within the parser's memory limit \(48 MiB\)/)
    expect(planOf(result, 'plans/ok.md').verdict).toBe('PASS')
    expect(result.verdict).toBe('FAIL')
  }, 180_000)

  it('refuses deep nesting, oversize and binary plans before any worker starts', async () => {
    const jobs = [
      await planJob('plans/deep.md', `${'- '.repeat(2_000)}x\n`),
      await planJob('plans/big.md', 'x'.repeat(MiB + 1)),
      await planJob('plans/nul.md', new Uint8Array([0x23, 0x00]))
    ]
    // Any worker start would fail every plan with internal-error instead.
    const result = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB, workerScript: fakeWorker('fail-to-load') })
    expect(result.plans.map((plan) => `${plan.file} ${ruleIds(plan).join()}`)).toEqual([
      'plans/big.md plan-too-large',
      'plans/deep.md plan-unparseable',
      'plans/nul.md plan-encoding'
    ])
    expect(result.verdict).toBe('FAIL')
  })

  it('passes a run with no plans vacuously, without starting a worker', async () => {
    const result = await checkPlans([], { failOn: 'error', maxPlanBytes: MiB, workerScript: fakeWorker('fail-to-load') })
    expect(result).toEqual({ verdict: 'PASS', plans: [] })
  })
})

describe('a worker that fails', () => {
  const run = async (mode: string, parseTimeoutMs = 30_000): Promise<RunResult> =>
    checkPlans([await planJob('plans/a.md', passingPlan()), await planJob('plans/b.md', passingPlan())], {
      failOn: 'error',
      maxPlanBytes: MiB,
      parseTimeoutMs,
      workerScript: fakeWorker(mode),
      maxWorkers: 1
    })

  it.each([
    ['crash', /^The plan could not be parsed: the parser crashed \(boom\)/],
    ['exit', /^The plan could not be parsed: the parser crashed \(it exited with code 7\)/]
  ])('by %s costs each plan plan-unparseable, one replacement worker after another', async (mode, message) => {
    const result = await run(mode)
    expect(result.verdict).toBe('FAIL')
    for (const plan of result.plans) {
      expect(ruleIds(plan)).toEqual(['plan-unparseable'])
      expect(plan.findings[0]!.message).toMatch(message)
    }
  })

  it('by hanging is stopped at the deadline', async () => {
    const result = await run('hang', 500)
    for (const plan of result.plans) expect(plan.findings[0]!.message).toMatch(/^The plan could not be parsed within 0\.5 s; the plan is too large or too intricate/)
    expect(result.verdict).toBe('FAIL')
  })

  it('by answering for another job is not believed, and the deadline still applies', async () => {
    const result = await run('wrong-id', 500)
    for (const plan of result.plans) expect(ruleIds(plan)).toEqual(['plan-unparseable'])
  })

  it('by reporting an engine error turns it into internal-error', async () => {
    const result = await run('error-reply')
    for (const plan of result.plans) {
      expect(ruleIds(plan)).toEqual(['internal-error'])
      expect(plan.findings[0]!.message).toBe('Checking the plan failed: the engine threw')
    }
    expect(result.verdict).toBe('FAIL')
  })

  it('to load leaves no plan unchecked and passing: each gets internal-error', async () => {
    const result = await run('fail-to-load')
    expect(result.verdict).toBe('FAIL')
    for (const plan of result.plans) {
      expect(ruleIds(plan)).toEqual(['internal-error'])
      expect(plan.findings[0]!.message).toMatch(/^The plan was not checked: no checking worker could be started \(this worker cannot load\)/)
    }
  })

  it('to exist at all fails the same way', async () => {
    const result = await checkPlans([await planJob('plans/a.md', passingPlan())], {
      failOn: 'error',
      maxPlanBytes: MiB,
      workerScript: pathToFileURL(path.join(ROOT, 'no-such-worker.mjs'))
    })
    expect(result.verdict).toBe('FAIL')
    expect(ruleIds(result.plans[0])).toEqual(['internal-error'])
  })

  it('to be a script Node can start at all fails the same way, without throwing', async () => {
    const result = await checkPlans([await planJob('plans/a.md', passingPlan()), await planJob('plans/b.md', passingPlan())], {
      failOn: 'error',
      maxPlanBytes: MiB,
      workerScript: new URL('https://example.invalid/worker.js')
    })
    expect(result.verdict).toBe('FAIL')
    for (const plan of result.plans) expect(ruleIds(plan)).toEqual(['internal-error'])
  })

  it('to start in time is given up on, and every job says so', async () => {
    const rubric = await preset('generic')
    const job = { file: 'plans/a.md', text: 'x', rubric, rubricSource: 'test', failOn: 'error' as const, maxPlanBytes: MiB }
    const outcomes = await runInWorkers([job, { ...job, file: 'plans/b.md' }], {
      script: fakeWorker('never-ready'),
      size: 2,
      timeoutMs: 1000,
      resourceLimits: {},
      startTimeoutMs: 500
    })
    expect(outcomes).toEqual([
      { kind: 'no-worker', message: 'it did not start within 0.5 s' },
      { kind: 'no-worker', message: 'it did not start within 0.5 s' }
    ])
  })
})

describe('a small run (inThreadBytes)', () => {
  // A worker that cannot load shows where each plan was checked: in a worker it would get internal-error.
  const options = { failOn: 'error' as const, maxPlanBytes: MiB, workerScript: fakeWorker('fail-to-load'), inThreadBytes: SMALL_RUN_BYTES }

  it('is checked in this thread, with the results a worker gives', async () => {
    const jobs = await exampleJobs()
    const result = await checkPlans(jobs, options)
    for (const job of jobs) {
      expect(planOf(result, job.file)).toEqual(checkPlan({ file: job.file, content: job.content }, { rubric: job.rubric, rubricSource: 'test', maxPlanBytes: MiB }))
    }
  })

  it('still fails a plan that took longer than its budget, as a worker would', async () => {
    const result = await checkPlans([await planJob('plans/a.md', passingPlan())], { ...options, parseTimeoutMs: 0 })
    expect(ruleIds(result.plans[0])).toEqual(['plan-unparseable'])
    expect(result.plans[0]!.findings[0]!.message).toMatch(/^The plan could not be parsed within 0 s/)
  })

  it('goes to the workers when it is too big, or a plan has a line the parser is slow on', async () => {
    const big = await checkPlans(await exampleJobs(20), options)
    expect(new Set(big.plans.map((plan) => ruleIds(plan).join()))).toEqual(new Set(['internal-error']))
    const slowLine = await checkPlans([await planJob('plans/a.md', passingPlan()), await planJob('plans/b.md', inject('Architecture', '*_['.repeat(40)))], options)
    for (const plan of slowLine.plans) expect(ruleIds(plan)).toEqual(['internal-error'])
  })

  it('is not what happens by default', async () => {
    const result = await checkPlans([await planJob('plans/a.md', passingPlan())], { ...options, inThreadBytes: undefined })
    expect(ruleIds(result.plans[0])).toEqual(['internal-error'])
  })
})

describe('running from TypeScript sources', () => {
  it('has no bundle to start workers on, so checks in this thread', async () => {
    expect(bundledWorkerScript()).toBeNull()
    const jobs = await exampleJobs()
    const result = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: MiB })
    for (const job of jobs) {
      expect(planOf(result, job.file)).toEqual(checkPlan({ file: job.file, content: job.content }, { rubric: job.rubric, rubricSource: 'test', maxPlanBytes: MiB }))
    }
  })

  it('sizes the worker heap with the plan size cap', () => {
    expect(defaultHeapMb(MiB)).toBe(2048)
    expect(defaultHeapMb(1024)).toBe(2048)
    expect(defaultHeapMb(2 * MiB)).toBe(4096)
    expect(defaultHeapMb(64 * MiB)).toBe(4096)
  })
})

describe('the culprit line', () => {
  it('is the line with the most inline markup or container markers', () => {
    expect(suspectLine('# Plan\n\nplain text\n\n*_[`*_[`*_[`\n\nmore')).toEqual({ line: 5, column: 1, markers: 12 })
    expect(suspectLine('a\r\nb\r\n  x *a* *b*\r\n')).toEqual({ line: 3, column: 5, markers: 5 })
    expect(suspectLine(`a\n${'- '.repeat(40)}x\n`)).toMatchObject({ line: 2, markers: 40 })
    expect(suspectLine(`a\n${' '.repeat(200)}- x\n`)).toMatchObject({ line: 2, markers: 101 })
    expect(suspectLine('')).toEqual({ line: 1, column: 1, markers: 0 })
  })
})

describe('node dist/cli.js check', () => {
  let dir: string
  beforeAll(async () => {
    distWorker()
    dir = await mkdtemp(path.join(tmpdir(), 'plan-gate-runner-'))
    await mkdir(path.join(dir, '.github'))
    await mkdir(path.join(dir, 'plans'))
    await writeFile(path.join(dir, '.github/plan-gate.yml'), 'plans:\n  - files: "plans/*.md"\n    rubric: spec-dev\nlimits:\n  parseTimeoutMs: 1500\n')
    await writeFile(path.join(dir, 'plans/good.md'), passingPlan())
    await writeFile(path.join(dir, 'plans/soup.md'), soupPlan())
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fails the pathological plan within its budget, passes the good one, and prints nothing but the report', async () => {
    const run = await runCli(['check', '--format', 'json'], dir)
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as RunResult
    expect(report.verdict).toBe('FAIL')
    expect(report.plans.map((plan) => `${plan.file} ${plan.verdict} ${ruleIds(plan).join()}`)).toEqual([
      'plans/good.md PASS ',
      'plans/soup.md FAIL plan-unparseable'
    ])
    expect(run.stderr).toBe('')
  }, 120_000)

  it('passes when only the good plan is named', async () => {
    const run = await runCli(['check', 'plans/good.md'], dir)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  }, 60_000)
})

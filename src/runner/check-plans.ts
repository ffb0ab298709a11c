import { availableParallelism } from 'node:os'
import { checkPlan, inputFailure, preparePlan, type CheckOptions, type CompanionContent } from '../engine/check.js'
import type { FailOn, PlanResult, RunResult } from '../engine/types.js'
import { applyWaivers, type WaiverPolicy } from '../engine/waivers.js'
import { cacheKey, ResultCache } from './cache.js'
import { DEFAULT_PARSE_TIMEOUT_MS } from '../rubric/config.js'
import type { Rubric } from '../rubric/schema.js'
import { runInWorkers, seconds, type PoolJob, type PoolOutcome } from './pool.js'
import { SUSPECT_MIN_MARKERS, suspectLine } from './suspect.js'

export interface PlanJob {
  file: string
  content: string | Uint8Array
  rubric: Rubric
  rubricSource: string
  /** Sibling files the rubric names (companionPaths), as the caller read them; each is also checked as a file of its own. */
  companions?: CompanionContent[]
}

export interface RunOptions {
  failOn: FailOn
  maxPlanBytes: number
  /** Budget for parsing and checking one plan; past it the plan fails with plan-unparseable. */
  parseTimeoutMs?: number
  /**
   * The module checking workers run. By default the file this module was
   * bundled into, which is right for a one-file bundle (dist/cli.js); the
   * action's bundle is split into chunks, so its entry passes dist/index.js.
   * `null` checks in this thread without a deadline, which is also what
   * happens when running from TypeScript sources (a worker cannot load `.ts`).
   * Tests point it at the built dist/cli.js.
   */
  workerScript?: URL | null
  /** Most workers at once; default: the machine's available parallelism. */
  maxWorkers?: number
  /** Heap cap of one worker in MiB; default: 2 GiB per MiB of `maxPlanBytes`, between 2 and 4 GiB. */
  workerHeapMb?: number
  /** The config's waivers and baseline, applied to every plan's findings. */
  policy?: WaiverPolicy
  /** Today's date (UTC, YYYY-MM-DD) for waiver expiry; default: the clock's. */
  today?: string
  /** A directory for the result cache (see cache.ts); without it every plan is checked. */
  cacheDir?: string
  /**
   * A run whose plans to parse come to at most this many bytes, none of them
   * large or with a line the parser is slow on, is checked in this thread:
   * starting a worker costs more than such a run. 0 (the default) always
   * uses the workers; the CLI and the action pass SMALL_RUN_BYTES.
   */
  inThreadBytes?: number
}

/**
 * Below this a run costs less than starting one worker (which loads the
 * bundle and warms up the parser again): a few typical plans.
 */
export const SMALL_RUN_BYTES = 96 * 1024
/**
 * Each plan checked in this thread stays this small: the parser's quadratic
 * cases need tens of KB before they take seconds (32 KB of emphasis soup is
 * about 3 s), and one that has the telltale line goes to a worker anyway.
 */
const IN_THREAD_PLAN_BYTES = 32 * 1024

const MiB = 1024 * 1024
/** Node's default for workers, stated so a change of default cannot shrink it unnoticed. */
const WORKER_STACK_MB = 4
/**
 * The parser allocates a short-lived object per token, and a plan's tokens
 * live until its tree is built: with a small young generation they survive
 * two scavenges, are copied into the old generation and are marked there
 * once dead. V8 splits a worker's young generation into three semi-spaces'
 * worth (two semi-spaces and the large-object space), so 288 MiB gives the
 * 96 MiB semi-spaces under which a plan's garbage mostly dies young: the
 * parser alone then needs a third less CPU time. Against 96 MiB (32 MiB
 * semi-spaces), a cold scan of the 1,000-plan replica on two cores took a
 * median 16.6 s instead of 19.0 s in one set of interleaved runs and 15.7 s
 * instead of 16.1 s in another, for about 400 MB more resident memory across
 * two workers. Two workers at once gain less than one alone: they share the
 * memory bandwidth the parser is bound by.
 */
export const WORKER_YOUNG_GENERATION_MB = 288
const WORKER_START_TIMEOUT_MS = 60_000

/**
 * Checks every plan; the run passes only when every plan does, and a run with
 * no plans passes vacuously (callers say SKIPPED). Plans the cheap checks
 * refuse (size, encoding, nesting) never reach a worker; the rest are parsed
 * and checked in workers under a deadline, and a plan whose worker times out
 * or crashes fails with plan-unparseable.
 */
export async function checkPlans(planJobs: readonly PlanJob[], options: RunOptions): Promise<RunResult> {
  const jobs = withCompanionJobs(planJobs)
  const plans: PlanResult[] = new Array<PlanResult>(jobs.length)
  const parsed: Array<{ index: number; job: PoolJob }> = []
  const cache = options.cacheDir === undefined ? null : await ResultCache.open(options.cacheDir)
  const keys = cache ? jobs.map((job) => cacheKey(job.content, job.rubric, options)) : []
  jobs.forEach((job, index) => {
    const hit = cache?.get(keys[index]!, job.file, job.rubricSource)
    if (hit) {
      plans[index] = hit
      return
    }
    const prepared = preparePlan({ file: job.file, content: job.content }, checkOptions(job, options))
    if (prepared.ok) parsed.push({ index, job: { ...job, text: prepared.text, failOn: options.failOn, maxPlanBytes: options.maxPlanBytes, companions: textCompanions(job.companions) } })
    else plans[index] = prepared.result
  })

  const bundled = options.workerScript === undefined ? bundledWorkerScript() : options.workerScript
  const timeoutMs = options.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS
  const small = bundled !== null && isSmallRun(parsed.map(({ job }) => job.text), options.inThreadBytes ?? 0)
  const script = small ? null : bundled
  if (script === null) {
    for (const { index, job } of parsed) {
      const checked = small ? checkWithinBudget(job, timeoutMs) : { result: checkInThisThread(job), finished: true }
      plans[index] = checked.result
      if (cache && checked.finished) cache.set(keys[index]!, checked.result)
    }
  } else if (parsed.length > 0) {
    const outcomes = await runInWorkers(
      parsed.map(({ job }) => job),
      {
        script,
        size: Math.max(1, Math.min(parsed.length, options.maxWorkers ?? availableParallelism())),
        timeoutMs,
        resourceLimits: { maxOldGenerationSizeMb: options.workerHeapMb ?? defaultHeapMb(options.maxPlanBytes), maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, stackSizeMb: WORKER_STACK_MB },
        startTimeoutMs: Math.max(WORKER_START_TIMEOUT_MS, timeoutMs)
      }
    )
    parsed.forEach(({ index, job }, at) => {
      const outcome = outcomes[at] ?? { kind: 'no-worker', message: 'the pool returned no outcome' }
      plans[index] = resultOf(job, outcome, timeoutMs, options)
      // Only a finished check is the plan's result; a timeout or a crash may not happen next time.
      if (cache && outcome.kind === 'result') cache.set(keys[index]!, plans[index]!)
    })
  }
  await cache?.save()
  const policy = options.policy
  if (!policy) return summarize(plans)
  const today = options.today ?? new Date().toISOString().slice(0, 10)
  return summarize(plans.map((plan) => applyWaivers(plan, policy, today, options.failOn)))
}

/**
 * A companion with a rubric of its own is checked as a file of its own, once,
 * however many plans name it; a file that is also a plan keeps the plan's job.
 */
export function withCompanionJobs(jobs: readonly PlanJob[]): PlanJob[] {
  const all = [...jobs]
  const files = new Set(jobs.map((job) => job.file))
  for (const job of jobs) {
    for (const companion of job.companions ?? []) {
      const spec = job.rubric.companions.find((candidate) => candidate.id === companion.id)
      if (!spec?.rubric || companion.content === null || files.has(companion.file)) continue
      files.add(companion.file)
      all.push({ file: companion.file, content: companion.content, rubric: spec.rubric, rubricSource: `companion "${spec.path}" of ${job.file} (${job.rubric.name})` })
    }
  }
  return all
}

/** Companions cross to workers as text; bytes that are not UTF-8 travel as they are and the engine refuses them. */
function textCompanions(companions: readonly CompanionContent[] | undefined): CompanionContent[] | undefined {
  return companions?.map((companion) => ({ ...companion, content: typeof companion.content === 'string' || companion.content === null ? companion.content : Buffer.from(companion.content).toString('utf8') }))
}

export function summarize(plans: PlanResult[]): RunResult {
  const sorted = [...plans].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  return { verdict: sorted.every((plan) => plan.verdict === 'PASS') ? 'PASS' : 'FAIL', plans: sorted }
}

/**
 * This module's own file when it can run in a worker: the bundle, or a
 * compiled .js module. From TypeScript sources (ts-jest) there is none.
 */
export function bundledWorkerScript(): URL | null {
  const self = new URL(import.meta.url)
  return self.protocol === 'file:' && /\.[cm]?js$/.test(self.pathname) ? self : null
}

/**
 * The parser needs up to 2 KB of heap per byte of a dense plan (100,000 task
 * items in 800 KB ran out of 1 GiB), so a plan at the size limit fits; the cap
 * is there to stop a runaway worker before it takes the runner's memory, and
 * two workers at 2 GiB leave room on a 7 GB runner.
 */
export function defaultHeapMb(maxPlanBytes: number): number {
  return Math.min(4096, Math.max(2048, 2048 * Math.ceil(maxPlanBytes / MiB)))
}

function checkOptions(job: { rubric: Rubric; rubricSource: string }, options: RunOptions): CheckOptions {
  return { rubric: job.rubric, rubricSource: job.rubricSource, failOn: options.failOn, maxPlanBytes: options.maxPlanBytes }
}

/** Whether checking these texts here costs less than a worker, and none could hold this thread for long. */
export function isSmallRun(texts: readonly string[], limitBytes: number): boolean {
  let total = 0
  for (const text of texts) {
    // UTF-16 length: at most the byte count, and what the parser walks.
    if (text.length > IN_THREAD_PLAN_BYTES) return false
    total += text.length
    if (total > limitBytes) return false
  }
  return texts.every((text) => suspectLine(text).markers < SUSPECT_MIN_MARKERS)
}

// Not performance.now(): the first use of that global loads perf_hooks, 1.4 ms of a one-plan run.
const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6

/**
 * Checked in this thread, a plan cannot be stopped mid-parse; one that took
 * longer than its budget all the same fails as it would have in a worker,
 * so where a plan was checked never changes its result.
 */
function checkWithinBudget(job: PoolJob, timeoutMs: number): { result: PlanResult; finished: boolean } {
  const started = monotonicMs()
  const result = checkInThisThread(job)
  // As with a worker's timeout, a late result is not cached: it may be in time next run.
  if (monotonicMs() - started > timeoutMs) return { result: unparseable(job, `The plan could not be parsed within ${seconds(timeoutMs)}`), finished: false }
  return { result, finished: true }
}

function checkInThisThread(job: PoolJob): PlanResult {
  try {
    return checkPlan({ file: job.file, content: job.text }, { ...job, ...(job.companions ? { companions: job.companions } : {}) })
  } catch (error) {
    return inputFailure(job.file, job, { ruleId: 'internal-error', line: 1, column: 1, message: `Checking the plan failed: ${messageOf(error)}` })
  }
}

function resultOf(job: PoolJob, outcome: PoolOutcome, timeoutMs: number, options: RunOptions): PlanResult {
  switch (outcome.kind) {
    case 'result':
      return outcome.result
    case 'error':
      return inputFailure(job.file, job, { ruleId: 'internal-error', line: 1, column: 1, message: `Checking the plan failed: ${outcome.message}` })
    case 'no-worker':
      return inputFailure(job.file, job, {
        ruleId: 'internal-error',
        line: 1,
        column: 1,
        message: `The plan was not checked: no checking worker could be started (${outcome.message})`
      })
    case 'timeout':
      return unparseable(job, `The plan could not be parsed within ${seconds(timeoutMs)}`)
    case 'crash': {
      const heap = options.workerHeapMb ?? defaultHeapMb(options.maxPlanBytes)
      return unparseable(job, outcome.outOfMemory ? `The plan could not be parsed within the parser's memory limit (${heap} MiB)` : `The plan could not be parsed: the parser crashed (${outcome.message})`)
    }
  }
}

function unparseable(job: PoolJob, what: string): PlanResult {
  const suspect = suspectLine(job.text)
  if (suspect.markers >= SUSPECT_MIN_MARKERS) {
    return inputFailure(job.file, job, {
      ruleId: 'plan-unparseable',
      line: suspect.line,
      column: suspect.column,
      message: `${what}; remove the pathological construct near line ${suspect.line} (${suspect.markers} emphasis, link, code, list or quote markers on one line)`
    })
  }
  return inputFailure(job.file, job, {
    ruleId: 'plan-unparseable',
    line: 1,
    column: 1,
    message: `${what}; the plan is too large or too intricate to parse in time: split it, or remove the pathological construct that slows it down`
  })
}

function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}

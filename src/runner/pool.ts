import type { ResourceLimits, Worker } from 'node:worker_threads'
import type { CompanionContent } from '../engine/check.js'
import type { FailOn, PlanResult } from '../engine/types.js'
import type { Rubric } from '../rubric/schema.js'
import { WORKER_ARGV, WORKER_DATA, workerThreads, type CheckRequest, type WorkerReply } from './protocol.js'
// Every bundle that can start a checking worker must also be able to be one.
import './worker.js'

// Parsing runs in worker threads because the Markdown parser has inputs that
// take minutes (quadratic inline cases) or overflow its stack, and a size cap
// cannot rule them out. A worker can be stopped mid-parse, a thread cannot:
// each plan gets a time budget, and a worker past it is terminated and
// replaced; one that dies (heap cap, stack) takes only its own plan with it.

export interface PoolJob {
  file: string
  text: string
  rubric: Rubric
  rubricSource: string
  failOn: FailOn
  maxPlanBytes: number
  companions?: CompanionContent[]
}

export type PoolOutcome =
  | { kind: 'result'; result: PlanResult }
  /** The check itself threw inside the worker. */
  | { kind: 'error'; message: string }
  | { kind: 'timeout' }
  | { kind: 'crash'; outOfMemory: boolean; message: string }
  /** No worker could be started, so the plan was never looked at. */
  | { kind: 'no-worker'; message: string }

export interface PoolOptions {
  /** The module a worker runs: a bundle (or compiled module) that includes worker.ts. */
  script: URL
  size: number
  timeoutMs: number
  resourceLimits: ResourceLimits
  /** How long a worker may take to load before the pool gives up on workers. */
  startTimeoutMs: number
}

/** Runs every job in a pool of `size` workers; outcomes come back in job order whatever order they finish in. */
export async function runInWorkers(jobs: readonly PoolJob[], options: PoolOptions): Promise<PoolOutcome[]> {
  const outcomes: PoolOutcome[] = new Array<PoolOutcome>(jobs.length)
  const rubricKeys = new Map<Rubric, number>()
  const keyOf = (rubric: Rubric): number => {
    let key = rubricKeys.get(rubric)
    if (key === undefined) rubricKeys.set(rubric, (key = rubricKeys.size))
    return key
  }
  let next = 0
  // One failed start means the environment cannot run workers; trying again for every plan would only repeat it.
  let startFailure: string | null = null

  const lane = async (): Promise<void> => {
    let worker: CheckingWorker | null = null
    try {
      while (next < jobs.length) {
        const index = next++
        const job = jobs[index]!
        // A worker that died between two plans is replaced before the next plan can be blamed for it.
        if (worker !== null && !worker.alive) {
          await worker.close()
          worker = null
        }
        if (startFailure === null && worker === null) {
          let started: CheckingWorker | null = null
          try {
            started = new CheckingWorker(options)
          } catch (error) {
            startFailure = describe(error)
          }
          const failure = started ? await started.ready : startFailure
          if (started && failure === null) worker = started
          else {
            startFailure = failure
            await started?.close()
          }
        }
        if (worker === null) {
          outcomes[index] = { kind: 'no-worker', message: startFailure ?? 'no worker' }
          continue
        }
        const outcome = await worker.check(index, job, keyOf(job.rubric), options.timeoutMs)
        outcomes[index] = outcome
        if (outcome.kind === 'timeout' || outcome.kind === 'crash') {
          // Wait for the thread to stop before its replacement starts, so a run never uses more threads than the pool size.
          await worker.close()
          worker = null
        }
      }
    } finally {
      await worker?.close()
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.size, jobs.length)) }, lane))
  return outcomes
}

interface Pending {
  id: number
  settle: (outcome: PoolOutcome) => void
}

class CheckingWorker {
  /** Resolves to null once the worker is ready, or to why it could not start. */
  readonly ready: Promise<string | null>
  private readonly worker: Worker
  private readonly sentRubrics = new Set<number>()
  private pending: Pending | null = null
  private dead = false
  private started = false
  private markReady: (failure: string | null) => void = () => {}
  private closing: Promise<number> | null = null

  constructor(options: PoolOptions) {
    this.ready = new Promise((resolve) => (this.markReady = resolve))
    this.worker = new (workerThreads().Worker)(options.script, {
      workerData: WORKER_DATA,
      argv: [WORKER_ARGV],
      resourceLimits: options.resourceLimits,
      name: 'plan-gate-checker',
      // A worker inherits the parent's Node options unless told otherwise, and some refuse to start one:
      // `node --input-type=module -e "…import('plan-gate')…"` would leave no plan checked. It runs one bundled module and needs none.
      execArgv: [],
      // Anything a library prints must not end up inside the CLI's JSON or SARIF on stdout.
      stdout: true
    })
    this.worker.stdout.resume()
    const startTimer = setTimeout(() => this.die(`it did not start within ${seconds(options.startTimeoutMs)}`, false), options.startTimeoutMs)
    this.ready.then(() => clearTimeout(startTimer), () => clearTimeout(startTimer))
    this.worker.on('message', (reply: WorkerReply) => this.receive(reply))
    this.worker.on('error', (error) => this.die(describe(error), isOutOfMemory(error)))
    this.worker.on('messageerror', (error) => this.die(`a message could not be read: ${describe(error)}`, false))
    this.worker.on('exit', (code) => this.die(`it exited with code ${code}`, false))
  }

  check(id: number, job: PoolJob, rubricKey: number, timeoutMs: number): Promise<PoolOutcome> {
    if (this.dead) return Promise.resolve({ kind: 'crash', outOfMemory: false, message: 'the worker had already stopped' })
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null
        this.dead = true
        void this.close()
        resolve({ kind: 'timeout' })
      }, timeoutMs)
      this.pending = {
        id,
        settle: (outcome) => {
          clearTimeout(timer)
          this.pending = null
          resolve(outcome)
        }
      }
      const request: CheckRequest = {
        type: 'check',
        id,
        file: job.file,
        text: job.text,
        rubricKey,
        rubric: this.sentRubrics.has(rubricKey) ? undefined : job.rubric,
        rubricSource: job.rubricSource,
        failOn: job.failOn,
        maxPlanBytes: job.maxPlanBytes,
        ...(job.companions ? { companions: job.companions } : {})
      }
      try {
        this.worker.postMessage(request)
        this.sentRubrics.add(rubricKey)
      } catch (error) {
        this.pending.settle({ kind: 'error', message: `the plan could not be sent to the worker: ${describe(error)}` })
      }
    })
  }

  get alive(): boolean {
    return !this.dead
  }

  /** Stops the thread; safe to call more than once. */
  close(): Promise<number> {
    this.dead = true
    this.closing ??= this.worker.terminate()
    return this.closing
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'ready') {
      this.started = true
      this.markReady(null)
      return
    }
    // A reply for a job that already timed out has nowhere to go.
    if (!this.pending || this.pending.id !== reply.id) return
    this.pending.settle(reply.type === 'result' ? { kind: 'result', result: reply.result } : { kind: 'error', message: reply.message })
  }

  /** Every way a thread ends lands here; only the first report about a job counts. */
  private die(message: string, outOfMemory: boolean): void {
    this.dead = true
    if (!this.started) {
      this.markReady(message)
      void this.close()
      return
    }
    this.pending?.settle({ kind: 'crash', outOfMemory, message })
  }
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

function describe(error: unknown): string {
  // Not `instanceof Error`: an error from another realm (a test sandbox) is an Error all the same.
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
}

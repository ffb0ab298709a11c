import { createRequire } from 'node:module'
import type { CompanionContent } from '../engine/check.js'
import type { FailOn, PlanResult } from '../engine/types.js'
import type { Rubric } from '../rubric/schema.js'

// Messages between the pool (main thread) and a checking worker. Both ends
// live in the same bundle, so the shapes cannot drift apart between releases.

/** `workerData` that starts a bundle in worker mode instead of running the CLI or the action. */
export const WORKER_DATA = { planGateWorker: 1 } as const

export function isWorkerData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { planGateWorker?: unknown }).planGateWorker === WORKER_DATA.planGateWorker
}

/**
 * Put on a checking worker's argv, so that a bundle can tell without loading
 * node:worker_threads (4 ms of a one-plan run) that it is certainly not one.
 * Only the worker data proves that it is one.
 */
export const WORKER_ARGV = '--plan-gate-checking-worker'

export const mayBeCheckingWorker = (argv: readonly string[] = process.argv): boolean => argv.includes(WORKER_ARGV)

let threads: typeof import('node:worker_threads') | null = null
/** node:worker_threads, loaded at first use: a check in this thread never needs it. */
export const workerThreads = (): typeof import('node:worker_threads') => (threads ??= createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads'))

/** This thread's port to the pool when it was started as a checking worker, else null. */
export function checkingWorkerPort(): import('node:worker_threads').MessagePort | null {
  if (!mayBeCheckingWorker()) return null
  const { isMainThread, parentPort, workerData } = workerThreads()
  return !isMainThread && parentPort !== null && isWorkerData(workerData) ? parentPort : null
}

export interface CheckRequest {
  type: 'check'
  id: number
  file: string
  /** Already decoded and pre-scanned by the main thread. */
  text: string
  /** Rubrics are sent once per worker and then named by key: they are the same for most plans. */
  rubricKey: number
  rubric?: Rubric
  rubricSource: string
  failOn: FailOn
  maxPlanBytes: number
  companions?: CompanionContent[]
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: PlanResult }
  /** checkPlan threw: a bug, reported as internal-error rather than lost. */
  | { type: 'error'; id: number; message: string }

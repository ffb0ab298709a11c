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

import { checkPlan } from '../engine/check.js'
import type { FailOn, PlanResult, RunResult } from '../engine/types.js'
import type { Rubric } from '../rubric/schema.js'

export interface PlanJob {
  file: string
  content: string | Uint8Array
  rubric: Rubric
  rubricSource: string
}

export interface RunOptions {
  failOn: FailOn
  maxPlanBytes: number
  /** Budget for parsing and checking one plan; past it the plan fails with plan-unparseable. */
  parseTimeoutMs?: number
}

/** Checks every plan; the run passes only when every plan does, and a run with no plans passes vacuously (callers say SKIPPED). */
export async function checkPlans(jobs: readonly PlanJob[], options: RunOptions): Promise<RunResult> {
  const plans: PlanResult[] = jobs.map((job) =>
    checkPlan({ file: job.file, content: job.content }, { rubric: job.rubric, rubricSource: job.rubricSource, failOn: options.failOn, maxPlanBytes: options.maxPlanBytes })
  )
  return summarize(plans)
}

export function summarize(plans: PlanResult[]): RunResult {
  const sorted = [...plans].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  return { verdict: sorted.every((plan) => plan.verdict === 'PASS') ? 'PASS' : 'FAIL', plans: sorted }
}

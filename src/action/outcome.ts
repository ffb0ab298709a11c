import type { RunResult } from '../engine/types.js'
import type { ConfigError } from '../rubric/errors.js'
import type { Gate } from './report.js'

/** What a run concluded, for the exit status. */
export interface Outcome {
  gate: Gate
  /** Null when no plan could be checked (configuration error). */
  result: RunResult | null
  configError: ConfigError | null
  /** Comment or review writes that failed for good; they fail the check too. */
  publishFailures: string[]
}

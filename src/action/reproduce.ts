import type { Reproduce } from '../report/index.js'
import { DEFAULT_CONFIG_PATH } from '../rubric/repo-path.js'
import type { Inputs } from './inputs.js'

/**
 * What the reports' local command must add to a bare `plan-gate check` to
 * give this run's verdict: the config when it is not the one the CLI reads by
 * default, the fail-on level, and each plan's rubric as a command line names it.
 */
export function reproduceFor(inputs: Pick<Inputs, 'config' | 'failOn'>, configFound: boolean, plans: ReadonlyArray<{ path: string; ref?: string | null }>): Reproduce {
  const reproduce: Reproduce = { rubricRefs: Object.fromEntries(plans.map((plan) => [plan.path, plan.ref ?? null])) }
  // Without the file the built-in defaults applied, which is also what the CLI does without --config.
  if (configFound && inputs.config !== DEFAULT_CONFIG_PATH) reproduce.config = inputs.config
  if (inputs.failOn !== 'error') reproduce.failOn = inputs.failOn
  return reproduce
}

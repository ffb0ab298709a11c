import * as core from '@actions/core'
import { createClient } from '../github/client.js'
import { visiblePath } from '../report/sanitize.js'
import { formatProblem } from '../rubric/errors.js'
import { readRunContext } from './context.js'
import { getInputs, type Inputs } from './inputs.js'
import type { Outcome } from './outcome.js'
import { gatePullRequest } from './pull-request.js'

export interface RunOptions {
  /** The bundle file that can run as a checking worker; default: the runner's own choice (see runner/check-plans.ts). */
  workerScript?: URL | null
}

/**
 * The action: read inputs and the event, check the plans, report, and fail
 * the step unless the gate reads PASS (or there was nothing to check). Any
 * error on the way fails the step too: a gate that could not look never passes.
 */
export async function run(options: RunOptions = {}): Promise<void> {
  try {
    const inputs = getInputs()
    core.setSecret(inputs.token)
    const context = readRunContext()
    let outcome: Outcome
    const client = () =>
      createClient({
        token: inputs.token,
        baseUrl: context.apiUrl,
        delayScale: inputs.timing.delayScale,
        requestTimeoutMs: inputs.timing.requestTimeoutMs,
        log: (message) => core.info(message)
      })
    if (context.mode.kind === 'pull-request') {
      outcome = await gatePullRequest(inputs, context, context.mode.pull, client(), options.workerScript)
    } else if (context.mode.range !== null && inputs.scan === 'changed') {
      const { gateCommitRange } = await import('./commit-range.js')
      outcome = await gateCommitRange(inputs, context, context.mode.range, client(), options.workerScript)
    } else {
      // Nothing to ask GitHub first: a run on the checkout loads the engine at once.
      const { gateWorkspace } = await import('./workspace.js')
      outcome = await gateWorkspace(inputs, context, context.mode, options.workerScript)
    }
    const { failure, notice } = conclusion(outcome, inputs)
    if (notice !== null) core.notice(notice)
    if (failure !== null) core.setFailed(failure)
    else core.info(outcome.gate === 'SKIPPED' ? 'plan-gate: no plan to check (SKIPPED)' : `plan-gate: ${outcome.gate}`)
  } catch (error) {
    core.setFailed(`plan-gate failed, so the gate fails: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const FAILURE_PLANS_NAMED = 10

/** Why the step fails (null when it passes), and what to say when fail-on lets a failing gate through. */
export function conclusion(outcome: Outcome, inputs: Pick<Inputs, 'failOn'>): { failure: string | null; notice: string | null } {
  const lines: string[] = []
  let notice: string | null = null
  if (outcome.configError !== null) {
    lines.push('plan-gate: the configuration is invalid, so no plan was checked and the gate fails:')
    lines.push(...outcome.configError.problems.map((problem) => `  ${formatProblem(problem)}`))
  } else if (outcome.gate === 'FAIL' && outcome.result !== null) {
    const failing = outcome.result.plans.filter((plan) => plan.verdict === 'FAIL')
    const summary = failing.map((plan) => {
      const errors = plan.findings.filter((finding) => finding.severity === 'error').length
      const warnings = plan.findings.length - errors
      return `${visiblePath(plan.file, 1000)} (${[errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ')})`
    })
    const total = outcome.result.plans.length
    // The message is one annotation: hundreds of long paths would bury the verdict.
    const named = summary.length > FAILURE_PLANS_NAMED ? [...summary.slice(0, FAILURE_PLANS_NAMED), `and ${summary.length - FAILURE_PLANS_NAMED} more (the job summary lists them)`] : summary
    const head = `plan-gate: ${total === 1 ? 'the plan fails' : `${failing.length} of ${total} plans fail`} the gate: ${named.join('; ')}`
    if (inputs.failOn === 'never') notice = `${head}. fail-on is "never", so the step passes.`
    else lines.push(head)
  }
  lines.push(...outcome.publishFailures.map((message) => `plan-gate: ${message}`))
  return { failure: lines.length === 0 ? null : lines.join('\n'), notice }
}

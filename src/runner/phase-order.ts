import path from 'node:path/posix'
import { compareFindings, verdictOf } from '../engine/check.js'
import { ruleDocsUrl } from '../engine/docs-url.js'
import { ruleById } from '../engine/rules/index.js'
import type { FailOn, Finding, PlanResult, RunResult } from '../engine/types.js'
import { rubricFor, type ResolvedConfig } from '../rubric/config.js'
import type { Rubric } from '../rubric/schema.js'

// Phase order: the playbooks say no tasks until the plan is reviewed and marked
// PASS. A change to a feature's tasks file is held against the plan beside it,
// whether or not that plan changed too.

/** A plan chosen for checking and why: what the adapters select. */
export interface Selection {
  path: string
  rubric: Rubric
  reason: string
}

export interface TasksGuard {
  /** The changed tasks file. */
  tasks: string
  /** The plan beside it whose verdict it waits for. */
  plan: string
  rubric: Rubric
  reason: string
}

/**
 * The changed files that are some plan's tasks: a file whose name a rubric's
 * `phaseOrder.tasks` lists, beside a file the config maps to that rubric.
 * `siblings` lists the files of a directory (at the commit being checked).
 */
export async function tasksGuards(changed: readonly string[], config: ResolvedConfig, siblings: (dir: string) => Promise<readonly string[]>): Promise<TasksGuard[]> {
  const taskNames = new Set(config.mappings.flatMap((mapping) => mapping.rubric.phaseOrder?.tasks ?? []))
  if (taskNames.size === 0) return []
  const guards: TasksGuard[] = []
  for (const file of [...new Set(changed)].sort()) {
    const name = path.basename(file)
    if (!taskNames.has(name) || rubricFor(config, file)) continue
    const dir = path.dirname(file)
    for (const sibling of [...(await siblings(dir))].sort()) {
      const planPath = dir === '.' ? sibling : `${dir}/${sibling}`
      if (planPath === file) continue
      const choice = rubricFor(config, planPath)
      if (!choice || !(choice.rubric.phaseOrder?.tasks ?? []).includes(name) || choice.rubric.phaseOrder?.severity === 'off') continue
      guards.push({ tasks: file, plan: planPath, rubric: choice.rubric, reason: `${name} beside a ${choice.rubric.name} plan (${choice.reason}): phase order` })
    }
  }
  return guards
}

/** One result per guarded tasks file: an error while a plan it waits for does not pass. */
export function tasksResults(guards: readonly TasksGuard[], plans: ReadonlyMap<string, PlanResult>, failOn: FailOn): PlanResult[] {
  const byTasks = new Map<string, TasksGuard[]>()
  for (const guard of guards) byTasks.set(guard.tasks, [...(byTasks.get(guard.tasks) ?? []), guard])
  const rule = ruleById('phase-order')
  return [...byTasks].map(([tasks, waiting]) => {
    const findings: Finding[] = []
    for (const guard of waiting) {
      const plan = plans.get(guard.plan)
      if (plan?.verdict === 'PASS') continue
      const why = plan ? describeFailure(plan) : 'it could not be checked'
      findings.push({
        ruleId: 'phase-order',
        severity: guard.rubric.phaseOrder?.severity === 'warning' ? 'warning' : (rule?.defaultSeverity ?? 'error'),
        message: `${tasks} changes while its plan ${guard.plan} does not pass (${why}): tasks come after the plan is reviewed and marked PASS`,
        line: 1,
        column: 1,
        hint: `Finish ${guard.plan} until plan-gate passes it, then change the tasks; or leave ${path.basename(tasks)} out of this change.`,
        url: ruleDocsUrl('phase-order')
      })
    }
    const first = waiting[0]!
    return {
      file: tasks,
      rubric: first.rubric.name,
      rubricSource: first.reason,
      verdict: verdictOf(findings, failOn),
      declaredGate: null,
      gateRequired: false,
      findings
    }
  })
}

function describeFailure(plan: PlanResult): string {
  const errors = plan.findings.filter((finding) => finding.severity === 'error').length
  return errors > 0 ? `FAIL with ${errors} error${errors === 1 ? '' : 's'}` : 'FAIL'
}

/** A directory lister over one commit's file list: what `tasksGuards` needs, from a tree already read. */
export function siblingsIn(paths: () => Promise<Iterable<string>>): (dir: string) => Promise<string[]> {
  return async (dir) => {
    const prefix = dir === '.' ? '' : `${dir}/`
    const names: string[] = []
    for (const file of await paths()) if (file.startsWith(prefix) && !file.slice(prefix.length).includes('/')) names.push(file.slice(prefix.length))
    return names
  }
}

/**
 * Phase order for one change: the plans the changed tasks files wait for are
 * added to the selection (checked even when unchanged), and `finish` adds each
 * tasks file's result to the run. Pull requests, merge queues and pushes share
 * it, so they agree.
 */
export async function withPhaseOrder(
  changed: readonly string[],
  selected: readonly Selection[],
  config: ResolvedConfig,
  siblings: (dir: string) => Promise<readonly string[]>,
  failOn: FailOn,
  summarize: (plans: PlanResult[]) => RunResult
): Promise<{ selected: Selection[]; finish(result: RunResult): RunResult }> {
  const planPaths = new Set(selected.map((plan) => plan.path))
  const guards = await tasksGuards(changed.filter((file) => !planPaths.has(file)), config, siblings)
  const all: Selection[] = [...selected]
  for (const guard of guards) {
    if (planPaths.has(guard.plan)) continue
    planPaths.add(guard.plan)
    all.push({ path: guard.plan, rubric: guard.rubric, reason: `checked because ${guard.tasks} changed and waits for it (phase order)` })
  }
  return {
    selected: all,
    finish: (result) => {
      if (guards.length === 0) return result
      const tasks = tasksResults(guards, new Map(result.plans.map((plan) => [plan.file, plan])), failOn)
      const checked = new Set(result.plans.map((plan) => plan.file))
      // A tasks file already checked (as a plan's companion) keeps one entry: the phase-order finding joins it.
      const plans = result.plans.map((plan) => {
        const extra = tasks.find((entry) => entry.file === plan.file)
        if (!extra || extra.findings.length === 0) return plan
        const findings = [...extra.findings, ...plan.findings].sort(compareFindings)
        return { ...plan, findings, verdict: verdictOf(findings, failOn) }
      })
      return summarize([...plans, ...tasks.filter((entry) => !checked.has(entry.file))])
    }
  }
}

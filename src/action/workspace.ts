// The gate on a checkout: merge queues, pushes and manual runs have no pull
// request to read through the API or to comment on, so every plan in
// GITHUB_WORKSPACE that the config maps is checked, and the verdict goes to
// the exit status, the job summary and the annotations.
import { readdir } from 'node:fs/promises'
import * as core from '@actions/core'
import { visiblePath, type ReportContext } from '../report/index.js'
import { loadConfig, type ResolvedConfig } from '../rubric/config.js'
import { readConfigFile } from '../rubric/config-file.js'
import { ConfigError } from '../rubric/errors.js'
import { checkPlans, type PlanJob } from '../runner/check-plans.js'
import { companionPaths } from '../engine/check.js'
import { VERSION } from '../version.js'
import { planCandidates, readPlanFile, repoFileReader } from '../workspace/files.js'
import { configErrorMarkdown, skippedMarkdown } from './bodies.js'
import { repoUrl, runUrl, type RunContext } from './context.js'
import type { Inputs } from './inputs.js'
import type { Outcome } from './outcome.js'
import { annotate, annotateConfigProblems, setResultOutputs, writeJobSummary, writeReports } from './report.js'
import { reproduceFor } from './reproduce.js'
import { choiceWithContent, genericRubric, selectPlans } from './select.js'

export async function gateWorkspace(inputs: Inputs, context: RunContext, mode: { sha: string; workspace: string }, workerScript?: URL | null): Promise<Outcome> {
  const root = mode.workspace
  const entries = await readdir(root).catch(() => [])
  if (entries.length === 0) {
    throw new Error(
      `GITHUB_WORKSPACE (${root}) is empty. On "${context.eventName}" events plan-gate checks the plans in the checkout: add actions/checkout before plan-gate.`
    )
  }
  const ctx: ReportContext = { version: VERSION, repoUrl: repoUrl(context), headSha: mode.sha, jobSummaryUrl: runUrl(context) }
  core.setOutput('comment-url', '')

  const readRepoFile = repoFileReader(root)
  let config: ResolvedConfig
  let configFound = false
  try {
    const { file, text } = await readConfigFile(inputs.config, readRepoFile)
    config = await loadConfig(file, text, readRepoFile)
    configFound = text !== null
    ctx.configSource = text === null ? `built-in defaults (no ${file} in the checkout)` : `${file} in the checkout`
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    ctx.configSource = `${inputs.config} in the checkout`
    annotateConfigProblems(error.problems)
    await writeJobSummary(configErrorMarkdown(error.problems, ctx))
    setResultOutputs('FAIL', null, null)
    return { gate: 'FAIL', result: null, configError: error, publishFailures: [] }
  }
  core.info(`Rubrics from ${ctx.configSource}`)

  // Links and special files too: a plan path the globs match is read or refused, never left out.
  const paths = await planCandidates(root)
  const selected = selectPlans(paths, config, inputs.files, inputs.files === null ? null : await genericRubric())
  core.info(selected.length === 0 ? 'No plan in the checkout' : `Plans to check: ${selected.map((plan) => visiblePath(plan.path)).join(', ')}`)
  const jobs: PlanJob[] = []
  const refs: Array<{ path: string; ref: string | null }> = []
  for (const plan of selected) {
    const content = await readPlanFile(root, plan.path)
    const choice = choiceWithContent(plan, config, content)
    refs.push({ path: plan.path, ref: choice.ref ?? null })
    const readSibling = repoFileReader(root)
    const companions = await Promise.all(
      companionPaths(plan.path, choice.rubric).map(async ({ id, file }) => ({ id, file, content: await readSibling(file).catch(() => null) }))
    )
    jobs.push({ file: plan.path, content, rubric: choice.rubric, rubricSource: choice.reason, ...(companions.length > 0 ? { companions } : {}) })
  }
  ctx.reproduce = reproduceFor(inputs, configFound, refs)
  const result = await checkPlans(jobs, { failOn: inputs.failOn, maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs, policy: config.policy, ...(workerScript === undefined ? {} : { workerScript }) })

  const gate = jobs.length === 0 ? 'SKIPPED' : result.verdict
  const reports = await writeReports(result, ctx, context.runnerTemp, inputs.sarifFile)
  await writeJobSummary(gate === 'SKIPPED' ? skippedMarkdown(ctx, 'workspace') : reports.summary)
  annotate(result)
  setResultOutputs(gate, result, reports.files)
  return { gate, result, configError: null, publishFailures: [] }
}

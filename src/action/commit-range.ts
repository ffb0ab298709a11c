// The gate on a merge-queue group or a push: the plans changed between two
// commits, read through the API like a pull request's, with the config from
// the commit the changes start from. The queue and the default branch then
// judge the same plans with the same rubric the pull request did, and old
// plans nobody touched cannot block the queue. The verdict goes to the exit
// status, the job summary and the annotations: there is nothing to comment on.
import * as core from '@actions/core'
import type { GitHubClient, Repo } from '../github/client.js'
import { readFileAt, readTextAt } from '../github/contents.js'
import { changedPaths, mergeBaseOf, treeBlobs } from '../github/tree-diff.js'
import { visiblePath, type ReportContext } from '../report/index.js'
import { loadConfig, type ResolvedConfig } from '../rubric/config.js'
import { readConfigFile } from '../rubric/config-file.js'
import { ConfigError } from '../rubric/errors.js'
import { companionPaths } from '../engine/check.js'
import { checkPlans, summarize, type PlanJob } from '../runner/check-plans.js'
import { siblingsIn, withPhaseOrder } from '../runner/phase-order.js'
import { VERSION } from '../version.js'
import { configErrorMarkdown } from './bodies.js'
import { repoUrl, runUrl, type CommitRange, type RunContext } from './context.js'
import type { Inputs } from './inputs.js'
import type { Outcome } from './outcome.js'
import { annotate, annotateConfigProblems, setResultOutputs, writeJobSummary, writeReports } from './report.js'
import { reproduceFor } from './reproduce.js'
import { choiceWithContent, genericRubric, selectPlans } from './select.js'

export async function gateCommitRange(inputs: Inputs, context: RunContext, range: CommitRange, client: GitHubClient, workerScript?: URL | null): Promise<Outcome> {
  const repo: Repo = { owner: context.owner, repo: context.repo }
  const ctx: ReportContext = { version: VERSION, repoUrl: repoUrl(context), headSha: range.head ?? '', jobSummaryUrl: runUrl(context) }
  core.setOutput('comment-url', '')
  if (range.head === null) {
    core.info(`Nothing to check: ${range.why}`)
    await writeJobSummary(skippedRange(range))
    setResultOutputs('SKIPPED', null, null)
    return { gate: 'SKIPPED', result: null, configError: null, publishFailures: [] }
  }
  const head = range.head
  core.info(`Checking the plans changed in ${range.why}`)

  const mergeBase = range.base === null ? null : await mergeBaseOf(client, repo, range.base, head)
  // The config the changes start from, as a pull request reads its base's: the changes cannot weaken their own gate.
  const configRef = mergeBase ?? head
  const readAtConfig = (path: string): Promise<string | null> => readTextAt(client, repo, path, configRef)
  let config: ResolvedConfig
  let configFound = false
  try {
    const { file, text } = await readConfigFile(inputs.config, readAtConfig)
    config = await loadConfig(file, text, readAtConfig)
    configFound = text !== null
    ctx.configSource = text === null ? `built-in defaults (no ${file} at ${configRef.slice(0, 7)})` : `${file} at ${mergeBase === null ? 'the pushed commit' : 'base'} ${configRef.slice(0, 7)}`
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    ctx.configSource = `${inputs.config} at ${configRef.slice(0, 7)}`
    annotateConfigProblems(error.problems)
    await writeJobSummary(configErrorMarkdown(error.problems, ctx))
    setResultOutputs('FAIL', null, null)
    return { gate: 'FAIL', result: null, configError: error, publishFailures: [] }
  }
  core.info(`Rubrics from ${ctx.configSource}`)

  const headBlobs = await treeBlobs(client, repo, head)
  const paths = mergeBase === null ? [...headBlobs.keys()] : changedPaths(await treeBlobs(client, repo, mergeBase), headBlobs)
  const selected = selectPlans(paths, config, inputs.files, inputs.files === null ? null : await genericRubric())
  const phase = await withPhaseOrder(inputs.files === null && mergeBase !== null ? paths : [], selected, config, siblingsIn(async () => headBlobs.keys()), inputs.failOn, summarize)
  core.info(phase.selected.length === 0 ? 'No plan changed' : `Plans to check: ${phase.selected.map((plan) => visiblePath(plan.path)).join(', ')}`)
  const refs: Array<{ path: string; ref: string | null }> = []
  const jobs: PlanJob[] = await Promise.all(
    phase.selected.map(async (plan) => {
      const content = await readFileAt(client, repo, plan.path, head)
      if (content === null) throw new Error(`${plan.path} is in the tree of ${head.slice(0, 7)} but GitHub has no such file there`)
      // As on the pull request: the plan's content picks among the entries its path matches, and its companions come along.
      const choice = choiceWithContent(plan, config, content)
      refs.push({ path: plan.path, ref: choice.ref ?? null })
      const companions = await Promise.all(
        companionPaths(plan.path, choice.rubric).map(async ({ id, file }) => ({ id, file, content: await readFileAt(client, repo, file, head) }))
      )
      return { file: plan.path, content, rubric: choice.rubric, rubricSource: choice.reason, ...(companions.length > 0 ? { companions } : {}) }
    })
  )
  ctx.reproduce = reproduceFor(inputs, configFound, refs)
  const result = phase.finish(await checkPlans(jobs, { failOn: inputs.failOn, maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs, policy: config.policy, ...(workerScript === undefined ? {} : { workerScript }) }))

  const gate = jobs.length === 0 ? 'SKIPPED' : result.verdict
  const reports = await writeReports(result, ctx, context.runnerTemp, inputs.sarifFile)
  await writeJobSummary(gate === 'SKIPPED' ? skippedRange(range) : reports.summary)
  annotate(result)
  setResultOutputs(gate, result, reports.files)
  return { gate, result, configError: null, publishFailures: [] }
}

function skippedRange(range: CommitRange): string {
  return ['## ✅ plan-gate: no plan changed', '', `No file that plan-gate checks changed in ${range.why}, so there is nothing to gate.`, ''].join('\n')
}

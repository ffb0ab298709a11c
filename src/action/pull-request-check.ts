// The second half of the gate on a pull request, loaded once the first
// requests are out (see pull-request.ts): the config turned into rubrics, the
// plan text at the head commit, then the engine, the reports and the comments.
import * as core from '@actions/core'
import type { GitHubClient, Repo } from '../github/client.js'
import { isPresentInHead } from '../github/changed-files.js'
import { readFileAt, readTextAt } from '../github/contents.js'
import { commentableLines } from '../github/diff-lines.js'
import { treeBlobs } from '../github/tree-diff.js'
import { renderComment, shortSha, visiblePath, type ReportContext } from '../report/index.js'
import { loadConfig, type ResolvedConfig } from '../rubric/config.js'
import type { ConfigFile } from '../rubric/config-file.js'
import { ConfigError } from '../rubric/errors.js'
import { companionPaths } from '../engine/check.js'
import { checkPlans, summarize, type PlanJob } from '../runner/check-plans.js'
import { siblingsIn, withPhaseOrder } from '../runner/phase-order.js'
import { VERSION } from '../version.js'
import { configErrorMarkdown, skippedMarkdown } from './bodies.js'
import { repoUrl, runUrl, type PullRequestRef, type RunContext } from './context.js'
import type { Inputs } from './inputs.js'
import type { Outcome } from './outcome.js'
import type { FirstReads } from './pull-request.js'
import { publish } from './publish.js'
import { annotate, annotateConfigProblems, setResultOutputs, writeJobSummary, writeReports } from './report.js'
import { reproduceFor } from './reproduce.js'
import { choiceWithContent, genericRubric, selectPlans } from './select.js'

// Plan downloads in flight at once; the throttling plugin caps requests overall.
const DOWNLOAD_CONCURRENCY = 8

export async function checkPullRequest(
  inputs: Inputs,
  context: RunContext,
  pull: PullRequestRef,
  client: GitHubClient,
  reads: FirstReads,
  workerScript?: URL | null
): Promise<Outcome> {
  const repo: Repo = { owner: context.owner, repo: context.repo }
  const configRef = reads.configRef
  const ctx: ReportContext = {
    version: VERSION,
    repoUrl: repoUrl(context),
    headSha: pull.headSha,
    baseSha: pull.baseSha,
    jobSummaryUrl: runUrl(context)
  }

  // The listing goes on while the rubrics load.
  const [loaded, listed] = await Promise.allSettled([loadRemoteConfig(client, repo, reads.config, configRef, inputs.configRef), reads.changes])
  if (loaded.status === 'rejected') {
    const error: unknown = loaded.reason
    if (!(error instanceof ConfigError)) throw error
    ctx.configSource = `${inputs.config} at ${inputs.configRef} ${shortSha(configRef)}`
    annotateConfigProblems(error.problems)
    const markdown = configErrorMarkdown(error.problems, ctx)
    await writeJobSummary(markdown)
    setResultOutputs('FAIL', null, null)
    const published = await publish(inputs, context, pull, client, { gate: 'FAIL', markdown, result: null, diffLines: new Map(), ctx })
    return { gate: 'FAIL', result: null, configError: error, publishFailures: published.failures }
  }
  if (listed.status === 'rejected') throw listed.reason
  const { config, description, found } = loaded.value
  const changes = listed.value
  ctx.configSource = description
  core.info(`Rubrics from ${ctx.configSource}`)
  core.info(`Changed files from the ${changes.source}`)
  const present = changes.files.filter(isPresentInHead)
  const selected = selectPlans(
    present.map((file) => file.path),
    config,
    inputs.files,
    inputs.files === null ? null : await genericRubric()
  )
  // Changed tasks files wait for the plan beside them, which is checked even when it did not change.
  let headTree: Promise<Map<string, string>> | null = null
  const phase = await withPhaseOrder(
    inputs.files === null ? present.map((file) => file.path) : [],
    selected,
    config,
    siblingsIn(async () => (await (headTree ??= treeBlobs(client, repo, pull.headSha))).keys()),
    inputs.failOn,
    summarize
  )
  const toCheck = phase.selected
  core.info(toCheck.length === 0 ? 'No changed plan to check' : `Plans to check: ${toCheck.map((plan) => visiblePath(plan.path)).join(', ')}`)

  const refs = new Map<string, string | null>()
  const jobs = await mapLimit(toCheck, DOWNLOAD_CONCURRENCY, async (plan): Promise<PlanJob> => {
    const content = await readFileAt(client, repo, plan.path, pull.headSha)
    // Listed as changed yet missing at the head: the check cannot read what it must judge.
    if (content === null) throw new Error(`${plan.path} is listed as changed but GitHub has no such file at ${shortSha(pull.headSha)}`)
    const choice = choiceWithContent(plan, config, content)
    refs.set(plan.path, choice.ref ?? null)
    // Siblings the rubric names are read at the head too: they are part of the change being judged.
    const companions = await Promise.all(
      companionPaths(plan.path, choice.rubric).map(async ({ id, file }) => ({ id, file, content: await readFileAt(client, repo, file, pull.headSha) }))
    )
    return { file: plan.path, content, rubric: choice.rubric, rubricSource: choice.reason, ...(companions.length > 0 ? { companions } : {}) }
  })
  ctx.reproduce = reproduceFor(inputs, found, [...refs].map(([path, ref]) => ({ path, ref })))
  const checked = await checkPlans(jobs, { failOn: inputs.failOn, maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs, policy: config.policy, ...(workerScript === undefined ? {} : { workerScript }) })
  const result = phase.finish(checked)

  const gate = jobs.length === 0 ? 'SKIPPED' : result.verdict
  const reports = await writeReports(result, ctx, context.runnerTemp, inputs.sarifFile)
  const markdown = gate === 'SKIPPED' ? skippedMarkdown(ctx, 'pull-request') : renderComment(result, ctx)
  await writeJobSummary(gate === 'SKIPPED' ? markdown : reports.summary)
  annotate(result)
  setResultOutputs(gate, result, reports.files)

  if (changes.movedOnTo !== null) {
    // An older commit's verdict (a re-run, or a slow run) must not overwrite
    // the comments, which belong to the newest commit's run.
    core.info(`The pull request has moved on to ${shortSha(changes.movedOnTo)}; this run's verdict is its exit status, and it leaves the comments to that commit's run`)
    core.setOutput('comment-url', '')
    return { gate, result, configError: null, publishFailures: [] }
  }
  const patches = new Map(present.filter((file) => file.patch !== undefined).map((file) => [file.path, file.patch as string]))
  const diffLines = new Map(jobs.filter((job) => patches.has(job.file)).map((job) => [job.file, commentableLines(patches.get(job.file) as string)]))
  const published = await publish(inputs, context, pull, client, { gate, markdown, result, diffLines, ctx })
  return { gate, result, configError: null, publishFailures: published.failures }
}

interface LoadedConfig {
  config: ResolvedConfig
  description: string
  /** Whether the config file exists; without it the built-in defaults apply. */
  found: boolean
}

/** The config and every file it extends, read at one commit; without a config file, the built-in defaults. */
async function loadRemoteConfig(client: GitHubClient, repo: Repo, configFile: Promise<ConfigFile>, ref: string, side: 'base' | 'head'): Promise<LoadedConfig> {
  const { file, text } = await configFile
  const config = await loadConfig(file, text, (path) => readTextAt(client, repo, path, ref))
  const where = `${side} ${shortSha(ref)}`
  return { config, description: text === null ? `built-in defaults (no ${file} at ${where})` : `${file} at ${where}`, found: text !== null }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await task(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

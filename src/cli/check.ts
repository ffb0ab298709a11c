import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import picomatch from 'picomatch'
import { companionPaths } from '../engine/check.js'
import type { FailOn, RunResult } from '../engine/types.js'
import { renderJson, renderMarkdown, renderSarif, renderText, type Reproduce } from '../report/index.js'
import { builtInConfig, isPlanPath, loadConfig, rubricFor, type PlanMapping, type ResolvedConfig, type RubricChoice } from '../rubric/config.js'
import { ConfigError } from '../rubric/errors.js'
import { RubricLoader } from '../rubric/load.js'
import type { Rubric } from '../rubric/schema.js'
import { DEFAULT_CACHE_DIR } from '../runner/cache.js'
import { checkPlans, SMALL_RUN_BYTES, summarize, type PlanJob } from '../runner/check-plans.js'
import { withPhaseOrder } from '../runner/phase-order.js'
import { changedPaths } from '../workspace/git-changes.js'
import { changedPlanFiles } from './changed.js'
import { VERSION } from '../version.js'
import { collectFiles, CONCURRENT_READS, mapConcurrent, MAX_REPO_FILE_BYTES, readRegularFile, repoFileReader, toRepoPath, UnreadableFileError, type OperandResult } from '../workspace/files.js'
import { EXIT_FAIL, EXIT_PASS, EXIT_USAGE, UsageError, type CliIo } from './common.js'
import { discoverConfig, findRepositoryTop } from './discover.js'

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const
type Format = (typeof FORMATS)[number]
const FAIL_ON = ['error', 'warning', 'never'] as const

export function parseCheckArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        rubric: { type: 'string' },
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'error' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
        changed: { type: 'boolean', default: false },
        base: { type: 'string' },
        staged: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** Which files count as plans, and how to tell the user so when none does. */
interface PlanSelector {
  matches: (repoPath: string) => boolean
  howFound: string
}

function globsOf(mappings: readonly PlanMapping[]): string {
  return [...new Set(mappings.flatMap((mapping) => mapping.files))].join(', ')
}

function configSelector(config: ResolvedConfig): PlanSelector {
  return {
    matches: (repoPath) => isPlanPath(config, repoPath),
    howFound: `plans are the files matching the globs of ${config.source} (${globsOf(config.mappings)}), relative to the repository root; name a file to check it anyway`
  }
}

/**
 * With --rubric, a directory means the plans that rubric is for: the globs the
 * config gives it, else the built-in defaults' globs for it, else every glob of
 * the config. Content signatures are not asked for: --rubric has chosen.
 */
function overrideSelector(config: ResolvedConfig, defaults: ResolvedConfig, rubric: Rubric, option: string): PlanSelector {
  const own = config.source === defaults.source ? [] : config.mappings.filter((mapping) => mapping.rubric.name === rubric.name)
  const builtIn = defaults.mappings.filter((mapping) => mapping.rubric.name === rubric.name)
  const [mappings, from] =
    own.length > 0 ? [own, `its entries in ${config.source}`] : builtIn.length > 0 ? [builtIn, 'the built-in defaults'] : [config.mappings, config.source]
  return {
    matches: (repoPath) => mappings.some((mapping) => mapping.matches(repoPath)),
    howFound: `with --rubric ${option}, plans under a directory are the files matching ${globsOf(mappings)} (from ${from}), relative to the repository root; name a file to check it anyway`
  }
}

function looksLikeGlob(operand: string): boolean {
  return picomatch.scan(operand).isGlob
}

/** Why an operand gave no plan, or null when it gave some. */
function operandProblem(result: OperandResult, selector: PlanSelector): string | null {
  if (result.unreadable !== undefined) return `"${result.operand}" ${result.unreadable}; a plan must be a regular file`
  if (result.paths.length > 0) return null
  if (result.kind === 'directory') return `no plan under "${result.operand}": ${selector.howFound}`
  if (!looksLikeGlob(result.operand)) return `"${result.operand}" does not exist`
  return `"${result.operand}" matches no file (a glob is relative to the current directory)`
}

export async function check(args: readonly string[], io: CliIo, help: string): Promise<number> {
  const { values, positionals } = parseCheckArgs(args)
  if (values.help) {
    io.stdout(help)
    return EXIT_PASS
  }
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`)
  const failOn = values['fail-on'] as FailOn
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got "${values['fail-on']}"`)

  if (!values.changed && (values.base !== undefined || values.staged)) throw new UsageError('--base and --staged go with --changed')
  if (values.changed && positionals.length > 0) throw new UsageError('--changed checks the changed plans git reports; name no files with it')

  const cwd = path.resolve(io.cwd)
  const { root, config: configFile } =
    values.config === undefined ? await discoverConfig(cwd) : { root: (await findRepositoryTop(cwd)) ?? cwd, config: path.resolve(cwd, values.config) }
  // --changed asks git, and no changed plan is a pass with nothing to check, not a missing operand. git works
  // while the config loads; its answer (or its error) is awaited only once the config is known to be good.
  const asking = values.changed ? changedPaths(root, { base: values.base, staged: values.staged }) : null
  asking?.catch(() => {})
  const readRepoFile = repoFileReader(root)
  const config = await loadCliConfig(configFile, values.config, root, readRepoFile)
  const override = values.rubric ? await loadNamedRubric(values.rubric, '--rubric', readRepoFile) : null
  // The built-in defaults are only asked which globs a --rubric override goes with: loading them costs every other run.
  const selector = override ? overrideSelector(config, await builtInConfig(), override, values.rubric!) : configSelector(config)

  const operands = positionals.length > 0 ? positionals : ['.']
  const changed = asking ? await asking : null
  // From a subdirectory, --changed means the changed plans under it, as `check .` there would.
  const under = toRepoPath(root, cwd)
  const inScope = (repoPath: string): boolean => under === '' || repoPath.startsWith(`${under}/`)
  const collected = changed
    ? { files: await changedPlanFiles(root, changed.paths.filter(inScope), selector.matches), operands: [] as OperandResult[] }
    : await collectFiles(root, operands, selector.matches, cwd)
  const problems = collected.operands.map((result) => operandProblem(result, selector)).filter((problem) => problem !== null)
  if (problems.length > 0) {
    io.stderr(`plan-gate: no plan was checked, and the gate fails:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`)
    return EXIT_USAGE
  }
  if (override) {
    for (const result of collected.operands) {
      if (result.kind !== 'directory') continue
      io.stderr(`plan-gate: took ${result.paths.length} plan${result.paths.length === 1 ? '' : 's'} under "${result.operand}": ${result.paths.join(', ')}\n`)
    }
  }

  const jobs: PlanJob[] = []
  const rubricRefs: Record<string, string | null> = {}
  // Read side by side, used in order: the first file that cannot be read is the one reported.
  const contents = await mapConcurrent(collected.files, CONCURRENT_READS, (file) => readRegularFile(file.absolute))
  for (const [at, file] of collected.files.entries()) {
    const read = contents[at]!
    if (read.status === 'rejected') {
      const error: unknown = read.reason
      const reason = error instanceof UnreadableFileError ? error.message : `cannot be read (${error instanceof Error ? error.message : String(error)})`
      io.stderr(`plan-gate: no plan was checked, and the gate fails:\n  "${file.path}" ${reason}\n`)
      return EXIT_USAGE
    }
    const content = read.value
    const choice: RubricChoice | null = override
      ? { rubric: override, reason: `--rubric ${values.rubric}` }
      : rubricFor(config, file.path, content) ??
        (file.explicit ? { rubric: config.fallback, ref: 'generic', reason: `named on the command line; no entry in ${config.source} matches it` } : null)
    if (!choice) continue
    rubricRefs[file.path] = choice.ref ?? null
    const companions = await Promise.all(companionPaths(file.path, choice.rubric).map(async ({ id, file }) => ({ id, file, content: await readRepoFile(file).catch(() => null) })))
    jobs.push({ file: file.path, content, rubric: choice.rubric, rubricSource: choice.reason, ...(companions.length > 0 ? { companions } : {}) })
  }
  // Changed tasks files wait for the plan beside them, as on a pull request.
  const phase = await withPhaseOrder(
    changed && !override ? changed.paths : [],
    jobs.map((job) => ({ path: job.file, rubric: job.rubric, reason: job.rubricSource })),
    config,
    async (dir) => readdir(path.join(root, ...dir.split('/'))).catch(() => []),
    failOn,
    summarize
  )
  for (const extra of phase.selected.slice(jobs.length)) {
    jobs.push({ file: extra.path, content: await readRegularFile(path.join(root, ...extra.path.split('/'))), rubric: extra.rubric, rubricSource: extra.reason })
  }
  const cacheDir = values.cache || values['cache-location'] !== undefined ? path.resolve(root, values['cache-location'] ?? DEFAULT_CACHE_DIR) : undefined
  const checked = await checkPlans(jobs, { failOn, maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs, policy: config.policy, inThreadBytes: SMALL_RUN_BYTES, ...(cacheDir ? { cacheDir } : {}) })
  const result = phase.finish(checked)
  // The Markdown report's "reproduce" commands repeat this run's options.
  const reproduce: Reproduce = { rubricRefs, failOn }
  if (values.config !== undefined) reproduce.config = config.source
  if (values.rubric !== undefined) reproduce.rubric = values.rubric
  io.stdout(render(result, format, io, reproduce))
  if (failOn === 'never') return EXIT_PASS
  return result.verdict === 'PASS' ? EXIT_PASS : EXIT_FAIL
}

/** A rubric named on the command line; a bad name is a usage error about the option, not a file position. */
export async function loadNamedRubric(ref: string, option: string, readRepoFile: (repoPath: string) => Promise<string | null>): Promise<Rubric> {
  try {
    return await new RubricLoader(readRepoFile).load(ref, null)
  } catch (error) {
    const unlocated = error instanceof ConfigError && error.problems.length === 1 && error.problems[0]!.file === 'plan-gate'
    if (unlocated) throw new UsageError(`${option}: ${error.problems[0]!.message}`)
    throw error
  }
}

async function loadCliConfig(
  absolute: string | null,
  option: string | undefined,
  root: string,
  readRepoFile: (repoPath: string) => Promise<string | null>
): Promise<ResolvedConfig> {
  if (absolute === null) return loadConfig('built-in defaults', null, readRepoFile)
  const relative = toRepoPath(root, absolute)
  const display = relative === '' || relative.startsWith('..') ? (option ?? absolute) : relative
  let text: string
  try {
    text = (await readRegularFile(absolute, MAX_REPO_FILE_BYTES)).toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`config file "${option ?? display}" not found`)
    const reason = error instanceof UnreadableFileError ? error.message : `cannot be read: ${error instanceof Error ? error.message : String(error)}`
    throw new ConfigError([{ file: display, line: 1, column: 1, path: '', message: `the config ${reason}` }])
  }
  return loadConfig(display, text, readRepoFile)
}

function render(result: RunResult, format: Format, io: CliIo, reproduce: Reproduce): string {
  switch (format) {
    case 'json':
      return renderJson(result)
    case 'sarif':
      return renderSarif(result, { version: VERSION })
    case 'markdown':
      return renderMarkdown(result, { version: VERSION, reproduce })
    case 'text':
      return renderText(result, { color: io.isTTY && !io.env['NO_COLOR'] && io.env['TERM'] !== 'dumb' })
  }
}

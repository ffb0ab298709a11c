// The package's programmatic API (`import { check, loadConfig } from 'plan-gate'`),
// bundled to dist/api.js. Importing it does nothing but define these functions:
// no process exit, no output, no environment read, so it can live inside any
// tool. It reads plans the way the CLI does and returns the CLI's JSON shape.
//
// Its declarations are shipped as they are written here (dist/types/), so the
// public types are the engine's plain interfaces, never the zod schema types.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { FailOn, RunResult } from './engine/types.js'
import { renderJson, renderMarkdown, renderSarif, renderText } from './report/index.js'
import { builtInConfig, loadConfig as loadResolvedConfig, rubricFor, type ResolvedConfig } from './rubric/config.js'
import { ConfigError } from './rubric/errors.js'
import { RubricLoader } from './rubric/load.js'
import { DEFAULT_CONFIG_PATH } from './rubric/repo-path.js'
import { checkPlans, type PlanJob } from './runner/check-plans.js'
import { VERSION } from './version.js'
import { collectFiles, repoFileReader } from './workspace/files.js'

export type { DeclaredGate, FailOn, Finding, PlanResult, RunResult, Severity, Verdict } from './engine/types.js'
export { ConfigError, formatProblem, type ConfigProblem } from './rubric/errors.js'

/** plan-gate's version, e.g. `1.0.0`. */
export const version: string = VERSION

export interface LoadConfigOptions {
  /** The repository root; paths in the config are relative to it. Default: `process.cwd()`. */
  cwd?: string
  /**
   * The config file, relative to `cwd` (or absolute). Default: `.github/plan-gate.yml`
   * when it exists, else the built-in defaults. A named file that is missing is an error.
   */
  config?: string
}

/** A loaded configuration: which rubric checks which plan files. Pass it to `check` to load it once for many runs. */
export interface PlanGateConfig {
  /** Where the mapping came from: the config file's path relative to the root, or `built-in defaults`. */
  readonly source: string
  /** The repository root the config was loaded for. */
  readonly root: string
  /** The mapping, first match wins; `rubric` is the name of the resolved rubric. */
  readonly plans: ReadonlyArray<{ readonly files: readonly string[]; readonly exclude: readonly string[]; readonly rubric: string }>
  readonly limits: { readonly maxPlanBytes: number; readonly parseTimeoutMs: number }
}

export interface CheckOptions {
  /** The repository root plans and paths are relative to. Default: the config's root, else `process.cwd()`. */
  cwd?: string
  /** The config file (as for `loadConfig`), or a config `loadConfig` returned. */
  config?: string | PlanGateConfig
  /** Check every plan with this preset or rubric file, ignoring the config's mapping (the CLI's `--rubric`). */
  rubric?: string
  /** What fails a plan: `error` (default), `warning`, or `never`. */
  failOn?: FailOn
}

export interface CheckResult extends RunResult {
  /** Operands that matched no plan file (the CLI warns about each). */
  unmatched: string[]
}

export type ReportFormat = 'text' | 'json' | 'markdown' | 'sarif'

// The resolved rubrics stay out of the public types; a config object is only a handle to them.
const resolvedConfigs = new WeakMap<PlanGateConfig, ResolvedConfig>()

/**
 * Loads and validates a configuration and every rubric it names. Throws
 * `ConfigError`, whose `problems` give file, line, column and field path.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<PlanGateConfig> {
  const root = path.resolve(options.cwd ?? process.cwd())
  const file = options.config ?? DEFAULT_CONFIG_PATH
  const absolute = path.resolve(root, file)
  let text: string | null = null
  try {
    text = await readFile(absolute, 'utf8')
  } catch {
    if (options.config !== undefined) {
      throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `config file "${file}" not found` }])
    }
  }
  const display = path.relative(root, absolute).split(path.sep).join('/') || file
  const resolved = await loadResolvedConfig(display, text, repoFileReader(root))
  const config: PlanGateConfig = Object.freeze({
    source: resolved.source,
    root,
    plans: Object.freeze(resolved.mappings.map((mapping) => Object.freeze({ files: [...mapping.files], exclude: [...mapping.exclude], rubric: mapping.rubric.name }))),
    limits: Object.freeze({ maxPlanBytes: resolved.maxPlanBytes, parseTimeoutMs: resolved.parseTimeoutMs })
  })
  resolvedConfigs.set(config, resolved)
  return config
}

/**
 * Checks plans as `plan-gate check [paths...]` does: a file is checked as
 * named (with the rubric the config maps it to, else `generic`), a directory
 * means the plans the config matches under it, anything else is a glob
 * relative to `cwd`. Resolves to the same result `--format json` prints.
 */
export async function check(paths: readonly string[] = ['.'], options: CheckOptions = {}): Promise<CheckResult> {
  const failOn = options.failOn ?? 'error'
  if (!['error', 'warning', 'never'].includes(failOn)) throw new TypeError(`failOn must be "error", "warning" or "never"; got "${String(failOn)}"`)
  const given = options.config
  const config = typeof given === 'object' && given !== null ? given : await loadConfig({ cwd: options.cwd, config: given })
  const resolved = resolvedConfigs.get(config)
  if (resolved === undefined) throw new TypeError('options.config must be a file path or a config that loadConfig returned')
  const root = options.cwd === undefined ? config.root : path.resolve(options.cwd)
  const readRepoFile = repoFileReader(root)
  const loader = new RubricLoader(readRepoFile)
  const override = options.rubric === undefined ? null : await loader.load(options.rubric, null)
  const fallback = override ? null : (await builtInConfig()).mappings.find((mapping) => mapping.rubric.name === 'generic')?.rubric ?? null

  const { files, unmatched } = await collectFiles(root, paths.length > 0 ? paths : ['.'], (repoPath) => rubricFor(resolved, repoPath) !== null)
  const jobs: PlanJob[] = []
  for (const file of files) {
    const choice = override
      ? { rubric: override, reason: `rubric option ${options.rubric}` }
      : rubricFor(resolved, file.path) ?? (fallback && file.explicit ? { rubric: fallback, reason: `named explicitly; no entry in ${resolved.source} matches it` } : null)
    if (!choice) continue
    jobs.push({ file: file.path, content: await readFile(file.absolute), rubric: choice.rubric, rubricSource: choice.reason })
  }
  const result = await checkPlans(jobs, { failOn, maxPlanBytes: resolved.maxPlanBytes, parseTimeoutMs: resolved.parseTimeoutMs })
  return { ...result, unmatched }
}

/** A result rendered as the CLI prints it with `--format <format>` (text without colour). */
export function format(result: RunResult, reportFormat: ReportFormat): string {
  const run: RunResult = { verdict: result.verdict, plans: result.plans }
  switch (reportFormat) {
    case 'json':
      return renderJson(run)
    case 'sarif':
      return renderSarif(run, { version: VERSION })
    case 'markdown':
      return renderMarkdown(run, { version: VERSION })
    case 'text':
      return renderText(run, { color: false })
    default:
      throw new TypeError(`format must be "text", "json", "markdown" or "sarif"; got "${String(reportFormat)}"`)
  }
}

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
import { check as runCheck } from './cli/check.js'
import { EXIT_USAGE } from './cli/common.js'
import { loadConfig as loadResolvedConfig, type ResolvedConfig } from './rubric/config.js'
import { ConfigError } from './rubric/errors.js'
import { DEFAULT_CONFIG_PATH } from './rubric/repo-path.js'
import { readConfigFile } from './rubric/config-file.js'
import { VERSION } from './version.js'
import { repoFileReader } from './workspace/files.js'

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
  /** Operands that matched no plan file: always empty, since such an operand rejects, as the CLI fails on it. */
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
  let file = options.config ?? DEFAULT_CONFIG_PATH
  let text: string | null = null
  if (options.config === undefined) {
    // The default place holds `.yml` or `.yaml`, as the CLI and the action read it.
    ;({ file, text } = await readConfigFile(DEFAULT_CONFIG_PATH, (name) => readFile(path.resolve(root, name), 'utf8').catch(() => null)))
  } else {
    try {
      text = await readFile(path.resolve(root, file), 'utf8')
    } catch {
      throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `config file "${file}" not found` }])
    }
  }
  const absolute = path.resolve(root, file)
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
 * Checks plans as `plan-gate check [paths...]` does, through the very same
 * code: a file is checked as named, a directory means the plans under it, and
 * anything else is a glob relative to `cwd`; content signatures, companions,
 * waivers, the baseline and phase order apply as in the CLI. Resolves to the
 * result `--format json` prints. An operand that gives no plan, or a plan that
 * cannot be read, rejects with the CLI's message; a bad config with `ConfigError`.
 */
export async function check(paths: readonly string[] = ['.'], options: CheckOptions = {}): Promise<CheckResult> {
  const failOn = options.failOn ?? 'error'
  if (!['error', 'warning', 'never'].includes(failOn)) throw new TypeError(`failOn must be "error", "warning" or "never"; got "${String(failOn)}"`)
  const given = options.config
  // Loaded first so that a bad config rejects with the located problems, not a line of text.
  const config = typeof given === 'object' && given !== null ? given : await loadConfig({ cwd: options.cwd, config: given })
  if (resolvedConfigs.get(config) === undefined) throw new TypeError('options.config must be a file path or a config that loadConfig returned')
  const root = options.cwd === undefined ? config.root : path.resolve(options.cwd)
  const args = [...(paths.length > 0 ? paths : ['.']), '--format', 'json', '--fail-on', failOn]
  if (config.source !== 'built-in defaults') args.push('--config', path.resolve(config.root, config.source))
  if (options.rubric !== undefined) args.push('--rubric', options.rubric)
  let stdout = ''
  let stderr = ''
  const status = await runCheck(args, { cwd: root, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false }, '')
  if (status === EXIT_USAGE) throw new Error(stderr.replace(/^plan-gate: /, '').trim() || 'plan-gate could not check the plans')
  const report = JSON.parse(stdout) as RunResult
  return { verdict: report.verdict, plans: report.plans, unmatched: [] }
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

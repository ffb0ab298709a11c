import type { FailOn, RunResult } from './engine/types.js';
export type { DeclaredGate, FailOn, Finding, PlanResult, RunResult, Severity, Verdict } from './engine/types.js';
export { ConfigError, formatProblem, type ConfigProblem } from './rubric/errors.js';
/** plan-gate's version, e.g. `1.0.0`. */
export declare const version: string;
export interface LoadConfigOptions {
    /** The repository root; paths in the config are relative to it. Default: `process.cwd()`. */
    cwd?: string;
    /**
     * The config file, relative to `cwd` (or absolute). Default: `.github/plan-gate.yml`
     * when it exists, else the built-in defaults. A named file that is missing is an error.
     */
    config?: string;
}
/** A loaded configuration: which rubric checks which plan files. Pass it to `check` to load it once for many runs. */
export interface PlanGateConfig {
    /** Where the mapping came from: the config file's path relative to the root, or `built-in defaults`. */
    readonly source: string;
    /** The repository root the config was loaded for. */
    readonly root: string;
    /** The mapping, first match wins; `rubric` is the name of the resolved rubric. */
    readonly plans: ReadonlyArray<{
        readonly files: readonly string[];
        readonly exclude: readonly string[];
        readonly rubric: string;
    }>;
    readonly limits: {
        readonly maxPlanBytes: number;
        readonly parseTimeoutMs: number;
    };
}
export interface CheckOptions {
    /** The repository root plans and paths are relative to. Default: the config's root, else `process.cwd()`. */
    cwd?: string;
    /** The config file (as for `loadConfig`), or a config `loadConfig` returned. */
    config?: string | PlanGateConfig;
    /** Check every plan with this preset or rubric file, ignoring the config's mapping (the CLI's `--rubric`). */
    rubric?: string;
    /** What fails a plan: `error` (default), `warning`, or `never`. */
    failOn?: FailOn;
}
export interface CheckResult extends RunResult {
    /** Operands that matched no plan file: always empty, since such an operand rejects, as the CLI fails on it. */
    unmatched: string[];
}
export type ReportFormat = 'text' | 'json' | 'markdown' | 'sarif';
/**
 * Loads and validates a configuration and every rubric it names. Throws
 * `ConfigError`, whose `problems` give file, line, column and field path.
 */
export declare function loadConfig(options?: LoadConfigOptions): Promise<PlanGateConfig>;
/**
 * Checks plans as `plan-gate check [paths...]` does, through the very same
 * code: a file is checked as named, a directory means the plans under it, and
 * anything else is a glob relative to `cwd`; content signatures, companions,
 * waivers, the baseline and phase order apply as in the CLI. Resolves to the
 * result `--format json` prints. An operand that gives no plan, or a plan that
 * cannot be read, rejects with the CLI's message; a bad config with `ConfigError`.
 */
export declare function check(paths?: readonly string[], options?: CheckOptions): Promise<CheckResult>;
/** A result rendered as the CLI prints it with `--format <format>` (text without colour). */
export declare function format(result: RunResult, reportFormat: ReportFormat): string;

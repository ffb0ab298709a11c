import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { FailOn, RunResult } from '../engine/types.js'
import { renderJson, renderMarkdown, renderSarif, renderText, type Reproduce } from '../report/index.js'
import { builtInConfig, loadConfig, rubricFor, type ResolvedConfig } from '../rubric/config.js'
import { DEFAULT_CONFIG_PATH } from '../rubric/repo-path.js'
import { ConfigError, formatProblem } from '../rubric/errors.js'
import { RubricLoader } from '../rubric/load.js'
import { presets } from '../rubric/presets/index.js'
import { renderTemplate } from '../rubric/template.js'
import { checkPlans, type PlanJob } from '../runner/check-plans.js'
import { VERSION } from '../version.js'
import { collectFiles, repoFileReader } from '../workspace/files.js'

export interface CliIo {
  cwd: string
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is a terminal (colour only then). */
  isTTY: boolean
}

export const EXIT_PASS = 0
export const EXIT_FAIL = 1
export const EXIT_USAGE = 2

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const
type Format = (typeof FORMATS)[number]
const FAIL_ON = ['error', 'warning', 'never'] as const

const HELP = `plan-gate ${VERSION} — check technical plans against a rubric

Usage:
  plan-gate check [files, directories or globs...]   check plans (default: .)
  plan-gate presets                                  list the built-in rubrics
  plan-gate template <preset or rubric file>         print a skeleton plan for a rubric
  plan-gate --version | --help

Options for check:
  --config <file>      config file (default: ${DEFAULT_CONFIG_PATH} when it exists, else built-in defaults)
  --rubric <name|file> check every plan with this preset or rubric file, ignoring the config mapping
  --format <format>    text (default), json, markdown or sarif
  --fail-on <level>    error (default), warning or never

Exit status: 0 every plan passes, 1 a plan fails, 2 usage or configuration error.
`

class UsageError extends Error {}

/** Runs the CLI; returns the exit status. Never throws: every failure becomes a message and a status. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP)
        return command === undefined ? EXIT_USAGE : EXIT_PASS
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`)
        return EXIT_PASS
      case 'check':
        return await check(rest, io)
      case 'presets':
        return presets_(io)
      case 'template':
        return await template(rest, io)
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`plan-gate: ${error.message}\nRun "plan-gate --help" for usage.\n`)
      return EXIT_USAGE
    }
    if (error instanceof ConfigError) {
      io.stderr(`plan-gate: configuration error — no plan was checked, and the gate fails:\n${error.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}\n`)
      return EXIT_USAGE
    }
    io.stderr(`plan-gate: internal error, the gate fails: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_USAGE
  }
}

function parse(args: readonly string[]) {
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
        help: { type: 'boolean', short: 'h' }
      }
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function check(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args)
  if (values.help) {
    io.stdout(HELP)
    return EXIT_PASS
  }
  const format = values.format as Format
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${values.format}"`)
  const failOn = values['fail-on'] as FailOn
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}; got "${values['fail-on']}"`)

  const root = io.cwd
  const readRepoFile = repoFileReader(root)
  const config = await loadCliConfig(values.config, root, readRepoFile)
  const override = values.rubric ? await loadNamedRubric(values.rubric, '--rubric', readRepoFile) : null
  const fallback = override ? null : (await builtInConfig()).mappings.find((mapping) => mapping.rubric.name === 'generic')?.rubric ?? null

  const operands = positionals.length > 0 ? positionals : ['.']
  const { files, unmatched } = await collectFiles(root, operands, (repoPath) => rubricFor(config, repoPath) !== null)
  for (const operand of unmatched) io.stderr(`plan-gate: warning: "${operand}" matched no plan file\n`)

  const jobs: PlanJob[] = []
  const rubricRefs: Record<string, string | null> = {}
  for (const file of files) {
    const choice = override
      ? { rubric: override, reason: `--rubric ${values.rubric}` }
      : rubricFor(config, file.path) ?? (fallback && file.explicit ? { rubric: fallback, ref: fallback.name, reason: `named on the command line; no entry in ${config.source} matches it` } : null)
    if (!choice) continue
    rubricRefs[file.path] = choice.ref ?? null
    jobs.push({ file: file.path, content: await readFile(file.absolute), rubric: choice.rubric, rubricSource: choice.reason })
  }
  const result = await checkPlans(jobs, { failOn, maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs })
  // The Markdown report's "reproduce" commands repeat this run's options.
  const reproduce: Reproduce = { rubricRefs, failOn }
  if (values.config !== undefined) reproduce.config = config.source
  if (values.rubric !== undefined) reproduce.rubric = values.rubric
  io.stdout(render(result, format, io, reproduce))
  if (failOn === 'never') return EXIT_PASS
  return result.verdict === 'PASS' ? EXIT_PASS : EXIT_FAIL
}

/** A rubric named on the command line; a bad name is a usage error about the option, not a file position. */
async function loadNamedRubric(ref: string, option: string, readRepoFile: (repoPath: string) => Promise<string | null>) {
  try {
    return await new RubricLoader(readRepoFile).load(ref, null)
  } catch (error) {
    const unlocated = error instanceof ConfigError && error.problems.length === 1 && error.problems[0]!.file === 'plan-gate'
    if (unlocated) throw new UsageError(`${option}: ${error.problems[0]!.message}`)
    throw error
  }
}

async function loadCliConfig(option: string | undefined, root: string, readRepoFile: (repoPath: string) => Promise<string | null>): Promise<ResolvedConfig> {
  const file = option ?? DEFAULT_CONFIG_PATH
  const absolute = path.resolve(root, file)
  let text: string | null = null
  try {
    text = await readFile(absolute, 'utf8')
  } catch {
    if (option !== undefined) throw new UsageError(`config file "${option}" not found`)
  }
  const display = path.relative(root, absolute).split(path.sep).join('/') || file
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

function presets_(io: CliIo): number {
  const width = Math.max(...[...presets.keys()].map((name) => name.length))
  for (const [name, preset] of presets) io.stdout(`${name.padEnd(width)}  ${preset.description ?? ''}\n`)
  return EXIT_PASS
}

async function template(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parse(args)
  const [ref] = positionals
  if (!ref || positionals.length > 1) throw new UsageError('template takes one preset name or rubric file')
  const rubric = await loadNamedRubric(ref, 'template', repoFileReader(io.cwd))
  io.stdout(renderTemplate(rubric))
  return EXIT_PASS
}

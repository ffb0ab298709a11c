import { ConfigError, formatProblem } from '../rubric/errors.js'
import { presets } from '../rubric/presets/index.js'
import { renderTemplate } from '../rubric/template.js'
import { VERSION } from '../version.js'
import { repoFileReader } from '../workspace/files.js'
import { GitError, NotAGitRepositoryError } from '../workspace/git-changes.js'
import { baseline } from './baseline.js'
import { check, loadNamedRubric, parseCheckArgs } from './check.js'
import { EXIT_PASS, EXIT_USAGE, UsageError, type CliIo } from './common.js'
import { hook } from './hook.js'
import { init } from './init.js'
import { rubricCommand } from './rubric.js'

export { EXIT_FAIL, EXIT_PASS, EXIT_USAGE, type CliIo } from './common.js'

const HELP = `plan-gate ${VERSION} — check technical plans against a rubric

Usage:
  plan-gate check [files, directories or globs...]   check plans (default: .)
  plan-gate presets                                  list the built-in rubrics
  plan-gate template <preset or rubric file>         print a skeleton plan for a rubric
  plan-gate baseline [paths...] [--output <file>]    record today's findings so only new ones fail
                                                     (default file: .github/plan-gate-baseline.json)
  plan-gate init [--hooks claude,codex,cursor,copilot,pre-commit] [--force]
                                                     write the config and workflow (and agent hooks) for this repository
  plan-gate hook <claude|codex|cursor|copilot>       answer an agent's hook event (JSON on stdin) about the changed plans
  plan-gate rubric --from-template <file>            print the rubric a plan template implies, as YAML to edit
  plan-gate --version | --help

Options for check:
  --config <file>      config file (default: .github/plan-gate.yml or .yaml, looked for from the current
                       directory up to the repository's top level; none → built-in defaults)
  --rubric <name|file> check every plan with this preset or rubric file, ignoring the config mapping;
                       a directory then means the files that rubric's globs match (listed on stderr)
  --format <format>    text (default), json, markdown or sarif
  --fail-on <level>    error (default), warning or never
  --cache              reuse results of unchanged plans (keyed by content, rubric, config and version)
  --cache-location <dir>  where the cache lives (default: node_modules/.cache/plan-gate; implies --cache)
  --changed            only the plans git says changed: staged, unstaged and untracked, against HEAD
  --base <ref>         with --changed: against the merge base of <ref> and HEAD instead
  --staged             with --changed: only what is staged in the index (for pre-commit)

A file is checked as named; a directory means the plans under it (files the config's globs match);
anything else is a glob relative to the current directory. An operand that gives no plan is an error.

Exit status: 0 every plan passes, 1 a plan fails, 2 usage or configuration error (nothing is checked).
`

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
        return await check(rest, io, HELP)
      case 'presets':
        return presets_(io)
      case 'template':
        return await template(rest, io)
      case 'baseline':
        return await baseline(rest, io, (args, baselineIo) => check(args, baselineIo, HELP), (message) => new UsageError(message))
      case 'init':
        return await init(rest, io)
      case 'hook':
        return await hook(rest, io)
      case 'rubric':
        return await rubricCommand(rest, io)
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
    if (error instanceof NotAGitRepositoryError || error instanceof GitError) {
      io.stderr(`plan-gate: ${error.message}\nNo plan was checked, and the gate fails.\n`)
      return EXIT_USAGE
    }
    io.stderr(`plan-gate: internal error, the gate fails: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_USAGE
  }
}

function presets_(io: CliIo): number {
  const width = Math.max(...[...presets.keys()].map((name) => name.length))
  for (const [name, preset] of presets) io.stdout(`${name.padEnd(width)}  ${preset.description ?? ''}\n`)
  return EXIT_PASS
}

async function template(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseCheckArgs(args)
  const [ref] = positionals
  if (!ref || positionals.length > 1) throw new UsageError('template takes one preset name or rubric file')
  const rubric = await loadNamedRubric(ref, 'template', repoFileReader(io.cwd))
  io.stdout(renderTemplate(rubric))
  return EXIT_PASS
}

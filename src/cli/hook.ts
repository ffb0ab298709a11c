// `plan-gate hook <agent>`: the command the agents' hook files run. It reads
// the agent's event from stdin and answers in that agent's contract, about
// the verdict `plan-gate check --changed` gives in the event's directory, so
// the agent, the commit and CI can never disagree about a plan.
import { parseArgs } from 'node:util'
import { answerHook, HOOK_ADAPTERS, type CheckChanged, type CheckReport } from '../hooks/index.js'
import type { CliIo } from './main.js'
import { run } from './main.js'

export interface HookIo extends CliIo {
  /** The agent's event; default: all of the process's stdin. */
  readStdin?: () => Promise<string>
}

const USAGE = `Usage: plan-gate hook <${[...HOOK_ADAPTERS.keys()].join('|')}> [--base <ref>] [--config <file>]\n`

async function processStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks).toString('utf8')
}

/** The CLI's own `check --changed --format json`, run in-process: the hooks judge exactly as the CLI does. */
export function changedCheck(io: CliIo, extraArgs: readonly string[]): CheckChanged {
  return async (directory) => {
    let stdout = ''
    let stderr = ''
    const status = await run(['check', '--changed', '--format', 'json', ...extraArgs], {
      cwd: directory,
      env: io.env,
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      isTTY: false
    })
    if (status !== 0 && status !== 1) return { ok: false, message: stderr.replace(/^plan-gate: /, '').trim() || `the check exited with status ${status}` }
    try {
      const report = JSON.parse(stdout) as CheckReport
      if (!Array.isArray(report.plans)) throw new Error('no plans')
      return { ok: true, report }
    } catch {
      return { ok: false, message: 'the check printed no JSON report' }
    }
  }
}

export async function hook(args: readonly string[], io: HookIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { base: { type: 'string' }, config: { type: 'string' } } })
  } catch (error) {
    io.stderr(`plan-gate: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    return 2
  }
  const [agent, ...extra] = parsed.positionals
  const adapter = agent === undefined ? undefined : HOOK_ADAPTERS.get(agent)
  if (adapter === undefined || extra.length > 0) {
    io.stderr(`plan-gate: ${agent === undefined ? 'name the agent' : `unknown agent "${agent}"`}\n${USAGE}`)
    return 2
  }
  const extraArgs = [...(parsed.values.base === undefined ? [] : ['--base', parsed.values.base]), ...(parsed.values.config === undefined ? [] : ['--config', parsed.values.config])]
  let stdin: string
  try {
    stdin = await (io.readStdin ?? processStdin)()
  } catch (error) {
    stdin = ''
    io.stderr(`plan-gate: cannot read the hook event: ${error instanceof Error ? error.message : String(error)}\n`)
  }
  const answer = await answerHook(adapter, stdin, changedCheck(io, extraArgs), io.cwd)
  io.stdout(answer.stdout)
  if (answer.stderr !== '') io.stderr(answer.stderr)
  return answer.exitCode
}

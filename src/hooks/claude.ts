// Claude Code (.claude/settings.json). Stop and SubagentStop: {"decision":
// "block","reason"} keeps the agent working with the reason as its next
// instruction; on `stop_hook_active` (it is already re-entering after a
// block) the agent may stop, and the user is told. PostToolUse on
// Write|Edit|MultiEdit: a block shows the reason to the agent at once.
// Only exit 0 with JSON, or exit 2, blocks: any other exit lets the agent
// through, so failures are answered here as blocks rather than as exit codes.
import path from 'node:path'
import { errorReason, failureReason, stillFailing } from './reason.js'
import { ALLOW, field, json, type CheckChanged, type CheckReport, type HookAdapter, type HookAnswer } from './types.js'

function block(reason: string): HookAnswer {
  return { stdout: json({ decision: 'block', reason }), stderr: '', exitCode: 0 }
}

export function directoryOf(event: Record<string, unknown>, fallback: string): string {
  const cwd = event['cwd']
  return typeof cwd === 'string' && cwd !== '' ? cwd : fallback
}

/** The report narrowed to the plans among `files` (paths as the agent gave them). */
export function onlyFiles(report: CheckReport, directory: string, files: readonly string[]): CheckReport {
  const wanted = new Set(files.map((file) => path.relative(directory, path.resolve(directory, file)).split(path.sep).join('/')))
  const plans = report.plans.filter((plan) => wanted.has(plan.file))
  return { verdict: plans.some((plan) => plan.verdict === 'FAIL') ? 'FAIL' : 'PASS', plans }
}

export async function stopAnswer(
  event: Record<string, unknown>,
  check: CheckChanged,
  directory: string,
  answers: { block: (reason: string) => HookAnswer; allowWithNotice: (message: string) => HookAnswer }
): Promise<HookAnswer> {
  const reentering = event['stop_hook_active'] === true
  const outcome = await check(directory)
  if (!outcome.ok) return reentering ? answers.allowWithNotice(errorReason(outcome.message)) : answers.block(errorReason(outcome.message))
  if (outcome.report.verdict === 'PASS') return ALLOW
  return reentering ? answers.allowWithNotice(stillFailing(outcome.report)) : answers.block(failureReason(outcome.report))
}

export async function editAnswer(files: readonly string[], check: CheckChanged, directory: string, blockWith: (reason: string) => HookAnswer): Promise<HookAnswer> {
  if (files.length === 0) return ALLOW
  const outcome = await check(directory)
  if (!outcome.ok) return blockWith(errorReason(outcome.message))
  const edited = onlyFiles(outcome.report, directory, files)
  return edited.verdict === 'FAIL' ? blockWith(failureReason(edited)) : ALLOW
}

export const claude: HookAdapter = {
  async answer(event, check, fallbackDirectory) {
    const directory = directoryOf(event, fallbackDirectory)
    switch (event['hook_event_name']) {
      case 'Stop':
      case 'SubagentStop':
        return stopAnswer(event, check, directory, { block, allowWithNotice: (message) => ({ stdout: json({ systemMessage: message }), stderr: '', exitCode: 0 }) })
      case 'PostToolUse': {
        const file = field(event['tool_input'], 'file_path')
        return editAnswer(typeof file === 'string' ? [file] : [], check, directory, block)
      }
      default:
        return ALLOW
    }
  },
  onError: (message) => block(errorReason(message))
}

// Cursor (.cursor/hooks.json). Its stop event can only send the agent back
// with {"followup_message": …}, submitted as the next user message; Cursor
// bounds the loop itself with the hook's `loop_limit`. Cursor expects JSON on
// stdout for every answer, `{}` meaning "nothing to add". A stop the user
// aborted is left alone: the user is there to read the plan.
import { errorReason, failureReason } from './reason.js'
import { json, type HookAdapter, type HookAnswer } from './types.js'

const NOTHING: HookAnswer = { stdout: json({}), stderr: '', exitCode: 0 }

function followUp(message: string): HookAnswer {
  return { stdout: json({ followup_message: message }), stderr: '', exitCode: 0 }
}

export const cursor: HookAdapter = {
  async answer(event, check, fallbackDirectory) {
    if (event['hook_event_name'] !== undefined && event['hook_event_name'] !== 'stop') return NOTHING
    if (event['status'] === 'aborted') return NOTHING
    const roots = event['workspace_roots']
    const directory = Array.isArray(roots) && typeof roots[0] === 'string' && roots[0] !== '' ? roots[0] : fallbackDirectory
    const outcome = await check(directory)
    if (!outcome.ok) return followUp(errorReason(outcome.message))
    return outcome.report.verdict === 'PASS' ? NOTHING : followUp(failureReason(outcome.report))
  },
  onError: (message) => followUp(errorReason(message))
}

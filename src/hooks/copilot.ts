// GitHub Copilot's coding agent and CLI (.github/hooks/*.json). agentStop
// answers {"decision":"block","reason"}: the reason is queued as the next
// prompt. Its payload is camelCase (or snake_case under the PascalCase "Stop"
// name) and carries stop_hook_active once a block has forced a turn. `{}`
// lets the agent stop.
import { directoryOf, stopAnswer } from './claude.js'
import { errorReason } from './reason.js'
import { json, type HookAdapter, type HookAnswer } from './types.js'

const NOTHING: HookAnswer = { stdout: json({}), stderr: '', exitCode: 0 }

function block(reason: string): HookAnswer {
  return { stdout: json({ decision: 'block', reason }), stderr: '', exitCode: 0 }
}

export const copilot: HookAdapter = {
  async answer(event, check, fallbackDirectory) {
    // Tool events (toolName / tool_name) are not this hook's business.
    if (event['toolName'] !== undefined || event['tool_name'] !== undefined) return NOTHING
    const name = event['hook_event_name']
    if (name !== undefined && name !== 'Stop' && name !== 'agentStop') return NOTHING
    const answer = await stopAnswer(event, check, directoryOf(event, fallbackDirectory), {
      block,
      allowWithNotice: (message) => ({ stdout: json({}), stderr: `${message}\n`, exitCode: 0 })
    })
    return answer.stdout === '' ? { ...answer, stdout: json({}) } : answer
  },
  onError: (message) => block(errorReason(message))
}

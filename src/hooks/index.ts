// One dispatcher for every agent: parse the event, let the agent's adapter
// answer, and turn anything that goes wrong into that agent's blocking answer.
import { claude } from './claude.js'
import { codex } from './codex.js'
import { copilot } from './copilot.js'
import { cursor } from './cursor.js'
import type { CheckChanged, HookAdapter, HookAnswer } from './types.js'

export type { CheckChanged, CheckOutcome, CheckReport, HookAnswer } from './types.js'

export const HOOK_ADAPTERS: ReadonlyMap<string, HookAdapter> = new Map([
  ['claude', claude],
  ['codex', codex],
  ['cursor', cursor],
  ['copilot', copilot]
])

export async function answerHook(adapter: HookAdapter, stdin: string, check: CheckChanged, fallbackDirectory: string): Promise<HookAnswer> {
  let event: unknown
  try {
    event = JSON.parse(stdin)
  } catch {
    return adapter.onError('the hook event on stdin is not JSON; run this command from the agent\'s hook configuration')
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return adapter.onError('the hook event on stdin is not a JSON object')
  try {
    return await adapter.answer(event as Record<string, unknown>, check, fallbackDirectory)
  } catch (error) {
    return adapter.onError(error instanceof Error ? error.message : String(error))
  }
}

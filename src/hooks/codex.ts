// Codex (.codex/hooks.json, the same shape as Claude Code's). Stop answers
// {"decision":"block","reason"}, which Codex feeds back as a continuation
// prompt; `stop_hook_active` marks a turn already continued by a block.
// Codex edits files through apply_patch, whose PostToolUse event carries the
// patch text in tool_input.command: the edited paths are read from its
// "*** Add File:", "*** Update File:" and "*** Move to:" lines.
import { directoryOf, editAnswer, stopAnswer } from './claude.js'
import { errorReason } from './reason.js'
import { ALLOW, field, json, type HookAdapter, type HookAnswer } from './types.js'

function block(reason: string): HookAnswer {
  return { stdout: json({ decision: 'block', reason }), stderr: '', exitCode: 0 }
}

export function patchedFiles(patch: string): string[] {
  const files: string[] = []
  for (const line of patch.split(/\r?\n/)) {
    const match = /^\*\*\* (?:Add File|Update File|Move to): (.+)$/.exec(line)
    if (match) files.push(match[1]!.trim())
  }
  return files
}

export const codex: HookAdapter = {
  async answer(event, check, fallbackDirectory) {
    const directory = directoryOf(event, fallbackDirectory)
    switch (event['hook_event_name']) {
      case 'Stop':
      case 'SubagentStop':
        // Codex's Stop output admits no free-form notice, so a stop let through is explained on stderr, which Codex logs.
        return stopAnswer(event, check, directory, { block, allowWithNotice: (message) => ({ stdout: '', stderr: `${message}\n`, exitCode: 0 }) })
      case 'PostToolUse': {
        const input = event['tool_input']
        const filePath = field(input, 'file_path')
        const command = field(input, 'command')
        const files = typeof filePath === 'string' ? [filePath] : typeof command === 'string' ? patchedFiles(command) : []
        return editAnswer(files, check, directory, block)
      }
      default:
        return ALLOW
    }
  },
  onError: (message) => block(errorReason(message))
}

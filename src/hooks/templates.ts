// The hook files plan-gate writes (`plan-gate init --hooks …`) and README
// shows, from one place: a test checks that README quotes these exactly.
// Every command falls back to the agent's blocking answer when plan-gate
// itself cannot start (not installed, no Node), because most agents let a
// hook that exits with an unexpected status through.

export const HOOK_AGENTS = ['claude', 'codex', 'cursor', 'copilot', 'pre-commit'] as const
export type HookAgent = (typeof HOOK_AGENTS)[number]

const NOT_RUN = 'plan-gate did not run, so the changed plans are unchecked: install it (npm install --save-dev plan-gate) or remove this hook'

function blockJson(reason: string): string {
  return JSON.stringify({ decision: 'block', reason })
}

/** `plan-gate hook <agent>`, or the agent's blocking answer when it cannot run. */
export function hookCommand(agent: 'claude' | 'codex' | 'copilot' | 'cursor'): string {
  const fallback = agent === 'cursor' ? JSON.stringify({ followup_message: NOT_RUN }) : blockJson(NOT_RUN)
  return `npx --no-install plan-gate hook ${agent} || echo '${fallback}'`
}

export interface HookFile {
  path: string
  /** The file's whole content as plan-gate writes it when the file is absent. */
  content: string
  /** Why the file is there, printed by init. */
  why: string
}

export function claudeSettings(): Record<string, unknown> {
  const command = { type: 'command', command: hookCommand('claude'), timeout: 120 }
  return {
    hooks: {
      Stop: [{ hooks: [command] }],
      PostToolUse: [{ matcher: 'Write|Edit|MultiEdit', hooks: [command] }]
    }
  }
}

export function codexHooks(): Record<string, unknown> {
  const command = { type: 'command', command: hookCommand('codex'), timeout: 120 }
  return {
    hooks: {
      Stop: [{ hooks: [command] }],
      PostToolUse: [{ matcher: 'apply_patch|Edit|Write', hooks: [command] }]
    }
  }
}

export function cursorHooks(): Record<string, unknown> {
  return { version: 1, hooks: { stop: [{ command: hookCommand('cursor'), loop_limit: 3 }] } }
}

export function copilotHooks(): Record<string, unknown> {
  const fallback = blockJson(NOT_RUN)
  return {
    version: 1,
    hooks: {
      agentStop: [
        {
          type: 'command',
          bash: hookCommand('copilot'),
          powershell: `npx --no-install plan-gate hook copilot; if ($LASTEXITCODE -ne 0) { '${fallback}' }`,
          timeoutSec: 120
        }
      ]
    }
  }
}

/** A `repo: local` entry: it runs the plan-gate the project installed, offline. */
export function preCommitConfig(): string {
  return `repos:
  - repo: local
    hooks:
      - id: plan-gate
        name: plan-gate (staged plans)
        entry: npx --no-install plan-gate check --changed --staged
        language: system
        pass_filenames: false
        always_run: true
`
}

/** `.pre-commit-hooks.yaml` at the root of plan-gate's repository, for `repo: https://github.com/plan-gate/plan-gate`. */
export function preCommitHooksManifest(): string {
  return `# Hooks this repository offers to pre-commit (https://pre-commit.com). Reference it with:
#   - repo: https://github.com/plan-gate/plan-gate
#     rev: v1.0.0
#     hooks:
#       - id: plan-gate
- id: plan-gate
  name: plan-gate (staged plans)
  description: Checks the technical plans staged for commit against the rubric; fails unless every one passes the gate.
  entry: plan-gate check --changed --staged
  language: node
  pass_filenames: false
  always_run: true
  minimum_pre_commit_version: '3.0.0'
`
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

export function hookFile(agent: HookAgent): HookFile {
  switch (agent) {
    case 'claude':
      return { path: '.claude/settings.json', content: json(claudeSettings()), why: 'Claude Code: the Stop hook sends the agent back with the findings while a changed plan fails; PostToolUse reports on each plan it writes' }
    case 'codex':
      return { path: '.codex/hooks.json', content: json(codexHooks()), why: 'Codex: the Stop hook continues the turn with the findings while a changed plan fails; PostToolUse reports on each patched plan' }
    case 'cursor':
      return { path: '.cursor/hooks.json', content: json(cursorHooks()), why: 'Cursor: the stop hook sends the findings as a follow-up message while a changed plan fails (at most 3 times in a row)' }
    case 'copilot':
      return { path: '.github/hooks/plan-gate.json', content: json(copilotHooks()), why: "GitHub Copilot's coding agent and CLI: agentStop keeps the agent working on the findings while a changed plan fails" }
    case 'pre-commit':
      return { path: '.pre-commit-config.yaml', content: preCommitConfig(), why: 'pre-commit: a commit fails while a staged plan fails the gate' }
  }
}

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { hookCommand } from '../../src/hooks/templates.js'
import { patchedFiles } from '../../src/hooks/codex.js'
import { gitRepo, type GitRepo } from '../../test-support/git-repo.js'

// Each adapter fed what its agent sends (events written from each agent's
// hook documentation), through the built CLI: what it prints, how it exits.

const CLI = path.resolve('dist/cli.js')
const PLAN = '.spec-dev/active-dev/active-plan.md'
const PASS = readFileSync('examples/spec-dev/pass-complete.md', 'utf8')
const FAIL = readFileSync('examples/spec-dev/fail-unchecked-readiness.md', 'utf8')

function hook(agent: string, event: unknown, cwd = os.tmpdir()) {
  const result = spawnSync(process.execPath, [CLI, 'hook', agent], { cwd, input: typeof event === 'string' ? event : JSON.stringify(event), encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json: result.stdout.trim() === '' ? null : (JSON.parse(result.stdout) as Record<string, unknown>) }
}

let repo: GitRepo
let outside: string
beforeAll(() => {
  repo = gitRepo({ [PLAN]: PASS, 'README.md': '# r\n' })
  repo.commit('base')
  outside = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-nogit-'))
})
afterAll(() => {
  repo.remove()
  rmSync(outside, { recursive: true, force: true })
})
const failing = () => repo.write({ [PLAN]: FAIL })
const passing = () => repo.write({ [PLAN]: `${PASS}\n` })

const claudeStop = (cwd: string, active = false) => ({ session_id: 's1', transcript_path: '/tmp/t.jsonl', cwd, permission_mode: 'default', hook_event_name: 'Stop', stop_hook_active: active })

describe('claude', () => {
  test('Stop blocks with every finding while a changed plan fails', () => {
    failing()
    const answer = hook('claude', claudeStop(repo.root))
    expect(answer.status).toBe(0)
    expect(answer.json).toMatchObject({ decision: 'block' })
    expect(answer.json!['reason']).toMatch(/1 of 1 changed plan fails the gate/)
    expect(answer.json!['reason']).toContain(`${PLAN}:123:3 error Unchecked item in "Readiness Checklist"`)
    expect(answer.json!['reason']).toContain('[checklist-unchecked]')
  })

  test('Stop lets the agent stop when the plans pass, or when it already re-enters after a block', () => {
    passing()
    expect(hook('claude', claudeStop(repo.root))).toMatchObject({ status: 0, stdout: '' })
    failing()
    const reentering = hook('claude', claudeStop(repo.root, true))
    expect(reentering.status).toBe(0)
    expect(reentering.json).not.toHaveProperty('decision')
    expect(reentering.json!['systemMessage']).toMatch(/still fails the gate: \.spec-dev/)
  })

  test('PostToolUse on a plan reports that plan; on another file it stays quiet', () => {
    failing()
    const event = { session_id: 's1', cwd: repo.root, hook_event_name: 'PostToolUse', tool_name: 'Write', tool_input: { file_path: path.join(repo.root, PLAN), content: FAIL }, tool_response: { success: true } }
    expect(hook('claude', event).json).toMatchObject({ decision: 'block', reason: expect.stringContaining('checklist-unchecked') })
    expect(hook('claude', { ...event, tool_input: { file_path: path.join(repo.root, 'README.md') } })).toMatchObject({ status: 0, stdout: '' })
  })

  test('a check that cannot run, or garbage on stdin, blocks instead of passing', () => {
    const broken = hook('claude', claudeStop(outside))
    expect(broken.status).toBe(0)
    expect(broken.json).toMatchObject({ decision: 'block', reason: expect.stringMatching(/could not check the changed plans.*not inside a git repository/s) })
    expect(hook('claude', 'not json').json).toMatchObject({ decision: 'block', reason: expect.stringMatching(/not JSON/) })
  })
})

describe('codex', () => {
  const stop = (cwd: string, active = false) => ({ session_id: 's', transcript_path: null, cwd, hook_event_name: 'Stop', model: 'gpt-5-codex', turn_id: 't1', stop_hook_active: active, last_assistant_message: 'Done.' })

  test('Stop continues the turn with the findings; re-entering stops, explained on stderr', () => {
    failing()
    expect(hook('codex', stop(repo.root)).json).toMatchObject({ decision: 'block', reason: expect.stringContaining(`${PLAN}:123:3`) })
    const again = hook('codex', stop(repo.root, true))
    expect(again).toMatchObject({ status: 0, stdout: '' })
    expect(again.stderr).toMatch(/still fails/)
    passing()
    expect(hook('codex', stop(repo.root))).toMatchObject({ status: 0, stdout: '' })
  })

  test('PostToolUse on apply_patch reads the patched paths', () => {
    failing()
    const patch = `*** Begin Patch\n*** Update File: ${PLAN}\n@@\n-a\n+b\n*** End Patch\n`
    const event = { session_id: 's', cwd: repo.root, hook_event_name: 'PostToolUse', model: 'gpt-5-codex', turn_id: 't1', tool_name: 'apply_patch', tool_use_id: 'c1', tool_input: { command: patch }, tool_response: 'Success' }
    expect(hook('codex', event).json).toMatchObject({ decision: 'block' })
    expect(patchedFiles('*** Add File: a.md\n*** Update File: b.md\n*** Move to: c.md\n*** Delete File: d.md\n')).toEqual(['a.md', 'b.md', 'c.md'])
  })

  test('a crash blocks', () => {
    expect(hook('codex', stop(outside)).json).toMatchObject({ decision: 'block' })
  })
})

describe('cursor', () => {
  const stop = (root: string, status = 'completed') => ({ conversation_id: 'c', generation_id: 'g', model: 'claude-4', hook_event_name: 'stop', cursor_version: '2.1.0', workspace_roots: [root], user_email: null, status, loop_count: 0 })

  test('stop sends the findings as a follow-up while a plan fails, {} once it passes or when the user aborted', () => {
    failing()
    expect(hook('cursor', stop(repo.root)).json).toMatchObject({ followup_message: expect.stringContaining('checklist-unchecked') })
    expect(hook('cursor', stop(repo.root, 'aborted')).json).toEqual({})
    passing()
    expect(hook('cursor', stop(repo.root))).toMatchObject({ status: 0, json: {} })
  })

  test('a crash sends a follow-up, never an empty answer', () => {
    expect(hook('cursor', stop(outside)).json).toMatchObject({ followup_message: expect.stringMatching(/could not check/) })
    expect(hook('cursor', '').json).toMatchObject({ followup_message: expect.stringMatching(/not JSON/) })
  })
})

describe('copilot', () => {
  const agentStop = (cwd: string, active = false) => ({ timestamp: 1704614750000, cwd, sessionId: '01HW', transcriptPath: '/tmp/t.jsonl', stopReason: 'end_turn', stop_hook_active: active })

  test('agentStop blocks with the findings, {} when the plans pass or the turn was already forced', () => {
    failing()
    expect(hook('copilot', agentStop(repo.root)).json).toMatchObject({ decision: 'block', reason: expect.stringContaining(`${PLAN}:123:3`) })
    expect(hook('copilot', agentStop(repo.root, true)).json).toEqual({})
    expect(hook('copilot', { hook_event_name: 'Stop', session_id: 's', timestamp: '2026-01-01T00:00:00Z', cwd: repo.root, transcript_path: '/t', stop_reason: 'end_turn', stop_hook_active: false }).json).toMatchObject({ decision: 'block' })
    passing()
    expect(hook('copilot', agentStop(repo.root)).json).toEqual({})
  })

  test('a crash blocks', () => {
    expect(hook('copilot', agentStop(outside)).json).toMatchObject({ decision: 'block' })
  })
})

test('an unknown agent is a usage error', () => {
  const answer = hook('emacs', {})
  expect(answer.status).toBe(2)
  expect(answer.stderr).toMatch(/unknown agent "emacs"/)
})

test('when plan-gate cannot start at all, the hook command still gives the blocking answer', () => {
  for (const agent of ['claude', 'cursor'] as const) {
    const result = spawnSync('sh', ['-c', hookCommand(agent)], { cwd: outside, input: '{}', encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true' } })
    const answer = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>
    expect(result.status).toBe(0)
    expect(agent === 'cursor' ? answer['followup_message'] : answer['reason']).toMatch(/plan-gate did not run/)
  }
}, 60_000)

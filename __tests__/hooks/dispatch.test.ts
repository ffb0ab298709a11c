import { answerHook, HOOK_ADAPTERS, type CheckChanged } from '../../src/hooks/index.js'

// The dispatcher in-process: whatever goes wrong inside an adapter or its
// check, the agent gets its blocking answer, never silence.

const crashing: CheckChanged = async () => {
  throw new Error('worker died')
}

const stopEvents: Record<string, unknown> = {
  claude: { hook_event_name: 'Stop', stop_hook_active: false, cwd: '/repo' },
  codex: { hook_event_name: 'Stop', stop_hook_active: false, cwd: '/repo' },
  cursor: { hook_event_name: 'stop', status: 'completed', workspace_roots: ['/repo'] },
  copilot: { cwd: '/repo', stopReason: 'end_turn', stop_hook_active: false }
}

function blocks(agent: string, stdout: string): boolean {
  const answer = JSON.parse(stdout) as Record<string, unknown>
  return agent === 'cursor' ? typeof answer['followup_message'] === 'string' : answer['decision'] === 'block'
}

test.each([...HOOK_ADAPTERS.keys()])('%s: a check that throws becomes the blocking answer, with the error', async (agent) => {
  const answer = await answerHook(HOOK_ADAPTERS.get(agent)!, JSON.stringify(stopEvents[agent]), crashing, '/fallback')
  expect(answer.exitCode).toBe(0)
  expect(blocks(agent, answer.stdout)).toBe(true)
  expect(answer.stdout).toContain('worker died')
})

test.each([...HOOK_ADAPTERS.keys()])('%s: a JSON array or nothing on stdin blocks too', async (agent) => {
  for (const stdin of ['[]', '']) {
    const answer = await answerHook(HOOK_ADAPTERS.get(agent)!, stdin, crashing, '/fallback')
    expect(blocks(agent, answer.stdout)).toBe(true)
  }
})

test('the check runs in the directory the event names, else where the hook runs', async () => {
  const seen: string[] = []
  const passing: CheckChanged = async (directory) => {
    seen.push(directory)
    return { ok: true, report: { verdict: 'PASS', plans: [] } }
  }
  await answerHook(HOOK_ADAPTERS.get('claude')!, JSON.stringify(stopEvents['claude']), passing, '/fallback')
  await answerHook(HOOK_ADAPTERS.get('cursor')!, JSON.stringify(stopEvents['cursor']), passing, '/fallback')
  await answerHook(HOOK_ADAPTERS.get('copilot')!, JSON.stringify({ stopReason: 'end_turn' }), passing, '/fallback')
  expect(seen).toEqual(['/repo', '/repo', '/fallback'])
})

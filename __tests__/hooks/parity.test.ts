// One policy at every boundary: the same plans get the same verdict and the
// same findings from the CLI (check --changed, and --staged as pre-commit runs
// it), every agent hook, and the action (on the pull request, and on the
// merge queue, and on the checkout as `scan: all` checks it).

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { jest } from '@jest/globals'
import { pullRequestScenario, runAction, session } from '../../test-support/action-run.js'
import { gitRepo } from '../../test-support/git-repo.js'

jest.setTimeout(180_000)

const CLI = path.resolve('dist/cli.js')
const PLANS: Record<string, string> = {
  '.spec-dev/active-dev/active-plan.md': readFileSync('examples/spec-dev/fail-unchecked-readiness.md', 'utf8'),
  '.specify/specs/001-search/plan.md': readFileSync('examples/specflow/warn-principles.md', 'utf8'),
  'docs/export/plan.md': '# Export plan\n\n## Summary\n\nTBD\n',
  '.specify/specs/002-import/plan.md': readFileSync('examples/specflow/pass-complete.md', 'utf8')
}

interface Plan {
  file: string
  rubric: string
  verdict: string
  findings: Array<{ ruleId: string; severity: string; message: string; line: number; column: number }>
}

function essentials(report: unknown): { verdict: string; plans: Plan[] } {
  const { verdict, plans } = report as { verdict: string; plans: Plan[] }
  return {
    verdict,
    plans: plans.map((plan) => ({
      file: plan.file,
      rubric: plan.rubric,
      verdict: plan.verdict,
      findings: plan.findings.map(({ ruleId, severity, message, line, column }) => ({ ruleId, severity, message, line, column }))
    }))
  }
}

const EVENTS: Record<string, (cwd: string) => unknown> = {
  claude: (cwd) => ({ session_id: 's', transcript_path: '/t.jsonl', cwd, hook_event_name: 'Stop', stop_hook_active: false }),
  codex: (cwd) => ({ session_id: 's', cwd, hook_event_name: 'Stop', turn_id: 't', model: 'gpt-5-codex', stop_hook_active: false }),
  cursor: (cwd) => ({ conversation_id: 'c', generation_id: 'g', hook_event_name: 'stop', status: 'completed', loop_count: 0, workspace_roots: [cwd] }),
  copilot: (cwd) => ({ timestamp: 1, cwd, sessionId: 's', transcriptPath: '/t', stopReason: 'end_turn', stop_hook_active: false })
}

test('CLI, pre-commit, every agent hook and the action agree', async () => {
  const repo = gitRepo({ 'README.md': '# r\n' })
  try {
    repo.commit('base')
    repo.write(PLANS)
    const cli = spawnSync(process.execPath, [CLI, 'check', '--changed', '--format', 'json'], { cwd: repo.root, encoding: 'utf8' })
    expect(cli.status).toBe(1)
    const expected = essentials(JSON.parse(cli.stdout))
    expect(expected.plans.map((plan) => `${plan.file} ${plan.rubric} ${plan.verdict}`)).toEqual([
      '.spec-dev/active-dev/active-plan.md spec-dev FAIL',
      '.specify/specs/001-search/plan.md specflow PASS',
      '.specify/specs/002-import/plan.md specflow PASS',
      'docs/export/plan.md generic FAIL'
    ])

    repo.git('add', '-A')
    const staged = spawnSync(process.execPath, [CLI, 'check', '--changed', '--staged', '--format', 'json'], { cwd: repo.root, encoding: 'utf8' })
    expect(staged.status).toBe(1)
    expect(essentials(JSON.parse(staged.stdout))).toEqual(expected)

    const failingFindings = expected.plans.filter((plan) => plan.verdict === 'FAIL').flatMap((plan) => plan.findings.map((finding) => `${plan.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.ruleId}]`))
    for (const [agent, event] of Object.entries(EVENTS)) {
      const answer = spawnSync(process.execPath, [CLI, 'hook', agent], { cwd: repo.root, input: JSON.stringify(event(repo.root)), encoding: 'utf8' })
      expect(answer.status).toBe(0)
      const json = JSON.parse(answer.stdout) as Record<string, string>
      const reason = agent === 'cursor' ? json['followup_message'] : json['reason']
      expect({ agent, blocked: agent === 'cursor' ? 'followup_message' in json : json['decision'] === 'block' }).toEqual({ agent, blocked: true })
      for (const line of failingFindings) expect(reason).toContain(line)
      expect(reason).toMatch(/2 of 4 changed plans fail the gate/)
    }

    const scenario = pullRequestScenario({}, PLANS)
    await session(scenario, async ({ gh, run }) => {
      const pull = await run()
      expect(pull.outputs['gate']).toBe('FAIL')
      expect(essentials(pull.report)).toEqual(expected)
      const checkout = await runAction({ gh, eventName: 'workflow_dispatch', payload: {}, workspace: { 'README.md': '# r\n', ...PLANS } })
      expect(checkout.outputs['gate']).toBe('FAIL')
      expect(essentials(checkout.report)).toEqual(expected)
      const group = await run({ eventName: 'merge_group', payload: { merge_group: { base_sha: scenario.base, head_sha: scenario.head } }, sha: scenario.head })
      expect(essentials(group.report)).toEqual(expected)
    })
  } finally {
    repo.remove()
  }
})

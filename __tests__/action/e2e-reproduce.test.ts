// The "reproduce locally" commands the action prints (comment and job summary)
// must give CI's verdict in a checkout of the branch. The test runs each
// printed command with the built CLI on the pull request's head tree and
// compares verdicts and findings with the action's JSON report.

import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { jest } from '@jest/globals'
import { pullRequestScenario, session } from '../../test-support/action-run.js'
import type { PlanResult, RunResult } from '../../src/engine/types.js'
import { VERSION } from '../../src/version.js'

jest.setTimeout(180_000)

const CLI = path.resolve('dist/cli.js')

function exampleOf(preset: string, name: string): string {
  return readFileSync(path.resolve('examples', preset, `${name}.md`), 'utf8')
}

// A config that is not at the default path, a rubric file whose name is not
// its path, and an inline rubric: each is something a bare `check` gets wrong.
const BASE = {
  'ci/plan-gate.yml': [
    'plans:',
    '  - files: ["plans/**/*.md"]',
    '    rubric: ci/rubrics/team.yml',
    '  - files: ["rfcs/*.md"]',
    '    rubric:',
    '      extends: generic',
    '      rules: { placeholder: error }',
    ''
  ].join('\n'),
  'ci/rubrics/team.yml': 'name: team-plan\nextends: specflow\n'
}
const HEAD = {
  'plans/warnings-only.md': exampleOf('specflow', 'warn-principles'),
  'plans/unfinished.md': exampleOf('specflow', 'fail-unfinished'),
  'plans/complete.md': exampleOf('specflow', 'pass-complete'),
  'rfcs/cache.md': exampleOf('spec-dev', 'fail-placeholders')
}

function reproduceBlock(markdown: string): string[] {
  const block = /<summary>How to reproduce and fix locally<\/summary>[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(markdown)
  if (block === null) throw new Error(`no reproduce block in:\n${markdown}`)
  return block[1]!.split('\n')
}

function cli(args: readonly string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr })
    })
  })
}

/** The printed command as argv for the built CLI; the paths here need no shell quoting. */
function asCliArgs(command: string): string[] {
  const prefix = `npx plan-gate@${VERSION} `
  expect(command.startsWith(prefix)).toBe(true)
  return command.slice(prefix.length).split(' ')
}

function comparable(plan: PlanResult) {
  const { rubricSource: _ignored, ...rest } = plan
  return rest
}

test('the printed commands reproduce the verdict and findings of the action', async () => {
  const scenario = pullRequestScenario(BASE, HEAD)
  const checkout = mkdtempSync(path.join(tmpdir(), 'plan-gate-reproduce-'))
  try {
    for (const [file, content] of Object.entries({ 'README.md': '# Project\n', ...BASE, ...HEAD })) {
      mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true })
      writeFileSync(path.join(checkout, file), content)
    }
    await session(scenario, async ({ run }) => {
      const result = await run({ inputs: { config: 'ci/plan-gate.yml', 'fail-on': 'warning' } })
      expect(result.exitCode).toBe(1)
      const report = result.report as RunResult
      const comment = scenario.repo.commentsOnIssue(7)[0]?.body ?? ''
      const commands = reproduceBlock(result.summary)
      expect(reproduceBlock(comment)).toEqual(commands)

      const [checkLine, ...templateLines] = commands
      expect(checkLine).toBe(`npx plan-gate@${VERSION} check --config ci/plan-gate.yml --fail-on warning plans/unfinished.md plans/warnings-only.md rfcs/cache.md`)
      // The rubric file by its path; the inline rubric has no name a command line could use.
      expect(templateLines).toEqual([`npx plan-gate@${VERSION} template ci/rubrics/team.yml`])
      expect(result.summary).toContain('An inline rubric in the config has no name a command line can use')

      const local = await cli([...asCliArgs(checkLine!), '--format', 'json'], checkout)
      expect(local.stderr).toBe('')
      const reproduced = JSON.parse(local.stdout) as RunResult
      const named = new Set(reproduced.plans.map((plan) => plan.file))
      expect([...named]).toEqual(['plans/unfinished.md', 'plans/warnings-only.md', 'rfcs/cache.md'])
      expect(reproduced.plans.map(comparable)).toEqual(report.plans.filter((plan) => named.has(plan.file)).map(comparable))
      expect(reproduced.verdict).toBe(report.verdict)
      expect(local.status).toBe(1)

      for (const line of templateLines) {
        const template = await cli(asCliArgs(line), checkout)
        expect(template.status).toBe(0)
        expect(template.stdout).toContain('Design Principles')
      }

      // What the comment used to print: the local verdict differs from CI's.
      const bare = await cli(['check', 'plans/warnings-only.md', '--format', 'json'], checkout)
      expect((JSON.parse(bare.stdout) as RunResult).verdict).toBe('PASS')
      expect(report.plans.find((plan) => plan.file === 'plans/warnings-only.md')?.verdict).toBe('FAIL')
    })
  } finally {
    rmSync(checkout, { recursive: true, force: true })
  }
})

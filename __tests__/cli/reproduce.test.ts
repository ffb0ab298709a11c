import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { run } from '../../src/cli/main.js'
import { VERSION } from '../../src/version.js'

// `check --format markdown` ends with the commands that repeat the run: the
// options it was given, the exact version, and each rubric as it is named.

async function markdown(args: string[], cwd: string): Promise<string[]> {
  let stdout = ''
  await run(['check', '--format', 'markdown', ...args], { cwd, env: {}, stdout: (text) => (stdout += text), stderr: () => {}, isTTY: false })
  const block = /```sh\n([\s\S]*?)\n```/.exec(stdout)
  return block === null ? [] : block[1]!.split('\n')
}

it('names the config, the fail-on level and the version', async () => {
  expect(await markdown(['--config', 'examples/plan-gate.yml', '--fail-on', 'warning', 'examples/spec-dev/fail-no-gate.md'], process.cwd())).toEqual([
    `npx plan-gate@${VERSION} check --config examples/plan-gate.yml --fail-on warning examples/spec-dev/fail-no-gate.md`,
    `npx plan-gate@${VERSION} template spec-dev`
  ])
})

it('names a rubric file by its path and repeats --rubric', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-cli-reproduce-'))
  try {
    mkdirSync(path.join(root, 'rubrics'))
    writeFileSync(path.join(root, 'rubrics', 'team.yml'), 'name: team-plan\nextends: spec-dev\n')
    writeFileSync(path.join(root, 'plan.md'), readFileSync(path.resolve('examples', 'spec-dev', 'fail-no-gate.md')))
    writeFileSync(path.join(root, 'config.yml'), 'plans:\n  - files: ["*.md"]\n    rubric: rubrics/team.yml\n')
    expect(await markdown(['--config', 'config.yml', 'plan.md'], root)).toEqual([
      `npx plan-gate@${VERSION} check --config config.yml plan.md`,
      `npx plan-gate@${VERSION} template rubrics/team.yml`
    ])
    expect(await markdown(['--rubric', 'rubrics/team.yml', 'plan.md'], root)).toEqual([
      `npx plan-gate@${VERSION} check --rubric rubrics/team.yml plan.md`,
      `npx plan-gate@${VERSION} template rubrics/team.yml`
    ])
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})

import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { run } from '../../src/cli/main.js'
import { presets } from '../../src/rubric/presets/index.js'
import { checkText } from '../../test-support/engine.js'

// The CLI as people and scripts use it: the built dist/cli.js in a child
// process, plus in-process runs for the cases that need no bundle.

const CLI = path.resolve('dist/cli.js')
const ROOT = process.cwd()

function cli(args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

async function inProcess(args: string[], cwd = ROOT) {
  let stdout = ''
  let stderr = ''
  const status = await run(args, { cwd, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
  return { status, stdout, stderr }
}

describe('plan-gate check (built CLI)', () => {
  it('exits 0 for a passing plan and prints the verdict', () => {
    const result = cli(['check', 'examples/spec-dev/pass-complete.md', '--rubric', 'spec-dev'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('✔ PASS')
    expect(result.stdout).not.toMatch(/\u001b\[/)
  })

  it('exits 1 for a failing plan, with file:line findings', () => {
    const result = cli(['check', 'examples/spec-dev/fail-unchecked-readiness.md', '--rubric', 'spec-dev'])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/123:3\s+error\s+Unchecked item in "Readiness Checklist"/)
    expect(result.stdout).toContain('checklist-unchecked')
  })

  it('prints the stable JSON contract', () => {
    const result = cli(['check', 'examples/spec-dev/fail-blocked-gap.md', '--rubric', 'spec-dev', '--format', 'json'])
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    expect(report).toMatchObject({ verdict: 'FAIL', plans: [{ file: 'examples/spec-dev/fail-blocked-gap.md', rubric: 'spec-dev', verdict: 'FAIL' }] })
    expect(report.plans[0].declaredGate).toEqual({ value: 'FAIL', reason: 'credential rotation is blocked on a spec decision', line: 128 })
    expect(Object.keys(report.plans[0].findings[0])).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'section', 'hint', 'url'])
  })

  it('prints SARIF and Markdown', () => {
    const sarif = JSON.parse(cli(['check', 'examples/specflow/fail-unfinished.md', '--rubric', 'specflow', '--format', 'sarif']).stdout)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results.length).toBe(3)
    const markdown = cli(['check', 'examples/specflow/fail-unfinished.md', '--rubric', 'specflow', '--format', 'markdown'])
    expect(markdown.stdout).toMatch(/^## ❌ plan-gate/m)
  })

  it('honours --fail-on', () => {
    expect(cli(['check', 'examples/specflow/warn-principles.md', '--rubric', 'specflow']).status).toBe(0)
    expect(cli(['check', 'examples/specflow/warn-principles.md', '--rubric', 'specflow', '--fail-on', 'warning']).status).toBe(1)
    expect(cli(['check', 'examples/spec-dev/fail-no-gate.md', '--rubric', 'spec-dev', '--fail-on', 'never']).status).toBe(0)
  })

  it('checks a directory through the config mapping', () => {
    const result = cli(['check', 'examples', '--config', 'examples/plan-gate.yml', '--format', 'json'])
    expect(result.status).toBe(1)
    const report = JSON.parse(result.stdout)
    // 17 plans, 5 more that show what counts as content, and the OpenSpec and Kiro examples: four designs with the companions beside them.
    expect(report.plans.length).toBe(33)
    expect(report.plans.filter((plan: { verdict: string }) => plan.verdict === 'PASS').map((plan: { file: string }) => plan.file)).toEqual([
      'examples/kiro/specs/csv-import/design.md',
      'examples/kiro/specs/csv-import/requirements.md',
      'examples/kiro/specs/csv-import/tasks.md',
      'examples/kiro/specs/fail-untraced/tasks.md',
      'examples/openspec/changes/add-invoice-export/design.md',
      'examples/openspec/changes/add-invoice-export/proposal.md',
      'examples/openspec/changes/add-invoice-export/tasks.md',
      'examples/openspec/changes/fail-unfinished-change/tasks.md',
      'examples/spec-dev/pass-complete.md',
      'examples/spec-dev/pass-variants.md',
      'examples/spec-kit/pass-complete.md',
      'examples/specflow/pass-complete.md',
      'examples/specflow/pass-phases.md',
      'examples/specflow/warn-principles.md'
    ])
  })

  it('exits 2 with located errors for a broken config, and checks nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-gate-cli-'))
    try {
      mkdirSync(path.join(dir, '.github'))
      writeFileSync(path.join(dir, '.github/plan-gate.yml'), 'plans:\n  - files: "**/plan.md"\n    rubrik: generic\n')
      writeFileSync(path.join(dir, 'plan.md'), '# Plan\n')
      const result = cli(['check'], dir)
      expect(result.status).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain('.github/plan-gate.yml:3:5: plans[0].rubrik: unknown key "rubrik"; did you mean "rubric"?')
      expect(result.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('exits 2 at once on a FIFO as config, rubric or plan, instead of blocking on it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-gate-cli-fifo-'))
    try {
      mkdirSync(path.join(dir, '.github'))
      execFileSync('mkfifo', [path.join(dir, '.github/plan-gate.yml'), path.join(dir, 'plan.md'), path.join(dir, 'rubric.yml')])
      writeFileSync(path.join(dir, 'other.md'), '# Plan\n')
      for (const args of [['check', 'other.md'], ['check', 'other.md', '--config', '.github/plan-gate.yml'], ['check', 'other.md', '--config', '/dev/null']]) {
        const result = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 15_000 })
        expect(result.error).toBeUndefined()
        expect(result.status).toBe(2)
        expect(result.stderr).toMatch(/is a (FIFO \(named pipe\)|device), not a regular file/)
      }
      rmSync(path.join(dir, '.github'), { recursive: true })
      const viaRubric = spawnSync(process.execPath, [CLI, 'check', 'other.md', '--rubric', 'rubric.yml'], { cwd: dir, encoding: 'utf8', timeout: 15_000 })
      expect(viaRubric.status).toBe(2)
      expect(viaRubric.stderr).toContain('rubric.yml is a FIFO (named pipe), not a regular file')
      const viaPlan = spawnSync(process.execPath, [CLI, 'check', 'plan.md'], { cwd: dir, encoding: 'utf8', timeout: 15_000 })
      expect(viaPlan.status).toBe(2)
      expect(viaPlan.stderr).toContain('"plan.md" is a FIFO (named pipe), not a regular file')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('exits 2 on usage errors', () => {
    expect(cli(['check', '--format', 'xml']).status).toBe(2)
    expect(cli(['frobnicate']).status).toBe(2)
    expect(cli(['check', '--no-such-flag']).stderr).toMatch(/plan-gate: .*no-such-flag/)
  })
})

describe('plan-gate presets and template', () => {
  it('lists every preset with its description', async () => {
    const result = await inProcess(['presets'])
    expect(result.status).toBe(0)
    const lines = result.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(presets.size)
    for (const [name, preset] of presets) expect(lines.some((line) => line.startsWith(`${name} `) && line.endsWith(`  ${preset.description}`))).toBe(true)
  })

  it.each([...presets.keys()])('prints a %s skeleton that has every required part, so only its content fails', async (name) => {
    const result = await inProcess(['template', name])
    expect(result.status).toBe(0)
    const checked = await checkText(result.stdout, name)
    const structural = ['section-missing', 'table-missing', 'table-column-missing', 'checklist-missing', 'checklist-item-missing', 'field-missing', 'gate-missing']
    expect(checked.findings.filter((finding) => structural.includes(finding.ruleId))).toEqual([])
  })

  it('prints the spec-dev skeleton ending in a FAIL gate', () => {
    const result = cli(['template', 'spec-dev'])
    expect(result.status).toBe(0)
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('Gate: FAIL — plan not written yet')
  })
})

it('prints its version', () => {
  const pkg = JSON.parse(execFileSync('git', ['show', 'HEAD:package.json'], { encoding: 'utf8' })) as { version: string }
  expect(cli(['--version']).stdout.trim()).toBe(pkg.version)
})

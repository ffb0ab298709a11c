import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { run } from '../../src/cli/main.js'
import { fingerprint } from '../../src/engine/fingerprint.js'
import { applyWaivers, baselineOf, type WaiverPolicy } from '../../src/engine/waivers.js'
import type { PlanResult } from '../../src/engine/types.js'
import { renderJson, renderSarif, renderText } from '../../src/report/index.js'
import { renderMarkdownReport } from '../../src/report/comment.js'
import { ConfigError } from '../../src/rubric/errors.js'
import { loadConfig } from '../../src/rubric/config.js'
import { checkText, readRepoFile } from '../../test-support/engine.js'

// Waivers and the baseline: known findings shown as waived and left out of the
// verdict, expired waivers failing, unused ones warned about, and nothing a
// waiver may not excuse (a plan that was not checked) ever excused.

const PLAN = ['# Plan', '', '## Summary', '', 'Short.', ''].join('\n')

async function failingPlan(file = 'specs/001-a/plan.md'): Promise<PlanResult> {
  const result = await checkText(PLAN, 'spec-dev', file)
  expect(result.verdict).toBe('FAIL')
  return result
}

function policy(partial: Partial<WaiverPolicy>): WaiverPolicy {
  return { waivers: [], baseline: [], source: '.github/plan-gate.yml', ...partial }
}

function waiveAll(plan: PlanResult): WaiverPolicy['waivers'] {
  return [...new Set(plan.findings.map((finding) => finding.ruleId))].map((rule) => ({ files: ['specs/**/plan.md'], rule, reason: 'legacy plan, rewritten in Q2' }))
}

describe('applyWaivers', () => {
  it('moves every matching finding to `waived`, keeps its reason, and passes a plan with nothing else', async () => {
    const plan = await failingPlan()
    const result = applyWaivers(plan, policy({ waivers: waiveAll(plan) }), '2026-12-01', 'error')
    expect(result.verdict).toBe('PASS')
    expect(result.findings).toEqual([])
    expect(result.waived).toHaveLength(plan.findings.length)
    expect(result.waived![0]!.waiver).toEqual({ by: 'waiver', reason: 'legacy plan, rewritten in Q2' })
  })

  it('waives only the files, rule, section and text the waiver names', async () => {
    const plan = await failingPlan()
    const missing = plan.findings.filter((finding) => finding.ruleId === 'section-missing')
    expect(missing.length).toBeGreaterThan(1)
    const otherFile = applyWaivers(plan, policy({ waivers: [{ files: ['docs/**'], rule: 'section-missing', reason: 'r' }] }), '2026-12-01', 'error')
    expect(otherFile.findings).toEqual(plan.findings)
    const oneText = applyWaivers(plan, policy({ waivers: [{ files: ['**'], rule: 'section-missing', match: missing[0]!.message.slice(0, 40), reason: 'r' }] }), '2026-12-01', 'error')
    expect(oneText.waived?.map((finding) => finding.message)).toEqual([missing[0]!.message])
    const section = applyWaivers(plan, policy({ waivers: [{ files: ['**'], rule: 'section-missing', section: 'No Such Heading', reason: 'r' }] }), '2026-12-01', 'error')
    expect(section.waived).toBeUndefined()
    expect(section.findings.map((finding) => finding.ruleId)).toContain('waiver-unused')
  })

  it('turns an expired waiver into an error and counts its findings again', async () => {
    const plan = await failingPlan()
    const result = applyWaivers(plan, policy({ waivers: waiveAll(plan).map((waiver) => ({ ...waiver, expires: '2026-11-30' })) }), '2026-12-01', 'error')
    expect(result.verdict).toBe('FAIL')
    expect(result.waived).toBeUndefined()
    const expired = result.findings.filter((finding) => finding.ruleId === 'waiver-expired')
    expect(expired.length).toBe(waiveAll(plan).length)
    expect(expired[0]).toMatchObject({ severity: 'error', line: 1 })
    expect(expired[0]!.message).toContain('expired on 2026-11-30')
    // The last day still holds.
    expect(applyWaivers(plan, policy({ waivers: waiveAll(plan).map((waiver) => ({ ...waiver, expires: '2026-12-01' })) }), '2026-12-01', 'error').verdict).toBe('PASS')
  })

  it('warns about a waiver that names the plan but excuses nothing', async () => {
    const plan = await failingPlan()
    const result = applyWaivers(plan, policy({ waivers: [...waiveAll(plan), { files: ['specs/**'], rule: 'gate-multiple', reason: 'r' }] }), '2026-12-01', 'error')
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['waiver-unused', 'warning']])
    expect(result.verdict).toBe('PASS')
  })

  it('never excuses a plan that was not checked', async () => {
    const result = await checkText('a\u0000b', 'spec-dev', 'specs/001-a/plan.md')
    const waived = applyWaivers(result, policy({ waivers: [{ files: ['**'], rule: 'plan-encoding', reason: 'r' }] }), '2026-12-01', 'error')
    expect(waived.verdict).toBe('FAIL')
    expect(waived.findings.map((finding) => finding.ruleId)).toContain('plan-encoding')
  })

  it('excuses baseline findings by fingerprint, whatever line they moved to, and fails new ones', async () => {
    const plan = await failingPlan()
    const entries = baselineOf([plan])
    expect(entries.length).toBe(new Set(plan.findings.map((finding) => `${finding.ruleId}${finding.message}`)).size)
    const moved = await checkText(`<!-- a note added above -->\n\n${PLAN}`, 'spec-dev', plan.file)
    const kept = applyWaivers(moved, policy({ baseline: entries, baselineFile: 'b.json' }), '2026-12-01', 'error')
    expect(kept.verdict).toBe('PASS')
    expect(kept.waived?.every((finding) => finding.waiver.by === 'baseline')).toBe(true)
    const grown = await checkText(`${PLAN}\nNEEDS CLARIFICATION\n`, 'spec-dev', plan.file)
    const fresh = applyWaivers(grown, policy({ baseline: entries }), '2026-12-01', 'error')
    expect(fresh.verdict).toBe('FAIL')
    expect(fresh.findings.every((finding) => !entries.some((entry) => entry.fingerprint === fingerprint(plan.file, finding.ruleId, finding.message)))).toBe(true)
  })
})

describe('waived findings in every report', () => {
  it('are shown, marked as waived, with their reason, and not counted', async () => {
    const plan = await failingPlan()
    const [first, ...rest] = waiveAll(plan)
    const result = applyWaivers(plan, policy({ waivers: [first!] }), '2026-12-01', 'error')
    const run = { verdict: result.verdict, plans: [result] }
    expect(rest.length).toBeGreaterThanOrEqual(0)
    const text = renderText(run, { color: false })
    expect(text).toMatch(/waived .*\(waived: legacy plan, rewritten in Q2\)/)
    const json = JSON.parse(renderJson(run))
    expect(json.plans[0].waived[0].waiver).toEqual({ by: 'waiver', reason: 'legacy plan, rewritten in Q2' })
    const sarif = JSON.parse(renderSarif(run, { version: '0.0.0' }))
    const suppressed = sarif.runs[0].results.filter((entry: { suppressions?: unknown[] }) => entry.suppressions)
    expect(suppressed).toHaveLength(result.waived!.length)
    expect(suppressed[0].suppressions[0]).toEqual({ kind: 'external', status: 'accepted', justification: 'legacy plan, rewritten in Q2' })
    const markdown = renderMarkdownReport(run, { version: '0.0.0' }, { maxFindingsPerPlan: 50, showRubricSource: false })
    expect(markdown).toContain('**Waived**')
    expect(markdown).toContain('waived: legacy plan, rewritten in Q2')
  })
})

describe('waivers and baseline in the config', () => {
  const none = async () => null

  it('reads waivers, with a required reason and a real expiry date', async () => {
    const config = await loadConfig(
      '.github/plan-gate.yml',
      'plans:\n  - files: "**/plan.md"\n    rubric: generic\nwaivers:\n  - files: ["specs/001-*/plan.md"]\n    rule: section-missing\n    reason: written before the gate\n    expires: 2027-03-31\n',
      none
    )
    expect(config.policy.waivers).toEqual([{ files: ['specs/001-*/plan.md'], rule: 'section-missing', reason: 'written before the gate', expires: '2027-03-31' }])
  })

  it.each([
    ['a waiver without a reason', 'waivers:\n  - files: a.md\n    rule: placeholder\n', /waivers\[0\]/],
    ['an unknown rule id', 'waivers:\n  - files: a.md\n    rule: section-mising\n    reason: r\n', /6:11.*"section-mising" is not a rule id; did you mean "section-missing"/],
    ['a date that does not exist', 'waivers:\n  - files: a.md\n    rule: placeholder\n    reason: r\n    expires: 2027-02-30\n', /not a real date/],
    ['a date in another format', 'waivers:\n  - files: a.md\n    rule: placeholder\n    reason: r\n    expires: 31/03/2027\n', /YYYY-MM-DD/],
    ['a glob outside the repository', 'waivers:\n  - files: ../x.md\n    rule: placeholder\n    reason: r\n', /outside the repository/],
    ['a missing baseline file', 'baseline: .github/plan-gate-baseline.json\n', /does not exist; write it with "plan-gate baseline"/]
  ])('rejects %s with its place', async (_what, tail, pattern) => {
    const text = `plans:\n  - files: "**/plan.md"\n    rubric: generic\n${tail}`
    const error = await loadConfig('.github/plan-gate.yml', text, none).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems.map((problem) => `${problem.line}:${problem.column} ${problem.path} ${problem.message}`).join('\n')).toMatch(pattern)
  })

  it('rejects a baseline file that is not one', async () => {
    const error = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: "**/plan.md"\n    rubric: generic\nbaseline: b.json\n', async () => '{"version":2}').catch((caught: unknown) => caught)
    expect((error as ConfigError).problems[0]!.message).toMatch(/not a plan-gate baseline/)
  })
})

describe('plan-gate baseline', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'plan-gate-baseline-'))
    mkdirSync(path.join(root, '.github'), { recursive: true })
    mkdirSync(path.join(root, 'specs/001-a'), { recursive: true })
    writeFileSync(path.join(root, 'specs/001-a/plan.md'), PLAN)
    writeFileSync(path.join(root, '.github/plan-gate.yml'), 'plans:\n  - files: "specs/**/plan.md"\n    rubric: spec-dev\n')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  async function cli(args: string[]) {
    let stdout = ''
    let stderr = ''
    const status = await run(args, { cwd: root, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
    return { status, stdout, stderr }
  }

  it('records today\'s findings, so that the same plan then passes and a new finding fails it', async () => {
    expect((await cli(['check'])).status).toBe(1)
    const written = await cli(['baseline'])
    expect(written.status).toBe(0)
    expect(written.stdout).toMatch(/Wrote \d+ finding fingerprints of 1 plan to \.github\/plan-gate-baseline\.json/)
    const file = JSON.parse(readFileSync(path.join(root, '.github/plan-gate-baseline.json'), 'utf8'))
    expect(file.version).toBe(1)
    expect(file.findings[0]).toEqual({ file: 'specs/001-a/plan.md', rule: expect.any(String), fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/) })
    writeFileSync(path.join(root, '.github/plan-gate.yml'), 'plans:\n  - files: "specs/**/plan.md"\n    rubric: spec-dev\nbaseline: .github/plan-gate-baseline.json\n')
    const checked = await cli(['check'])
    expect(checked.status).toBe(0)
    expect(checked.stdout).toContain('in the baseline .github/plan-gate-baseline.json')
    writeFileSync(path.join(root, 'specs/001-a/plan.md'), `${PLAN}\nNEEDS CLARIFICATION\n`)
    const grown = await cli(['check'])
    expect(grown.status).toBe(1)
    expect(grown.stdout).toMatch(/error\s+Placeholder/)
  })

  it('writes where --output says and fails like check on a bad config', async () => {
    expect((await cli(['baseline', '--output', 'base.json'])).status).toBe(0)
    expect(JSON.parse(readFileSync(path.join(root, 'base.json'), 'utf8')).version).toBe(1)
    writeFileSync(path.join(root, '.github/plan-gate.yml'), 'plans: 3\n')
    const bad = await cli(['baseline'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toContain('configuration error')
  })
})

describe('a declared PASS', () => {
  it('is no longer contradicted once every contradicting finding is waived', async () => {
    const complete = await readRepoFile('examples/spec-dev/pass-complete.md')
    const plan = await checkText(complete.replace('\n## 12. Risks Register', '\nNEEDS CLARIFICATION: retention.\n\n## 12. Risks Register'), 'spec-dev', 'docs/plan.md')
    expect(plan.findings.map((finding) => finding.ruleId)).toContain('gate-contradiction')
    const result = applyWaivers(plan, { waivers: [{ files: ['**'], rule: 'placeholder', reason: 'r' }], baseline: [], source: 'c.yml' }, '2026-12-01', 'error')
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([])
    expect(result.verdict).toBe('PASS')
    expect(result.waived?.map((finding) => finding.ruleId)).toContain('gate-contradiction')
  })
})

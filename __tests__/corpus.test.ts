import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CORPUS_DIR, corpusEntries, hasCorpus, skipNotice } from '../test-support/shared.js'

// Real plans written by other people, run through the built CLI: no crash, no
// finding on a line that does not exist, and a snapshot of verdict and finding
// counts per file so that any change in behaviour shows up in review.

interface JsonReport {
  verdict: string
  plans: Array<{ file: string; rubric: string; verdict: string; findings: Array<{ ruleId: string; severity: string; line: number; column: number }> }>
}

const CLI = path.resolve('dist/cli.js')
const PRESETS = ['spec-dev', 'specflow', 'generic', 'spec-kit']

function runCli(args: string[], cwd: string): { status: number; report: JsonReport } {
  let stdout: string
  let status = 0
  try {
    stdout = execFileSync(process.execPath, [CLI, ...args, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string }
    if (failed.status !== 1) throw new Error(`plan-gate exited ${failed.status}: ${failed.stderr}`)
    status = failed.status
    stdout = failed.stdout
  }
  return { status, report: JSON.parse(stdout) as JsonReport }
}

function linesOf(file: string): string[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

function summary(report: JsonReport): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const plan of report.plans) {
    const byRule: Record<string, number> = {}
    for (const finding of plan.findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1
    out[plan.file] = {
      rubric: plan.rubric,
      verdict: plan.verdict,
      errors: plan.findings.filter((finding) => finding.severity === 'error').length,
      warnings: plan.findings.filter((finding) => finding.severity === 'warning').length,
      byRule
    }
  }
  return out
}

function expectRealPositions(report: JsonReport, resolve: (file: string) => string): void {
  for (const plan of report.plans) {
    const lines = linesOf(resolve(plan.file))
    for (const finding of plan.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1)
      expect(finding.line).toBeLessThanOrEqual(Math.max(1, lines.length))
      expect(finding.column).toBeGreaterThanOrEqual(1)
      expect(finding.column).toBeLessThanOrEqual((lines[finding.line - 1] ?? '').length + 1)
    }
  }
}

const describeCorpus = hasCorpus ? describe : describe.skip
skipNotice('the corpus tests')

describeCorpus('corpus', () => {
  const entries = corpusEntries()

  it('lists the files the manifest names', () => {
    expect(entries.length).toBeGreaterThan(40)
  })

  describe.each(PRESETS)('checked with --rubric %s', (preset) => {
    it('never crashes, reports only real positions, and matches the snapshot', () => {
      const { report } = runCli(['check', '--rubric', preset, ...entries.map((entry) => entry.file)], CORPUS_DIR)
      expect(report.plans).toHaveLength(entries.length)
      expectRealPositions(report, (file) => path.join(CORPUS_DIR, file))
      expect(summary(report)).toMatchSnapshot()
    })
  })

  it('maps each plan at its original path to the built-in default rubric', () => {
    // Lay the plans out where their authors kept them, so directory scanning and the default globs decide.
    const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-corpus-'))
    try {
      const manifest = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)
      for (const row of manifest) {
        const [file = '', repo = '', original = ''] = row.split('\t')
        cpSync(path.join(CORPUS_DIR, file), path.join(root, repo.replace('/', '__'), original))
      }
      const { report } = runCli(['check', '.'], root)
      expectRealPositions(report, (file) => path.join(root, file))
      expect(summary(report)).toMatchSnapshot()
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

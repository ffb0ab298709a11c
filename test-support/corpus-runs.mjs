// The runs a reviewer judges: every corpus plan at its original path under the
// default mapping, the spec-kit plans again with `--rubric spec-kit`, the
// spec-dev-like ones with `--rubric spec-dev`. One definition, read by the
// expectations test and by the script that drafts entries for new findings.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export const SHARED_DIR = path.resolve(process.cwd(), '..', 'shared')
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus')
export const hasCorpus = existsSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'))

export function manifest() {
  if (!hasCorpus) return []
  const [, ...rows] = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n')
  return rows.map((row) => {
    const [file = '', repo = '', original = '', , , kind = ''] = row.split('\t')
    return { file, repo, original, kind, laidOut: path.posix.join(repo.replace('/', '__'), original) }
  })
}

function runCli(cli, args, cwd) {
  try {
    return JSON.parse(execFileSync(process.execPath, [cli, ...args, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))
  } catch (error) {
    if (error.status !== 1) throw new Error(`plan-gate exited ${error.status}: ${error.stderr}`)
    return JSON.parse(error.stdout)
  }
}

const RUBRIC_RUNS = [
  { run: 'spec-kit', kinds: ['spec-kit', 'spec-kit-legacy'] },
  { run: 'spec-dev', kinds: ['spec-dev'] }
]

/** Every judged run: `{ key, run, file, rubric, verdict, findings }`, keyed `run:corpus-file`. */
export function corpusRuns(cli) {
  const entries = manifest()
  const results = []
  const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-review-'))
  try {
    for (const entry of entries) cpSync(path.join(CORPUS_DIR, entry.file), path.join(root, entry.laidOut))
    const byLaidOut = new Map(entries.map((entry) => [entry.laidOut, entry.file]))
    const report = runCli(cli, ['check', '.'], root)
    for (const plan of report.plans) results.push(toRun('default', byLaidOut.get(plan.file) ?? plan.file, plan))
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  for (const { run, kinds } of RUBRIC_RUNS) {
    const files = entries.filter((entry) => kinds.includes(entry.kind)).map((entry) => entry.file)
    if (files.length === 0) continue
    const report = runCli(cli, ['check', '--rubric', run, ...files], CORPUS_DIR)
    for (const plan of report.plans) results.push(toRun(run, plan.file, plan))
  }
  return results
}

function toRun(run, file, plan) {
  return {
    key: `${run}:${file}`,
    run,
    file,
    rubric: plan.rubric,
    verdict: plan.verdict,
    findings: plan.findings.map((finding) => ({ rule: finding.ruleId, severity: finding.severity, line: finding.line, column: finding.column, message: finding.message }))
  }
}

/**
 * Identity of a finding across runs of the same plan: rule and place. Only when
 * one rule reports twice at one place does a short hash of the message tell
 * them apart; the message itself quotes the plan and is never stored.
 */
export function keyedFindings(run) {
  const count = new Map()
  for (const finding of run.findings) count.set(place(finding), (count.get(place(finding)) ?? 0) + 1)
  return run.findings.map((finding) => {
    const key = count.get(place(finding)) > 1 ? `${place(finding)}~${createHash('sha256').update(finding.message).digest('hex').slice(0, 8)}` : place(finding)
    return { key, finding }
  })
}

function place(finding) {
  return `${finding.rule}@${finding.line}:${finding.column}`
}

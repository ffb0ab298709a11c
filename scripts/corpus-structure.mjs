#!/usr/bin/env node
// Lists the structural findings (something reported missing) on every corpus
// plan, so that a change to how plans are matched to rubrics can be reviewed
// finding by finding. Each plan is checked at its original path under the
// default mapping, spec-kit kinds again with --rubric spec-kit and spec-dev
// kinds with --rubric spec-dev, as the corpus review does.
//
//   node scripts/corpus-structure.mjs [--all] <cli.js> [corpus dir] > findings.txt
//
// <cli.js> is a built CLI: dist/cli.js, or src/cli/index.js compiled with
// `npx tsc -p tsconfig.json --noEmit false --outDir build/x`. Diff two runs to
// see what a change gained and lost. `--all` lists the findings of every rule.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const STRUCTURAL = new Set(['section-missing', 'table-missing', 'field-missing', 'table-column-missing', 'checklist-missing'])
const EXTRA_RUBRIC = { 'spec-kit': 'spec-kit', 'spec-kit-legacy': 'spec-kit', 'spec-kit-tasks': 'spec-kit', 'spec-dev': 'spec-dev' }

const args = process.argv.slice(2)
const all = args[0] === '--all'
const [cliArg, corpusArg] = all ? args.slice(1) : args
if (!cliArg) {
  console.error('usage: node scripts/corpus-structure.mjs [--all] <cli.js> [corpus dir]')
  process.exit(2)
}
const cli = path.resolve(cliArg)
const corpus = path.resolve(corpusArg ?? path.join(process.cwd(), '..', 'shared', 'corpus'))
const rows = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t'))

function check(args, cwd) {
  let stdout
  try {
    stdout = execFileSync(process.execPath, [cli, 'check', ...args, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  } catch (error) {
    if (error.status !== 1) throw new Error(`plan-gate exited ${error.status}: ${error.stderr}`)
    stdout = error.stdout
  }
  return JSON.parse(stdout)
}

const out = []
function list(label, report, nameOf) {
  for (const plan of report.plans) {
    for (const finding of plan.findings) {
      if (!all && !STRUCTURAL.has(finding.ruleId)) continue
      out.push(`${label}\t${nameOf(plan.file)}\t${plan.rubric}\t${finding.ruleId}\t${finding.severity}\t${finding.line}\t${finding.message}`)
    }
  }
}

const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-structure-'))
try {
  const byOriginal = new Map()
  for (const [file, repo, original] of rows) {
    const placed = path.join(repo.replace('/', '__'), original)
    cpSync(path.join(corpus, file), path.join(root, placed))
    byOriginal.set(placed, file)
  }
  list('default', check(['.'], root), (file) => byOriginal.get(file) ?? file)
  for (const rubric of new Set(Object.values(EXTRA_RUBRIC))) {
    const files = rows.filter((row) => EXTRA_RUBRIC[row[5]] === rubric).map((row) => row[0])
    list(rubric, check(['--rubric', rubric, ...files], corpus), (file) => file)
  }
} finally {
  rmSync(root, { recursive: true, force: true })
}
out.sort()
process.stdout.write(out.join('\n') + '\n')
const counts = {}
for (const line of out) {
  const [label, , , rule] = line.split('\t')
  counts[`${label} ${rule}`] = (counts[`${label} ${rule}`] ?? 0) + 1
}
console.error(Object.entries(counts).map(([key, count]) => `${count}\t${key}`).join('\n'))
console.error(`${out.length}\ttotal`)

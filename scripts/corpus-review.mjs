#!/usr/bin/env node
// Drafts the reviewed expectations for the corpus: runs the built CLI over
// every judged run (test-support/corpus-runs.mjs), keeps every judgement that
// still applies, and adds each new finding and verdict with `judged: "?"` for a
// reviewer to decide. Messages, which quote the plans, go only to a side file
// outside the repository for the reviewer to read; the expectations keep rule,
// place and the reviewer's own one-line reason.
//
//   node scripts/corpus-review.mjs            # update __tests__/corpus-expectations.json
//   node scripts/corpus-review.mjs --report   # precision per rule, from the current judgements
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { corpusRuns, keyedFindings, hasCorpus } from '../test-support/corpus-runs.mjs'
import { precision } from '../test-support/corpus-precision.mjs'

const EXPECTATIONS = path.resolve('__tests__/corpus-expectations.json')
if (!hasCorpus) {
  console.error('../shared/corpus is absent: nothing to review.')
  process.exit(2)
}
const current = existsSync(EXPECTATIONS) ? JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) : { runs: {} }
const runs = corpusRuns(path.resolve('dist/cli.js'))

if (process.argv.includes('--report')) {
  console.log(JSON.stringify(precision(runs, current), null, 2))
  process.exit(0)
}

const next = { ...current, runs: {} }
const side = {}
let added = 0
const lost = []
for (const run of runs) {
  const before = current.runs[run.key] ?? {}
  const findings = {}
  for (const { key, finding } of keyedFindings(run)) {
    const judged = before.findings?.[key]
    if (!judged) added++
    // Whether a finding is a real gap does not depend on its severity: a judgement survives a change of severity.
    findings[key] = judged ? { ...judged, severity: finding.severity } : { severity: finding.severity, judged: '?', why: '' }
    side[`${run.key} ${key}`] = finding.message
  }
  for (const [key, judged] of Object.entries(before.findings ?? {})) {
    if (!(key in findings) && judged.judged === 'right') lost.push(`${run.key} ${key}`)
  }
  // A verdict the reviewer defended against plan-gate's stays defended; once plan-gate agrees, it is simply right.
  const stillKnownWrong = before.knownWrong === true && before.verdict !== run.verdict
  const verdictKept = before.verdict === run.verdict || stillKnownWrong
  next.runs[run.key] = {
    rubric: run.rubric,
    verdict: verdictKept ? before.verdict : run.verdict,
    verdictJudged: stillKnownWrong ? 'wrong' : before.verdict === run.verdict ? (before.knownWrong ? 'right' : (before.verdictJudged ?? '?')) : '?',
    ...(stillKnownWrong ? { knownWrong: true } : {}),
    why: verdictKept ? (before.why ?? '') : before.why ? `(was ${before.verdict}) ${before.why}` : '',
    findings
  }
}
writeFileSync(EXPECTATIONS, `${JSON.stringify(next, null, 2)}\n`)
const sidePath = path.join(tmpdir(), 'plan-gate-corpus-messages.json')
writeFileSync(sidePath, `${JSON.stringify(side, null, 2)}\n`)
console.log(`${runs.length} runs; ${added} findings to judge; messages for the reviewer in ${sidePath}`)
if (lost.length > 0) console.log(`Findings judged right that are no longer reported (real gaps lost?):\n  ${lost.join('\n  ')}`)

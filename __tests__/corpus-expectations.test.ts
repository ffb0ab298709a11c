import { readFileSync } from 'node:fs'
import path from 'node:path'
import { corpusRuns, keyedFindings, hasCorpus, type CorpusRun } from '../test-support/corpus-runs.mjs'
import { precision, type Expectations } from '../test-support/corpus-precision.mjs'

// A reviewer's judgement of every finding plan-gate gives on the real plans of
// ../shared/corpus, and of every verdict: the verdict a careful reviewer would
// defend, and per finding right or wrong with a one-line reason. A new finding
// fails this test until someone judges it (node scripts/corpus-review.mjs
// drafts the entries); a finding judged right that disappears is a real gap lost.

const EXPECTATIONS = JSON.parse(readFileSync(path.resolve('__tests__/corpus-expectations.json'), 'utf8')) as Expectations
const describeCorpus = hasCorpus ? describe : describe.skip
if (!hasCorpus) console.warn('Skipping the corpus expectations: ../shared/corpus is absent (it sits beside the repository in CI).')

describeCorpus('reviewed expectations on the corpus', () => {
  let runs: CorpusRun[] = []
  beforeAll(() => {
    runs = corpusRuns(path.resolve('dist/cli.js'))
  }, 120_000)

  it('has a reviewed entry for every run', () => {
    const missing = runs.filter((run) => !EXPECTATIONS.runs[run.key]).map((run) => run.key)
    expect(missing).toEqual([])
  })

  it('gives the verdict the reviewer defends', () => {
    const differing = runs
      .filter((run) => {
        const entry = EXPECTATIONS.runs[run.key]
        return entry && entry.verdict !== run.verdict && !entry.knownWrong
      })
      .map((run) => `${run.key}: ${run.verdict}, reviewer defends ${EXPECTATIONS.runs[run.key]!.verdict}`)
    expect(differing).toEqual([])
  })

  it('gives only findings a reviewer has judged', () => {
    const unjudged: string[] = []
    for (const run of runs) {
      const entry = EXPECTATIONS.runs[run.key]
      for (const { key, finding } of keyedFindings(run)) {
        const judged = entry?.findings[key]
        if (!judged || (judged.judged !== 'right' && judged.judged !== 'wrong') || judged.severity !== finding.severity) {
          unjudged.push(`${run.key} ${key} ${finding.severity}`)
        }
      }
    }
    expect(unjudged).toEqual([])
  })

  it('loses no finding judged right', () => {
    const lost: string[] = []
    for (const run of runs) {
      const reported = new Set(keyedFindings(run).map(({ key }) => key))
      for (const [key, judged] of Object.entries(EXPECTATIONS.runs[run.key]?.findings ?? {})) {
        if (judged.judged === 'right' && !reported.has(key)) lost.push(`${run.key} ${key}`)
      }
    }
    expect(lost).toEqual([])
  })

  it('keeps error findings at the reviewed precision, and fails no plan on wrong findings alone', () => {
    const measured = precision(runs, EXPECTATIONS)
    console.log(
      [
        `corpus precision: all ${measured.overall.right}/${measured.overall.judged} (${(measured.overall.precision * 100).toFixed(1)}%),`,
        `errors ${measured.errors.right}/${measured.errors.judged} (${(measured.errors.precision * 100).toFixed(1)}%)`,
        ...Object.entries(measured.perRule).map(([rule, counts]) => `  ${rule}: ${counts.right}/${counts.judged}`)
      ].join('\n')
    )
    expect(measured.errors.precision).toBeGreaterThanOrEqual(EXPECTATIONS.minimumErrorPrecision ?? 0.95)
    const excused = new Set(Object.entries(EXPECTATIONS.runs).filter(([, entry]) => entry.knownWrong).map(([key]) => key))
    expect(measured.failingOnWrongAlone.filter((key) => !excused.has(key))).toEqual([])
  })
})

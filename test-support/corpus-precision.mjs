// Precision of the findings on the corpus, from the reviewed judgements: per
// rule and overall, right / judged, for all findings and for errors alone.
import { keyedFindings } from './corpus-runs.mjs'

export function precision(runs, expectations) {
  const perRule = {}
  const total = { all: { right: 0, judged: 0 }, errors: { right: 0, judged: 0 } }
  const failingOnWrongAlone = []
  for (const run of runs) {
    const entry = expectations.runs?.[run.key]
    let rightErrors = 0
    let errors = 0
    for (const { key, finding } of keyedFindings(run)) {
      const judged = entry?.findings?.[key]?.judged
      if (judged !== 'right' && judged !== 'wrong') continue
      const right = judged === 'right' ? 1 : 0
      const rule = (perRule[finding.rule] ??= { right: 0, judged: 0 })
      rule.right += right
      rule.judged++
      total.all.right += right
      total.all.judged++
      if (finding.severity === 'error') {
        total.errors.right += right
        total.errors.judged++
        rightErrors += right
        errors++
      }
    }
    if (run.verdict === 'FAIL' && errors > 0 && rightErrors === 0) failingOnWrongAlone.push(run.key)
  }
  const ratio = ({ right, judged }) => (judged === 0 ? 1 : right / judged)
  return {
    overall: { ...total.all, precision: ratio(total.all) },
    errors: { ...total.errors, precision: ratio(total.errors) },
    perRule: Object.fromEntries(Object.entries(perRule).sort().map(([rule, counts]) => [rule, { ...counts, precision: ratio(counts) }])),
    failingOnWrongAlone
  }
}

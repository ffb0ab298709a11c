import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const { toAnnotations } = await import('../../src/report/annotations.js')
const { canonical, variants, failingPlan, FAILING_FILE } = await import('../../__fixtures__/report/results.js')

describe('toAnnotations', () => {
  it('maps each finding to an annotation on its line', () => {
    const annotations = toAnnotations(canonical)
    expect(annotations).toHaveLength(5)
    expect(annotations.find((a) => a.startLine === 92)).toEqual({
      level: 'error',
      title: 'Unchecked checklist item (checklist-unchecked)',
      message:
        'Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified."\n' +
        'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.',
      file: FAILING_FILE,
      startLine: 92,
      startColumn: 3,
      endLine: 92
    })
  })

  it('orders what explains the verdict first, then errors by file and line, then warnings', () => {
    const run = structuredClone(canonical)
    run.plans.push({
      ...structuredClone(failingPlan),
      file: 'plans/second.md',
      findings: [
        { ...failingPlan.findings[4]! },
        { ...failingPlan.findings[2]!, line: 5 },
        { ...failingPlan.findings[0]!, ruleId: 'plan-too-large', line: 1 }
      ]
    })
    const order = toAnnotations(run).map((a) => `${a.level} ${a.file}:${a.startLine} ${a.title}`)
    expect(order).toEqual([
      `error ${FAILING_FILE}:98 Declared PASS contradicted (gate-contradiction)`,
      'error plans/second.md:1 plan-too-large',
      `error ${FAILING_FILE}:80 Risk area not covered (table-coverage)`,
      `error ${FAILING_FILE}:92 Unchecked checklist item (checklist-unchecked)`,
      `error ${FAILING_FILE}:94 Unchecked checklist item (checklist-unchecked)`,
      'error plans/second.md:5 Risk area not covered (table-coverage)',
      `warning ${FAILING_FILE}:61 placeholder`,
      'warning plans/second.md:61 placeholder'
    ])
  })

  it('leaves optional positions out when the finding has none', () => {
    const annotation = toAnnotations(variants.noEndLine).find((a) => a.startLine === 92)!
    expect(annotation).not.toHaveProperty('endLine')
  })

  it('has nothing to say about zero plans', () => {
    expect(toAnnotations(variants.zeroPlans)).toEqual([])
  })
})

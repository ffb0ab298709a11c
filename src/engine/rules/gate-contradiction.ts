import type { Rule } from '../rule.js'

export const gateContradiction: Rule = {
  id: 'gate-contradiction',
  title: 'Declared PASS contradicted',
  description: 'The plan declares `Gate: PASS`, but error findings remain; the finding names them.',
  defaultSeverity: 'error',
  phase: 'verdict',
  hint: 'Fix the findings listed, or declare `Gate: FAIL — <reason>` until they are fixed.',
  check({ model, findings, report }) {
    const gate = model.declaredGate
    if (!gate || gate.value !== 'PASS') return
    const errors = findings.filter((finding) => finding.severity === 'error')
    if (errors.length === 0) return
    const byRule = new Map<string, number>()
    for (const finding of errors) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1)
    const summary = [...byRule].map(([ruleId, count]) => `${count} ${ruleId}`).join(', ')
    report({
      line: gate.line,
      column: gate.column,
      message: `The plan declares "Gate: PASS", but ${errors.length} ${errors.length === 1 ? 'error contradicts' : 'errors contradict'} it (${summary})`
    })
  }
}

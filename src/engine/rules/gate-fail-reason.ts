import type { Rule } from '../rule.js'

export const gateFailReason: Rule = {
  id: 'gate-fail-reason',
  title: 'Gate FAIL without a reason',
  description: 'The plan declares `Gate: FAIL` without saying why.',
  defaultSeverity: 'error',
  hint: 'Write the reason after the verdict: `Gate: FAIL — <what blocks the plan>`.',
  check({ model, report }) {
    const gate = model.declaredGate
    if (!gate || gate.value !== 'FAIL' || gate.reason !== null) return
    report({ line: gate.line, column: gate.column, message: 'The plan declares "Gate: FAIL" without a reason' })
  }
}

import type { Rule } from '../rule.js'
import { excerpt } from '../text.js'

export const gateDeclaredFail: Rule = {
  id: 'gate-declared-fail',
  title: 'Plan declares FAIL',
  description: 'The plan\'s own gate reads FAIL, so it fails whatever else it contains.',
  defaultSeverity: 'error',
  hint: 'Resolve the reason the plan gives, then change its last line to `Gate: PASS`.',
  check({ model, report }) {
    const gate = model.declaredGate
    if (!gate || gate.value !== 'FAIL') return
    report({
      line: gate.line,
      column: gate.column,
      message: gate.reason ? `The plan declares "Gate: FAIL": ${excerpt(gate.reason, 200)}` : 'The plan declares "Gate: FAIL"'
    })
  }
}

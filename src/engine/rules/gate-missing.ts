import type { Rule } from '../rule.js'

export const gateMissing: Rule = {
  id: 'gate-missing',
  title: 'No declared gate',
  description: 'The rubric requires the plan to declare its gate, and the plan has no `Gate: PASS` or `Gate: FAIL — <reason>` line outside code, comments and quotes. A gate line that cannot be read is reported by `gate-unfilled` or `gate-unreadable` instead.',
  defaultSeverity: 'error',
  hint: 'End the plan with `Gate: PASS` once every checklist item is satisfied, or `Gate: FAIL — <reason>` until then.',
  check({ model, rubric, report }) {
    if (!rubric.gate.required || rubric.gate.severity === 'off' || model.gates.length > 0 || model.gateProblems.length > 0) return
    report({
      line: Math.max(1, model.lines.length),
      column: 1,
      message: 'The plan declares no gate; expected a last line "Gate: PASS" or "Gate: FAIL — <reason>"',
      severity: rubric.gate.severity === 'warning' ? 'warning' : undefined
    })
  }
}

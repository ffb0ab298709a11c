import type { Rule } from '../rule.js'

export const gateMultiple: Rule = {
  id: 'gate-multiple',
  title: 'More than one gate line',
  description: 'The plan has several `Gate:` lines; only the last one counts, so earlier ones mislead readers.',
  defaultSeverity: 'error',
  hint: 'Keep one gate line, at the end of the plan.',
  check({ model, report }) {
    const last = model.gates[model.gates.length - 1]
    if (!last) return
    for (const gate of model.gates.slice(0, -1)) {
      report({
        line: gate.line,
        column: gate.column,
        message: `Extra gate line "Gate: ${gate.value}"; the plan's gate is the last one, "Gate: ${last.value}" at line ${last.line}`
      })
    }
  }
}

import type { Rule } from '../rule.js'
import { excerpt } from '../text.js'

export const gateUnreadable: Rule = {
  id: 'gate-unreadable',
  title: 'Gate line cannot be read',
  description:
    'A line a reader takes for the gate does not declare one verdict plainly (`Gate: PASS?`, `Gate: P A S S`, `Gate: PASS FAIL`, `Gate: [PASS]`, `Gate: ❌ PASS`). plan-gate does not guess: the line is an error, and an earlier `Gate: PASS` does not count past it.',
  defaultSeverity: 'error',
  hint: 'Write the verdict plainly: `Gate: PASS`, or `Gate: FAIL — <reason>`.',
  check({ model, report }) {
    for (const problem of model.gateProblems) {
      if (problem.kind !== 'unreadable') continue
      report({ line: problem.line, column: problem.column, message: `The gate line "${excerpt(problem.text)}" cannot be read as one verdict` })
    }
  }
}

import type { Rule } from '../rule.js'
import { excerpt } from '../text.js'

export const gateUnfilled: Rule = {
  id: 'gate-unfilled',
  title: "Template's gate left unfilled",
  description:
    "A gate line still offers the template's choice (`Gate: PASS / FAIL`, `PASS | FAIL`, `PASS or FAIL`, `[ ] PASS / [ ] FAIL`, `Gate: [ ] PASS`, `Gate: [PASS/FAIL]`): it declares nothing, and an earlier `Gate: PASS` does not count past it.",
  defaultSeverity: 'error',
  hint: 'Pick one verdict: `Gate: PASS`, or `Gate: FAIL — <reason>`.',
  check({ model, report }) {
    for (const problem of model.gateProblems) {
      if (problem.kind !== 'unfilled') continue
      report({ line: problem.line, column: problem.column, message: `The gate line "${excerpt(problem.text)}" is the template's choice, not a verdict` })
    }
  }
}

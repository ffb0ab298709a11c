import type { Rule } from '../rule.js'

// Raised by the runner (src/runner/phase-order.ts), which sees the change as a
// whole; a rule here so it has an id, docs and a severity like every finding.
export const phaseOrder: Rule = {
  id: 'phase-order',
  title: 'Tasks before the plan passes',
  description:
    'A change adds or edits a feature\'s tasks file while the plan beside it does not pass. The spec-dev and SpecFlow playbooks, spec-kit, OpenSpec and Kiro all put tasks after a reviewed plan. Counts: a changed file whose name the plan\'s rubric lists in `phaseOrder.tasks` (e.g. `tasks.md` beside `specs/001-x/plan.md`), checked against that plan at the same commit even when the plan itself did not change. Does not count: a tasks file with no mapped plan beside it, or one whose plan passes.',
  defaultSeverity: 'error',
  hint: 'Finish the plan until plan-gate passes it, then change the tasks.',
  check() {}
}

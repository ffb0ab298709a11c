import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, checklistTasks, sectionReportedMissing } from '../lookup.js'

export const checklistMissing: Rule = {
  id: 'checklist-missing',
  title: 'Missing checklist',
  description: 'A checklist the rubric requires has no task items (`- [ ]` / `- [x]`) where the rubric expects them.',
  defaultSeverity: 'error',
  hint: 'Add the checklist as task items (`- [ ] item`) and tick each item once it is true.',
  check({ model, rubric, report }) {
    for (const spec of rubric.checklists) {
      if (!spec.required || isOff(spec.severity)) continue
      // Inside a missing section it is part of that section's one finding.
      if (sectionReportedMissing(model, rubric, spec.section)) continue
      const { heading, tasks } = checklistTasks(model, rubric, spec)
      if (tasks.length > 0) continue
      report({
        ...anchorOf(heading),
        message: heading
          ? `Section "${heading.title}" has no checklist items; expected the "${spec.title}" checklist`
          : `Missing checklist "${spec.title}"`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, checklistTasks } from '../lookup.js'
import { matchChecklist } from './checklist-match.js'

export const checklistItemMissing: Rule = {
  id: 'checklist-item-missing',
  title: 'Checklist item missing',
  description: 'A checklist lacks an item the rubric requires (matched by words, so rewording is fine).',
  defaultSeverity: 'error',
  hint: 'Add the item to the checklist (reworded if you like) and tick it once it is true.',
  check({ model, rubric, report }) {
    for (const spec of rubric.checklists) {
      if (isOff(spec.severity)) continue
      const { heading, tasks } = checklistTasks(model, rubric, spec)
      // No checklist at all is one finding (checklist-missing), not one per item.
      if (tasks.length === 0) continue
      const anchor = anchorOf(heading)
      for (const { item, task } of matchChecklist(spec, tasks)) {
        if (task) continue
        report({
          ...anchor,
          message: `Checklist "${spec.title}" has no item for "${item.text}"`,
          hint: `Add "- [ ] ${item.text}" and tick it once it is true.`,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

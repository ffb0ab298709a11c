import { itemSeverity, isOff, type Rule } from '../rule.js'
import { checklistTasks } from '../lookup.js'
import { excerpt } from '../text.js'

export const checklistUnchecked: Rule = {
  id: 'checklist-unchecked',
  title: 'Unchecked checklist item',
  description: 'A checklist that must be complete (`allChecked`) has an unticked item, or a ticked one whose text is struck through, reported at its line. Items of every section with the checklist\'s title count.',
  defaultSeverity: 'error',
  hint: 'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.',
  check({ model, rubric, report }) {
    const reported = new Set<number>()
    for (const spec of rubric.checklists) {
      if (!spec.allChecked || isOff(spec.severity)) continue
      for (const task of checklistTasks(model, rubric, spec).tasks) {
        if (task.checked || reported.has(task.line)) continue
        reported.add(task.line)
        report({
          line: task.line,
          column: task.column,
          message: task.struck
            ? `Item in "${spec.title}" is ticked but struck through, so it is not done: "${excerpt(task.text)}"`
            : `Unchecked item in "${spec.title}": "${excerpt(task.text)}"`,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

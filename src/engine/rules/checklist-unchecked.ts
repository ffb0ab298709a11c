import type { PlanModel, TaskItem } from '../model.js'
import type { ChecklistSpec, Rubric } from '../../rubric/schema.js'
import { itemSeverity, isOff, type Rule } from '../rule.js'
import { checklistTasks, placeholderMatches, sectionHeading, withinSection } from '../lookup.js'
import { excerpt, similarity } from '../text.js'

/** Share of a justification row's first cell that must be found in the item it excuses. */
const JUSTIFICATION_MATCH = 0.5

function mustBeTicked(spec: ChecklistSpec, task: TaskItem): boolean {
  if (spec.ticked.length === 0) return true
  return spec.ticked.some((item) => [item.text, ...item.aliases].some((wanted) => similarity(wanted, task.text) >= spec.matchThreshold))
}

/**
 * Whether the `justifiedIn` section's table has a row for this item: its first
 * cell names the item, and another cell gives a reason that is not a template
 * leftover. spec-kit's Complexity Tracking table is the model: violation, why
 * it is needed, the simpler alternative rejected.
 */
function justified(model: PlanModel, rubric: Rubric, spec: ChecklistSpec, task: TaskItem): boolean {
  if (!spec.justifiedIn) return false
  const heading = sectionHeading(model, rubric, spec.justifiedIn)
  if (!heading) return false
  for (const table of withinSection(model.tables, heading)) {
    for (const [name, ...reasons] of table.rows) {
      if (!name || similarity(name.text, task.text) < JUSTIFICATION_MATCH) continue
      const reason = reasons.map((cell) => cell.text.trim()).join(' ').trim()
      if (reason !== '' && placeholderMatches(rubric, `${name.text} ${reason}`).length === 0) return true
    }
  }
  return false
}

export const checklistUnchecked: Rule = {
  id: 'checklist-unchecked',
  title: 'Unchecked checklist item',
  description:
    'A checklist that must be complete (`allChecked`) has an unticked item, or a ticked one whose text is struck through, reported at its line. Items of every section with the checklist\'s title count. With `ticked`, only the listed items must be ticked; with `justifiedIn`, an unticked item is excused by a row naming it, with a reason, in that section\'s table.',
  defaultSeverity: 'error',
  hint: 'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.',
  check({ model, rubric, report }) {
    const reported = new Set<number>()
    for (const spec of rubric.checklists) {
      if (!spec.allChecked || isOff(spec.severity)) continue
      const justification = spec.justifiedIn ? rubric.sections.find((section) => section.id === spec.justifiedIn)?.title : undefined
      for (const task of checklistTasks(model, rubric, spec).tasks) {
        if (task.checked || reported.has(task.line) || !mustBeTicked(spec, task)) continue
        if (justified(model, rubric, spec, task)) continue
        reported.add(task.line)
        report({
          line: task.line,
          column: task.column,
          message: task.struck
            ? `Item in "${spec.title}" is ticked but struck through, so it is not done: "${excerpt(task.text)}"`
            : `Unchecked item in "${spec.title}": "${excerpt(task.text)}"`,
          ...(justification
            ? { hint: `Meet it and tick it (\`- [x]\`), or justify it with a row naming it in the "${justification}" table (what it breaks, why, the simpler alternative rejected).` }
            : {}),
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

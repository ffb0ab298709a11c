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

/**
 * Unticked items nested under an unticked item: one gap, reported at the
 * parent. A ticked parent with open children is still reported child by child,
 * since ticking the parent is then the claim to check.
 */
function underOpenParent(model: PlanModel, tasks: readonly TaskItem[]): Set<number> {
  const covered = new Set<number>()
  const open: TaskItem[] = []
  for (const task of tasks) {
    while (open.length > 0 && (open.at(-1)!.column >= task.column || !sameList(model, open.at(-1)!, task))) open.pop()
    const parent = open.at(-1)
    if (parent && !parent.checked && !task.checked) covered.add(task.line)
    open.push(task)
  }
  return covered
}

/** Whether every line between the two items continues the parent's list item (blank or indented under it). */
function sameList(model: PlanModel, parent: TaskItem, child: TaskItem): boolean {
  const markerColumn = Math.max(1, parent.column - 2)
  for (let line = parent.line + 1; line < child.line; line++) {
    const text = model.lines[line - 1] ?? ''
    if (text.trim() !== '' && text.length - text.trimStart().length < markerColumn) return false
  }
  return true
}

export const checklistUnchecked: Rule = {
  id: 'checklist-unchecked',
  title: 'Unchecked checklist item',
  description:
    'A checklist that must be complete (`allChecked`) has an unticked item, or a ticked one whose text is struck through, reported at its line. Items of every section with the checklist\'s title count. An open item nested under an open item is part of its parent\'s finding; under a ticked parent it is reported itself. With `ticked`, only the listed items must be ticked; with `justifiedIn`, an unticked item is excused by a row naming it, with a reason, in that section\'s table.',
  defaultSeverity: 'error',
  hint: 'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.',
  check({ model, rubric, report }) {
    const reported = new Set<number>()
    for (const spec of rubric.checklists) {
      if (!spec.allChecked || isOff(spec.severity)) continue
      const justification = spec.justifiedIn ? rubric.sections.find((section) => section.id === spec.justifiedIn)?.title : undefined
      const tasks = checklistTasks(model, rubric, spec).tasks
      const covered = underOpenParent(model, tasks)
      for (const task of tasks) {
        if (task.checked || reported.has(task.line) || covered.has(task.line) || !mustBeTicked(spec, task)) continue
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

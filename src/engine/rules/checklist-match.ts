import type { TaskItem } from '../model.js'
import type { ChecklistSpec } from '../../rubric/schema.js'
import { similarity } from '../text.js'

export interface ItemMatch {
  item: ChecklistSpec['items'][number]
  task: TaskItem | null
}

/**
 * Pairs each required item with the task item that says the most of it: authors
 * reword, reorder and abbreviate items, so matching is by words, not letters.
 */
export function matchChecklist(spec: ChecklistSpec, tasks: readonly TaskItem[]): ItemMatch[] {
  const pairs: Array<{ itemIndex: number; taskIndex: number; score: number }> = []
  spec.items.forEach((item, itemIndex) => {
    tasks.forEach((task, taskIndex) => {
      const score = Math.max(...[item.text, ...item.aliases].map((wanted) => similarity(wanted, task.text)))
      if (score >= spec.matchThreshold) pairs.push({ itemIndex, taskIndex, score })
    })
  })
  pairs.sort((a, b) => b.score - a.score || a.taskIndex - b.taskIndex)
  const byItem = new Map<number, TaskItem>()
  const usedTasks = new Set<number>()
  for (const pair of pairs) {
    if (byItem.has(pair.itemIndex) || usedTasks.has(pair.taskIndex)) continue
    byItem.set(pair.itemIndex, tasks[pair.taskIndex]!)
    usedTasks.add(pair.taskIndex)
  }
  return spec.items.map((item, index) => ({ item, task: byItem.get(index) ?? null }))
}

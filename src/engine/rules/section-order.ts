import type { Rule } from '../rule.js'
import { sectionHeadings } from '../lookup.js'

export const sectionOrder: Rule = {
  id: 'section-order',
  title: 'Sections out of order',
  description: 'With `order: true`, the rubric\'s sections must appear in the order the rubric lists them.',
  defaultSeverity: 'warning',
  hint: 'Move the section so the plan follows the rubric\'s order, which reviewers rely on.',
  check({ model, rubric, report }) {
    if (!rubric.order) return
    const found = sectionHeadings(model, rubric)
    let previous: { title: string; line: number } | null = null
    for (const section of rubric.sections) {
      const heading = found.get(section.id)
      if (!heading) continue
      if (previous && heading.line < previous.line) {
        report({
          line: heading.line,
          column: heading.column,
          message: `Section "${heading.title}" comes before "${previous.title}"; expected it after`
        })
        continue
      }
      previous = { title: heading.title, line: heading.line }
    }
  }
}

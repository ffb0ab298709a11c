import type { Rule } from '../rule.js'
import { presentSections } from '../lookup.js'

export const sectionLevel: Rule = {
  id: 'section-level',
  title: 'Section at an unexpected heading level',
  description: 'A section the rubric pins to a heading level is written at another level, which changes what the section contains.',
  defaultSeverity: 'warning',
  hint: 'Use the heading level the rubric expects, so that its subsections stay inside it.',
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      // A bold line used as a heading has no level of its own to correct.
      if (section.level === undefined || heading.pseudo || heading.level === section.level) continue
      report({
        line: heading.line,
        column: heading.column,
        message: `Section "${heading.title}" is a level-${heading.level} heading; expected level ${section.level} (${'#'.repeat(section.level)})`
      })
    }
  }
}

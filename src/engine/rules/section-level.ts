import { isOff, type Rule } from '../rule.js'
import { sectionHeadings } from '../lookup.js'

export const sectionLevel: Rule = {
  id: 'section-level',
  title: 'Section at an unexpected heading level',
  description: 'A section the rubric pins to a heading level is written at another level, which changes what the section contains.',
  defaultSeverity: 'warning',
  hint: 'Use the heading level the rubric expects, so that its subsections stay inside it.',
  check({ model, rubric, report }) {
    const found = sectionHeadings(model, rubric)
    for (const section of rubric.sections) {
      const heading = found.get(section.id)
      if (!heading || section.level === undefined || heading.level === section.level || isOff(section.severity)) continue
      report({
        line: heading.line,
        column: heading.column,
        message: `Section "${heading.title}" is a level-${heading.level} heading; expected level ${section.level} (${'#'.repeat(section.level)})`
      })
    }
  }
}

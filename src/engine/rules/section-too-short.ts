import { itemSeverity, isOff, type Rule } from '../rule.js'
import { sectionHeadings, sectionWordCount } from '../lookup.js'

export const sectionTooShort: Rule = {
  id: 'section-too-short',
  title: 'Section too short',
  description: 'A section has fewer words than the rubric\'s `minWords` (placeholders such as TBD do not count).',
  defaultSeverity: 'error',
  hint: 'Write the section out; if it does not apply, say why in a sentence or two.',
  check({ model, rubric, report }) {
    const found = sectionHeadings(model, rubric)
    for (const section of rubric.sections) {
      const heading = found.get(section.id)
      if (!heading || !section.minWords || isOff(section.severity)) continue
      const words = sectionWordCount(model, rubric, heading)
      if (words >= section.minWords) continue
      report({
        line: heading.line,
        column: heading.column,
        endLine: heading.endLine,
        message: `Section "${heading.title}" has ${words} word${words === 1 ? '' : 's'}; expected at least ${section.minWords}`,
        hint: section.guidance ? `Cover: ${section.guidance}` : undefined,
        severity: itemSeverity(section.severity)
      })
    }
  }
}

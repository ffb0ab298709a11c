import { itemSeverity, type Rule } from '../rule.js'
import { presentSections, sectionWordCount } from '../lookup.js'

export const sectionTooShort: Rule = {
  id: 'section-too-short',
  title: 'Section too short',
  description: 'A section has fewer words than the rubric\'s `minWords` (placeholders such as TBD do not count).',
  defaultSeverity: 'error',
  hint: 'Write the section out; if it does not apply, say why in a sentence or two.',
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      if (!section.minWords) continue
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

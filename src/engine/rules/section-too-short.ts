import { isOff, itemSeverity, type Rule } from '../rule.js'
import { presentSections, sectionIsEmpty, sectionWordCount } from '../lookup.js'

export const sectionTooShort: Rule = {
  id: 'section-too-short',
  title: 'Section too short',
  description:
    'A section has real content but fewer words than the rubric\'s `minWords`: a thin section, a warning unless the rubric sets `minWordsSeverity`. ' +
    'Words are counted in prose, list items, table cells and code blocks (a TypeScript interface counts its words), in the section and its subsections; ' +
    'placeholders, deferrals and subsections that are other rubric sections do not count. An empty section is the section-empty rule\'s finding instead.',
  defaultSeverity: 'warning',
  hint: 'Write the section out; if it does not apply, say why in a sentence or two.',
  examples: {
    flagged: '## Dependencies\n\nUses the queue.   <!-- 3 words where the rubric says minWords: 5: a warning -->',
    accepted: '## Data Models\n\n```ts\ninterface Job { id: string; runAt: Date; attempts: number }\n```\n<!-- the interface\'s words count -->'
  },
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      if (!section.minWords || isOff(section.minWordsSeverity) || sectionIsEmpty(model, rubric, heading)) continue
      const words = sectionWordCount(model, rubric, heading)
      if (words >= section.minWords) continue
      report({
        line: heading.line,
        column: heading.column,
        endLine: heading.endLine,
        message: `Section "${heading.title}" has ${words} word${words === 1 ? '' : 's'}; expected at least ${section.minWords}`,
        hint: section.guidance ? `Cover: ${section.guidance}` : undefined,
        // A section that is itself only advisory cannot be too short as an error.
        severity: itemSeverity(section.minWordsSeverity) ?? (section.severity === 'warning' ? 'warning' : undefined)
      })
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { presentSections, sectionText } from '../lookup.js'
import { haystack, mentions } from '../text.js'

export const sectionMention: Rule = {
  id: 'section-mention',
  title: 'Section does not mention a required topic',
  description: 'A section does not mention a topic the rubric lists in `mentions:` (any one of the alternatives counts; word endings may differ).',
  defaultSeverity: 'warning',
  hint: 'Cover the topic in the section, or say explicitly why it does not apply.',
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      if (section.mentions.length === 0 || isOff(section.mentionsSeverity)) continue
      const text = haystack(`${heading.title}\n${sectionText(model, heading)}`)
      for (const alternatives of section.mentions) {
        if (alternatives.some((phrase) => mentions(text, phrase))) continue
        const wanted = alternatives.slice(0, 3).map((phrase) => `"${phrase}"`).join(' or ')
        report({
          line: heading.line,
          column: heading.column,
          message: `Section "${heading.title}" does not mention ${wanted}`,
          hint: `Say how the plan handles ${alternatives[0]} in "${heading.title}" (or why it does not apply).`,
          severity: itemSeverity(section.mentionsSeverity)
        })
      }
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import type { PlanModel } from '../model.js'
import { presentSections, sectionIsEmpty, sectionText } from '../lookup.js'
import { mentionsWordForm, wordForms, type WordForms } from '../text.js'

const headingsCache = new WeakMap<PlanModel, WordForms>()

/** Every heading of the plan: a topic with a section of its own ("## Rollback Plan") is covered wherever that section is. */
function headingForms(model: PlanModel): WordForms {
  let forms = headingsCache.get(model)
  if (!forms) headingsCache.set(model, (forms = wordForms(model.headings.map((heading) => heading.title).join('\n'))))
  return forms
}

export const sectionMention: Rule = {
  id: 'section-mention',
  title: 'Section does not mention a required topic',
  description:
    'A section does not mention a topic the rubric lists in `mentions:` (any one of the alternatives counts). ' +
    'Any word form counts ("indexing" for "index", "logs" for "logging", "backpressure" for "back-pressure"), anywhere in the section: prose, lists, ' +
    'table cells, code and subsections; so does a heading anywhere in the plan that names the topic ("## Rollback Plan"). Advisory (a warning) unless the rubric sets `mentionsSeverity`.',
  defaultSeverity: 'warning',
  hint: 'Cover the topic in the section, or say explicitly why it does not apply.',
  examples: {
    flagged: '## Reliability & Performance\n\nThe worker is fast.   <!-- no SLO, no budget: a warning -->',
    accepted: '## Reliability & Performance\n\n| Metric | Target |\n|---|---|\n| p95 latency | 300 ms |\n\n## Rollback Plan   <!-- covers "rollback" for Testing & Rollout -->\n\nTurn the flag off.'
  },
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      if (section.mentions.length === 0 || isOff(section.mentionsSeverity) || sectionIsEmpty(model, rubric, heading)) continue
      const text = wordForms(`${heading.title}\n${sectionText(model, heading)}`)
      const headings = headingForms(model)
      for (const alternatives of section.mentions) {
        if (alternatives.some((phrase) => mentionsWordForm(text, phrase) || mentionsWordForm(headings, phrase))) continue
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

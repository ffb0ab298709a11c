import { itemSeverity, isOff, type Rule } from '../rule.js'
import { inlineSectionLines, missingSectionAnchor, sectionHeadings } from '../lookup.js'
import { coveredElsewhere } from '../covered.js'

export const sectionMissing: Rule = {
  id: 'section-missing',
  title: 'Missing section',
  description:
    'A section the rubric requires has no heading in the plan (matched by title or alias, ignoring numbering, emoji, case and punctuation). ' +
    'A section the rubric lets a plan spread over its lines (`inline`, e.g. a `Validates: Requirements 1.2` line under each property) is present when such a line is. ' +
    'It is reported where the section belongs: after the rubric section before it. A table, checklist or field the rubric places in that section is part of the same gap, not a finding of its own. ' +
    'When the plan writes the topic under a name the rubric lists in `coveredBy` (a heading, a field label or a list item\'s lead-in, with at least a sentence of content), the finding is a warning that points there: the content exists, only not under the rubric\'s heading. A section holding a required table, checklist or field is an error in any case.',
  defaultSeverity: 'error',
  hint: 'Add a heading for the section and fill it in; `plan-gate template <rubric>` prints every required heading.',
  examples: {
    flagged: '## Architecture Overview\n...\n## Interfaces & Contracts   <!-- "Key Decisions & Rationale" is missing: reported here, once -->',
    accepted: '## 4. Key decisions and rationale   <!-- numbering, case and "and" for "&" do not matter -->'
  },
  check({ model, rubric, report }) {
    const found = sectionHeadings(model, rubric)
    for (const section of rubric.sections) {
      if (!section.required || isOff(section.severity) || found.get(section.id)) continue
      if (inlineSectionLines(model, rubric, section.id).length > 0) continue
      const { line, before } = missingSectionAnchor(model, rubric, section.id)
      const aliases = section.aliases.length > 0 ? ` (or ${section.aliases.slice(0, 3).map((alias) => `"${alias}"`).join(', ')})` : ''
      const contents = [
        ...rubric.tables.filter((table) => table.section === section.id && table.required && !isOff(table.severity)).map((table) => `the "${table.title}" table`),
        ...rubric.checklists.filter((list) => list.section === section.id && list.required && !isOff(list.severity)).map((list) => `the "${list.title}" checklist`),
        ...rubric.fields.filter((field) => field.section === section.id && field.required && !isOff(field.severity)).map((field) => `the "${field.label}" field`)
      ]
      const expected = `expected a heading "${section.title}"${aliases}${before ? ` before "${before.title}"` : ''}`
      // Content written under another format's name is there; a required table, checklist or field is not, whatever the names.
      const covered = contents.length === 0 ? coveredElsewhere(model, rubric, section) : null
      if (covered) {
        report({
          line,
          column: 1,
          message: `No "${section.title}" section: the plan writes about it under "${covered.name}" (line ${covered.line}); ${expected}`,
          hint: `Give the topic a "${section.title}" heading of its own${section.guidance ? ` covering ${lowerFirst(section.guidance)}` : ''}, or move the text at line ${covered.line} under it.`,
          severity: 'warning'
        })
        continue
      }
      report({
        line,
        column: 1,
        message: `Missing section "${section.title}": ${expected}` + (contents.length > 0 ? ` with ${contents.join(' and ')}` : ''),
        hint: section.guidance ? `Add a "${section.title}" section: ${section.guidance}` : undefined,
        severity: itemSeverity(section.severity)
      })
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

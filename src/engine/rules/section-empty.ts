import { itemSeverity, type Rule } from '../rule.js'
import { presentSections, sectionBody } from '../lookup.js'
import { excerpt } from '../text.js'

export const sectionEmpty: Rule = {
  id: 'section-empty',
  title: 'Section has no content',
  description:
    'A section the rubric lists is empty, or holds only placeholders, template instructions or deferrals ("To be decided", "Not yet written; will be described here", "(diagram to come)", "see later", "?", "-", "N/A" without a reason, "待定", "a definir", "à définir", "будет описано позже", …). ' +
    'Content is prose, lists, tables (a row of "None for …" with its other cells empty is not), code blocks, images and subsections; a subsection that is itself another rubric section is not content of its parent.',
  defaultSeverity: 'error',
  hint: 'Write the section out; if it does not apply, say why in a sentence ("N/A — no data is stored").',
  examples: {
    flagged: '## Architecture Overview\n\nNot yet written; will be described here.\n\n(diagram to come)\n\n## Security & Privacy\n\nTo be decided.\n\n## Risks\n\n| Risk | Likelihood | Impact | Mitigation | Owner |\n|---|---|---|---|---|\n| None for data | | | | |\n| None for security | | | | |',
    accepted: '## Data Flow & Storage\n\nN/A — the feature stores nothing; it reads the existing `invoices` table.\n\n## Data Models\n\n```ts\ninterface ExportRun { customerId: string; startedAt: Date; rows: number }\n```'
  },
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      const body = sectionBody(model, rubric, heading)
      if (body.content > 0) continue
      const vacuous = body.units.filter((unit) => unit.verdict === 'vacuous')
      const first = vacuous[0]
      const last = vacuous[vacuous.length - 1]
      report(
        first && last
          ? {
              line: first.line,
              column: first.column,
              endLine: last.endLine,
              message: `Section "${heading.title}" has no content, only "${excerpt(first.text.trim(), 60)}"${vacuous.length > 1 ? ` and ${vacuous.length - 1} more line${vacuous.length === 2 ? '' : 's'} like it` : ''}`,
              severity: itemSeverity(section.severity)
            }
          : {
              line: heading.line,
              column: heading.column,
              message: `Section "${heading.title}" is empty`,
              severity: itemSeverity(section.severity)
            }
      )
    }
  }
}


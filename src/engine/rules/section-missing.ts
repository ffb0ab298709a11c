import { itemSeverity, isOff, type Rule } from '../rule.js'
import { sectionHeadings } from '../lookup.js'

export const sectionMissing: Rule = {
  id: 'section-missing',
  title: 'Missing section',
  description: 'A section the rubric requires has no heading in the plan (matched by title or alias, ignoring numbering, emoji, case and punctuation).',
  defaultSeverity: 'error',
  hint: 'Add a heading for the section and fill it in; `plan-gate template <rubric>` prints every required heading.',
  check({ model, rubric, report }) {
    const found = sectionHeadings(model, rubric)
    const lastLine = Math.max(1, model.lines.length)
    rubric.sections.forEach((section, position) => {
      if (!section.required || isOff(section.severity) || found.get(section.id)) return
      // Report where the section belongs: after the rubric sections before it, before the next one the plan has, else at the end.
      const after = Math.max(0, ...rubric.sections.slice(0, position).map((earlier) => found.get(earlier.id)?.line ?? 0))
      const next = rubric.sections
        .slice(position + 1)
        .map((later) => found.get(later.id))
        .find((heading) => heading && heading.line > after)
      const aliases = section.aliases.length > 0 ? ` (or ${section.aliases.slice(0, 3).map((alias) => `"${alias}"`).join(', ')})` : ''
      report({
        line: next ? next.line : lastLine,
        column: 1,
        message: `Missing section "${section.title}": expected a heading "${section.title}"${aliases}${next ? ` before "${next.title}"` : ''}`,
        hint: section.guidance ? `Add a "${section.title}" section: ${section.guidance}` : undefined,
        severity: itemSeverity(section.severity)
      })
    })
  }
}

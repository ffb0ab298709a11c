import { itemSeverity, type Rule } from '../rule.js'
import type { Heading, PlanModel } from '../model.js'
import type { ContentKind } from '../../rubric/schema.js'
import { presentSections, sectionIsEmpty, withinSection } from '../lookup.js'

const ARROW = /(?:-{1,2}>|=>|→|⇒|⟶|<-{1,2}|←)/u

const KIND_TEXT: Record<ContentKind, { name: string; how: string }> = {
  diagram: { name: 'diagram or text map', how: 'a fenced diagram (e.g. ```mermaid), an image, or a text map with arrows' },
  code: { name: 'code block', how: 'a fenced code block' },
  table: { name: 'table', how: 'a Markdown table' },
  list: { name: 'list', how: 'a bulleted or numbered list' },
  checklist: { name: 'checklist', how: 'task items (`- [ ]`)' },
  example: { name: 'request/response example', how: 'a fenced code block showing a request and its response (or a command and its output)' }
}

function hasKind(model: PlanModel, heading: Heading, kind: ContentKind): boolean {
  const code = withinSection(model.codeBlocks, heading)
  switch (kind) {
    case 'diagram':
      return (
        code.length > 0 ||
        withinSection(model.images, heading).length > 0 ||
        withinSection(model.spans, heading).some((span) => !span.heading && ARROW.test(span.text))
      )
    case 'code':
    case 'example':
      return code.length > 0
    case 'table':
      return withinSection(model.tables, heading).length > 0
    case 'list':
      return withinSection(model.lists, heading).length > 0
    case 'checklist':
      return withinSection(model.tasks, heading).length > 0
  }
}

export const sectionContent: Rule = {
  id: 'section-content',
  title: 'Section lacks required content',
  description: 'A section lacks a content kind the rubric requires (`require:` diagram, code, table, list, checklist or example).',
  defaultSeverity: 'error',
  hint: 'Add the missing content to the section.',
  check({ model, rubric, report }) {
    for (const { section, heading } of presentSections(model, rubric)) {
      if (section.require.length === 0 || sectionIsEmpty(model, rubric, heading)) continue
      for (const kind of section.require) {
        if (hasKind(model, heading, kind)) continue
        report({
          line: heading.line,
          column: heading.column,
          message: `Section "${heading.title}" has no ${KIND_TEXT[kind].name}`,
          hint: `Add ${KIND_TEXT[kind].how} to "${heading.title}".`,
          severity: itemSeverity(section.severity)
        })
      }
    }
  }
}

import { buildModel, type Heading, type PlanModel } from '../engine/model.js'
import { literalPattern, regexPattern } from '../engine/patterns.js'
import { normalizeTitle } from '../engine/text.js'
import { commonPlaceholders } from './presets/placeholders.js'
import type { ChecklistInput, FieldInput, PlaceholderInput, RubricFile, SectionInput, TableInput } from './schema.js'

// A team's plan template is the most precise rubric it has: the template
// says which headings, tables, checklists and fields a plan keeps, and every
// bracketed placeholder or instruction in it is text a finished plan no
// longer contains. Deriving the rubric keeps template and gate from drifting.

/** Markers a template writes on a heading (or just under it) to say the part may be left out. */
const OPTIONAL_MARK = /\((?:optional|if applicable|if needed|if any|as needed|when applicable|opcional|任意)\)|\[(?:remove if unused|optional|if applicable|delete if unused)\]|\boptional\b|任意/iu
/** The same, in the first line of a part's body: "> Fill ONLY if …", "(include if …)". */
const OPTIONAL_NOTE = /\b(?:optional|only if|if applicable|if needed|remove if unused|delete if (?:not|unused)|omit (?:if|when)|skip (?:if|when)|include (?:only )?(?:if|when))\b/iu

/** Text a template means to be replaced: `[FEATURE]`, `[e.g., …]`, `{{NAME}}`, `<capability-path>`. */
const TOKEN = /\[(?![ xX]\])[^\]\n]{1,200}\](?!\()|\{\{[^{}\n]{1,100}\}\}|<(?![!/])[a-z][a-z0-9 _-]{1,60}>/gu

/** Instructions to the writer, as whole lines: "Describe the …", "Replace this with …". */
const INSTRUCTION = /^(?:replace|fill(?: in| out)?|describe|explain|list|add|delete|remove|document|write|summari[sz]e|provide|include|outline|state|specify|enter|insert|choose|select|use this)\b/iu

export function rubricFromTemplate(text: string, templatePath: string): RubricFile {
  const model = buildModel(text)
  const name = templatePath.split('/').pop()!.replace(/\.md$/i, '')
  const title = documentTitle(model)
  const sections: SectionInput[] = []
  const sectionIdAt = new Map<number, string>()
  const optionalAt = new Set<number>()
  const usedIds = new Set<string>()

  for (const heading of model.headings) {
    if (heading === title) continue
    const parentOptional = heading.parent !== null && optionalAt.has(heading.parent)
    const optional = parentOptional || OPTIONAL_MARK.test(model.lines[heading.line - 1] ?? '') || OPTIONAL_NOTE.test(firstBodyLine(model, heading))
    if (optional) optionalAt.add(heading.index)
    const cleaned = cleanHeading(heading.title)
    // A heading that is itself a placeholder ("### [Entity 1]", "Requirement 1: {{AREA}}") names a part the writer invents.
    if (cleaned === '' || hasToken(cleaned)) continue
    const id = uniqueId(slug(cleaned) || `section-${heading.index + 1}`, usedIds)
    sectionIdAt.set(heading.index, id)
    // "Documentation (this feature)": plans often drop the template's qualifier.
    const bare = cleaned.replace(/\s*\([^)]*\)\s*$/u, '').trim()
    sections.push({ id, title: cleaned, ...(bare !== cleaned && bare !== '' ? { aliases: [bare] } : {}), ...(optional ? { required: false } : {}) })
  }

  const sectionOf = (line: number): { id?: string; optional: boolean } => {
    let index = model.sectionAt(line)
    const optional = index !== null && optionalAt.has(index)
    // Parts under a placeholder heading belong to the nearest heading the rubric kept.
    while (index !== null && !sectionIdAt.has(index)) index = model.headings[index]?.parent ?? null
    return { ...(index === null ? {} : { id: sectionIdAt.get(index) }), optional }
  }

  const tables: TableInput[] = []
  for (const table of model.tables) {
    const columns = table.header.map((cell) => cell.text.trim()).filter((cell) => cell !== '' && !hasToken(cell))
    if (columns.length === 0) continue
    const where = sectionOf(table.line)
    tables.push({
      id: uniqueId(`${where.id ?? 'table'}-table`, usedIds),
      title: `${columns.slice(0, 3).join(' / ')} table`,
      ...(where.id ? { section: where.id } : {}),
      ...(where.optional ? { required: false } : {}),
      columns: columns.map((column) => ({ name: column }))
    })
  }

  const checklists: ChecklistInput[] = []
  const tasksBySection = new Map<string, { optional: boolean; items: string[] }>()
  for (const task of model.tasks) {
    const where = sectionOf(task.line)
    const key = where.id ?? ''
    const entry = tasksBySection.get(key) ?? { optional: where.optional, items: [] }
    if (!hasToken(task.text) && task.text.trim() !== '') entry.items.push(task.text.trim())
    tasksBySection.set(key, entry)
  }
  for (const [section, entry] of tasksBySection) {
    if (entry.items.length === 0) continue
    checklists.push({
      id: uniqueId(`${section || 'plan'}-checklist`, usedIds),
      ...(section ? { section } : {}),
      ...(entry.optional ? { required: false } : {}),
      items: entry.items,
      allChecked: true
    })
  }

  const fields: FieldInput[] = []
  const labels = new Set<string>()
  for (const field of model.fields) {
    const label = field.label.replace(/[:：]\s*$/u, '').trim()
    // A field the template fills in itself ("**Note**: This template is …") is prose that may stay, not a blank to fill.
    const meantToFill = field.value.trim() === '' || field.value === '(list)' || hasToken(field.value) || /^[[{<]/u.test(field.value.trim())
    if (!meantToFill || label === '' || hasToken(label) || labels.has(field.normalizedLabel)) continue
    labels.add(field.normalizedLabel)
    const where = sectionOf(field.line)
    fields.push({
      id: uniqueId(`${slug(label) || 'field'}-field`, usedIds),
      label,
      ...(where.id ? { section: where.id } : {}),
      ...(where.optional ? { required: false } : {})
    })
  }

  return {
    name,
    description: `derived from the plan template ${templatePath}`,
    gate: { required: model.gates.length > 0 },
    ...(sections.length > 0 ? { sections } : {}),
    ...(tables.length > 0 ? { tables } : {}),
    ...(checklists.length > 0 ? { checklists } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    placeholders: [...commonPlaceholders, ...leftovers(model, title)]
  }
}

/** Every token and instruction of the template, as patterns: a plan that still contains one was not finished. */
function leftovers(model: PlanModel, title: Heading | undefined): PlaceholderInput[] {
  const seen = new Set<string>()
  const found: PlaceholderInput[] = []
  const add = (placeholder: Omit<PlaceholderInput, 'id'>, key: string): void => {
    if (seen.has(key)) return
    seen.add(key)
    found.push({ id: `template-leftover-${found.length + 1}`, severity: 'error', ...placeholder })
  }
  const common = commonPlaceholders.map((placeholder) => (placeholder.regex ? regexPattern(placeholder.regex, placeholder.caseSensitive ?? false) : literalPattern(placeholder.text!, placeholder.caseSensitive ?? false)))
  for (const span of model.spans) {
    if (span.code) continue
    for (const match of span.text.matchAll(TOKEN)) {
      const token = match[0]
      // A token every preset already knows ([DATE], [e.g., …]) is reported once, by that placeholder.
      if (common.some((pattern) => pattern.test(token))) continue
      add({ text: token, caseSensitive: true }, `token:${token}`)
    }
    if (span.heading || title?.line === span.line) continue
    // Notes the template sets in emphasis or a quote ("*GATE: Must pass …*", "> **Fill ONLY if …**") are
    // meant to stay; plain imperative prose ("Describe the approach …") is a blank to replace.
    const raw = (model.lines[span.line - 1] ?? '').trim()
    if (/^(?:>|[*_])/u.test(raw)) continue
    const line = span.text.trim()
    // Example list entries such as "1. Step 1" or "- Risk 1": a generic noun and a number, nothing a plan would keep.
    const example = /^(?:[-*+]|\d+[.)])\s+([A-Z][a-z]+(?: [a-z]+)? \d+)$/u.exec(raw)
    if (example) add({ text: example[1]!, caseSensitive: true }, `line:${example[1]}`)
    if (INSTRUCTION.test(line) && line.split(/\s+/u).length >= 3 && !hasToken(line)) add({ text: line, caseSensitive: true }, `line:${line}`)
  }
  return found
}

function documentTitle(model: PlanModel): Heading | undefined {
  const first = model.headings[0]
  const topLevel = model.headings.filter((heading) => heading.level === 1)
  return first?.level === 1 && topLevel.length === 1 && model.headings.length > 1 ? first : undefined
}

function firstBodyLine(model: PlanModel, heading: Heading): string {
  for (let line = heading.line + 1; line <= Math.min(heading.endLine, heading.line + 4); line++) {
    const text = model.lines[line - 1]?.trim() ?? ''
    if (text === '' || text.startsWith('<!--')) continue
    return text.startsWith('#') ? '' : text
  }
  return ''
}

/** The heading as a plan would write it: without the optional marker and its decoration. */
export function cleanHeading(title: string): string {
  return title
    .replace(/\*?\((?:optional|if applicable|if needed|if any|as needed|when applicable|opcional|任意)\)\*?/giu, '')
    .replace(/\[(?:remove if unused|optional|if applicable|delete if unused)\]/giu, '')
    .replace(/\s+/gu, ' ')
    .replace(/[\s:：-]+$/u, '')
    .trim()
}

function hasToken(text: string): boolean {
  TOKEN.lastIndex = 0
  const found = TOKEN.test(text)
  TOKEN.lastIndex = 0
  return found
}

function slug(title: string): string {
  return normalizeTitle(title)
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 60)
    .replace(/-+$/u, '')
}

function uniqueId(base: string, used: Set<string>): string {
  const start = /^[a-z0-9]/u.test(base) ? base : `x-${base}`
  let id = start
  for (let n = 2; used.has(id); n++) id = `${start}-${n}`
  used.add(id)
  return id
}


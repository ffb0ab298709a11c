import type { BlockSpec, Rubric, SectionSpec } from './schema.js'

/**
 * A skeleton plan derived from the rubric itself, so the template and the
 * checks can never drift apart. Guidance goes in HTML comments, which no rule
 * reads, so the skeleton fails the gate until someone fills it in.
 */
export function renderTemplate(rubric: Rubric): string {
  const out: string[] = [`# Plan: <feature name>`, '', `<!-- plan-gate template for the "${rubric.name}" rubric: ${rubric.description} -->`, '']
  const placed = new Set<string>()
  const sections = rubric.sections.filter((section) => section.required || section.severity !== 'off')
  for (const section of sections) {
    out.push(...renderSection(rubric, section, placed))
  }
  for (const block of rubric.blocks.filter((block) => !placed.has(`block:${block.id}`))) out.push(...blockLines(block))
  if (rubric.companions.length > 0) {
    const siblings = rubric.companions.map((companion) => `${companion.path}${companion.rubricRef ? ` (\`plan-gate template ${companion.rubricRef}\`)` : ''}`)
    out.splice(3, 0, `<!-- Beside this file: ${siblings.join(', ')}. -->`, '')
  }
  const unplaced = [
    ...rubric.tables.filter((table) => !placed.has(`table:${table.id}`)).map((table) => tableLines(table.columns.map((column) => column.name))),
    ...rubric.checklists.filter((checklist) => !placed.has(`checklist:${checklist.id}`)).map((checklist) => checklistLines(checklist.items.map((item) => item.text))),
    ...rubric.fields.filter((field) => !placed.has(`field:${field.id}`)).map((field) => [`**${field.label}**: `, ''])
  ]
  for (const lines of unplaced) out.push(...lines)
  if (rubric.gate.required) {
    out.push('<!-- Last line: "Gate: PASS" once every item above is satisfied, otherwise "Gate: FAIL — <reason>". -->', '', 'Gate: FAIL — plan not written yet')
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

function renderSection(rubric: Rubric, section: SectionSpec, placed: Set<string>): string[] {
  const lines = [`${'#'.repeat(section.level ?? 2)} ${section.title}`, '']
  const notes: string[] = []
  if (section.guidance) notes.push(section.guidance)
  if (section.minWords) notes.push(`At least ${section.minWords} words.`)
  if (section.require.length > 0) notes.push(`Include: ${section.require.join(', ')}.`)
  if (section.mentions.length > 0) notes.push(`Mention: ${section.mentions.map((alternatives) => alternatives[0]).join(', ')}.`)
  if (notes.length > 0) lines.push(`<!-- ${notes.join(' ')} -->`, '')
  for (const table of rubric.tables.filter((table) => table.section === section.id)) {
    placed.add(`table:${table.id}`)
    lines.push(...tableLines(table.columns.map((column) => column.name)))
  }
  for (const checklist of rubric.checklists.filter((checklist) => checklist.section === section.id)) {
    placed.add(`checklist:${checklist.id}`)
    lines.push(...checklistLines(checklist.items.map((item) => item.text)))
  }
  for (const block of rubric.blocks.filter((block) => block.section === section.id)) {
    placed.add(`block:${block.id}`)
    lines.push(...blockLines(block))
  }
  for (const field of rubric.fields.filter((field) => field.section === section.id)) {
    placed.add(`field:${field.id}`)
    lines.push(`**${field.label}**: `, '')
  }
  return lines
}

function blockLines(block: BlockSpec): string[] {
  const note = `<!-- One block per ${block.title}, each under a heading matching /${block.heading}/${block.sequential ? ', numbered 1, 2, 3 and so on' : ''}. -->`
  return [note, '', ...(block.skeleton ? [block.skeleton.trimEnd(), ''] : [])]
}

function tableLines(columns: string[]): string[] {
  if (columns.length === 0) return []
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, `|${columns.map(() => '   ').join('|')}|`, '']
}

function checklistLines(items: string[]): string[] {
  // A checklist that names no items still needs one for the skeleton to have the part.
  return [...(items.length > 0 ? items : ['<task>']).map((item) => `- [ ] ${item}`), '']
}

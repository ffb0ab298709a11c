import type { ReferenceEnd, ReferenceSpec, Rubric } from '../../rubric/schema.js'
import { codeLines, findBlocks, type Block } from '../blocks.js'
import { inlineSectionLines, sectionHeading } from '../lookup.js'
import type { PlanModel } from '../model.js'
import { captureAll } from '../patterns.js'
import type { RuleContext } from '../rule.js'

// Both ends of a reference: the ids one file defines and the ids another
// cites, resolved against the plan or one of its companions.

export interface FileView {
  file: string
  model: PlanModel
  rubric: Rubric
}

export interface Citation {
  id: string
  line: number
  column: number
}

export function fileOf(context: RuleContext, end: ReferenceEnd): FileView | null {
  if (end.file === undefined) return { file: context.file, model: context.model, rubric: context.rubric }
  const companion = context.companions.get(end.file)
  if (!companion?.model) return null
  return { file: companion.file, model: companion.model, rubric: companion.spec.rubric ?? context.rubric }
}

export function definedBlocks(view: FileView, end: ReferenceEnd): Block[] {
  const spec = view.rubric.blocks.find((block) => block.id === end.block)
  return spec ? findBlocks(view.model, view.rubric, spec) : []
}

const ID_TOKEN = /[\p{L}\p{N}_]*\d[\p{L}\p{N}_.]*/gu
const RANGE = /^(.*?)(\d+)\s*[-–~〜]\s*(?:\1)?(\d+)$/u

export function citations(view: FileView, end: ReferenceEnd): Citation[] {
  if (!end.pattern) return []
  const heading = sectionHeading(view.model, view.rubric, end.section)
  // A section spread over the plan (its inline lines) cites there too, with or without a heading of its own.
  const inline = inlineSectionLines(view.model, view.rubric, end.section)
  if (end.section && !heading && inline.length === 0) return []
  const lines = new Set<number>(inline)
  if (heading) for (let line = heading.line + 1; line <= heading.endLine; line++) lines.add(line)
  else if (!end.section) for (let line = 1; line <= view.model.lines.length; line++) lines.add(line)
  const code = codeLines(view.model)
  const found: Citation[] = []
  for (const line of [...lines].sort((a, b) => a - b)) {
    if (code.has(line)) continue
    const raw = view.model.lines[line - 1] ?? ''
    for (const match of captureAll(end.pattern, false, raw)) {
      for (const id of idsIn(match.capture)) found.push({ id, line, column: match.index + 1 })
    }
  }
  return found
}

/** "1.1, 2.3", "Requirement 2, 3", "1.1-1.3" → ids; words without digits are not ids. */
export function idsIn(text: string): string[] {
  const ids: string[] = []
  for (const part of text.split(/[,;、，\s]+(?:and\s+|&\s*)?/u)) {
    const range = RANGE.exec(part.replace(/\s+/gu, ''))
    if (range && Number(range[3]) > Number(range[2]) && Number(range[3]) - Number(range[2]) <= 50) {
      for (let n = Number(range[2]); n <= Number(range[3]); n++) ids.push(`${range[1]}${n}`)
      continue
    }
    for (const token of part.match(ID_TOKEN) ?? []) ids.push(token.replace(/\.+$/u, ''))
  }
  return ids
}

/** Whether a citation of `cited` covers `id`: the same id, one of its blocks, or (for a block) one of its items. */
export function covers(cited: ReadonlySet<string>, id: string, level: ReferenceSpec['level']): boolean {
  if (cited.has(id)) return true
  const parts = id.split('.')
  for (let length = parts.length - 1; length >= 1; length--) if (cited.has(parts.slice(0, length).join('.'))) return true
  if (level === 'blocks') for (const citedId of cited) if (citedId.startsWith(`${id}.`)) return true
  return false
}

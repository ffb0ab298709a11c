import type { BlockSpec, LineRuleSpec, Rubric } from '../rubric/schema.js'
import { sectionHeading } from './lookup.js'
import type { Heading, PlanModel } from './model.js'
import { captureAll } from './patterns.js'

// Repeated numbered blocks (`### Requirement 2`, `## 3. Group`) and their
// items, found once per (model, block spec) and shared by the block, line and
// reference rules, so that every rule numbers the same items the same way.

export interface BlockItem {
  /** `<block number>.<item number>`, e.g. "2.3". */
  id: string
  /** The item's text without its list marker, box and leading id. */
  text: string
  line: number
  column: number
}

export interface Block {
  /** The block's number as written, e.g. "2". */
  number: string
  heading: Heading
  items: BlockItem[]
}

const LIST_ITEM = /^( {0,3})(?:[-*+]|(\d{1,9})[.)])[ \t]+(?:\[[ xX]\][ \t]+)?(.*)$/u
const TASK_ITEM = /^[ \t]*[-*+][ \t]+\[[ xX]\][ \t]*(.*)$/u
const LEADING_ID = /^(\d+(?:\.\d+)+)\.?(?=\s|$)/u

const cache = new WeakMap<PlanModel, WeakMap<BlockSpec, Block[]>>()

export function findBlocks(model: PlanModel, rubric: Rubric, spec: BlockSpec): Block[] {
  let bySpec = cache.get(model)
  if (!bySpec) cache.set(model, (bySpec = new WeakMap()))
  const cached = bySpec.get(spec)
  if (cached) return cached
  const scope = sectionHeading(model, rubric, spec.section)
  const blocks: Block[] = []
  if (!spec.section || scope) {
    for (const heading of model.headings) {
      if (scope && (heading.line <= scope.line || heading.line > scope.endLine)) continue
      const match = captureAll(spec.heading, false, heading.title)[0]
      if (!match) continue
      blocks.push({ number: match.capture.trim(), heading, items: [] })
    }
  }
  const code = codeLines(model)
  for (const block of blocks) block.items = spec.items ? blockItems(model, block, spec.items, code) : []
  bySpec.set(spec, blocks)
  return blocks
}

function blockItems(model: PlanModel, block: Block, items: NonNullable<BlockSpec['items']>, code: Set<number>): BlockItem[] {
  const whole = [[block.heading.line + 1, block.heading.endLine] as const]
  const under = items.under
    ? model.headings
        .filter((heading) => heading.line > block.heading.line && heading.line <= block.heading.endLine && captureAll(items.under!, false, heading.title).length > 0)
        .map((heading) => [heading.line + 1, heading.endLine] as const)
    : []
  // A block without the named sub-heading (criteria under a bold label instead) offers all its items.
  const ranges = under.length > 0 ? under : whole
  const found: BlockItem[] = []
  let position = 0
  for (const [from, to] of ranges) {
    for (let line = from; line <= to; line++) {
      if (code.has(line)) continue
      const raw = model.lines[line - 1] ?? ''
      let text: string
      let listNumber: string | undefined
      if (items.kind === 'task') {
        const task = TASK_ITEM.exec(raw)
        if (!task) continue
        text = task[1]!
      } else {
        const item = LIST_ITEM.exec(raw)
        if (!item) continue
        listNumber = item[2]
        text = item[3]!
      }
      position++
      const leading = LEADING_ID.exec(text.replace(/^[*_]+/u, ''))
      let id: string
      if (leading && (items.numbered || items.kind === 'task')) {
        id = leading[1]!
        text = text.replace(/^[*_]*\d+(?:\.\d+)+\.?[*_]*\s*/u, '')
      } else id = `${block.number}.${listNumber ?? position}`
      const column = raw.length - raw.trimStart().length + 1
      found.push({ id, text: text.trim(), line, column })
    }
  }
  return found
}

const codeCache = new WeakMap<PlanModel, Set<number>>()

/** Lines inside fenced or indented code, where list-looking lines are not items. */
export function codeLines(model: PlanModel): Set<number> {
  let lines = codeCache.get(model)
  if (lines) return lines
  lines = new Set()
  for (const block of model.codeBlocks) for (let line = block.line; line <= block.endLine; line++) lines.add(line)
  codeCache.set(model, lines)
  return lines
}

/** The lines a line rule applies to: its block list's items, or the list items of its section. */
export function ruleLines(model: PlanModel, rubric: Rubric, spec: LineRuleSpec): BlockItem[] {
  if (spec.block) {
    const blocks = rubric.blocks.find((block) => block.id === spec.block)
    return blocks ? findBlocks(model, rubric, blocks).flatMap((block) => block.items) : []
  }
  const heading = sectionHeading(model, rubric, spec.section)
  if (spec.section && !heading) return []
  const from = heading ? heading.line + 1 : 1
  const to = heading ? heading.endLine : model.lines.length
  const code = codeLines(model)
  const found: BlockItem[] = []
  for (let line = from; line <= to; line++) {
    if (code.has(line)) continue
    const raw = model.lines[line - 1] ?? ''
    const item = LIST_ITEM.exec(raw)
    if (!item) continue
    found.push({ id: String(found.length + 1), text: item[3]!.trim(), line, column: raw.length - raw.trimStart().length + 1 })
  }
  return found
}

import type { Cell, Heading, PlanModel, Table, TaskItem, TextSpan } from './model.js'
import type { ChecklistSpec, PlaceholderSpec, Rubric, SectionSpec, TableSpec } from '../rubric/schema.js'
import { captureAll, literalPattern, regexPattern, type TextMatch, type TextPattern } from './patterns.js'
import { assignSections, assignTables, bestColumn, namesRubricItem } from './matching.js'
import { countWords, isBlankText, isDeferral, isFormatIntroduction, isMarkerMention, isNoneText, isSlotDescription, normalizeText } from './text.js'

// Lookups several rules share, computed once per (model, rubric) pair so that
// every rule reads the same answer and no work is repeated.

const sectionCache = new WeakMap<PlanModel, WeakMap<Rubric, Map<string, Heading | null>>>()

/** Which heading each rubric section was found at (or null), matched one-to-one, best match first. */
export function sectionHeadings(model: PlanModel, rubric: Rubric): Map<string, Heading | null> {
  let byRubric = sectionCache.get(model)
  if (!byRubric) sectionCache.set(model, (byRubric = new WeakMap()))
  const cached = byRubric.get(rubric)
  if (cached) return cached
  const result = matchSections(model.headings, rubric.sections)
  byRubric.set(rubric, result)
  return result
}

function matchSections(headings: readonly Heading[], sections: readonly SectionSpec[]): Map<string, Heading | null> {
  // A lone top-level heading above the rest is the document's title ("# Implementation Plan: X"), not one of its sections.
  const title = headings.filter((heading) => heading.level === 1).length === 1 && headings[0]?.level === 1 && headings.length > 1 ? headings[0] : undefined
  return assignSections(headings, sections, title)
}

export function sectionHeading(model: PlanModel, rubric: Rubric, sectionId: string | undefined): Heading | null {
  return sectionId ? (sectionHeadings(model, rubric).get(sectionId) ?? null) : null
}

/** Items (sorted by line, as the model keeps them) inside a heading's section; all of them without a heading. */
export function withinSection<T extends { line: number }>(items: readonly T[], heading: Heading | null): T[] {
  return heading ? itemsBetween(items, heading.line, heading.endLine) : [...items]
}

export function itemsBetween<T extends { line: number }>(items: readonly T[], fromLine: number, toLine: number): T[] {
  const start = firstAtOrAfter(items, fromLine)
  const end = firstAtOrAfter(items, toLine + 1)
  return items.slice(start, end)
}

function firstAtOrAfter(items: readonly { line: number }[], line: number): number {
  let low = 0
  let high = items.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (items[middle]!.line < line) low = middle + 1
    else high = middle
  }
  return low
}

const inlineCache = new WeakMap<PlanModel, WeakMap<SectionSpec, number[]>>()

/**
 * The lines outside code that carry a rubric section spread over the plan (its
 * `inline` pattern), such as a `Validates: Requirements 1.2` line under each
 * property standing in for a traceability table.
 */
export function inlineSectionLines(model: PlanModel, rubric: Rubric, sectionId: string | undefined): number[] {
  const section = sectionId ? rubric.sections.find((each) => each.id === sectionId) : undefined
  if (!section?.inline) return []
  let bySection = inlineCache.get(model)
  if (!bySection) inlineCache.set(model, (bySection = new WeakMap()))
  const cached = bySection.get(section)
  if (cached) return cached
  const code = new Set<number>()
  for (const block of model.codeBlocks) for (let line = block.line; line <= block.endLine; line++) code.add(line)
  const lines: number[] = []
  model.lines.forEach((text, index) => {
    if (!code.has(index + 1) && captureAll(section.inline!, false, text).length > 0) lines.push(index + 1)
  })
  bySection.set(section, lines)
  return lines
}

/** Whether the plan has a rubric section: under a heading of its own, or spread over the plan as its inline lines. */
export function sectionPresent(model: PlanModel, rubric: Rubric, sectionId: string): boolean {
  return !!sectionHeadings(model, rubric).get(sectionId) || inlineSectionLines(model, rubric, sectionId).length > 0
}

/**
 * Whether the section-missing rule reports this rubric section: then a table,
 * checklist or field that belongs in it is part of that one gap, not a finding
 * of its own.
 */
export function sectionReportedMissing(model: PlanModel, rubric: Rubric, sectionId: string | undefined): boolean {
  if (!sectionId || rubric.rules['section-missing'] === 'off') return false
  const section = rubric.sections.find((each) => each.id === sectionId)
  return !!section && section.required && section.severity !== 'off' && !sectionPresent(model, rubric, sectionId)
}

/**
 * Where a missing rubric section belongs: right after the section the rubric
 * lists before it (at the heading that follows that section, else its last
 * line), else before the first rubric section the plan has, else at the
 * plan's first heading.
 */
export function missingSectionAnchor(model: PlanModel, rubric: Rubric, sectionId: string): { line: number; before: Heading | null } {
  const found = sectionHeadings(model, rubric)
  const position = rubric.sections.findIndex((section) => section.id === sectionId)
  const earlier = rubric.sections
    .slice(0, Math.max(0, position))
    .map((section) => found.get(section.id))
    .filter((heading): heading is Heading => !!heading)
  const previous = earlier.reduce<Heading | null>((latest, heading) => (!latest || heading.line > latest.line ? heading : latest), null)
  if (previous) {
    // The section belongs at the level of the plan's sections, not inside a subsection that happened to match
    // the one before it: past the end of the part holding that subsection, never between two of its siblings.
    const levels = [...found.values()].filter((heading): heading is Heading => !!heading).map((heading) => heading.level)
    const level = Math.max(rubric.sections[position]?.level ?? Math.min(...levels), 1)
    const following = model.headings.find((heading) => heading.line > previous.endLine && heading.level <= level) ?? null
    if (following) return { line: following.line, before: following }
    const last = model.headings.at(-1)
    return { line: Math.max(1, previous.level > level && last ? Math.max(last.endLine, previous.endLine) : previous.endLine), before: null }
  }
  const later = rubric.sections
    .slice(position + 1)
    .map((section) => found.get(section.id))
    .filter((heading): heading is Heading => !!heading)
    .sort((a, b) => a.line - b.line)[0]
  if (later) return { line: later.line, before: later }
  const first = model.headings.find((heading) => heading.level > 1) ?? model.headings[0]
  return first ? { line: first.line, before: first } : { line: 1, before: null }
}

/** Where a finding about something missing from a section goes: its heading, else line 1. */
export function anchorOf(heading: Heading | null): { line: number; column: number } {
  return heading ? { line: heading.line, column: heading.column } : { line: 1, column: 1 }
}

export function columnIndex(header: readonly { text: string }[], names: readonly string[], owner?: object): number {
  return bestColumn(header, names, owner)
}

export interface FoundTable {
  table: Table
  /** Column index per rubric column name, -1 where the column is missing. */
  columns: Map<string, number>
}

const tableCache = new WeakMap<PlanModel, WeakMap<Rubric, Map<TableSpec, FoundTable | null>>>()

/**
 * The plan table that is this rubric table: every rubric table is matched to
 * the plan's tables at once, by the columns each has and by whether it sits
 * in the rubric table's section, so that one table is never two.
 */
export function findTable(model: PlanModel, rubric: Rubric, spec: TableSpec): FoundTable | null {
  let byRubric = tableCache.get(model)
  if (!byRubric) tableCache.set(model, (byRubric = new WeakMap()))
  let found = byRubric.get(rubric)
  if (!found) {
    const requirements = rubric.tables.map((table) => ({ spec: table, section: sectionHeading(model, rubric, table.section) }))
    found = new Map()
    for (const [table, match] of assignTables(model.tables, requirements)) found.set(table, match ? { table: match.table, columns: match.fit.columns } : null)
    byRubric.set(rubric, found)
  }
  return found.get(spec) ?? null
}

/** The rubric's tables that the plan has and that are not switched off, with where each was found. */
export function presentTables(model: PlanModel, rubric: Rubric): Array<{ spec: TableSpec; found: FoundTable }> {
  const present: Array<{ spec: TableSpec; found: FoundTable }> = []
  for (const spec of rubric.tables) {
    if (spec.severity === 'off') continue
    const found = findTable(model, rubric, spec)
    if (found) present.push({ spec, found })
  }
  return present
}

/** The rubric's sections that the plan has and that are not switched off, with their headings. */
export function presentSections(model: PlanModel, rubric: Rubric): Array<{ section: SectionSpec; heading: Heading }> {
  const found = sectionHeadings(model, rubric)
  const present: Array<{ section: SectionSpec; heading: Heading }> = []
  for (const section of rubric.sections) {
    const heading = found.get(section.id)
    if (heading && section.severity !== 'off') present.push({ section, heading })
  }
  return present
}

/**
 * A checklist's items: those of its section and of every other section with
 * the same title, so that open items cannot hide in a second
 * `## Readiness Checklist` that the rubric's section did not match.
 */
export function checklistTasks(model: PlanModel, rubric: Rubric, spec: ChecklistSpec): { heading: Heading | null; tasks: TaskItem[] } {
  const heading = sectionHeading(model, rubric, spec.section)
  if (spec.section && !heading) return { heading, tasks: [] }
  if (!heading) return { heading, tasks: [...model.tasks] }
  const namesakes = model.headings.filter((other) => other.normalized === heading.normalized && other.normalized !== '')
  if (namesakes.length <= 1) return { heading, tasks: withinSection(model.tasks, heading) }
  const byLine = new Map<number, TaskItem>()
  for (const namesake of namesakes) for (const task of withinSection(model.tasks, namesake)) byLine.set(task.line, task)
  return { heading, tasks: [...byLine.values()].sort((a, b) => a.line - b.line) }
}

// ---- Placeholders ----

export interface CompiledPlaceholder {
  spec: PlaceholderSpec
  pattern: TextPattern
}

const placeholderCache = new WeakMap<Rubric, CompiledPlaceholder[]>()

/** Placeholder patterns of a rubric; patterns were validated when the rubric was loaded. */
export function placeholderPatterns(rubric: Rubric): CompiledPlaceholder[] {
  const cached = placeholderCache.get(rubric)
  if (cached) return cached
  const compiled = rubric.placeholders
    .filter((spec) => spec.severity !== 'off')
    .map((spec) => ({
      spec,
      pattern: spec.regex ? regexPattern(spec.regex, spec.caseSensitive) : literalPattern(spec.text ?? '', spec.caseSensitive)
    }))
  placeholderCache.set(rubric, compiled)
  return compiled
}

const spanMatchCache = new WeakMap<Rubric, WeakMap<TextSpan, Array<TextMatch & { spec: PlaceholderSpec }>>>()

/** Placeholders in one prose span, found once per rubric however many rules ask. */
export function spanPlaceholders(rubric: Rubric, span: TextSpan): Array<TextMatch & { spec: PlaceholderSpec }> {
  let bySpan = spanMatchCache.get(rubric)
  if (!bySpan) spanMatchCache.set(rubric, (bySpan = new WeakMap()))
  let found = bySpan.get(span)
  if (!found) bySpan.set(span, (found = placeholderMatches(rubric, span.text)))
  return found
}

export interface PlaceholderContext {
  /**
   * The text is an item of a list that gives another file's format (see
   * `formatDescriptionLines`): its bracketed slots describe that file's
   * content, unless its label is one of the rubric's own fields or sections.
   */
  formatDescription?: boolean
}

/**
 * Placeholders in text: a marker spoken about ("0 NEEDS CLARIFICATION") is not
 * one, a slot of another file's format ("- Decision: [what was chosen]" under
 * "in research.md using format:") is not one, and a placeholder inside another
 * (`[NEEDS CLARIFICATION: …]`) is the outer one only: one gap, one finding.
 */
export function placeholderMatches(rubric: Rubric, text: string, context: PlaceholderContext = {}): Array<TextMatch & { spec: PlaceholderSpec }> {
  let found: Array<TextMatch & { spec: PlaceholderSpec }> = []
  for (const { spec, pattern } of placeholderPatterns(rubric)) {
    for (const match of pattern.findAll(text)) {
      if (!isMarkerMention(text, match.index, match.length)) found.push({ ...match, spec })
    }
  }
  if (context.formatDescription && found.length > 0 && !namesRubricItem(itemLabel(text), rubric)) {
    // A slot that itself holds a marker ("[NEEDS CLARIFICATION: …]") is a blank wherever it stands.
    const holdsMarker = (slot: TextMatch): boolean =>
      found.some((other) => other !== slot && other.index >= slot.index && other.index + other.length <= slot.index + slot.length)
    found = found.filter((match) => !isSlotDescription(match.text) || holdsMarker(match))
  }
  if (found.length < 2) return found
  found.sort((a, b) => a.index - b.index || b.length - a.length)
  const outer: Array<TextMatch & { spec: PlaceholderSpec }> = []
  let end = -1
  for (const match of found) {
    if (match.index + match.length <= end) continue
    outer.push(match)
    end = Math.max(end, match.index + match.length)
  }
  return outer
}

/** What a list item names before its colon: "Decision" in "Decision: [what was chosen]". */
function itemLabel(text: string): string {
  const colon = text.search(/[:：]/u)
  return colon > 0 && colon <= 80 ? text.slice(0, colon) : ''
}

/**
 * Lines of lists that give the format of another file: lists whose lead
 * sentence says so and names that file (`isFormatIntroduction`). Only lists:
 * the template trees and their markers live in code blocks, which stay leftovers.
 */
export function formatDescriptionLines(model: PlanModel, file: string): (line: number) => boolean {
  const ranges = model.lists
    .filter((list) => list.lead !== null && isFormatIntroduction(list.lead, file))
    .map((list) => [list.line, list.endLine] as [number, number])
    .sort((a, b) => a[0] - b[0])
  if (ranges.length === 0) return () => false
  // Nested lists overlap: merged, the ranges are disjoint and sorted, and a line is looked up in log time.
  const merged: Array<[number, number]> = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([...range])
  }
  return (line) => {
    let low = 0
    let high = merged.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const [from, to] = merged[middle]!
      if (line < from) high = middle - 1
      else if (line > to) low = middle + 1
      else return true
    }
    return false
  }
}

/** Prose that counts as content: not headings, not code, not raw HTML. */
export function isContentSpan(span: TextSpan): boolean {
  return !span.heading && !span.code && !span.text.trimStart().startsWith('<')
}

/** Words in a section's own body (see `sectionBody`), placeholders and deferrals not counted. */
export function sectionWordCount(model: PlanModel, rubric: Rubric, heading: Heading): number {
  return sectionBody(model, rubric, heading).words
}

// ---- What a section holds ----

/** One piece of a section: a line of prose or list, a table row, a code block, an image. */
export interface BodyUnit {
  line: number
  column: number
  endLine: number
  text: string
  kind: 'prose' | 'row' | 'code' | 'image'
  /** content: something a reader can use; vacuous: a deferral, placeholder or template instruction; blank: nothing visible. */
  verdict: 'content' | 'vacuous' | 'blank'
  words: number
}

export interface SectionBody {
  units: BodyUnit[]
  /** Units that are content. */
  content: number
  words: number
  /** Line ranges of the section's own body: subsections that are other rubric sections are cut out. */
  ranges: Array<[number, number]>
}

const bodyCache = new WeakMap<PlanModel, WeakMap<Rubric, Map<number, SectionBody>>>()

/**
 * A section's own body: its prose, lists, tables, code, images and
 * subsections, except subsections the rubric matched to another of its
 * sections, which hold their own content, not their parent's.
 */
export function sectionBody(model: PlanModel, rubric: Rubric, heading: Heading): SectionBody {
  let byRubric = bodyCache.get(model)
  if (!byRubric) bodyCache.set(model, (byRubric = new WeakMap()))
  let byHeading = byRubric.get(rubric)
  if (!byHeading) byRubric.set(rubric, (byHeading = new Map()))
  const cached = byHeading.get(heading.index)
  if (cached) return cached
  const ranges = ownRanges(model, rubric, heading)
  const units: BodyUnit[] = []
  const tableLines = new Set<number>()
  for (const [from, to] of ranges) {
    for (const table of itemsBetween(model.tables, from, to)) {
      for (let line = table.line; line <= table.endLine; line++) tableLines.add(line)
      const hollow = table.rows.length > 1 && table.rows.every(isHollowRow)
      for (const row of table.rows) {
        const text = row.map((cell) => cell.text).join(' | ')
        const first = row[0] ?? { line: table.line, column: table.column }
        const empty = row.every((cell) => isDeferral(placeholdersAsDeferral(rubric, cell.text)))
        const verdict = row.every((cell) => isBlankText(cell.text)) ? 'blank' : empty || hollow ? 'vacuous' : 'content'
        units.push({ line: first.line, column: first.column, endLine: first.line, text, kind: 'row', verdict, words: verdict === 'content' ? countWords(text) : 0 })
      }
    }
    const byLine = new Map<number, TextSpan[]>()
    for (const span of itemsBetween(model.spans, from, to)) {
      if (span.heading || tableLines.has(span.line)) continue
      const spans = byLine.get(span.line)
      if (spans) spans.push(span)
      else byLine.set(span.line, [span])
    }
    for (const [line, spans] of byLine) {
      const text = spans.map((span) => span.text).join(' ')
      const prose = spans.filter((span) => !span.text.trimStart().startsWith('<'))
      const proseText = prose.map((span) => blankMatches(span.text, spanPlaceholders(rubric, span))).join(' ')
      const hadPlaceholder = prose.some((span) => spanPlaceholders(rubric, span).length > 0)
      let verdict: BodyUnit['verdict']
      if (isBlankText(text)) verdict = 'blank'
      else if (isDeferral(hadPlaceholder ? `${proseText} TBD` : proseText)) verdict = prose.length === 0 ? 'blank' : 'vacuous'
      else verdict = 'content'
      units.push({ line, column: spans[0]!.column, endLine: line, text, kind: 'prose', verdict, words: verdict === 'content' ? countWords(proseText) : 0 })
    }
    for (const block of itemsBetween(model.codeBlocks, from, to)) {
      const verdict = block.value.trim() === '' ? 'blank' : isDeferral(block.value) ? 'vacuous' : 'content'
      units.push({ line: block.line, column: 1, endLine: block.endLine, text: block.value, kind: 'code', verdict, words: verdict === 'content' ? countWords(block.value) : 0 })
    }
    for (const image of itemsBetween(model.images, from, to)) {
      units.push({ line: image.line, column: image.column, endLine: image.line, text: '', kind: 'image', verdict: 'content', words: 0 })
    }
  }
  units.sort((a, b) => a.line - b.line)
  const body: SectionBody = {
    units,
    content: units.filter((unit) => unit.verdict === 'content').length,
    words: units.reduce((sum, unit) => sum + unit.words, 0),
    ranges
  }
  byHeading.set(heading.index, body)
  return body
}

/**
 * Whether a present section holds nothing (see `sectionBody`) and the
 * section-empty rule says so: one gap, one finding, so "too short", "no
 * diagram" and "does not mention" stay silent on it.
 */
export function sectionIsEmpty(model: PlanModel, rubric: Rubric, heading: Heading): boolean {
  return rubric.rules['section-empty'] !== 'off' && sectionBody(model, rubric, heading).content === 0
}

/** Whether a rubric table belongs to a present section that is empty: section-empty is then the one finding. */
export function tableInEmptySection(model: PlanModel, rubric: Rubric, spec: TableSpec): boolean {
  const heading = sectionHeading(model, rubric, spec.section)
  const section = rubric.sections.find((each) => each.id === spec.section)
  return !!heading && !!section && emptyFailsTheGate(rubric, section) && sectionIsEmpty(model, rubric, heading)
}

/**
 * Whether section-empty reports this section as an error: only then may it
 * stand for the other findings in it, or an advisory empty section would turn
 * an error (an unfilled table, NEEDS CLARIFICATION) into a warning.
 */
function emptyFailsTheGate(rubric: Rubric, section: SectionSpec): boolean {
  const configured = rubric.rules['section-empty']
  return configured !== 'off' && configured !== 'warning' && section.severity !== 'warning' && section.severity !== 'off'
}

const emptyLinesCache = new WeakMap<PlanModel, WeakMap<Rubric, Set<number>>>()

/** Lines of the deferrals and placeholders that make up empty sections, reported once by section-empty. */
export function emptySectionLines(model: PlanModel, rubric: Rubric): Set<number> {
  let byRubric = emptyLinesCache.get(model)
  if (!byRubric) emptyLinesCache.set(model, (byRubric = new WeakMap()))
  let lines = byRubric.get(rubric)
  if (lines) return lines
  lines = new Set()
  for (const { section, heading } of presentSections(model, rubric)) {
    if (!emptyFailsTheGate(rubric, section) || !sectionIsEmpty(model, rubric, heading)) continue
    for (const unit of sectionBody(model, rubric, heading).units) for (let line = unit.line; line <= unit.endLine; line++) lines.add(line)
  }
  byRubric.set(rubric, lines)
  return lines
}

function ownRanges(model: PlanModel, rubric: Rubric, heading: Heading): Array<[number, number]> {
  const others = new Set<number>()
  for (const matched of sectionHeadings(model, rubric).values()) if (matched && matched.index !== heading.index) others.add(matched.index)
  const ranges: Array<[number, number]> = []
  let from = heading.line + 1
  for (const sub of model.headings) {
    if (sub.line <= heading.line || sub.line > heading.endLine || !others.has(sub.index)) continue
    if (sub.line < from) continue
    if (sub.line - 1 >= from) ranges.push([from, sub.line - 1])
    from = sub.endLine + 1
  }
  if (heading.endLine >= from) ranges.push([from, heading.endLine])
  return ranges
}

/** A "None for …" row whose other cells are empty: it lists nothing, and many of them are an empty table. */
export function isHollowRow(row: readonly Cell[]): boolean {
  return isNoneText(row[0]?.text ?? '') && row.slice(1).every((cell) => isDeferral(cell.text))
}

/** Placeholders replaced by a deferral word, so that the one deferral test judges "Storage: NEEDS CLARIFICATION". */
function placeholdersAsDeferral(rubric: Rubric, text: string): string {
  const matches = placeholderMatches(rubric, text)
  return matches.length === 0 ? text : `${blankMatches(text, matches)} TBD`
}

/**
 * The text with each match replaced by a space, in one pass: replacing them
 * one by one rescanned the text for each, quadratic on a line of thousands of
 * placeholders, and could blank an earlier occurrence than the one matched.
 */
function blankMatches(text: string, matches: readonly TextMatch[]): string {
  if (matches.length === 0) return text
  const sorted = [...matches].sort((a, b) => a.index - b.index)
  let out = ''
  let at = 0
  for (const match of sorted) {
    if (match.index >= at) out += `${text.slice(at, match.index)} `
    at = Math.max(at, match.index + match.length)
  }
  return out + text.slice(at)
}

/** All visible text of a section (subsections included), for keyword checks. */
export function sectionText(model: PlanModel, heading: Heading): string {
  const parts: string[] = []
  for (const span of itemsBetween(model.spans, heading.line + 1, heading.endLine)) parts.push(span.text)
  for (const block of itemsBetween(model.codeBlocks, heading.line + 1, heading.endLine)) parts.push(block.value)
  return parts.join('\n')
}

export function sameValue(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b)
}

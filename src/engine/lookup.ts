import type { Heading, PlanModel, Table, TaskItem, TextSpan } from './model.js'
import type { ChecklistSpec, PlaceholderSpec, Rubric, SectionSpec, TableSpec } from '../rubric/schema.js'
import { literalPattern, regexPattern, type TextMatch, type TextPattern } from './patterns.js'
import { countWords, matchRank, matchTitle, normalizeText, normalizeTitle } from './text.js'

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
  const candidates: Array<{ section: SectionSpec; heading: Heading; rank: number }> = []
  // A lone top-level heading above the rest is the document's title ("# Implementation Plan: X"), not one of its sections.
  const title = headings.filter((heading) => heading.level === 1).length === 1 && headings[0]?.level === 1 && headings.length > 1 ? headings[0] : undefined
  for (const section of sections) {
    const names = normalizedNames(section, [section.title, ...section.aliases])
    for (const heading of headings) {
      if (heading === title) continue
      const rank = Math.max(...names.map((name) => matchRank(matchTitle(heading.normalized, name))))
      if (rank > 0) candidates.push({ section, heading, rank })
    }
  }
  // Exact titles claim their heading before looser matches; ties go to a real heading over a bold line, then to the earlier one.
  candidates.sort((a, b) => b.rank - a.rank || Number(a.heading.pseudo ?? false) - Number(b.heading.pseudo ?? false) || a.heading.line - b.heading.line)
  const result = new Map<string, Heading | null>(sections.map((section) => [section.id, null]))
  const taken = new Set<number>()
  for (const { section, heading } of candidates) {
    if (result.get(section.id) || taken.has(heading.index)) continue
    result.set(section.id, heading)
    taken.add(heading.index)
  }
  return result
}

const nameCache = new WeakMap<object, string[]>()

/** Normalised title and aliases of a rubric item, computed once per item. */
function normalizedNames(item: object, names: readonly string[]): string[] {
  let normalized = nameCache.get(item)
  if (!normalized) nameCache.set(item, (normalized = names.map(normalizeTitle)))
  return normalized
}

const headerCache = new WeakMap<object, string[]>()

function normalizedHeader(header: readonly { text: string }[]): string[] {
  let normalized = headerCache.get(header)
  if (!normalized) headerCache.set(header, (normalized = header.map((cell) => normalizeTitle(cell.text))))
  return normalized
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

/** Where a finding about something missing from a section goes: its heading, else line 1. */
export function anchorOf(heading: Heading | null): { line: number; column: number } {
  return heading ? { line: heading.line, column: heading.column } : { line: 1, column: 1 }
}

export function columnIndex(header: readonly { text: string }[], names: readonly string[], owner?: object): number {
  const wanted = owner ? normalizedNames(owner, names) : names.map(normalizeTitle)
  const headerNames = normalizedHeader(header)
  let best = -1
  let bestRank = 0
  header.forEach((_cell, index) => {
    const normalized = headerNames[index]!
    const rank = Math.max(...wanted.map((name) => matchRank(matchTitle(normalized, name))))
    if (rank > bestRank) {
      best = index
      bestRank = rank
    }
  })
  return best
}

export interface FoundTable {
  table: Table
  /** Column index per rubric column name, -1 where the column is missing. */
  columns: Map<string, number>
}

const tableCache = new WeakMap<PlanModel, WeakMap<TableSpec, FoundTable | null>>()

/** The plan table that best fits a rubric table: in its section if the section has one, else anywhere. */
export function findTable(model: PlanModel, rubric: Rubric, spec: TableSpec): FoundTable | null {
  let bySpec = tableCache.get(model)
  if (!bySpec) tableCache.set(model, (bySpec = new WeakMap()))
  if (bySpec.has(spec)) return bySpec.get(spec) ?? null
  const heading = sectionHeading(model, rubric, spec.section)
  const fit = (table: Table): FoundTable => ({
    table,
    columns: new Map(spec.columns.map((column) => [column.name, columnIndex(table.header, [column.name, ...column.aliases], column)]))
  })
  const score = (found: FoundTable): number => [...found.columns.values()].filter((index) => index >= 0).length
  const pick = (tables: Table[], minimum: number): FoundTable | null => {
    let best: FoundTable | null = null
    for (const table of tables) {
      const found = fit(table)
      if (score(found) >= minimum && (!best || score(found) > score(best))) best = found
    }
    return best
  }
  const inSection = heading ? withinSection(model.tables, heading) : []
  const wanted = spec.columns.filter((column) => column.required).length
  const result =
    pick(inSection, 0) ?? pick(model.tables, Math.max(1, Math.ceil(wanted / 2)))
  bySpec.set(spec, result)
  return result
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

export function placeholderMatches(rubric: Rubric, text: string): Array<TextMatch & { spec: PlaceholderSpec }> {
  const found: Array<TextMatch & { spec: PlaceholderSpec }> = []
  for (const { spec, pattern } of placeholderPatterns(rubric)) {
    for (const match of pattern.findAll(text)) found.push({ ...match, spec })
  }
  return found
}

/** Prose that counts as content: not headings, not code, not raw HTML. */
export function isContentSpan(span: TextSpan): boolean {
  return !span.heading && !span.code && !span.text.trimStart().startsWith('<')
}

/** Words in a section body (subsections included), placeholders not counted. */
export function sectionWordCount(model: PlanModel, rubric: Rubric, heading: Heading): number {
  let words = 0
  for (const span of itemsBetween(model.spans, heading.line + 1, heading.endLine)) {
    if (span.heading || span.text.trimStart().startsWith('<')) continue
    words += countWords(blankMatches(span.text, spanPlaceholders(rubric, span)))
  }
  return words
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

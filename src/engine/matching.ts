import type { Field, Heading, Table } from './model.js'
import type { ColumnSpec, FieldSpec, SectionSpec, TableSpec } from '../rubric/schema.js'
import { lexicon, type Concept, type ConceptId } from '../rubric/presets/lexicon.js'
import { assign, type Pairing } from './assign.js'
import { matchScore, nameReadings, normalizeText, sharesWord, titleWords, wordSet, type KeyWords, type NameReading } from './text.js'

// Which heading is which rubric section, which table which rubric table, which
// header cell which column and which label which field: every part of the plan
// is scored against every requirement by how well its name matches (word forms,
// synonyms and languages folded by the match keys and the lexicon), then parts
// are assigned to requirements one-to-one for the best total.

/** Key words of each name of a rubric item, computed once per item. */
const wantedCache = new WeakMap<object, KeyWords[]>()

function wantedWords(item: object, names: readonly string[]): KeyWords[] {
  let words = wantedCache.get(item)
  if (!words) {
    words = names.map((name) => titleWords(name)).filter((name) => name.stems.length > 0)
    wantedCache.set(item, words)
  }
  return words
}

const readingCache = new WeakMap<object, NameReading[]>()

function readingsOf(owner: object, text: string): NameReading[] {
  let readings = readingCache.get(owner)
  if (!readings) readingCache.set(owner, (readings = nameReadings(text)))
  return readings
}

/** Best score of any reading of a name against any wanted name; 1 for an exact name. */
function score(readings: readonly NameReading[], wanted: readonly KeyWords[]): number {
  return bestMatch(readings, wanted).score
}

interface Match {
  score: number
  /** Share of the name's words that the wanted name makes up. */
  coverage: number
  /** Which wanted name matched: 0 is the item's own title. */
  name: number
}

/** The best match of any reading of a name against any wanted name; the earliest wanted name on ties. */
function bestMatch(readings: readonly NameReading[], wanted: readonly KeyWords[]): Match {
  let best: Match = { score: 0, coverage: 0, name: 0 }
  for (const reading of readings) {
    wanted.forEach((words, name) => {
      const value = matchScore(reading.words, words)
      if (value > best.score && (!reading.exactOnly || value === 1)) {
        best = { score: value, coverage: words.stems.length / Math.max(words.stems.length, reading.words.stems.length), name }
      }
    })
  }
  return best
}

// ---- Concepts: a heading that is the very name of one thing is not another ----

let conceptIndex: Map<string, Set<ConceptId>> | null = null

/** The lexicon's concepts by the match key of each of their names. */
function conceptsByKey(): Map<string, Set<ConceptId>> {
  if (conceptIndex) return conceptIndex
  conceptIndex = new Map()
  for (const [id, concept] of Object.entries(lexicon) as Array<[ConceptId, Concept]>) {
    for (const names of Object.values(concept)) {
      for (const name of names ?? []) {
        const key = titleWords(name).stems.join(' ')
        if (key === '') continue
        let ids = conceptIndex.get(key)
        if (!ids) conceptIndex.set(key, (ids = new Set()))
        ids.add(id)
      }
    }
  }
  return conceptIndex
}

function conceptsOfWords(words: readonly KeyWords[]): Set<ConceptId> {
  const index = conceptsByKey()
  const found = new Set<ConceptId>()
  for (const name of words) for (const id of index.get(name.stems.join(' ')) ?? []) found.add(id)
  return found
}

const sectionConceptCache = new WeakMap<SectionSpec, Set<ConceptId>>()

function sectionConcepts(section: SectionSpec, wanted: readonly KeyWords[]): Set<ConceptId> {
  let concepts = sectionConceptCache.get(section)
  if (!concepts) sectionConceptCache.set(section, (concepts = conceptsOfWords(wanted)))
  return concepts
}

const headingConceptCache = new WeakMap<Heading, Set<ConceptId>>()

function headingConcepts(heading: Heading, readings: readonly NameReading[]): Set<ConceptId> {
  let concepts = headingConceptCache.get(heading)
  if (!concepts) headingConceptCache.set(heading, (concepts = conceptsOfWords(readings.map((reading) => reading.words))))
  return concepts
}

/**
 * Whether a partial match may stand. A heading that is exactly the name of a
 * known concept ("Verificação constitucional", "Technical Context") is that
 * concept, and is not taken by a section about something else only because one
 * of its words is also one of that section's names. A heading in which the
 * section's name is the lesser part belongs to the section it sits in:
 * "Test-Driven Development (TDD)" under "Constitution Check" is a principle,
 * not the testing strategy.
 */
function sameConcept(heading: Heading, coverage: number, context: SectionContext, section: SectionSpec, wanted: readonly KeyWords[]): boolean {
  const ofSection = sectionConcepts(section, wanted)
  if (ofSection.size === 0) return true
  const shares = (current: Heading): boolean | null => {
    const ofHeading = headingConcepts(current, readingsOf(current, current.title))
    if (ofHeading.size === 0) return null
    for (const id of ofHeading) if (ofSection.has(id)) return true
    return false
  }
  const own = shares(heading)
  if (own !== null) return own
  if (coverage >= STANDS_ALONE) return true
  for (let parent = context.byIndex.get(heading.parent ?? -1); parent && parent !== context.title; parent = context.byIndex.get(parent.parent ?? -1)) {
    const inherited = shares(parent)
    if (inherited !== null) return inherited
  }
  return true
}

// A heading at least half made of a section's name is judged by itself, not by where it sits.
const STANDS_ALONE = 0.5

interface SectionContext {
  byIndex: ReadonlyMap<number, Heading>
  /** The document's title, which is no section and contains every section. */
  title?: Heading
}

// ---- Sections ----

/** How well a heading matches a rubric section, 0 when it does not. */
function sectionMatch(heading: Heading, section: SectionSpec, context: SectionContext): Match {
  const wanted = wantedWords(section, [section.title, ...section.aliases])
  const match = bestMatch(readingsOf(heading, heading.title), wanted)
  if (match.score === 0 || match.score === 1) return match
  // A bold line is a label as often as a heading: it names a section only when the section's name is most of it
  // ("**Testing Strategy**"), not one word of two ("**Component Benchmarks**" in a performance section).
  if (heading.pseudo && match.coverage <= STANDS_ALONE) return { ...match, score: 0 }
  return sameConcept(heading, match.coverage, context, section, wanted) ? match : { ...match, score: 0 }
}

// Between headings that match equally well, one named like the section's title beats
// one named like an alias ("Testing Strategy" over "Phase 5: Tests"), else the earlier
// heading wins: a difference far below any difference in match quality.
const ALIAS_WEIGHT = 1e-5
const PSEUDO_WEIGHT = 2e-5

/**
 * Which heading each section is, one-to-one, for the best total match quality.
 * Only headings that share a word with some section name are scored, so a plan
 * with tens of thousands of headings costs little more than a short one.
 */
export function assignSections(headings: readonly Heading[], sections: readonly SectionSpec[], title?: Heading): Map<string, Heading | null> {
  const context: SectionContext = { byIndex: new Map(headings.map((heading) => [heading.index, heading])), title }
  const byWord = sectionRowsByWord(sections)
  const pairs: Pairing[] = []
  for (const heading of headings) {
    if (heading === title) continue
    const rows = new Set<number>()
    for (const reading of readingsOf(heading, heading.title)) for (const word of [...reading.words.stems, ...reading.words.singulars]) for (const row of byWord.get(word) ?? []) rows.add(row)
    for (const row of rows) {
      const match = sectionMatch(heading, sections[row]!, context)
      // A bold line standing as a heading loses a tie to a real heading of the same match.
      if (match.score > 0) pairs.push({ row, column: heading.index, score: match.score - (match.name > 0 ? ALIAS_WEIGHT : 0) - (heading.pseudo ? PSEUDO_WEIGHT : 0) })
    }
  }
  const result = new Map<string, Heading | null>(sections.map((section) => [section.id, null]))
  for (const { row, column } of assign(sections.length, pairs)) result.set(sections[row]!.id, context.byIndex.get(column) ?? null)
  return result
}

const rowsByWordCache = new WeakMap<readonly SectionSpec[], Map<string, number[]>>()

/** Which sections (by row) have each word in a name; a rubric's sections are the same for every plan it checks. */
function sectionRowsByWord(sections: readonly SectionSpec[]): Map<string, number[]> {
  const cached = rowsByWordCache.get(sections)
  if (cached) return cached
  const byWord = new Map<string, number[]>()
  sections.forEach((section, row) => {
    for (const words of wantedWords(section, [section.title, ...section.aliases])) {
      for (const word of [...words.stems, ...words.singulars]) {
        let rows = byWord.get(word)
        if (!rows) byWord.set(word, (rows = []))
        if (!rows.includes(row)) rows.push(row)
      }
    }
  })
  rowsByWordCache.set(sections, byWord)
  return byWord
}

// ---- Columns and tables ----

const cellReadingCache = new WeakMap<object, NameReading[][]>()

function headerReadings(header: readonly { text: string }[]): NameReading[][] {
  let readings = cellReadingCache.get(header)
  if (!readings) cellReadingCache.set(header, (readings = header.map((cell) => nameReadings(cell.text))))
  return readings
}

/** The header cell that best matches any of the names, or -1. */
export function bestColumn(header: readonly { text: string }[], names: readonly string[], owner?: object): number {
  const wanted = owner ? wantedWords(owner, names) : names.map((name) => titleWords(name))
  let best = -1
  let bestScore = 0
  headerReadings(header).forEach((readings, index) => {
    const value = score(readings, wanted)
    if (value > bestScore) {
      best = index
      bestScore = value
    }
  })
  return best
}

export interface TableFit {
  /** Header cell per rubric column name, -1 where the column is missing. */
  columns: Map<string, number>
  /** Share of the rubric's columns found, weighted by match quality; optional columns count half. */
  quality: number
}

/** The rubric table's columns in a plan table, each header cell used for one column at most. */
export function fitTable(table: Table, spec: TableSpec): TableFit {
  const readings = headerReadings(table.header)
  const pairs: Pairing[] = []
  spec.columns.forEach((column, row) => {
    const wanted = wantedWords(column, [column.name, ...column.aliases])
    readings.forEach((cell, index) => {
      const value = score(cell, wanted)
      if (value > 0) pairs.push({ row, column: index, score: value })
    })
  })
  const columns = new Map<string, number>(spec.columns.map((column) => [column.name, -1]))
  let found = 0
  let total = 0
  const weight = (column: ColumnSpec): number => (column.required ? 1 : 0.5)
  for (const column of spec.columns) total += weight(column)
  for (const pairing of assign(spec.columns.length, pairs)) {
    const column = spec.columns[pairing.row]!
    columns.set(column.name, pairing.column)
    found += weight(column) * pairing.score
  }
  return { columns, quality: total === 0 ? 1 : found / total }
}

// A table in the section the rubric puts it in needs one column to count; a
// table elsewhere needs half of them. The section gives a bonus worth less than
// the columns: a full table elsewhere beats a table in the section with half
// the columns, not one with three columns out of four.
const IN_SECTION_BONUS = 0.3
const ELSEWHERE_MINIMUM = 0.5

export interface TableRequirement {
  spec: TableSpec
  /** The heading of the section the table belongs in, when the rubric names one and the plan has it. */
  section: Heading | null
}

/** Which plan table each rubric table is, one-to-one, for the best total. */
export function assignTables(tables: readonly Table[], requirements: readonly TableRequirement[]): Map<TableSpec, { table: Table; fit: TableFit } | null> {
  const pairs: Pairing[] = []
  const fits = new Map<number, TableFit>()
  requirements.forEach(({ spec, section }, row) => {
    tables.forEach((table, index) => {
      const inSection = section !== null && table.line > section.line && table.line <= section.endLine
      // A rubric table without columns is whatever table its section holds (any table, without a section).
      if (spec.columns.length === 0 && !inSection && spec.section !== undefined) return
      const fit = fitTable(table, spec)
      if (spec.columns.length > 0 && !(inSection ? fit.quality > 0 : fit.quality >= ELSEWHERE_MINIMUM)) return
      fits.set(row * tables.length + index, fit)
      pairs.push({ row, column: index, score: fit.quality + (inSection ? IN_SECTION_BONUS : 0) })
    })
  })
  const result = new Map<TableSpec, { table: Table; fit: TableFit } | null>(requirements.map(({ spec }) => [spec, null]))
  for (const { row, column } of assign(requirements.length, pairs)) {
    result.set(requirements[row]!.spec, { table: tables[column]!, fit: fits.get(row * tables.length + column)! })
  }
  return result
}

// ---- Fields ----

/**
 * The field whose label best matches the rubric field's label or aliases. A label
 * matches when it is a wanted name, or begins or ends with one word for word:
 * "Language/Version (primary)", "Ngôn ngữ/Phiên bản (Language/Version)", "Testing
 * framework", "Unit testing"; not when the name only appears inside it ("Notes on
 * the language choice").
 */
export function bestField(fields: readonly Field[], spec: FieldSpec): Field | undefined {
  const wanted = wantedWords(spec, [spec.label, ...spec.aliases])
  let best: Field | undefined
  let bestScore = 0
  for (const field of fields) {
    for (const reading of readingsOf(field, field.label)) {
      for (const words of wanted) {
        const value = matchScore(reading.words, words)
        if (value <= bestScore || (reading.exactOnly && value < 1) || (value < 1 && !atEdge(reading.words.singulars, words.singulars))) continue
        best = field
        bestScore = value
      }
    }
  }
  return best
}

/**
 * Whether a name is one the rubric gives its own fields or sections: such a
 * label ("Storage", "Summary") is the plan's own part wherever it is written.
 */
export function namesRubricItem(name: string, rubric: { fields: readonly FieldSpec[]; sections: readonly SectionSpec[] }): boolean {
  if (name.trim() === '') return false
  const field: Field = { label: name, normalizedLabel: normalizeText(name), value: '', line: 0, column: 0, section: null }
  if (rubric.fields.some((spec) => bestField([field], spec) !== undefined)) return true
  const readings = nameReadings(name)
  return rubric.sections.some((section) => score(readings, wantedWords(section, [section.title, ...section.aliases])) === 1)
}

function atEdge(name: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0 || wanted.length > name.length) return false
  const same = (offset: number): boolean => wanted.every((word, index) => name[offset + index] === word)
  return same(0) || same(name.length - wanted.length)
}

const coveredCache = new WeakMap<object, { wanted: KeyWords[]; words: Set<string> }>()
const CJK_CHARACTER = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]$/u

/**
 * Whether a label or heading is one of the names, or begins or ends with one
 * word for word, as field labels match: "Storage", "Storage (optional)",
 * "Lưu trữ (Storage)", "VI. Security defaults"; not "Notes on storage costs".
 * The label comes as an object so that its readings are worked out once for it.
 */
export function labelMatch(label: { text: string }, owner: object, names: readonly string[]): boolean {
  let known = coveredCache.get(owner)
  if (!known) {
    const wanted = names.map((name) => titleWords(name)).filter((name) => name.stems.length > 0)
    coveredCache.set(owner, (known = { wanted, words: wordSet(wanted) }))
  }
  const { wanted, words: anyWord } = known
  for (const reading of readingsOf(label, label.text)) {
    // Most labels share no word with any of the names.
    if (!sharesWord(reading.words, anyWord)) continue
    for (const words of wanted) {
      const value = matchScore(reading.words, words)
      if (value === 1) return true
      // A CJK name is a few characters of a long run ("보안 기본값…", security defaults): at the label's edge it is the label's subject.
      const cjk = words.singulars.every((word) => CJK_CHARACTER.test(word))
      if ((value > 0 || cjk) && !reading.exactOnly && atEdge(reading.words.singulars, words.singulars)) return true
    }
  }
  return false
}

import type { Heading, PlanModel } from './model.js'
import type { Rubric, SectionSpec } from '../rubric/schema.js'
import { itemsBetween, sectionHeadings } from './lookup.js'
import { labelMatch } from './matching.js'
import { countWords, isDeferral } from './text.js'

// A plan written to another format often has what a rubric section asks for,
// under that format's own names: a spec-kit plan gives its storage as a
// `**Storage**:` field of Technical Context and its security in a principle of
// the Constitution Check. Checked against a rubric that wants a "Data Flow &
// Storage" section, the topic is not absent, only not where the rubric looks:
// the finding stays, as advice to give the topic its own heading, not as an
// error that fails a plan for content it has. Only names the rubric lists in
// `coveredBy` count, and only with real content: a bare value, a deferral or
// an empty heading says nothing about the topic.

/** Words of content a name must introduce to stand for a section: more than a bare value. */
const MINIMUM_WORDS = 8

// A lead-in label is short: "Security:", "VI. Secrets and access:"; a longer
// run before a colon is a sentence that happens to contain one.
const LEAD_IN = /^\s*([^:：\n]{1,60}?)\s*[:：]\s*(\S[\s\S]*)$/u
const MAXIMUM_LEAD_IN_WORDS = 6

export interface CoveredAt {
  /** The heading, label or lead-in that names the topic. */
  name: string
  line: number
}

function substantive(text: string): boolean {
  return countWords(text) >= MINIMUM_WORDS && !isDeferral(text)
}

/** The words under a heading, up to its section's end: its prose, code and table rows. */
function contentUnder(model: PlanModel, heading: Heading): string {
  const from = heading.line + 1
  const parts: string[] = []
  for (const block of itemsBetween(model.prose, from, heading.endLine)) if (!block.heading) parts.push(block.text)
  for (const block of itemsBetween(model.codeBlocks, from, heading.endLine)) parts.push(block.value)
  // A header says what a table would hold; only its rows hold anything.
  for (const table of itemsBetween(model.tables, from, heading.endLine)) for (const row of table.rows) for (const cell of row) parts.push(cell.text)
  return parts.join(' ')
}

interface Candidate extends CoveredAt {
  /** What a `coveredBy` name is compared with: the heading's title, the field's label, the lead-in (its readings are cached on it). */
  label: { text: string }
  /** The content the name introduces, read only when the name is one of a section's: most names are not. */
  content: () => string
  substantive?: boolean
}

const candidateCache = new WeakMap<PlanModel, WeakMap<Rubric, Candidate[]>>()

/**
 * Every heading, field and lead-in of the plan, in line order: found once per
 * plan and rubric, because each missing section with `coveredBy` names asks
 * the same question of the same places.
 */
function candidatesOf(model: PlanModel, rubric: Rubric): Candidate[] {
  let byRubric = candidateCache.get(model)
  if (!byRubric) candidateCache.set(model, (byRubric = new WeakMap()))
  const cached = byRubric.get(rubric)
  if (cached) return cached
  const assigned = new Set<Heading>()
  for (const heading of sectionHeadings(model, rubric).values()) if (heading) assigned.add(heading)
  const found: Candidate[] = []
  for (const heading of model.headings) {
    if (!assigned.has(heading)) found.push({ label: { text: heading.title }, name: heading.title, line: heading.line, content: () => contentUnder(model, heading) })
  }
  for (const field of model.fields) found.push({ label: { text: field.label }, name: field.label, line: field.line, content: () => field.value })
  for (const block of model.prose) {
    if (block.heading) continue
    const lead = LEAD_IN.exec(block.text)
    if (!lead || countWords(lead[1]!) > MAXIMUM_LEAD_IN_WORDS) continue
    const rest = lead[2]!
    found.push({ label: { text: lead[1]! }, name: lead[1]!.trim(), line: block.line, content: () => rest })
  }
  // Stable: on one line a heading comes before a field, a field before a lead-in.
  found.sort((a, b) => a.line - b.line)
  byRubric.set(rubric, found)
  return found
}

function isSubstantive(candidate: Candidate): boolean {
  return (candidate.substantive ??= substantive(candidate.content()))
}

/**
 * Where the plan writes a missing section's topic under one of the rubric's
 * `coveredBy` names, or null. Headings that are another rubric section are
 * that section, not evidence for this one.
 */
export function coveredElsewhere(model: PlanModel, rubric: Rubric, section: SectionSpec): CoveredAt | null {
  if (section.coveredBy.length === 0) return null
  const match = candidatesOf(model, rubric).find((candidate) => labelMatch(candidate.label, section, section.coveredBy) && isSubstantive(candidate))
  return match ? { name: match.name, line: match.line } : null
}

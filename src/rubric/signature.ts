import { z } from 'zod'
import { builtOnce } from './schema.js'
import { checkRegex, regexPattern, type TextPattern } from '../engine/patterns.js'
import { matchScore, sharesWord, titleWords, wordSet, type KeyWords } from '../engine/text.js'

// Content signatures: what a plan says about its own format. The path alone
// cannot tell a spec-kit plan from a SpecFlow plan under `.specify/specs/`, nor
// a spec-kit plan under `specs/` from any other plan.md, so a config entry may
// also ask for headings or lines the format always writes. Only the start of a
// plan is read (formats announce themselves early), line by line, outside code
// fences: cheap enough to run on every candidate file before its real check.

// Built at first use, as the rubric schemas are (builtOnce, schema.ts).
function defineWhenSchemas() {
  const text = z.string().trim().min(1, 'must not be empty')

  const signalSchema = z
    .union([
      z.strictObject({
        heading: text.describe('A heading (any level) whose title is or contains these words; numbering, case, markup and punctuation are ignored.'),
        name: text.optional().describe('How reports name this sign (default: the heading in quotes).')
      }),
      z.strictObject({
        line: text.describe('A pattern in RE2 syntax (case-insensitive) that a line outside code blocks must match, e.g. `^# Implementation Plan:`.'),
        name: text.optional().describe('How reports name this sign (default: the pattern).')
      })
    ])
    .describe('One sign of a plan format: a heading or a line.')

  const whenSchema = z
    .strictObject({
      anyOf: z.array(signalSchema).min(1).optional().describe('At least `atLeast` (default 1) of these signs must be present.'),
      allOf: z.array(signalSchema).min(1).optional().describe('Every one of these signs must be present.'),
      atLeast: z.number().int().min(1).optional().describe('How many of the `anyOf` signs must be present (default 1).')
    })
    .describe('Content signatures: the entry applies only to files whose text shows these signs; otherwise the next entry is tried.')
  return { signalSchema, whenSchema }
}

type WhenSchemas = ReturnType<typeof defineWhenSchemas>
const whenSchemas = builtOnce(defineWhenSchemas)

/** The schema of a config entry's `when`. */
export function whenSchema(): WhenSchemas['whenSchema'] {
  return whenSchemas().whenSchema
}

export type Signal = z.infer<WhenSchemas['signalSchema']>
export type WhenInput = z.infer<WhenSchemas['whenSchema']>

/** Plans announce their format in their first lines and headings; reading further only costs time. */
const SCANNED_CHARACTERS = 256 * 1024

interface CompiledSignal {
  describe: string
  heading?: { words: KeyWords; anyWord: Set<string> }
  line?: TextPattern
}

export interface Signature {
  /** The signs found, described for the report (`"Technical Context" heading`); null when the signature does not hold. */
  test(content: string): string[] | null
}

/** Compiles one signal's line pattern now, so that a config's bad pattern is a load-time error; throws PatternError. */
export function checkSignal(signal: Signal): void {
  if ('line' in signal) checkRegex(signal.line, false)
}

function compileSignal(signal: Signal): CompiledSignal {
  if ('heading' in signal) {
    const words = titleWords(signal.heading)
    return { describe: signal.name ?? `"${signal.heading}" heading`, heading: { words, anyWord: wordSet([words]) } }
  }
  return { describe: signal.name ?? `line /${signal.line}/`, line: regexPattern(signal.line, false) }
}

interface Scanned {
  headings: KeyWords[]
  lines: string[]
}

// Entries of a config ask about the same file one after another: it is scanned once for all of them.
let lastScan: { content: string; scanned: Scanned } | null = null

function scan(content: string): Scanned {
  if (lastScan?.content === content) return lastScan.scanned
  const scanned = scanLines(content)
  lastScan = { content, scanned }
  return scanned
}

function scanLines(content: string): Scanned {
  const headings: KeyWords[] = []
  const lines: string[] = []
  let fence: string | null = null
  for (const line of content.slice(0, SCANNED_CHARACTERS).split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = null
      continue
    }
    if (marker !== undefined) {
      fence = marker
      continue
    }
    lines.push(line)
    const heading = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line)?.[1]
    if (heading !== undefined) headings.push(titleWords(heading))
  }
  return { headings, lines }
}

function found(signal: CompiledSignal, scanned: Scanned): boolean {
  if (signal.heading !== undefined) {
    const { words: wanted, anyWord } = signal.heading
    // A heading matches the wanted name as titles match anywhere (matchTitle): word-aligned, word forms folded.
    return scanned.headings.some((heading) => sharesWord(heading, anyWord) && matchScore(heading, wanted) > 0)
  }
  return scanned.lines.some((line) => signal.line!.test(line))
}

/** Compiles a validated `when`; throws PatternError for a line pattern RE2 rejects. */
export function compileSignature(when: WhenInput): Signature {
  // Compiled at the first test: most runs of the built-in defaults never read a file's content to choose its rubric.
  // A config's own signals are compiled while it loads (checkSignal, from config.ts), so a bad pattern is still a load-time error.
  let compiled: { anyOf: CompiledSignal[]; allOf: CompiledSignal[] } | undefined
  const atLeast = when.atLeast ?? 1
  return {
    test(content) {
      compiled ??= { anyOf: (when.anyOf ?? []).map(compileSignal), allOf: (when.allOf ?? []).map(compileSignal) }
      const { anyOf, allOf } = compiled
      const scanned = scan(content)
      const signs: string[] = []
      for (const signal of allOf) {
        if (!found(signal, scanned)) return null
        signs.push(signal.describe)
      }
      if (anyOf.length > 0) {
        const present = anyOf.filter((signal) => found(signal, scanned))
        if (present.length < atLeast) return null
        signs.push(...present.map((signal) => signal.describe))
      }
      return signs
    }
  }
}

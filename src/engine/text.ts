import { normalizeVisible } from './normalize.js'

// Text normalisation shared by every matcher, so that headings, column names,
// checklist items and keywords are compared the same way everywhere. What a
// reader sees (NFKC, no invisible characters, look-alike letters folded) comes
// from normalize.ts; this file only reduces it further for matching.

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu
// Numbering real plans put in front of headings: "3.", "3.2)", "Step 3:", "Phase 1 -", "IV.", "A)".
const LEADING_NUMBERING =
  /^(?:(?:step|phase|part|section|stage|chapter)\s+)?(?:\d+(?:\.\d+)*|[ivx]{1,5}|[a-z])(?:[.):]|\s+[-–—:])\s*/u
const BARE_NUMBER = /^\d+(?:\.\d+)*\s+/u

export function stripEmoji(text: string): string {
  return text.replace(EMOJI, '')
}

/** Lower-cased words and digits only: `&`/`+` become `and`, everything else that is not a letter or digit is a space. */
export function normalizeText(text: string): string {
  return stripEmoji(normalizeVisible(text))
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A heading's title reduced to what its author meant: no numbering, emoji, markup, case or punctuation. */
export function normalizeTitle(text: string): string {
  let title = stripEmoji(normalizeVisible(text)).trim().toLowerCase()
  title = title.replace(/^\[(.*)\]$/u, '$1').trim()
  title = title.replace(LEADING_NUMBERING, '').replace(BARE_NUMBER, '')
  return normalizeText(title)
}

export type TitleMatch = 'exact' | 'prefix' | 'contains'

/** How a normalised title relates to a normalised wanted name, word-aligned, word forms folded. */
export function matchTitle(normalizedTitle: string, normalizedWanted: string): TitleMatch | null {
  const score = matchScore(keyWords(normalizedTitle), keyWords(normalizedWanted))
  if (score === 1) return 'exact'
  if (score === 0) return null
  const title = keyWords(normalizedTitle).singulars
  const wanted = keyWords(normalizedWanted).singulars
  return wordsAt(title, wanted) === 0 ? 'prefix' : 'contains'
}

// ---- Match keys: what a heading, label or column name says, for comparing names ----

// Words that only join the words that matter ("Risks & Mitigations", "Estrutura do projeto",
// "リスクと緩和策"): names match with or without them. Chinese joiners such as 和 are left
// alone, because they are also parts of words (緩和, "mitigation").
const JOINING_WORDS = new Set('and or of for to in on with de do da dos das del la el los las e y et und と の 및'.split(' '))
// Chinese, Japanese and Korean write compounds without spaces: each character counts as a
// word, so "技术背景" is found in "技术背景与约束" word-aligned, as English words are.
const CJK_CHAR = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC])/gu
const CJK_WORD = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC]$/u
const COMBINING_MARKS = /[\u0300-\u036f]/g

/**
 * The words of a name as matching compares them, accents folded and CJK split: stemmed
 * for comparing whole names ("Decisions" is "Decision", "Tests" is "Testing"), only
 * made singular for finding a name inside a longer one, where stems would find
 * "Monitoring" in "Workflow Monitor".
 */
export interface KeyWords {
  stems: string[]
  singulars: string[]
}

// Matching compares the same few names (a rubric's headings, a signature's
// titles) with every heading of every plan: their words are worked out once.
// Callers only read the arrays. Bounded, as plans bring headings of their own.
const KEY_WORDS_CACHE_SIZE = 8192
const keyWordsCache = new Map<string, KeyWords>()

export function keyWords(normalized: string): KeyWords {
  let words = keyWordsCache.get(normalized)
  if (words === undefined) {
    if (keyWordsCache.size >= KEY_WORDS_CACHE_SIZE) keyWordsCache.clear()
    keyWordsCache.set(normalized, (words = wordsOf(normalized)))
  }
  return words
}

function wordsOf(normalized: string): KeyWords {
  const words = normalized
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(/đ/g, 'd')
    .replace(CJK_CHAR, ' $1 ')
    .split(' ')
    .filter((word) => word !== '' && !JOINING_WORDS.has(word))
  const latin = (word: string): boolean => /^[a-z]+$/.test(word)
  return {
    stems: words.map((word) => (latin(word) ? stem(word) : word)),
    singulars: words.map((word) => (latin(word) ? singular(word) : word))
  }
}

// The same names reach keyWords(normalizeTitle()) from many places: every
// rubric item's names, the lexicon's, each heading of a plan as it is read
// several ways. Remembered by the raw text, and for the built-in presets'
// and lexicon's names known in advance (see provideTitleWords).
const titleWordsCache = new Map<string, KeyWords>()
let knownTitleWords: (() => TitleWordsTable) | null = null
let known: TitleWordsTable | null = null

/** Match keys known in advance, looked up by the name as written. */
export interface TitleWordsTable {
  get(name: string): KeyWords | undefined
  entries(): IterableIterator<[string, KeyWords]>
}

/** The match key of a name as a heading or label writes it: keyWords(normalizeTitle(name)). */
export function titleWords(name: string): KeyWords {
  let words = titleWordsCache.get(name)
  if (words === undefined) {
    if (known === null && knownTitleWords !== null) known = knownTitleWords()
    words = known?.get(name) ?? keyWords(normalizeTitle(name))
    if (titleWordsCache.size >= KEY_WORDS_CACHE_SIZE) titleWordsCache.clear()
    titleWordsCache.set(name, words)
  }
  return words
}

/**
 * Match keys worked out when plan-gate was built (the built-in presets'
 * names), so that a run does not spend its first milliseconds on them. Read
 * at the first lookup. The table must equal what titleWords computes; a test
 * regenerates it and fails on any difference.
 */
export function provideTitleWords(load: () => TitleWordsTable): void {
  knownTitleWords = load
  known = null
  titleWordsCache.clear()
}

/** Every stem and singular of some names: what a name must share a word with before matchScore can be above 0. */
export function wordSet(names: readonly KeyWords[]): Set<string> {
  return new Set(names.flatMap((words) => [...words.stems, ...words.singulars]))
}

/**
 * Whether a name shares a word with a wordSet. Every way matchScore finds a
 * match needs one (equal stems, or singulars in a row or at an edge), so a name
 * without one is ruled out before it is scored.
 */
export function sharesWord(name: KeyWords, words: ReadonlySet<string>): boolean {
  return name.stems.some((word) => words.has(word)) || name.singulars.some((word) => words.has(word))
}

/** Index of the first word-aligned occurrence of `wanted` in `name`, or -1. */
function wordsAt(name: readonly string[], wanted: readonly string[]): number {
  outer: for (let start = 0; start + wanted.length <= name.length; start++) {
    for (let offset = 0; offset < wanted.length; offset++) if (name[start + offset] !== wanted[offset]) continue outer
    return start
  }
  return -1
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index])
}

/**
 * How well a name (a heading, a label, a column) matches a wanted name: 1 when they
 * are the same words; less the more the name says besides them; 0 when the wanted
 * words are not all in it. Where two wanted names meet in one name, the one at its
 * end wins, as the last word of an English compound names the thing ("Mitigation
 * owner" is an owner, "Architecture Decisions" are decisions); then the one at its
 * start; then one further in; then the wanted words in another order.
 */
const MINIMUM_COVERAGE = 0.25

export function matchScore(name: KeyWords, wanted: KeyWords): number {
  const words = name.singulars
  const want = wanted.singulars
  if (want.length === 0 || words.length === 0) return 0
  if (sameWords(name.stems, wanted.stems)) return 1
  const coverage = want.length / Math.max(words.length, want.length)
  // A wanted name that is a small part of a long name is a word in passing, not its subject.
  if (coverage < MINIMUM_COVERAGE) return 0
  if (want.length < words.length && endsWith(words, want)) return 0.62 + 0.3 * coverage
  const at = wordsAt(words, want)
  if (at === 0) return 0.61 + 0.3 * coverage
  if (at > 0) return 0.6 + 0.3 * coverage
  // Words in another order: "Rollout and Testing Strategy". Not for CJK, whose
  // words are single characters that any long heading holds in some order.
  if (want.length > 1 && want.every((word) => words.includes(word)) && !want.some((word) => CJK_WORD.test(word))) return 0.5 + 0.3 * coverage
  return 0
}

function endsWith(name: readonly string[], wanted: readonly string[]): boolean {
  const from = name.length - wanted.length
  return from >= 0 && wanted.every((word, index) => word === name[from + index])
}

/**
 * One way to read a heading or a label: as a whole; without what sits in parentheses or
 * follows a separator ("Constitution Check (re-checked after design)", "Risks — owners");
 * or, for bilingual names such as "Tóm tắt (Summary)", just the part in parentheses.
 * Readings that include a parenthesised note only count when they are a wanted name.
 */
export interface NameReading {
  words: KeyWords
  exactOnly: boolean
}

const PARENTHESISED = /\(([^()]*)\)/gu
const SEPARATOR = /\s[-–—:|/]\s|[–—:|]/u

export function nameReadings(text: string): NameReading[] {
  const readings: NameReading[] = []
  const seen = new Set<string>()
  const add = (part: string, exactOnly: boolean): void => {
    const words = titleWords(part)
    const key = words.singulars.join(' ')
    if (key === '' || seen.has(key)) return
    seen.add(key)
    readings.push({ words, exactOnly })
  }
  const plain = stripEmoji(text.normalize('NFKC'))
  // What sits in parentheses is a note: a name is looked for around it, or in it alone.
  const outside = plain.replace(PARENTHESISED, ' ')
  add(plain, outside !== plain)
  add(outside, false)
  add(outside.split(SEPARATOR)[0] ?? '', false)
  // A translation in parentheses, as in "Tóm tắt (Summary)" or "Teknisk kontekst (Technical Context)";
  // not a count such as "(8 components)", nor a single English word after English words.
  const foreign = /[^\p{ASCII}]/u.test(outside)
  for (const match of plain.matchAll(PARENTHESISED)) {
    const inside = (match[1] ?? '').trim()
    if (/^\p{L}/u.test(inside) && (foreign || /\s/u.test(inside))) add(inside, true)
  }
  return readings
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or the to with each every all any this that these those'.split(' ')
)

// Endings that make another form of the same word, longest first. What is left keeps at
// least three letters, so that "state" and "need" stay whole.
const SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['ations', ''], ['ation', ''], ['ating', ''], ['ated', ''], ['ates', ''], ['ate', ''],
  ['ings', ''], ['ing', ''], ['ied', 'y'], ['ies', 'y'], ['es', ''], ['ed', ''], ['s', ''], ['e', '']
]

/**
 * Crude stemming is enough to let "owners" meet "owner", "documented" meet "documentation",
 * "Decisions" meet "Decision", "Tests" meet "Testing" and "Migrate" meet "Migration".
 */
export function stem(word: string): string {
  for (const [suffix, replacement] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue
    const base = word.slice(0, -suffix.length)
    if (base.length < 3) continue
    // "status", "analysis" and "process" end in s without being plurals.
    if (suffix === 's' && /(?:ss|us|is)$/.test(word)) return word
    if (suffix === 'es' && /(?:ss|us|is|x|z|ch|sh)$/.test(base)) return base
    // "speed" and "need" are not past tenses.
    if (suffix === 'ed' && base.endsWith('e')) return word
    // "mapped" → "map", "planning" → "plan"; "installed" keeps "install".
    if ((suffix === 'ed' || suffix === 'ing') && /([^aeiouylsz])\1$/.test(base)) return base.slice(0, -1)
    return base + replacement
  }
  return word
}

/** A plural made singular: "risks" → "risk", "dependencies" → "dependency", "processes" → "process". */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

export function contentWords(text: string): string[] {
  return normalizeText(text)
    .split(' ')
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map(stem)
}

/** Share of the wanted item's words found in the candidate: 1 is a full match. */
export function similarity(wanted: string, candidate: string): number {
  const wantedWords = new Set(contentWords(wanted))
  if (wantedWords.size === 0) return 0
  const candidateWords = new Set(contentWords(candidate))
  let found = 0
  for (const word of wantedWords) if (candidateWords.has(word)) found++
  return found / wantedWords.size
}

/** Text prepared once for many `mentions` checks. */
export interface Haystack {
  readonly padded: string
}

export function haystack(text: string): Haystack {
  return { padded: ` ${normalizeText(text)} ` }
}

/** Whether text mentions the phrase as whole words, allowing plural or derived endings on the last word. */
export function mentions(text: string | Haystack, phrase: string): boolean {
  const wanted = normalizeText(phrase)
  if (wanted === '') return false
  const prepared = typeof text === 'string' ? haystack(text) : text
  return prepared.padded.includes(` ${wanted}`)
}

export function countWords(text: string): number {
  const normalized = normalizeText(text)
  if (normalized === '') return 0
  // normalizeText leaves one space between words and none at the ends.
  let words = 1
  for (let at = normalized.indexOf(' '); at !== -1; at = normalized.indexOf(' ', at + 1)) words++
  return words
}

/** Shortens text quoted from a plan in a message. */
export function excerpt(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`
}

// Deferrals, blanks and marker mentions live beside the rest of the text layer, read by every rule.
export { isBlankText, isDeferral, isFormatIntroduction, isMarkerMention, isNoneText, isSlotDescription, marksChosen, visibleText, type DeferralOptions } from './deferral.js'
export { wordForms, mentionsWordForm, type WordForms } from './wording.js'

// Text normalisation shared by every matcher, so that headings, column names,
// checklist items and keywords are compared the same way everywhere.

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
  return stripEmoji(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[&+]/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** A heading's title reduced to what its author meant: no numbering, emoji, markup, case or punctuation. */
export function normalizeTitle(text: string): string {
  let title = stripEmoji(text.normalize('NFKC')).trim().toLowerCase()
  title = title.replace(/^\[(.*)\]$/u, '$1').trim()
  title = title.replace(LEADING_NUMBERING, '').replace(BARE_NUMBER, '')
  return normalizeText(title)
}

export type TitleMatch = 'exact' | 'prefix' | 'contains'

const MATCH_RANK: Record<TitleMatch, number> = { exact: 3, prefix: 2, contains: 1 }

export function matchRank(match: TitleMatch | null): number {
  return match ? MATCH_RANK[match] : 0
}

/** How a normalised title relates to a normalised wanted name, word-aligned, word forms folded. */
export function matchTitle(normalizedTitle: string, normalizedWanted: string): TitleMatch | null {
  const title = keyWords(normalizedTitle)
  const wanted = keyWords(normalizedWanted)
  if (wanted.length === 0) return null
  const at = wordsAt(title, wanted)
  if (at < 0) return null
  if (title.length === wanted.length) return 'exact'
  return at === 0 ? 'prefix' : 'contains'
}

// ---- Match keys: what a heading, label or column name says, for comparing names ----

// Words that only join the words that matter ("Risks & Mitigations", "Estrutura do projeto",
// "リスクと緩和策"): names match with or without them. Chinese joiners such as 和 are left
// alone, because they are also parts of words (緩和, "mitigation").
const JOINING_WORDS = new Set('and or of for to in on with de do da dos das del la el los las e y et und と の 및'.split(' '))
// Chinese, Japanese and Korean write compounds without spaces: each character counts as a
// word, so "技术背景" is found in "技术背景与约束" word-aligned, as English words are.
const CJK_CHAR = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC])/gu
const COMBINING_MARKS = /[\u0300-\u036f]/g

/** The words of a normalised name as matching compares them: accents folded, CJK split, word forms stemmed. */
export function keyWords(normalized: string): string[] {
  return normalized
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(/đ/g, 'd')
    .replace(CJK_CHAR, ' $1 ')
    .split(' ')
    .filter((word) => word !== '' && !JOINING_WORDS.has(word))
    .map((word) => (/^[a-z]+$/.test(word) ? stem(word) : word))
}

/** Match key of a name as written (a heading, a label, a column): its key words joined by spaces. */
export function matchKey(text: string): string {
  return keyWords(normalizeTitle(text)).join(' ')
}

/** Index of the first word-aligned occurrence of `wanted` in `name`, or -1. */
function wordsAt(name: readonly string[], wanted: readonly string[]): number {
  outer: for (let start = 0; start + wanted.length <= name.length; start++) {
    for (let offset = 0; offset < wanted.length; offset++) if (name[start + offset] !== wanted[offset]) continue outer
    return start
  }
  return -1
}

/**
 * How well a name (a heading, a label, a column) matches a wanted name, both as key words:
 * 1 when they are the same words; less the more the name says besides them; 0 when the
 * wanted words are not all in it. The wanted words at the start beat them further in,
 * which beat them in another order.
 */
export function matchScore(name: readonly string[], wanted: readonly string[]): number {
  if (wanted.length === 0 || name.length === 0) return 0
  const coverage = wanted.length / Math.max(name.length, wanted.length)
  const at = wordsAt(name, wanted)
  if (at >= 0 && name.length === wanted.length) return 1
  if (at === 0) return 0.62 + 0.3 * coverage
  if (at > 0) return 0.6 + 0.3 * coverage
  if (wanted.length > 1) {
    const words = new Set(name)
    if (wanted.every((word) => words.has(word))) return 0.5 + 0.3 * coverage
  }
  return 0
}

/**
 * One way to read a heading or a label: as a whole; without what sits in parentheses or
 * follows a separator ("Constitution Check (re-checked after design)", "Risks — owners");
 * or, for bilingual names such as "Tóm tắt (Summary)", just the part in parentheses,
 * which only counts when it is a wanted name by itself.
 */
export interface NameReading {
  words: string[]
  exactOnly: boolean
}

const PARENTHESISED = /\(([^()]*)\)/gu
const SEPARATOR = /\s[-–—:|/]\s|[–—:|]/u

export function nameReadings(text: string): NameReading[] {
  const readings: NameReading[] = []
  const seen = new Set<string>()
  const add = (part: string, exactOnly: boolean): void => {
    const words = keyWords(normalizeTitle(part))
    const key = words.join(' ')
    if (words.length === 0 || seen.has(key)) return
    seen.add(key)
    readings.push({ words, exactOnly })
  }
  const plain = stripEmoji(text.normalize('NFKC'))
  add(plain, false)
  const outside = plain.replace(PARENTHESISED, ' ')
  add(outside, false)
  add(outside.split(SEPARATOR)[0] ?? '', false)
  for (const match of plain.matchAll(PARENTHESISED)) add(match[1] ?? '', true)
  return readings
}

/** Best score of a name, read every way it can be, against wanted names (key words each). */
export function bestScore(readings: readonly NameReading[], wanted: readonly (readonly string[])[]): number {
  let best = 0
  for (const reading of readings) {
    for (const words of wanted) {
      const score = matchScore(reading.words, words)
      if (score > best && (!reading.exactOnly || score === 1)) best = score
    }
  }
  return best
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
  return normalized === '' ? 0 : normalized.split(' ').length
}

/** Shortens text quoted from a plan in a message. */
export function excerpt(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`
}

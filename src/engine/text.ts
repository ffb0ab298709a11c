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

const MATCH_RANK: Record<TitleMatch, number> = { exact: 3, prefix: 2, contains: 1 }

export function matchRank(match: TitleMatch | null): number {
  return match ? MATCH_RANK[match] : 0
}

/** How a normalised title relates to a normalised wanted name, word-aligned. */
export function matchTitle(normalizedTitle: string, normalizedWanted: string): TitleMatch | null {
  if (normalizedWanted === '') return null
  if (normalizedTitle === normalizedWanted) return 'exact'
  if (normalizedTitle.startsWith(normalizedWanted + ' ')) return 'prefix'
  if (` ${normalizedTitle} `.includes(` ${normalizedWanted} `)) return 'contains'
  return null
}

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or the to with each every all any this that these those'.split(' ')
)

/** Crude stemming is enough to let "owners" meet "owner" and "documented" meet "documentation". */
function stem(word: string): string {
  for (const suffix of ['ation', 'ing', 'ed', 'es', 's']) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length)
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

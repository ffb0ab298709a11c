import { normalizeText } from './text.js'

// Word forms for keyword checks: "indexing" meets "index", "logging" meets
// "log", "boundaries" meets "boundary", "back-pressure" meets "backpressure".

// "ation" keeps its "at" so that "migration" meets "migrate".
const SUFFIXES = ['ations', 'ation', 'ments', 'ment', 'ings', 'ing', 'ies', 'ied', 'ed', 'es', 's', 'e']
const KEEP: Record<string, string> = { ations: 'at', ation: 'at' }

/** A crude stem: good enough that inflections and derivations of one word meet, never so short that unrelated words do. */
export function stemWord(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length <= suffix.length + 2 || !word.endsWith(suffix)) continue
    let stem = word.slice(0, -suffix.length) + (KEEP[suffix] ?? '')
    if (suffix === 'ies' || suffix === 'ied') stem += 'y'
    // "logging" → "logg" → "log"; "planned" → "plann" → "plan".
    if ((suffix === 'ing' || suffix === 'ed') && /([bdgkmnprt])\1$/u.test(stem)) stem = stem.slice(0, -1)
    // "traced"/"tracing" and "trace" meet at "trac".
    if (stem.length > 3 && stem.endsWith('e')) stem = stem.slice(0, -1)
    return stem
  }
  return word
}

/** Text prepared once for many word-form checks. */
export interface WordForms {
  readonly padded: string
}

export function wordForms(text: string): WordForms {
  const stems = normalizeText(text).split(' ').filter((word) => word !== '').map(stemWord)
  return { padded: ` ${stems.join(' ')} ` }
}

/** Whether the text says the phrase in any word form, written apart, hyphenated or as one word. */
export function mentionsWordForm(text: WordForms, phrase: string): boolean {
  const words = normalizeText(phrase).split(' ').filter((word) => word !== '')
  if (words.length === 0) return false
  const apart = words.map(stemWord).join(' ')
  if (text.padded.includes(` ${apart} `)) return true
  return words.length > 1 && text.padded.includes(` ${stemWord(words.join(''))} `)
}

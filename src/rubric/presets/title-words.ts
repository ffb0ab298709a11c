import type { KeyWords } from '../../engine/text.js'
import { TITLE_WORDS } from './title-words.generated.js'

// The built-in presets' and the lexicon's names with their match keys, worked
// out by `npm run generate` (scripts/generated-files.ts) with the engine's own
// functions: one JSON string, parsed at the first lookup, instead of a few
// thousand normalisations at the start of every run.

/** One entry: the stems, a tab, the singulars; words separated by spaces. */
export function encodeTitleWords(words: KeyWords): string {
  return `${words.stems.join(' ')}\t${words.singulars.join(' ')}`
}

const wordsIn = (part: string): string[] => (part === '' ? [] : part.split(' '))

export function decodeTitleWords(json: string): Map<string, KeyWords> {
  const table = JSON.parse(json) as Record<string, string>
  const known = new Map<string, KeyWords>()
  for (const [name, entry] of Object.entries(table)) {
    const tab = entry.indexOf('\t')
    known.set(name, { stems: wordsIn(entry.slice(0, tab)), singulars: wordsIn(entry.slice(tab + 1)) })
  }
  return known
}

export const builtInTitleWords = (): Map<string, KeyWords> => decodeTitleWords(TITLE_WORDS)

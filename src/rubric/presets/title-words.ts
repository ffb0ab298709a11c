import type { KeyWords, TitleWordsTable } from '../../engine/text.js'
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

/** The table's entries, each decoded when first looked up: a run reads a few hundred of them. */
export function decodeTitleWords(json: string): TitleWordsTable {
  const table = JSON.parse(json) as Record<string, string>
  return {
    get(name: string): KeyWords | undefined {
      const entry = Object.hasOwn(table, name) ? table[name] : undefined
      if (entry === undefined) return undefined
      const tab = entry.indexOf('\t')
      return { stems: wordsIn(entry.slice(0, tab)), singulars: wordsIn(entry.slice(tab + 1)) }
    },
    *entries(): IterableIterator<[string, KeyWords]> {
      for (const name of Object.keys(table)) yield [name, this.get(name)!]
    }
  }
}

export const builtInTitleWords = (): TitleWordsTable => decodeTitleWords(TITLE_WORDS)

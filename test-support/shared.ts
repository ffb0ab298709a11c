import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

// The seeds and the corpus live beside the repository, never in it. Tests that
// need them skip, saying why, on a clone that does not have them.
export const SHARED_DIR = path.resolve(process.cwd(), '..', 'shared')
export const CORPUS_DIR = path.join(SHARED_DIR, 'corpus')
export const hasCorpus = existsSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'))

export interface CorpusEntry {
  file: string
  kind: string
  absolute: string
}

export function corpusEntries(): CorpusEntry[] {
  if (!hasCorpus) return []
  const [, ...rows] = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n')
  return rows.map((row) => {
    const [file = '', , , , , kind = ''] = row.split('\t')
    return { file, kind, absolute: path.join(CORPUS_DIR, file) }
  })
}

export function skipNotice(what: string): void {
  if (!hasCorpus) console.warn(`Skipping ${what}: ${CORPUS_DIR} is absent (it sits beside the repository in CI).`)
}

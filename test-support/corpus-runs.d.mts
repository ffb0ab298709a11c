// Types for corpus-runs.mjs.

export const CORPUS_DIR: string
export const hasCorpus: boolean

export interface ManifestEntry {
  file: string
  repo: string
  original: string
  kind: string
  laidOut: string
}

export interface RunFinding {
  rule: string
  severity: 'error' | 'warning'
  line: number
  column: number
  message: string
}

export interface CorpusRun {
  key: string
  run: string
  file: string
  rubric: string
  verdict: 'PASS' | 'FAIL'
  findings: RunFinding[]
}

export function manifest(): ManifestEntry[]
export function corpusRuns(cli: string): CorpusRun[]
export function keyedFindings(run: CorpusRun): Array<{ key: string; finding: RunFinding }>

// Types for corpus-precision.mjs.
import type { CorpusRun } from './corpus-runs.mjs'

export interface Counts {
  right: number
  judged: number
  precision: number
}

export interface Judgement {
  severity: 'error' | 'warning'
  judged: 'right' | 'wrong' | '?'
  why: string
}

export interface RunExpectation {
  rubric: string
  verdict: 'PASS' | 'FAIL'
  verdictJudged: 'right' | 'wrong' | '?'
  why: string
  /** The reviewer defends `verdict`, but plan-gate still gives the other one: kept visible, not hidden. */
  knownWrong?: boolean
  findings: Record<string, Judgement>
}

export interface Expectations {
  minimumErrorPrecision?: number
  runs: Record<string, RunExpectation>
}

export function precision(runs: CorpusRun[], expectations: Expectations): {
  overall: Counts
  errors: Counts
  perRule: Record<string, Counts>
  failingOnWrongAlone: string[]
}

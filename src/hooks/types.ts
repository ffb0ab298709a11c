// What every agent adapter shares: the check it is given, and the answer it
// gives back. Adapters are pure (event in, answer out); only the dispatcher in
// src/cli/hook.ts touches stdin, stdout and the process.

/** The part of `plan-gate check --format json` the hooks read. */
export interface ReportFinding {
  ruleId: string
  severity: 'error' | 'warning'
  message: string
  line: number
  column: number
  hint?: string
}

export interface ReportPlan {
  file: string
  rubric: string
  verdict: 'PASS' | 'FAIL'
  findings: ReportFinding[]
}

export interface CheckReport {
  verdict: 'PASS' | 'FAIL'
  plans: ReportPlan[]
}

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; message: string }

/** Checks the plans changed in the working tree at `directory`. */
export type CheckChanged = (directory: string) => Promise<CheckOutcome>

/** What the hook process prints and how it exits. */
export interface HookAnswer {
  stdout: string
  stderr: string
  exitCode: number
}

export interface HookAdapter {
  /** Answers the agent's event; may throw, and the dispatcher then answers with `onError`. */
  answer(event: Record<string, unknown>, check: CheckChanged, fallbackDirectory: string): Promise<HookAnswer>
  /** The blocking answer for anything that went wrong: a hook that cannot look never lets the agent through silently. */
  onError(message: string): HookAnswer
}

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

export function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`
}

export const ALLOW: HookAnswer = { stdout: '', stderr: '', exitCode: 0 }

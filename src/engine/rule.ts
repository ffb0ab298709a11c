import type { PlanModel } from './model.js'
import type { CompanionSpec, Rubric, SeverityOption } from '../rubric/schema.js'
import type { Finding, Severity } from './types.js'

/**
 * What a rule reports: a position and a reason. The engine stamps rule id,
 * severity, section, hint and docs URL, so rules cannot get those wrong.
 */
export interface RuleReport {
  line: number
  column: number
  endLine?: number
  /** Plain text (no Markdown): renderers escape it, since it may quote the plan. */
  message: string
  /** Overrides the rule's default fix hint when the fix depends on the case. */
  hint?: string
  /** Severity set on the rubric item that produced this report, if any. */
  severity?: Severity
}

/** A sibling file the rubric names, as the caller read it: rules never do I/O. */
export interface CompanionView {
  readonly spec: CompanionSpec
  /** Repository-relative path. */
  readonly file: string
  /** Null when the file is missing or could not be read as text. */
  readonly model: PlanModel | null
  readonly present: boolean
}

export interface RuleContext {
  /** Repository-relative path of the plan. */
  readonly file: string
  readonly model: PlanModel
  /** The plan's companions by id, only those the caller passed in. */
  readonly companions: ReadonlyMap<string, CompanionView>
  readonly rubric: Rubric
  /** Findings of the checking phase; only filled for rules of the `verdict` phase. */
  readonly findings: readonly Finding[]
  report(report: RuleReport): void
}

export interface Rule {
  /** Stable id: the name users put in `rules:` and the docs page name. */
  id: string
  /** Short human title, used as SARIF rule name and inline comment heading. */
  title: string
  description: string
  defaultSeverity: Severity
  /** Default fix hint. */
  hint: string
  /** Plan text the rule reports and text it accepts, for its docs page. */
  examples?: { flagged: string; accepted: string }
  /** `verdict` rules run after all others and read their findings. */
  phase?: 'check' | 'verdict'
  check(context: RuleContext): void
}

/** An item-level severity: `off` skips the item, undefined leaves the rule's own. */
export function isOff(severity: SeverityOption | undefined): boolean {
  return severity === 'off'
}

export function itemSeverity(severity: SeverityOption | undefined): Severity | undefined {
  return severity === 'off' ? undefined : severity
}

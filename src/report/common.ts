// Counting, ordering and wording that every renderer must agree on, so the CLI,
// the PR comment and the job summary never tell different stories.
import { ruleById } from '../engine/rules/index.js'
import type { Finding, PlanResult, RunResult, WaivedFinding } from '../engine/types.js'

export interface Counts {
  errors: number
  warnings: number
}

export function countFindings(findings: readonly Finding[]): Counts {
  let errors = 0
  for (const finding of findings) if (finding.severity === 'error') errors++
  return { errors, warnings: findings.length - errors }
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** "3 errors, 1 warning"; only the parts that are non-zero, or "no findings". */
export function describeCounts(counts: Counts, joiner = ', '): string {
  const parts: string[] = []
  if (counts.errors > 0) parts.push(plural(counts.errors, 'error'))
  if (counts.warnings > 0) parts.push(plural(counts.warnings, 'warning'))
  return parts.length > 0 ? parts.join(joiner) : 'no findings'
}

/** Rule title for people; ids the registry does not know still render. */
export function ruleTitle(ruleId: string): string {
  return ruleById(ruleId)?.title ?? ruleId
}

/** Reading order within a plan: by position, errors first on a shared spot. */
export function byPosition(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    severityRank(a) - severityRank(b) ||
    compareText(a.ruleId, b.ruleId)
  )
}

export function severityRank(finding: Finding): number {
  return finding.severity === 'error' ? 0 : 1
}

/** Locale-independent, so output is identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Rules about the plan's own gate line: their message restates the verdict,
 * so sentences that count "the errors against the plan" leave them out.
 */
export const GATE_META_RULES: ReadonlySet<string> = new Set(['gate-contradiction', 'gate-declared-fail'])

/** Errors other than the ones that only restate the gate. */
export function substantiveErrors(plan: PlanResult): number {
  return plan.findings.filter(
    (finding) => finding.severity === 'error' && !GATE_META_RULES.has(finding.ruleId)
  ).length
}

/**
 * Completes "the plan declares Gate: PASS, but …" for a failing plan:
 * "3 errors contradict it", falling back to warnings when those failed it.
 */
export function contradiction(plan: PlanResult): string {
  const errors = substantiveErrors(plan)
  const warnings = countFindings(plan.findings).warnings
  if (errors > 0) return `${plural(errors, 'error')} ${errors === 1 ? 'contradicts' : 'contradict'} it`
  if (warnings > 0) return `${plural(warnings, 'warning')} ${warnings === 1 ? 'contradicts' : 'contradict'} it`
  return 'the checks fail it'
}

export interface GateTally {
  failing: number
  total: number
  /** "1 of 2 plans fail the gate", "all 2 plans pass the gate", … without icon. */
  text: string
}

export function tallyGate(result: RunResult): GateTally {
  const total = result.plans.length
  const failing = result.plans.filter((plan) => plan.verdict === 'FAIL').length
  let text: string
  if (total === 0) {
    text = 'no plan files matched'
  } else if (failing > 0) {
    text = total === 1 ? 'the plan fails the gate' : `${failing} of ${total} plans fail the gate`
  } else if (result.verdict === 'FAIL') {
    // Every plan passed yet the run failed: say so rather than contradict the check.
    text = 'the gate fails'
  } else {
    text = total === 1 ? 'the plan passes the gate' : `all ${total} plans pass the gate`
  }
  return { failing, total, text }
}

/** Plans that get their own section: anything failing or with something to say. */
export function plansWithFindings(result: RunResult): PlanResult[] {
  return result.plans.filter((plan) => plan.verdict === 'FAIL' || plan.findings.length > 0 || (plan.waived?.length ?? 0) > 0)
}

/** Why a waived finding does not count: "waived: <reason>, until 2027-03-31" or "in the baseline <file>". */
export function waiverNote(finding: WaivedFinding): string {
  const { by, reason, expires } = finding.waiver
  if (by === 'baseline') return reason
  return `waived: ${reason}${expires !== undefined ? `, until ${expires}` : ''}`
}

import { verdictOf } from './check.js'
import { ruleDocsUrl } from './docs-url.js'
import { fingerprint } from './fingerprint.js'
import { ruleById } from './rules/index.js'
import { globMatcher } from '../rubric/glob.js'
import { normalizeText } from './text.js'
import type { FailOn, Finding, PlanResult, WaivedFinding } from './types.js'

// Waivers and the baseline excuse known findings so a team can turn the gate on
// in a repository full of older plans. They never hide anything: a waived
// finding moves to `waived` and every report shows it. Pure: the caller
// supplies today's date, so the engine stays free of clocks.

export interface Waiver {
  files: string[]
  rule: string
  /** Only findings in this plan section (its heading title, compared as words). */
  section?: string
  /** Only findings whose message contains this text (case-insensitive). */
  match?: string
  reason: string
  /** Last day the waiver holds, YYYY-MM-DD. */
  expires?: string
}

export interface BaselineEntry {
  file: string
  rule: string
  fingerprint: string
}

export interface WaiverPolicy {
  waivers: readonly Waiver[]
  baseline: readonly BaselineEntry[]
  /** Where the waivers were declared, for messages: the config path. */
  source: string
  /** The baseline file, for messages; undefined without one. */
  baselineFile?: string
}

/** Findings nothing may excuse: a plan that was not fully checked fails, whatever the config says. */
function unwaivable(ruleId: string): boolean {
  return ruleId.startsWith('plan-') || ruleId === 'internal-error' || ruleId === 'waiver-expired'
}

const matchers = new WeakMap<Waiver, (path: string) => boolean>()

function filesMatch(waiver: Waiver, file: string): boolean {
  let matches = matchers.get(waiver)
  if (!matches) matchers.set(waiver, (matches = globMatcher(waiver.files)))
  return matches(file)
}

function excuses(waiver: Waiver, finding: Finding): boolean {
  if (finding.ruleId !== waiver.rule || unwaivable(finding.ruleId)) return false
  if (waiver.section !== undefined && normalizeText(finding.section ?? '') !== normalizeText(waiver.section)) return false
  if (waiver.match !== undefined && !finding.message.toLowerCase().includes(waiver.match.toLowerCase())) return false
  return true
}

function policyFinding(ruleId: 'waiver-expired' | 'waiver-unused', message: string, hint: string): Finding {
  const rule = ruleById(ruleId)
  return { ruleId, severity: rule?.defaultSeverity ?? 'error', message, line: 1, column: 1, hint, url: ruleDocsUrl(ruleId) }
}

function describe(waiver: Waiver): string {
  const scope = [waiver.section !== undefined ? `section "${waiver.section}"` : '', waiver.match !== undefined ? `text "${waiver.match}"` : ''].filter(Boolean).join(', ')
  return `the waiver of ${waiver.rule}${scope ? ` (${scope})` : ''}`
}

export function applyWaivers(plan: PlanResult, policy: WaiverPolicy, today: string, failOn: FailOn): PlanResult {
  if (policy.waivers.length === 0 && policy.baseline.length === 0) return plan
  let findings = [...plan.findings]
  const waived: WaivedFinding[] = [...(plan.waived ?? [])]
  const added: Finding[] = []
  for (const waiver of policy.waivers) {
    if (!filesMatch(waiver, plan.file)) continue
    if (waiver.expires !== undefined && waiver.expires < today) {
      added.push(
        policyFinding(
          'waiver-expired',
          `${describe(waiver)} in ${policy.source} expired on ${waiver.expires}, so its findings count again`,
          `Fix the findings it waived, or, if the reason still holds, renew the waiver with a new "expires" date in ${policy.source}.`
        )
      )
      continue
    }
    const kept: Finding[] = []
    let used = false
    for (const finding of findings) {
      if (excuses(waiver, finding)) {
        used = true
        waived.push({ ...finding, waiver: { by: 'waiver', reason: waiver.reason, ...(waiver.expires !== undefined ? { expires: waiver.expires } : {}) } })
      } else {
        kept.push(finding)
      }
    }
    findings = kept
    if (!used) {
      added.push(
        policyFinding('waiver-unused', `${describe(waiver)} in ${policy.source} matches no finding in this plan`, `Remove the waiver from ${policy.source}: what it excused is fixed, or it never matched.`)
      )
    }
  }
  if (policy.baseline.length > 0) {
    const known = new Set(policy.baseline.filter((entry) => entry.file === plan.file).map((entry) => `${entry.rule}\u0000${entry.fingerprint}`))
    findings = findings.filter((finding) => {
      if (unwaivable(finding.ruleId) || !known.has(`${finding.ruleId}\u0000${fingerprint(plan.file, finding.ruleId, finding.message)}`)) return true
      waived.push({ ...finding, waiver: { by: 'baseline', reason: `in the baseline ${policy.baselineFile ?? ''}`.trim() } })
      return false
    })
  }
  // gate-contradiction only restates the errors that contradict a declared PASS;
  // once every one of them is waived, it has nothing left to say.
  const contradicted = findings.some((finding) => finding.severity === 'error' && finding.ruleId !== 'gate-contradiction' && finding.ruleId !== 'gate-declared-fail')
  if (!contradicted && waived.length > 0) {
    findings = findings.filter((finding) => {
      if (finding.ruleId !== 'gate-contradiction') return true
      waived.push({ ...finding, waiver: { by: 'waiver', reason: 'every finding that contradicted the declared PASS is waived' } })
      return false
    })
  }
  const all = [...added, ...findings]
  return { ...plan, findings: all, verdict: verdictOf(all, failOn), ...(waived.length > 0 ? { waived } : {}) }
}

/** The baseline entries for every finding of a run: what `plan-gate baseline` writes. */
export function baselineOf(plans: readonly PlanResult[]): BaselineEntry[] {
  const entries: BaselineEntry[] = []
  for (const plan of plans) {
    for (const finding of [...plan.findings, ...(plan.waived ?? [])]) {
      if (unwaivable(finding.ruleId) || finding.ruleId === 'waiver-unused') continue
      entries.push({ file: plan.file, rule: finding.ruleId, fingerprint: fingerprint(plan.file, finding.ruleId, finding.message) })
    }
  }
  const unique = new Map(entries.map((entry) => [`${entry.file}\u0000${entry.rule}\u0000${entry.fingerprint}`, entry]))
  return [...unique.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.fingerprint < b.fingerprint ? -1 : 1))
}

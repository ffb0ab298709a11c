// `--format json`: the machine-readable contract. Scripts depend on its shape,
// so keys are written explicitly in a fixed order and `version` changes only
// when that shape does.
import type { DeclaredGate, Finding, PlanResult, RunResult, WaivedFinding } from '../engine/types.js'

/** Bumped on any incompatible change to the JSON shape. */
export const JSON_SCHEMA_VERSION = 1

export function renderJson(result: RunResult): string {
  const document = {
    version: JSON_SCHEMA_VERSION,
    verdict: result.verdict,
    plans: result.plans.map(planJson)
  }
  // JSON.stringify leaves C1 controls and bidi/format characters raw, and they
  // can only occur inside strings; escaping them keeps `cat report.json` safe
  // without changing what a parser reads.
  return (
    JSON.stringify(document, null, 2).replace(
      /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
    ) + '\n'
  )
}

function planJson(plan: PlanResult) {
  return {
    file: plan.file,
    rubric: plan.rubric,
    rubricSource: plan.rubricSource,
    verdict: plan.verdict,
    declaredGate: gateJson(plan.declaredGate),
    gateRequired: plan.gateRequired,
    findings: plan.findings.map(findingJson),
    // Added in the same shape version: readers that do not know it see the same findings as before.
    ...(plan.waived && plan.waived.length > 0 ? { waived: plan.waived.map(waivedJson) } : {})
  }
}

function waivedJson(finding: WaivedFinding) {
  return { ...findingJson(finding), waiver: { ...finding.waiver } }
}

function gateJson(gate: DeclaredGate | null) {
  return gate === null ? null : { value: gate.value, reason: gate.reason, line: gate.line }
}

function findingJson(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    ...(finding.endLine !== undefined ? { endLine: finding.endLine } : {}),
    ...(finding.section !== undefined ? { section: finding.section } : {}),
    hint: finding.hint,
    url: finding.url
  }
}

// The text an agent reads when plan-gate sends it back: every finding with
// its place, so the agent can fix the plan without running anything else.
import type { CheckReport } from './types.js'

export function failureReason(report: CheckReport): string {
  const failing = report.plans.filter((plan) => plan.verdict === 'FAIL')
  const lines = [
    `plan-gate: ${failing.length} of ${report.plans.length} changed plan${report.plans.length === 1 ? '' : 's'} fail${failing.length === 1 ? 's' : ''} the gate. Fix every finding below (or declare "Gate: FAIL — <reason>" when the plan is honestly not ready), then check again with: npx plan-gate check --changed`
  ]
  for (const plan of failing) {
    lines.push('', `${plan.file} (rubric ${plan.rubric}):`)
    for (const finding of plan.findings) {
      lines.push(`  ${plan.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message} [${finding.ruleId}]`)
      if (finding.hint) lines.push(`    fix: ${finding.hint}`)
    }
  }
  return lines.join('\n')
}

export function errorReason(message: string): string {
  return `plan-gate could not check the changed plans, so the gate fails: ${message}\nFix the cause (or ask the user to), then check again with: npx plan-gate check --changed`
}

export function stillFailing(report: CheckReport): string {
  const failing = report.plans.filter((plan) => plan.verdict === 'FAIL').map((plan) => plan.file)
  return `plan-gate: the agent stopped although ${failing.length === 1 ? 'this changed plan still fails' : 'these changed plans still fail'} the gate: ${failing.join(', ')}. Run: npx plan-gate check --changed`
}

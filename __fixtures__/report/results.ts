// One canonical run and variants that each drop one optional piece, so every
// renderer is tested against the same story: a plan that declares PASS while
// errors remain, and a plan that passes cleanly.
import type { Finding, PlanResult, RunResult } from '../../src/engine/types.js'
import type { ReportContext } from '../../src/report/context.js'

const DOCS = 'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/'

export const FAILING_FILE = '.spec-dev/active-dev/active-plan.md'
export const PASSING_FILE = '.specify/specs/f-12-vector-configuration/plan.md'
export const HEAD_SHA = '9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d'

export const ctx: ReportContext = {
  version: '1.0.0',
  repoUrl: 'https://github.com/acme/widgets',
  headSha: HEAD_SHA,
  baseSha: '3f2a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b',
  configSource: '.github/plan-gate.yml at base 3f2a1c0',
  jobSummaryUrl: 'https://github.com/acme/widgets/actions/runs/42'
}

/** The CLI's context: it knows its version and nothing about GitHub. */
export const offlineCtx: ReportContext = { version: '1.0.0' }

function finding(partial: Omit<Finding, 'url'>): Finding {
  return { ...partial, url: `${DOCS}${partial.ruleId}.md` }
}

// Deliberately not in line order: renderers sort for reading.
export const failingFindings: Finding[] = [
  finding({
    ruleId: 'gate-contradiction',
    severity: 'error',
    message: 'The plan declares "Gate: PASS", but 3 errors contradict it (2 checklist-unchecked, 1 table-coverage)',
    line: 98,
    column: 1,
    hint: 'Fix the findings listed, or declare `Gate: FAIL — <reason>` until they are fixed.'
  }),
  finding({
    ruleId: 'checklist-unchecked',
    severity: 'error',
    message: 'Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified."',
    line: 92,
    column: 3,
    endLine: 92,
    section: 'Readiness Checklist',
    hint: 'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.'
  }),
  finding({
    ruleId: 'table-coverage',
    severity: 'error',
    message: 'Table "Risks" has no row for the security area (one row each needed for architecture, data, security, operations)',
    line: 80,
    column: 1,
    endLine: 86,
    section: 'Risks Register',
    hint: 'Add a row whose Area is security.'
  }),
  finding({
    ruleId: 'checklist-unchecked',
    severity: 'error',
    message: 'Unchecked item in "Readiness Checklist": "Security controls tied to identified threats."',
    line: 94,
    column: 3,
    endLine: 94,
    section: 'Readiness Checklist',
    hint: 'Do what the item asks and tick it (`- [x]`), or declare `Gate: FAIL — <reason>` until it is done.'
  }),
  finding({
    ruleId: 'placeholder',
    severity: 'warning',
    message: 'Placeholder "TBD" left in the plan',
    line: 61,
    column: 14,
    endLine: 61,
    section: 'Observability & Operations',
    hint: 'Replace the placeholder with the real content, or remove it.'
  })
]

export const failingPlan: PlanResult = {
  file: FAILING_FILE,
  rubric: 'spec-dev',
  rubricSource: 'matched .spec-dev/**/active-plan.md in .github/plan-gate.yml',
  verdict: 'FAIL',
  declaredGate: { value: 'PASS', reason: null, line: 98 },
  gateRequired: true,
  findings: failingFindings
}

export const passingPlan: PlanResult = {
  file: PASSING_FILE,
  rubric: 'specflow',
  rubricSource: 'built-in default for .specify/specs/*/plan.md',
  verdict: 'PASS',
  declaredGate: null,
  gateRequired: false,
  findings: []
}

export const canonical: RunResult = { verdict: 'FAIL', plans: [failingPlan, passingPlan] }

function withFailingPlan(change: (plan: PlanResult) => PlanResult): RunResult {
  return { verdict: 'FAIL', plans: [change(structuredClone(failingPlan)), structuredClone(passingPlan)] }
}

export const variants = {
  noSection: withFailingPlan((plan) => ({
    ...plan,
    findings: plan.findings.map(({ section: _section, ...rest }) => rest)
  })),
  noEndLine: withFailingPlan((plan) => ({
    ...plan,
    findings: plan.findings.map(({ endLine: _endLine, ...rest }) => rest)
  })),
  noDeclaredGate: withFailingPlan((plan) => ({
    ...plan,
    declaredGate: null,
    findings: [
      ...plan.findings.filter((f) => f.ruleId !== 'gate-contradiction'),
      finding({
        ruleId: 'gate-missing',
        severity: 'error',
        message: 'The plan declares no gate; expected a last line "Gate: PASS" or "Gate: FAIL — <reason>"',
        line: 1,
        column: 1,
        hint: 'End the plan with `Gate: PASS` once every requirement is met, or `Gate: FAIL — <reason>`.'
      })
    ]
  })),
  declaredFailWithReason: withFailingPlan((plan) => ({
    ...plan,
    declaredGate: { value: 'FAIL', reason: 'Waiting on the security review of the token service', line: 98 },
    findings: [
      ...plan.findings.filter((f) => f.ruleId !== 'gate-contradiction'),
      finding({
        ruleId: 'gate-declared-fail',
        severity: 'error',
        message: 'The plan declares "Gate: FAIL": Waiting on the security review of the token service',
        line: 98,
        column: 1,
        hint: 'Resolve what the reason names, then declare `Gate: PASS`.'
      })
    ]
  })),
  declaredFailWithoutReason: withFailingPlan((plan) => ({
    ...plan,
    declaredGate: { value: 'FAIL', reason: null, line: 98 },
    findings: [
      ...plan.findings.filter((f) => f.ruleId !== 'gate-contradiction'),
      finding({
        ruleId: 'gate-declared-fail',
        severity: 'error',
        message: 'The plan declares "Gate: FAIL"',
        line: 98,
        column: 1,
        hint: 'Resolve what the reason names, then declare `Gate: PASS`.'
      }),
      finding({
        ruleId: 'gate-fail-reason',
        severity: 'error',
        message: 'The plan declares "Gate: FAIL" without a reason',
        line: 98,
        column: 1,
        hint: 'Say why after a dash: `Gate: FAIL — <reason>`.'
      })
    ]
  })),
  /** Both plans pass; one still carries a warning. */
  passingWithWarning: {
    verdict: 'PASS',
    plans: [
      {
        ...structuredClone(failingPlan),
        verdict: 'PASS',
        findings: failingFindings.filter((f) => f.severity === 'warning')
      },
      structuredClone(passingPlan)
    ]
  } satisfies RunResult,
  allPass: { verdict: 'PASS', plans: [structuredClone(passingPlan)] } satisfies RunResult,
  zeroPlans: { verdict: 'PASS', plans: [] } satisfies RunResult
}

/** A plan with `count` distinct errors, for caps and ordering. */
export function manyFindings(count: number): RunResult {
  const findings = Array.from({ length: count }, (_, index) =>
    finding({
      ruleId: 'section-too-short',
      severity: index % 5 === 0 ? 'warning' : 'error',
      message: `Section "Part ${index + 1}" has 3 words; expected at least 40`,
      line: 10 + index * 4,
      column: 1,
      section: `Part ${index + 1}`,
      hint: 'Say what is planned, for whom, and how it is verified.'
    })
  )
  return { verdict: 'FAIL', plans: [{ ...structuredClone(failingPlan), declaredGate: null, findings }] }
}

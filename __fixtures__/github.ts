// Typed builders for what the github layer reads and decides on, so unit
// tests state only the fields that matter to them.
import type { Finding, PlanResult, RunResult } from '../src/engine/types.js'
import type { ExistingInlineComment, InlineComment } from '../src/github/review.js'
import type { StickyComment } from '../src/github/sticky-comment.js'

let nextId = 1000

export function stickyComment(overrides: Partial<StickyComment> = {}): StickyComment {
  const id = overrides.id ?? ++nextId
  return {
    id,
    body: '<!-- plan-gate:sticky key=Plans/plan-gate -->\n## ✅ plan-gate',
    createdAt: '2026-01-01T00:00:00Z',
    url: `https://github.com/octo-org/octo-repo/pull/7#issuecomment-${id}`,
    ...overrides
  }
}

export function existingInline(overrides: Partial<ExistingInlineComment> & { fingerprint: string }): ExistingInlineComment {
  return {
    id: ++nextId,
    path: 'plan.md',
    body: `❌ **Finding**\n<!-- plan-gate:finding key=Plans/plan-gate fp=${overrides.fingerprint} -->`,
    createdAt: '2026-01-01T00:00:00Z',
    replied: false,
    resolved: false,
    ...overrides
  }
}

export function inline(fingerprint: string, line = 1, path = 'plan.md'): InlineComment {
  return { path, line, fingerprint, body: `finding ${fingerprint}` }
}

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'checklist-unchecked',
    severity: 'error',
    message: 'Unchecked item in "Readiness Checklist"',
    line: 1,
    column: 1,
    hint: 'Tick it.',
    url: 'https://example.invalid/rules/checklist-unchecked.md',
    ...overrides
  }
}

export function plan(file: string, findings: Finding[]): PlanResult {
  return {
    file,
    rubric: 'spec-dev',
    rubricSource: 'test',
    verdict: findings.some((item) => item.severity === 'error') ? 'FAIL' : 'PASS',
    declaredGate: null,
    gateRequired: true,
    findings
  }
}

export function runResult(plans: PlanResult[]): RunResult {
  return { verdict: plans.every((item) => item.verdict === 'PASS') ? 'PASS' : 'FAIL', plans }
}

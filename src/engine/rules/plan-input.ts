import type { Rule } from '../rule.js'

// Findings about the input itself. The engine raises them before any parsing
// (see check.ts); they are rules so that they have ids, docs and severities like every other finding.

export const planTooLarge: Rule = {
  id: 'plan-too-large',
  title: 'Plan too large to check',
  description: 'The plan is larger than the configured limit (default 1 MiB), so it is not parsed and the gate fails.',
  defaultSeverity: 'error',
  hint: 'Split the plan, move generated material out of it, or raise `limits.maxPlanBytes` in the config.',
  check() {}
}

export const planEncoding: Rule = {
  id: 'plan-encoding',
  title: 'Plan is not UTF-8 text',
  description: 'The plan contains NUL bytes or invalid UTF-8, so it is not text plan-gate can check.',
  defaultSeverity: 'error',
  hint: 'Save the plan as UTF-8 text.',
  check() {}
}

export const planUnparseable: Rule = {
  id: 'plan-unparseable',
  title: 'Plan cannot be parsed',
  description: 'The Markdown parser could not read the plan within its time and depth budget (e.g. thousands of nested lists or quotes), so the gate fails.',
  defaultSeverity: 'error',
  hint: 'Remove the deeply nested or pathological construct near the reported line.',
  check() {}
}

export const internalError: Rule = {
  id: 'internal-error',
  title: 'Internal error',
  description: 'A rule failed while checking the plan. The gate fails closed; please report the plan that caused it.',
  defaultSeverity: 'error',
  hint: 'Report this at the plan-gate issue tracker with the plan that caused it.',
  check() {}
}

import type { Rule } from '../rule.js'

// Findings about the config's waivers, raised when they are applied (see
// ../waivers.ts) rather than by reading the plan; they are rules so that they
// have ids, docs and severities like every other finding.

export const waiverExpired: Rule = {
  id: 'waiver-expired',
  title: 'Waiver expired',
  description:
    'A waiver in the config whose `expires` date has passed. The findings it waived count again, and this finding fails the plan so that nobody mistakes an old excuse for a current one. Counts: a waiver whose `files` match the plan and whose `expires` is before today (UTC). Does not count: a waiver without `expires`, or one that expires today.',
  defaultSeverity: 'error',
  hint: 'Fix the findings the waiver excused, or renew it with a later `expires` date and a reason that still holds.',
  check() {}
}

export const waiverUnused: Rule = {
  id: 'waiver-unused',
  title: 'Waiver matches nothing',
  description:
    'A waiver whose `files` match the plan but which excuses none of its findings: what it waived is fixed, or its rule, section or text never matched. Counts: a checked plan that the waiver names. Does not count: plans the waiver does not name, which a pull request may not check at all.',
  defaultSeverity: 'warning',
  hint: 'Remove the waiver, or correct its `rule`, `section` or `match` so it names the finding it is meant for.',
  check() {}
}

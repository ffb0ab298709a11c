// A small, fixed rule registry. Renderer tests swap it in for the real one so
// their expectations do not move whenever a rule is added or retitled, and so
// that ids the registry does not know are exercised too.
import { jest } from '@jest/globals'
import type { Rule } from '../../src/engine/rule.js'

function rule(id: string, title: string, defaultSeverity: Rule['defaultSeverity']): Rule {
  return {
    id,
    title,
    description: `${title}.`,
    defaultSeverity,
    hint: `Fix the ${id} finding.`,
    check() {}
  }
}

export const fakeRules: readonly Rule[] = [
  rule('table-coverage', 'Risk area not covered', 'error'),
  rule('checklist-unchecked', 'Unchecked checklist item', 'error'),
  rule('gate-contradiction', 'Declared PASS contradicted', 'error')
]

/** Must run before the renderers are imported. */
export function useFakeRegistry(): void {
  jest.unstable_mockModule('../../src/engine/rules/index.js', () => ({
    rules: fakeRules,
    ruleById: (id: string) => fakeRules.find((candidate) => candidate.id === id)
  }))
}

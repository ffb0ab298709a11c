import { itemSeverity, isOff, type Rule } from '../rule.js'

export const companionMissing: Rule = {
  id: 'companion-missing',
  title: 'Missing companion file',
  description:
    'The rubric names a file that belongs beside the plan (e.g. the same change\'s `tasks.md`) and it does not exist. A warning by default: the plan under review is judged on its own text, and a sibling often comes later in the workflow (tasks after the design is approved) or lives where a partial checkout does not show it. A rubric that needs the file to be there sets `severity: error` on the companion. What the sibling must say is checked whenever it is there.',
  defaultSeverity: 'warning',
  hint: 'Add the file beside the plan, or mark the companion `required: false` in the rubric.',
  check({ companions, report }) {
    for (const companion of companions.values()) {
      if (companion.present || !companion.spec.required || isOff(companion.spec.severity)) continue
      report({
        line: 1,
        column: 1,
        message: `Missing ${companion.file}: the rubric expects "${companion.spec.path}" beside the plan`,
        hint: `Create ${companion.file}${companion.spec.rubricRef ? ` (\`plan-gate template ${companion.spec.rubricRef}\` prints a skeleton)` : ''}.`,
        severity: itemSeverity(companion.spec.severity)
      })
    }
  }
}

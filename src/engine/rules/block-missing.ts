import { itemSeverity, isOff, type Rule } from '../rule.js'
import { findBlocks } from '../blocks.js'
import { anchorOf, sectionHeading } from '../lookup.js'

export const blockMissing: Rule = {
  id: 'block-missing',
  title: 'Too few numbered blocks',
  description: 'The rubric expects repeated numbered blocks (e.g. `### Requirement 1`, `## 1. Group`) and the file has fewer than `minCount`.',
  defaultSeverity: 'error',
  hint: 'Add the numbered blocks the rubric expects, with headings in the form it names.',
  check({ model, rubric, report }) {
    for (const spec of rubric.blocks) {
      if (!spec.required || isOff(spec.severity) || spec.minCount === 0) continue
      const found = findBlocks(model, rubric, spec).length
      if (found >= spec.minCount) continue
      const heading = sectionHeading(model, rubric, spec.section)
      report({
        ...anchorOf(heading),
        message: `Expected at least ${spec.minCount} "${spec.title}" block${spec.minCount === 1 ? '' : 's'} (headings matching /${spec.heading}/)${heading ? ` in "${heading.title}"` : ''}; found ${found}`,
        hint: `Write each ${spec.title} under its own numbered heading, matching /${spec.heading}/.`,
        severity: itemSeverity(spec.severity)
      })
    }
  }
}

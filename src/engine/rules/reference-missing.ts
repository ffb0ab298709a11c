import { itemSeverity, isOff, type Rule } from '../rule.js'
import { anchorOf, inlineSectionLines, sectionHeading } from '../lookup.js'
import { citations, covers, definedBlocks, fileOf } from './reference-lookup.js'

export const referenceMissing: Rule = {
  id: 'reference-missing',
  title: 'Id not cited where it must be',
  description: 'An id one file of the feature defines (a requirement, an acceptance criterion) is not cited in the file that must cite it, e.g. a requirement no task covers or the design does not trace. A block cited only in part (some acceptance criteria of a requirement, not all) takes the reference\'s `partial` severity when it sets one.',
  defaultSeverity: 'error',
  hint: 'Cite the id where the rubric says (e.g. `_Requirements: 2.1_` on the task that covers it, or a row of the traceability table), or remove the requirement.',
  check(context) {
    const { rubric, report } = context
    for (const spec of rubric.references) {
      if (isOff(spec.severity)) continue
      const defining = fileOf(context, spec.defined)
      const citing = fileOf(context, spec.cited)
      // A missing or unreadable file is its own finding (companion-missing, or the file's own result).
      if (!defining || !citing) continue
      // Without the section that should hold the citations, section-missing already says what to add.
      if (spec.cited.section && !sectionHeading(citing.model, citing.rubric, spec.cited.section) && inlineSectionLines(citing.model, citing.rubric, spec.cited.section).length === 0) continue
      const cited = new Set(citations(citing, spec.cited).map((citation) => citation.id))
      const anchorHeading = citing.file === context.file ? sectionHeading(context.model, rubric, spec.cited.section) : null
      const where = `${citing.file}${spec.cited.section && citing.file === context.file && anchorHeading ? ` ("${anchorHeading.title}")` : ''}`
      for (const block of definedBlocks(defining, spec.defined)) {
        const ids = spec.level === 'blocks' || block.items.length === 0 ? [block.number] : block.items.map((item) => item.id)
        const missing = ids.filter((id) => !covers(cited, id, spec.level))
        if (missing.length === 0) continue
        // Some of the block's items cited and others not: the block is covered, its detail is not.
        const partly = spec.level === 'items' && missing.length < ids.length && spec.partial !== undefined
        if (partly && isOff(spec.partial)) continue
        const defined = defining.file === context.file ? `line ${block.heading.line}` : `${defining.file}:${block.heading.line}`
        report({
          ...(defining.file === context.file ? { line: block.heading.line, column: block.heading.column } : anchorOf(anchorHeading)),
          message: `${capitalize(spec.title)} ${missing.length === 1 ? missing[0] : missing.join(', ')} (${excerpt(block.heading.title)}, ${defined}) ${missing.length === 1 ? 'is' : 'are'} not cited in ${where}`,
          severity: itemSeverity(partly ? spec.partial : spec.severity)
        })
      }
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

import { isOff, type Rule } from '../rule.js'
import { citations, definedBlocks, fileOf } from './reference-lookup.js'

export const referenceUnknown: Rule = {
  id: 'reference-unknown',
  title: 'Citation of an id that does not exist',
  description: 'A file of the feature cites an id (e.g. `_Requirements: 7.2_`) that the defining file does not define: a renumbered or deleted requirement.',
  defaultSeverity: 'warning',
  hint: 'Cite an id the defining file has, or add the requirement it refers to.',
  check(context) {
    const { rubric, report } = context
    for (const spec of rubric.references) {
      if (isOff(spec.severity) || isOff(spec.unknown)) continue
      const defining = fileOf(context, spec.defined)
      const citing = fileOf(context, spec.cited)
      if (!defining || !citing) continue
      const known = new Set<string>()
      for (const block of definedBlocks(defining, spec.defined)) {
        known.add(block.number)
        for (const item of block.items) known.add(item.id)
      }
      // With nothing defined, every citation would be "unknown": reference-missing and the blocks' own rules say what is wrong.
      if (known.size === 0) continue
      const reported = new Set<string>()
      for (const citation of citations(citing, spec.cited)) {
        if (known.has(citation.id) || reported.has(citation.id)) continue
        reported.add(citation.id)
        const message = `${citing.file} cites ${spec.title} ${citation.id}, which ${defining.file} does not define`
        // Citations in a companion cannot be placed in the plan's lines: they point at the plan's first line and name the file and line.
        const place = citing.file === context.file ? { line: citation.line, column: citation.column } : { line: 1, column: 1 }
        report({ ...place, message: citing.file === context.file ? message : `${message} (${citing.file}:${citation.line})`, severity: spec.unknown === 'error' ? 'error' : 'warning' })
      }
    }
  }
}

import { itemSeverity, isOff, type Rule } from '../rule.js'
import { ruleLines } from '../blocks.js'
import { regexPattern } from '../patterns.js'
import { excerpt } from '../text.js'

export const linePattern: Rule = {
  id: 'line-pattern',
  title: 'Line not in the required form',
  description: 'Every line of a kind (the items of a block list, or the list items of a section) must match one of the rubric\'s patterns, e.g. acceptance criteria written in EARS.',
  defaultSeverity: 'error',
  hint: 'Rewrite the line in the form the rubric names.',
  check({ model, rubric, report }) {
    for (const spec of rubric.lines) {
      if (isOff(spec.severity)) continue
      const patterns = spec.patterns.map((source) => regexPattern(source, spec.caseSensitive))
      for (const line of ruleLines(model, rubric, spec)) {
        // Emphasis and links around words are markup, not part of the form.
        const text = line.text.replace(/[*_`]+/gu, '').replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
        if (text === '' || patterns.some((pattern) => pattern.test(text))) continue
        report({
          line: line.line,
          column: line.column,
          message: `${capitalize(spec.title)} ${line.id} is not in the required form${spec.expected ? ` (${spec.expected})` : ''}: "${excerpt(line.text)}"`,
          hint: spec.expected ? `Rewrite it as: ${spec.expected}.` : undefined,
          severity: itemSeverity(spec.severity)
        })
      }
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

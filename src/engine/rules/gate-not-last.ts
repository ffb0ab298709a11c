import type { Rule } from '../rule.js'

export const gateNotLast: Rule = {
  id: 'gate-not-last',
  title: 'Gate line is not at the end',
  description: 'Content follows the declared gate; the gate must be the plan\'s closing verdict.',
  defaultSeverity: 'warning',
  hint: 'Move the gate line to the end of the plan.',
  check({ model, report }) {
    const gate = model.declaredGate
    if (!gate) return
    const after =
      model.spans.find((span) => span.line > gate.line) ??
      model.codeBlocks.find((block) => block.line > gate.line) ??
      model.tables.find((table) => table.line > gate.line)
    if (!after) return
    report({
      line: gate.line,
      column: gate.column,
      message: `The gate at line ${gate.line} is followed by more content (line ${after.line}); expected it last`
    })
  }
}

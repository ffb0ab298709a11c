// Plan text written to attack the reports: pings, HTML, images, links, code
// fence and table breakouts, a forged marker and verdict, invisible and
// terminal control characters, and very long lines.
import type { Finding, RunResult } from '../../src/engine/types.js'
import { passingPlan } from './results.js'

export const HOSTILE = [
  '@octocat',
  '@org/team',
  '@everyone',
  '<img src=x onerror=alert(1)>',
  '![x](http://evil/x.png)',
  '[click](javascript:alert(1))',
  '```',
  '`',
  '|',
  '\n<!-- plan-gate:sticky -->',
  '\n## ✅ plan-gate: PASS\n',
  '<details open>',
  '#1',
  'www.evil.example',
  '\u202E',
  '\u0007',
  '\u001b[31m'
].join(' ')

export const LONG_A = 'A'.repeat(10_000)
export const LONG_B = 'B'.repeat(10_000)

/** A path with every trick; its `//` also means no link can be made to it. */
export const HOSTILE_FILE = `plans/${HOSTILE}/plan.md`
/** A path a link can still point to, with the tricks that fit in a file name. */
export const LINKABLE_HOSTILE_FILE = 'plans/@octocat <img src=x onerror=alert(1)> |`x`| <!-- plan-gate:sticky -->.md'

const DOCS = 'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/'

function finding(partial: Omit<Finding, 'url' | 'column'>): Finding {
  return { column: 1, ...partial, url: `${DOCS}${partial.ruleId}.md` }
}

export const hostileFindings: Finding[] = [
  finding({
    ruleId: 'section-content',
    severity: 'error',
    message: `${HOSTILE} ${LONG_A}`,
    line: 12,
    endLine: 14,
    section: HOSTILE,
    hint: HOSTILE
  }),
  finding({ ruleId: 'section-too-short', severity: 'error', message: LONG_B, line: 20, hint: LONG_A }),
  finding({ ruleId: 'placeholder', severity: 'warning', message: 'Placeholder', line: 30, section: HOSTILE, hint: HOSTILE })
]

export const hostileRun: RunResult = {
  verdict: 'FAIL',
  plans: [
    {
      file: HOSTILE_FILE,
      rubric: 'spec-dev',
      rubricSource: HOSTILE,
      verdict: 'FAIL',
      declaredGate: { value: 'FAIL', reason: HOSTILE, line: 40 },
      gateRequired: true,
      findings: hostileFindings
    },
    {
      file: LINKABLE_HOSTILE_FILE,
      rubric: 'spec-dev',
      rubricSource: 'matched plans/**',
      verdict: 'FAIL',
      declaredGate: { value: 'PASS', reason: null, line: 3 },
      gateRequired: true,
      findings: [finding({ ruleId: 'table-value', severity: 'error', message: HOSTILE, line: 2, hint: HOSTILE })]
    },
    structuredClone(passingPlan)
  ]
}

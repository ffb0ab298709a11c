import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { loadConfig, rubricFor } from '../../src/rubric/config.js'
import { repoFileReader } from '../../src/workspace/files.js'
import { checkPlans } from '../../src/runner/check-plans.js'
import type { RunResult } from '../../src/engine/types.js'

// The example plans are the presets' specification: each failing example must
// raise exactly these findings (rule@line), and the complete ones must pass.
const EXPECTED: Record<string, { verdict: 'PASS' | 'FAIL'; findings: string[] }> = {
  'examples/spec-dev/pass-complete.md': { verdict: 'PASS', findings: [] },
  'examples/spec-dev/fail-blocked-gap.md': { verdict: 'FAIL', findings: ['table-forbidden-value@18', 'gate-declared-fail@128'] },
  'examples/spec-dev/fail-gate-lines.md': { verdict: 'FAIL', findings: ['gate-multiple@109', 'gate-contradiction@130', 'gate-not-last@130'] },
  'examples/spec-dev/fail-missing-sections.md': {
    verdict: 'FAIL',
    findings: ['section-missing@71', 'section-missing@79', 'table-coverage@94', 'gate-contradiction@110']
  },
  'examples/spec-dev/fail-no-gate.md': { verdict: 'FAIL', findings: ['gate-missing@127'] },
  'examples/spec-dev/fail-placeholders.md': { verdict: 'FAIL', findings: ['placeholder@17', 'placeholder@83', 'gate-declared-fail@127', 'gate-fail-reason@127'] },
  'examples/spec-dev/fail-risks-register.md': {
    verdict: 'FAIL',
    findings: [
      'table-column-missing@111',
      'table-coverage@111',
      'table-coverage@111',
      'table-coverage@111',
      'table-value@113',
      'table-value@114',
      'table-empty-cell@114',
      'gate-contradiction@126'
    ]
  },
  'examples/spec-dev/fail-thin-sections.md': {
    verdict: 'FAIL',
    findings: ['section-content@20', 'section-content@39', 'section-mention@39', 'section-mention@39', 'section-mention@39', 'section-too-short@39', 'gate-contradiction@109']
  },
  'examples/spec-dev/fail-structure.md': {
    verdict: 'FAIL',
    findings: ['table-missing@13', 'section-order@94', 'checklist-item-missing@116', 'checklist-item-missing@116', 'gate-contradiction@124']
  },
  'examples/spec-dev/fail-readiness-prose.md': { verdict: 'FAIL', findings: ['checklist-missing@118', 'gate-contradiction@122'] },
  'examples/spec-dev/fail-unchecked-readiness.md': { verdict: 'FAIL', findings: ['checklist-unchecked@123', 'checklist-unchecked@124', 'gate-contradiction@128'] },
  // A finished plan written with other headings, tables and code: a thin section is a warning, never a FAIL.
  'examples/spec-dev/pass-variants.md': { verdict: 'PASS', findings: ['section-too-short@16'] },
  'examples/spec-dev/fail-hollow-risks.md': { verdict: 'FAIL', findings: ['section-too-short@16', 'table-min-rows@108', 'gate-declared-fail@125'] },
  'examples/spec-dev/fail-vacuous.md': {
    verdict: 'FAIL',
    findings: [
      'section-empty@5',
      'table-empty-cell@11',
      'table-empty-cell@11',
      'table-empty-cell@11',
      'section-empty@15',
      'section-empty@19',
      'section-empty@23',
      'section-empty@27',
      'section-empty@31',
      'section-empty@35',
      'section-empty@39',
      'section-empty@43',
      'section-empty@45',
      'section-empty@53',
      'gate-contradiction@68'
    ]
  },
  'examples/specflow/pass-complete.md': { verdict: 'PASS', findings: [] },
  'examples/specflow/pass-phases.md': { verdict: 'PASS', findings: [] },
  'examples/specflow/fail-vacuous.md': {
    verdict: 'FAIL',
    findings: ['section-empty@5', 'section-empty@9', 'section-empty@13', 'section-empty@17', 'section-empty@24', 'section-empty@28', 'section-empty@32', 'section-empty@36']
  },
  'examples/spec-kit/pass-complete.md': { verdict: 'PASS', findings: [] },
  'examples/spec-kit/fail-template-leftovers.md': {
    verdict: 'FAIL',
    findings: ['placeholder@1', 'field-missing@14', 'placeholder@18', 'placeholder@19', 'field-placeholder@20', 'section-too-short@25', 'section-missing@29']
  },
  'examples/specflow/fail-missing-failure-modes.md': { verdict: 'FAIL', findings: ['section-missing@54', 'section-missing@59'] },
  'examples/specflow/fail-unfinished.md': { verdict: 'FAIL', findings: ['placeholder@5', 'section-too-short@46', 'placeholder@48'] },
  'examples/specflow/warn-principles.md': { verdict: 'PASS', findings: ['section-mention@77', 'section-mention@77', 'section-mention@77'] }
}

let result: RunResult

beforeAll(async () => {
  const root = process.cwd()
  const configText = await readFile(path.join(root, 'examples/plan-gate.yml'), 'utf8')
  const config = await loadConfig('examples/plan-gate.yml', configText, repoFileReader(root))
  const jobs = await Promise.all(
    Object.keys(EXPECTED).map(async (file) => {
      const choice = rubricFor(config, file)
      if (!choice) throw new Error(`examples/plan-gate.yml does not map ${file}`)
      return { file, content: await readFile(path.join(root, file)), rubric: choice.rubric, rubricSource: choice.reason }
    })
  )
  result = await checkPlans(jobs, { failOn: 'error', maxPlanBytes: config.maxPlanBytes })
})

describe.each(Object.entries(EXPECTED))('%s', (file, expected) => {
  it(`is ${expected.verdict} with exactly the expected findings`, () => {
    const plan = result.plans.find((each) => each.file === file)!
    expect(plan.findings.map((finding) => `${finding.ruleId}@${finding.line}`)).toEqual(expected.findings)
    expect(plan.verdict).toBe(expected.verdict)
  })
})

it('fails the run when any example fails', () => {
  expect(result.verdict).toBe('FAIL')
})

// Every finding a preset can raise on a plan is shown by at least one example.
const COVERAGE: Record<string, string[]> = {
  'examples/spec-dev/': [
    'section-missing', 'section-order', 'section-empty', 'section-too-short', 'section-content', 'section-mention',
    'table-missing', 'table-column-missing', 'table-min-rows', 'table-empty-cell', 'table-value', 'table-forbidden-value', 'table-coverage',
    'checklist-missing', 'checklist-item-missing', 'checklist-unchecked', 'placeholder',
    'gate-missing', 'gate-multiple', 'gate-not-last', 'gate-fail-reason', 'gate-declared-fail', 'gate-contradiction'
  ],
  'examples/specflow/': ['section-missing', 'section-empty', 'section-too-short', 'section-mention', 'placeholder'],
  'examples/spec-kit/': ['section-missing', 'section-too-short', 'field-missing', 'field-placeholder', 'placeholder']
}

it.each(Object.entries(COVERAGE))('examples under %s raise every rule the preset can raise', (folder, ruleIds) => {
  const raised = new Set(
    Object.entries(EXPECTED)
      .filter(([file]) => file.startsWith(folder))
      .flatMap(([, expected]) => expected.findings.map((finding) => finding.split('@')[0]))
  )
  expect(ruleIds.filter((ruleId) => !raised.has(ruleId))).toEqual([])
})

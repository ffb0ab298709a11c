import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const { renderText } = await import('../../src/report/text.js')
const { canonical, variants, FAILING_FILE, PASSING_FILE } = await import('../../__fixtures__/report/results.js')

const ESC = '\u001B'

describe('renderText', () => {
  it('prints each plan with aligned, sorted rows and a final tally', () => {
    expect(renderText(canonical, { color: false })).toMatchInlineSnapshot(`
".spec-dev/active-dev/active-plan.md  (rubric spec-dev: matched .spec-dev/**/active-plan.md in .github/plan-gate.yml)
  61:14  warning  Placeholder "TBD" left in the plan  placeholder
  80:1   error    Table "Risks" has no row for the security area (one row each needed for architecture, data, security, operations)  table-coverage
  92:3   error    Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified."  checklist-unchecked
  94:3   error    Unchecked item in "Readiness Checklist": "Security controls tied to identified threats."  checklist-unchecked
  98:1   error    The plan declares "Gate: PASS", but 3 errors contradict it (2 checklist-unchecked, 1 table-coverage)  gate-contradiction
  ✖ FAIL (4 errors, 1 warning)

.specify/specs/f-12-vector-configuration/plan.md  (rubric specflow: built-in default for .specify/specs/*/plan.md)
  ✔ PASS

✖ 1 of 2 plans fail the gate
"
`)
  })

  it('aligns severity, message and rule id columns', () => {
    const rows = renderText(canonical, { color: false })
      .split('\n')
      .filter((line) => /^ {2}\d+:\d+/.test(line))
    expect(rows).toHaveLength(5)
    const severityColumn = new Set(rows.map((row) => row.search(/error|warning/)))
    expect(severityColumn.size).toBe(1)
    // The short message is padded, so its rule id starts where the padding ends.
    const placeholderRow = rows.find((row) => row.includes('placeholder'))!
    expect(placeholderRow).toMatch(/left in the plan {2,}placeholder$/)
  })

  it('uses colour only when asked', () => {
    expect(renderText(canonical, { color: false })).not.toContain(ESC)
    const coloured = renderText(canonical, { color: true })
    expect(coloured).toContain(`${ESC}[31m`)
    // Colour codes are the only difference.
    expect(coloured.replace(/\u001B\[\d+m/g, '')).toBe(renderText(canonical, { color: false }))
  })

  it('says when every plan passes', () => {
    const out = renderText(variants.passingWithWarning, { color: false })
    expect(out).toContain(`${PASSING_FILE}  (rubric specflow: built-in default for .specify/specs/*/plan.md)\n  ✔ PASS\n`)
    expect(out).toContain('  ✔ PASS (1 warning)\n')
    expect(out.trimEnd().split('\n').at(-1)).toBe('✔ all 2 plans pass the gate')
    expect(renderText(variants.allPass, { color: false }).trimEnd().split('\n').at(-1)).toBe(
      '✔ the plan passes the gate'
    )
  })

  it('shows the declared FAIL reason, from the finding or in a note under the verdict', () => {
    expect(renderText(variants.declaredFailWithReason, { color: false })).toMatch(
      /^ {2}98:1 +error +The plan declares "Gate: FAIL": Waiting on the security review of the token service +gate-declared-fail$/m
    )
    // Without the finding (a rubric may turn it off) the reason still shows.
    const quiet = structuredClone(variants.declaredFailWithReason)
    quiet.plans[0]!.findings = quiet.plans[0]!.findings.filter((f) => f.ruleId !== 'gate-declared-fail')
    expect(renderText(quiet, { color: false })).toContain(
      '  ✖ FAIL (3 errors, 1 warning)\n    the plan declares Gate: FAIL (line 98): “Waiting on the security review of the token service”\n'
    )
    expect(renderText(variants.declaredFailWithoutReason, { color: false })).toContain(
      '  ✖ FAIL (5 errors, 1 warning)\n\n'
    )
    const noReason = structuredClone(variants.declaredFailWithoutReason)
    noReason.plans[0]!.findings = noReason.plans[0]!.findings.filter((f) => !f.ruleId.startsWith('gate-'))
    expect(renderText(noReason, { color: false })).toContain('    the plan declares Gate: FAIL (line 98) without a reason\n')
  })

  it('says when a declared PASS is contradicted, unless a finding already does', () => {
    expect(renderText(canonical, { color: false })).not.toContain('the plan declares Gate: PASS')
    const quiet = structuredClone(canonical)
    quiet.plans[0]!.findings = quiet.plans[0]!.findings.filter((f) => f.ruleId !== 'gate-contradiction')
    expect(renderText(quiet, { color: false })).toContain(
      '  ✖ FAIL (3 errors, 1 warning)\n    the plan declares Gate: PASS (line 98), but 3 errors contradict it\n'
    )
  })

  it('says nothing about a gate the plan does not declare', () => {
    const out = renderText(variants.noDeclaredGate, { color: false })
    expect(out).not.toContain('declares Gate')
    expect(out).toMatch(/^ {2}1:1 +error +The plan declares no gate/m)
  })

  it('renders without sections or end lines just the same', () => {
    expect(renderText(variants.noSection, { color: false })).toBe(renderText(canonical, { color: false }))
    expect(renderText(variants.noEndLine, { color: false })).toBe(renderText(canonical, { color: false }))
  })

  it('says plainly when no plan matched', () => {
    expect(renderText(variants.zeroPlans, { color: false })).toBe(
      'ℹ No plan files matched, so there was nothing to check.\n'
    )
  })

  it('keeps the header on one line for each plan', () => {
    const headers = renderText(canonical, { color: false })
      .split('\n')
      .filter((line) => line.includes('(rubric '))
    expect(headers.map((line) => line.split('  ')[0])).toEqual([FAILING_FILE, PASSING_FILE])
  })
})

import { canonical, variants } from '../../__fixtures__/report/results.js'
import { renderJson } from '../../src/report/json.js'

describe('renderJson', () => {
  it('writes the documented keys in a fixed order, indented, with a final newline', () => {
    const out = renderJson(canonical)
    expect(out.endsWith('}\n')).toBe(true)
    expect(out.startsWith('{\n  "version": 1,\n  "verdict": "FAIL",\n  "plans": [')).toBe(true)
    const parsed = JSON.parse(out)
    expect(Object.keys(parsed)).toEqual(['version', 'verdict', 'plans'])
    expect(Object.keys(parsed.plans[0])).toEqual([
      'file', 'rubric', 'rubricSource', 'verdict', 'declaredGate', 'gateRequired', 'findings'
    ])
    expect(Object.keys(parsed.plans[0].declaredGate)).toEqual(['value', 'reason', 'line'])
    expect(Object.keys(parsed.plans[0].findings[1])).toEqual([
      'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'section', 'hint', 'url'
    ])
    // Optional keys are left out rather than written as null.
    expect(Object.keys(parsed.plans[0].findings[0])).toEqual([
      'ruleId', 'severity', 'message', 'line', 'column', 'hint', 'url'
    ])
    expect(parsed.plans[1].declaredGate).toBeNull()
  })

  it.each(Object.entries({ canonical, ...variants }))('round-trips %s through JSON.parse', (_name, result) => {
    const { version, ...rest } = JSON.parse(renderJson(result))
    expect(version).toBe(1)
    expect(rest).toEqual(result)
  })

  it('escapes characters that would rearrange a terminal, without changing the data', () => {
    const result = structuredClone(canonical)
    result.plans[0]!.findings[0]!.message = 'a\u202Eb\u009bc\u001bd\u2028e'
    const out = renderJson(result)
    expect(out).not.toMatch(/[\u001b\u009b\u202E\u2028]/)
    expect(out).toContain('a\\u202eb\\u009bc\\u001bd\\u2028e')
    expect(JSON.parse(out).plans[0].findings[0].message).toBe('a\u202Eb\u009bc\u001bd\u2028e')
  })

  it('keeps findings in the order the engine produced them', () => {
    const parsed = JSON.parse(renderJson(canonical))
    expect(parsed.plans[0].findings.map((f: { line: number }) => f.line)).toEqual([98, 92, 80, 94, 61])
  })
})

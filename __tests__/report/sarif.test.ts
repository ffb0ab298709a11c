import { useFakeRegistry, fakeRules } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const { renderSarif, FINGERPRINT_KEY } = await import('../../src/report/sarif.js')
const { canonical, ctx, variants, failingPlan, FAILING_FILE } = await import('../../__fixtures__/report/results.js')

interface SarifLog {
  $schema: string
  version: string
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<Record<string, any>> } }
    results: Array<Record<string, any>>
  }>
}

const parse = (text: string) => JSON.parse(text) as SarifLog

describe('renderSarif', () => {
  it('is a SARIF 2.1.0 log with one run by plan-gate', () => {
    const log = parse(renderSarif(canonical, ctx))
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json')
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    const driver = log.runs[0]!.tool.driver
    expect(driver).toMatchObject({ name: 'plan-gate', version: '1.0.0', informationUri: 'https://github.com/plan-gate/plan-gate' })
  })

  it('describes every registered rule, then unknown ids that were used', () => {
    const rules = parse(renderSarif(canonical, ctx)).runs[0]!.tool.driver.rules
    expect(rules.map((rule) => rule.id)).toEqual([...fakeRules.map((rule) => rule.id), 'placeholder'])
    expect(rules[1]).toEqual({
      id: 'checklist-unchecked',
      name: 'Unchecked checklist item',
      shortDescription: { text: 'Unchecked checklist item' },
      fullDescription: { text: 'Unchecked checklist item.' },
      help: { text: 'Fix the checklist-unchecked finding.' },
      helpUri: 'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/checklist-unchecked.md',
      defaultConfiguration: { level: 'error' }
    })
    expect(rules[3]).toMatchObject({ id: 'placeholder', name: 'placeholder', defaultConfiguration: { level: 'warning' } })
  })

  it('reports each finding with level, message, location and a stable fingerprint', () => {
    const log = parse(renderSarif(canonical, ctx))
    const { results, tool } = log.runs[0]!
    expect(results).toHaveLength(5)
    for (const result of results) {
      expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId)
      expect(['error', 'warning']).toContain(result.level)
      expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe(FAILING_FILE)
      expect(result.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{32}:1$/)
    }
    expect(results.find((r) => r.ruleId === 'table-coverage')).toMatchObject({
      level: 'error',
      message: {
        text: 'Table "Risks" has no row for the security area (one row each needed for architecture, data, security, operations)\nAdd a row whose Area is security.'
      },
      locations: [{ physicalLocation: { region: { startLine: 80, startColumn: 1, endLine: 86 } } }]
    })
  })

  it('keeps fingerprints when findings move, and tells identical findings apart', () => {
    const fingerprints = (text: string) => parse(text).runs[0]!.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])
    const moved = structuredClone(canonical)
    for (const finding of moved.plans[0]!.findings) finding.line += 10
    expect(fingerprints(renderSarif(moved, ctx))).toEqual(fingerprints(renderSarif(canonical, ctx)))

    const twice = structuredClone(canonical)
    twice.plans[0]!.findings.push({ ...failingPlan.findings[2]!, line: 200 })
    const coverage = parse(renderSarif(twice, ctx)).runs[0]!.results.filter((r) => r.ruleId === 'table-coverage')
    expect(coverage.map((r) => r.partialFingerprints[FINGERPRINT_KEY].split(':')[1])).toEqual(['1', '2'])
  })

  it('is deterministic and valid for every variant', () => {
    for (const result of [canonical, ...Object.values(variants)]) {
      const text = renderSarif(result, ctx)
      expect(renderSarif(structuredClone(result), ctx)).toBe(text)
      expect(() => parse(text)).not.toThrow()
    }
    const noEnd = parse(renderSarif(variants.noEndLine, ctx)).runs[0]!.results[0]!
    expect(noEnd.locations[0].physicalLocation.region).not.toHaveProperty('endLine')
    expect(parse(renderSarif(variants.zeroPlans, ctx)).runs[0]!.results).toEqual([])
  })

  it('percent-encodes paths and escapes brackets that SARIF reads as links', () => {
    const run = structuredClone(canonical)
    run.plans[0]!.file = 'docs/my plan#1.md'
    run.plans[0]!.findings[0]!.message = 'see [x](0)'
    const result = parse(renderSarif(run, ctx)).runs[0]!.results.find((r) => r.ruleId === 'gate-contradiction')!
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/my%20plan%231.md')
    expect(result.message.text.split('\n')[0]).toBe('see \\[x\\](0)')
  })
})

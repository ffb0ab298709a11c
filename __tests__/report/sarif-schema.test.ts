import { useFakeRegistry } from '../../__fixtures__/report/registry.js'
import { validateSarif } from '../../test-support/sarif-schema.js'

// renderSarif's output against the official SARIF 2.1.0 schema, for ordinary
// runs, hostile plan text, an empty run and a large one.

useFakeRegistry()
const { renderSarif } = await import('../../src/report/sarif.js')
const { canonical, ctx, offlineCtx, manyFindings } = await import('../../__fixtures__/report/results.js')
const { hostileRun } = await import('../../__fixtures__/report/hostile.js')

describe('SARIF against the 2.1.0 schema', () => {
  it.each([
    ['the canonical run', canonical, ctx],
    ['a run without repository context', canonical, offlineCtx],
    ['hostile plan text', hostileRun, ctx],
    ['no plans', { verdict: 'PASS' as const, plans: [] }, ctx],
    ['500 findings', manyFindings(500), ctx]
  ])('%s is a valid SARIF log', (_name, result, context) => {
    expect(validateSarif(JSON.parse(renderSarif(result, context)))).toEqual({ valid: true, errors: [] })
  })

  it('the validator rejects what the schema forbids', () => {
    const log = JSON.parse(renderSarif(canonical, ctx)) as { runs: Array<{ results: Array<{ level: string }> }> }
    log.runs[0]!.results[0]!.level = 'fatal'
    expect(validateSarif(log).valid).toBe(false)
  })
})

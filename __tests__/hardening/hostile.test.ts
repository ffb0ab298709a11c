// Hostile plans (scripts/hostile-plans.mjs) through the real pipeline: the
// main thread's cheap refusals, then workers on the built bundle under the
// default budget. A case either gets its correct verdict or fails with
// plan-unparseable; none may pass by accident, crash, or hang. Timings are
// not asserted (see `node scripts/hostile-plans.mjs measure`), but a hang
// would trip the Jest timeouts.
import { readFileSync } from 'node:fs'
import { checkPlan, MAX_NESTING, nestingGuard } from '../../src/engine/check.js'
import { formatDescriptionLines } from '../../src/engine/lookup.js'
import type { PlanModel } from '../../src/engine/model.js'
import { marksChosen } from '../../src/engine/text.js'
import type { PlanResult, RunResult } from '../../src/engine/types.js'
import { renderComment } from '../../src/report/comment.js'
import { renderJson, renderMarkdown, renderSarif, renderText } from '../../src/report/index.js'
import { checkPlans, type PlanJob } from '../../src/runner/check-plans.js'
import { hostileCase, hostileCases, type HostileCase } from '../../scripts/hostile-plans.mjs'
import { corpusEntries, hasCorpus, skipNotice } from '../../test-support/shared.js'
import { distWorker, preset } from './support.js'

const MiB = 1024 * 1024
const RAISED_CAP = 16 * MiB

function ruleIds(plan: PlanResult): string[] {
  return [...new Set(plan.findings.map((finding) => finding.ruleId))].sort()
}

/** The correct outcome, or (for cases a slow machine may not finish) a clean fail on the budget. */
function expectOutcome(hostile: HostileCase, plan: PlanResult | undefined): void {
  expect(plan).toBeDefined()
  if (!plan) return
  const outOfBudget = plan.findings.length === 1 && /^The plan could not be parsed (within|:)/.test(plan.findings[0]!.message) && plan.findings[0]!.ruleId === 'plan-unparseable'
  if (hostile.mayTimeOut && outOfBudget) {
    expect(plan.verdict).toBe('FAIL')
    return
  }
  expect({ verdict: plan.verdict, rules: ruleIds(plan) }).toEqual({ verdict: hostile.expect.verdict, rules: [...hostile.expect.rules].sort() })
}

async function jobsFor(cases: readonly HostileCase[]): Promise<PlanJob[]> {
  const rubric = await preset('spec-dev')
  return cases.map((hostile) => ({ file: `${hostile.name}.md`, content: hostile.generate(), rubric, rubricSource: 'hostile' }))
}

describe('hostile plans through the worker pool', () => {
  const worker = distWorker()
  const atDefaultCap = hostileCases.filter((hostile) => !hostile.maxPlanBytes)
  const atRaisedCap = hostileCases.filter((hostile) => hostile.maxPlanBytes)
  let results: RunResult[] = []

  beforeAll(async () => {
    results = [
      await checkPlans(await jobsFor(atDefaultCap), { failOn: 'error', maxPlanBytes: MiB, workerScript: worker }),
      await checkPlans(await jobsFor(atRaisedCap), { failOn: 'error', maxPlanBytes: RAISED_CAP, workerScript: worker })
    ]
  }, 900_000)

  const planFor = (name: string): PlanResult | undefined => results.flatMap((result) => result.plans).find((plan) => plan.file === `${name}.md`)

  it.each(hostileCases.map((hostile) => [hostile.name, hostile] as const))('%s ends with its verdict or plan-unparseable, never a false PASS', (_name, hostile) => {
    expectOutcome(hostile, planFor(hostile.name))
  })

  it('fails every run that holds a failing plan', () => {
    for (const result of results) expect(result.verdict).toBe('FAIL')
  })

  it('renders every report format of these results', () => {
    for (const result of results) {
      expect(renderText(result, { color: false })).toMatch(/fails? the gate/)
      expect(JSON.parse(renderJson(result))).toMatchObject({ verdict: 'FAIL' })
      expect(JSON.parse(renderSarif(result, { version: 'test' }))).toHaveProperty('runs')
      expect(renderMarkdown(result, { version: 'test' })).toContain('plan-gate')
      const comment = renderComment(result, { version: 'test' })
      expect(comment).toContain('plan-gate')
      expect(comment).not.toMatch(/ {1000}/)
    }
  })
})

describe('the nesting guard', () => {
  it('refuses the 2,000-marker list line up front, at its line', () => {
    const text = hostileCase('nested-lists-2000').generate() as string
    const line = text.split('\n').findIndex((candidate) => candidate.startsWith('- - -')) + 1
    expect(nestingGuard(text)).toEqual({
      ruleId: 'plan-unparseable',
      line,
      column: 1,
      message: `Line ${line} nests more than ${MAX_NESTING} quotes or lists; the plan was not parsed`
    })
  })

  it.each([
    ['list markers', `${'- '.repeat(MAX_NESTING + 1)}x`],
    ['quote markers', `${'>'.repeat(MAX_NESTING + 1)} x`],
    ['ordered markers', `${'1. '.repeat(MAX_NESTING + 1)}x`],
    ['mixed markers with tabs and spaces', `${'>\t-   1)  '.repeat(MAX_NESTING)}x`],
    ['twenty thousand quote markers', '>'.repeat(20_000)]
  ])('refuses %s past the limit', (_name, line) => {
    expect(nestingGuard(`# Plan\n\n${line}\n`)).toMatchObject({ ruleId: 'plan-unparseable', line: 3 })
  })

  it.each([
    ['at the limit', `${'- '.repeat(MAX_NESTING)}x`],
    ['a thematic break of dashes', '- - - - - - - - - -'],
    ['markers after text', `x ${'- '.repeat(500)}`],
    ['five spaces after a marker (indented code)', `-     ${'- '.repeat(500)}`]
  ])('lets %s through', (_name, line) => {
    expect(nestingGuard(`# Plan\n\n${line}\n`)).toBeNull()
  })

  const corpus = corpusEntries()
  if (!hasCorpus) skipNotice('the nesting guard over the corpus')
  ;(hasCorpus ? it : it.skip)('lets every real plan in the corpus through', () => {
    const refused = corpus.filter((entry) => nestingGuard(readFileSync(entry.absolute, 'utf8')) !== null)
    expect(refused.map((entry) => entry.file)).toEqual([])
  })
})

describe("plan-gate's own code on hostile shapes, without a deadline", () => {
  // These run in this thread, where no budget hides a quadratic step: one would take hours here.
  it.each(['whitespace-runs', 'heading-whitespace', 'placeholder-flood', 'nested-quotes-stairs'])('checks %s in this thread', async (name) => {
    const hostile = hostileCase(name)
    const result = checkPlan({ file: `${name}.md`, content: hostile.generate() }, { rubric: await preset('spec-dev'), rubricSource: 'hostile' })
    expect({ verdict: result.verdict, rules: ruleIds(result) }).toEqual({ verdict: hostile.expect.verdict, rules: [...hostile.expect.rules].sort() })
    const run: RunResult = { verdict: result.verdict, plans: [result] }
    expect(renderText(run, { color: false }).length).toBeGreaterThan(0)
    expect(renderComment(run, { version: 'test' }).length).toBeLessThan(200_000)
  }, 300_000)

  it('looks lines up among tens of thousands of nested format lists, and reads a long option line, in linear time', () => {
    // Lists as the model gives them, 20,000 deep (parsing such a plan alone takes long): every range holds the next.
    const lists = Array.from({ length: 20_000 }, (_, index) => ({ line: index + 1, endLine: 40_000 - index, nested: true, lead: `Write \`n${index}.md\` using format:`, section: null }))
    const model = { lists } as unknown as PlanModel
    const started = Date.now()
    const inFormat = formatDescriptionLines(model, 'plan.md')
    let found = 0
    for (let line = 1; line <= 40_001; line++) if (inFormat(line)) found++
    expect(found).toBe(40_000)
    expect(marksChosen(`# Option 1: One service${' '.repeat(300_000)}selected`)).toBe(false)
    expect(marksChosen(`# Option 1: One service - ${'\u00A0'.repeat(300_000)}`)).toBe(false)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('reads a declared gate past a 300,000-space run', async () => {
    const text = `# Plan\n\nGate:${' '.repeat(300_000)}FAIL — waiting on review\n`
    const result = checkPlan({ file: 'plan.md', content: text }, { rubric: await preset('generic'), rubricSource: 'test' })
    expect(result.declaredGate).toEqual({ value: 'FAIL', reason: 'waiting on review', line: 3 })
  })
})

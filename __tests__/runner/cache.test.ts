import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cacheKey } from '../../src/runner/cache.js'
import { checkPlans, type PlanJob } from '../../src/runner/check-plans.js'
import { VERSION } from '../../src/version.js'
import { preset, readRepoFile } from '../../test-support/engine.js'

// The result cache: the same output with or without it, hits only for the same
// bytes, rubric, options and version, and a corrupt or foreign cache ignored.

const OPTIONS = { failOn: 'error' as const, maxPlanBytes: 1024 * 1024, workerScript: null }

describe('result cache', () => {
  let dir: string
  let jobs: PlanJob[]
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'plan-gate-cache-'))
    const rubric = await preset('spec-dev')
    jobs = [
      { file: 'a/plan.md', content: await readRepoFile('examples/spec-dev/pass-complete.md'), rubric, rubricSource: 'test' },
      { file: 'b/plan.md', content: await readRepoFile('examples/spec-dev/fail-placeholders.md'), rubric, rubricSource: 'test' }
    ]
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const cacheFile = () => path.join(dir, 'results.json')
  const readCache = () => JSON.parse(readFileSync(cacheFile(), 'utf8')) as { format: string; version: string; entries: Record<string, { verdict: string; findings: unknown[] }> }

  it('gives identical results cold, warm and without a cache', async () => {
    const plain = await checkPlans(jobs, OPTIONS)
    const cold = await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })
    const warm = await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })
    expect(cold).toEqual(plain)
    expect(warm).toEqual(plain)
    expect(Object.keys(readCache().entries)).toHaveLength(2)
  })

  it('answers from the cache for the same bytes, rubric and options', async () => {
    await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })
    // A doctored entry proves the answer comes from the cache, not from a new check.
    const cache = readCache()
    const key = cacheKey(jobs[1]!.content, jobs[1]!.rubric, OPTIONS)
    cache.entries[key] = { ...cache.entries[key]!, findings: [] }
    writeFileSync(cacheFile(), JSON.stringify(cache))
    const warm = await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })
    expect(warm.plans.find((plan) => plan.file === 'b/plan.md')!.findings).toEqual([])
  })

  it('checks again when the plan, the rubric, the options or the version change', async () => {
    await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })
    const key = cacheKey(jobs[1]!.content, jobs[1]!.rubric, OPTIONS)
    expect(cacheKey(`${jobs[1]!.content as string} `, jobs[1]!.rubric, OPTIONS)).not.toBe(key)
    const changedRubric = { ...jobs[1]!.rubric, rules: { placeholder: 'warning' as const } }
    expect(cacheKey(jobs[1]!.content, changedRubric, OPTIONS)).not.toBe(key)
    expect(cacheKey(jobs[1]!.content, jobs[1]!.rubric, { ...OPTIONS, failOn: 'warning' })).not.toBe(key)
    expect(cacheKey(jobs[1]!.content, jobs[1]!.rubric, { ...OPTIONS, maxPlanBytes: 2048 })).not.toBe(key)
    const warm = await checkPlans([{ ...jobs[1]!, rubric: changedRubric }], { ...OPTIONS, cacheDir: dir })
    expect(warm.plans[0]!.findings.filter((finding) => finding.ruleId === 'placeholder').every((finding) => finding.severity === 'warning')).toBe(true)
    // Another version's cache is not read at all.
    const cache = readCache()
    cache.entries[key] = { ...cache.entries[key]!, findings: [] }
    writeFileSync(cacheFile(), JSON.stringify({ ...cache, version: `${VERSION}-other` }))
    expect((await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })).plans[1]!.findings.length).toBeGreaterThan(0)
  })

  it.each([
    ['not JSON', '{ "format": "plan-gate-cache/1", '],
    ['another format', JSON.stringify({ format: 'other-tool/9', version: VERSION, entries: {} })],
    ['entries of the wrong shape', 'WRONG-SHAPE']
  ])('ignores a cache that is %s', async (_what, content) => {
    const plain = await checkPlans(jobs, OPTIONS)
    let text = content
    if (content === 'WRONG-SHAPE') {
      const entries = Object.fromEntries(jobs.map((job) => [cacheKey(job.content, job.rubric, OPTIONS), { verdict: 'PASS', findings: 'none' }]))
      text = JSON.stringify({ format: 'plan-gate-cache/1', version: VERSION, entries })
    }
    writeFileSync(cacheFile(), text)
    expect(await checkPlans(jobs, { ...OPTIONS, cacheDir: dir })).toEqual(plain)
    expect(readCache().format).toBe('plan-gate-cache/1')
  })

  it('never fails a run because the cache cannot be written', async () => {
    writeFileSync(path.join(dir, 'file'), '')
    const plain = await checkPlans(jobs, OPTIONS)
    expect(await checkPlans(jobs, { ...OPTIONS, cacheDir: path.join(dir, 'file', 'sub') })).toEqual(plain)
  })
})

describe('plan-gate check --cache', () => {
  it('prints the same report cold and warm, and writes the cache where it is told', async () => {
    const { run } = await import('../../src/cli/main.js')
    const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-cache-cli-'))
    try {
      writeFileSync(path.join(root, 'plan.md'), await readRepoFile('examples/spec-dev/fail-placeholders.md'))
      const once = async () => {
        let stdout = ''
        const status = await run(['check', 'plan.md', '--rubric', 'spec-dev', '--format', 'json', '--cache-location', 'cache'], { cwd: root, env: {}, stdout: (text) => (stdout += text), stderr: () => {}, isTTY: false })
        return { status, stdout }
      }
      const cold = await once()
      const warm = await once()
      expect(warm).toEqual(cold)
      expect(cold.status).toBe(1)
      expect(Object.keys(JSON.parse(readFileSync(path.join(root, 'cache', 'results.json'), 'utf8')).entries)).toHaveLength(1)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

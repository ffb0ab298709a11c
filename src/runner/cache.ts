import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { nodeCrypto, sha256Hex } from '../engine/digest.js'
import type { FailOn, PlanResult } from '../engine/types.js'
import type { Rubric } from '../rubric/schema.js'
import { VERSION } from '../version.js'

// A plan's result depends on its bytes, the effective rubric, the options that
// change findings, and plan-gate's own version; never on file times, which
// checkouts reset. The cache is one JSON file read once and written once, so an
// unchanged rescan of thousands of plans costs a hash per plan. What it holds is
// never trusted blindly: a file of another format or version, or an entry of
// the wrong shape, is ignored and the plan is checked again.

export const DEFAULT_CACHE_DIR = 'node_modules/.cache/plan-gate'
const FORMAT = 'plan-gate-cache/1'
const FILE = 'results.json'
/** An entry unused by this many runs in a row is dropped, so the file does not grow for ever. */
const MAX_ENTRIES = 50_000

type CachedResult = Omit<PlanResult, 'file' | 'rubricSource' | 'waived'>

interface CacheFile {
  format: string
  version: string
  entries: Record<string, CachedResult>
}

const rubricHashes = new WeakMap<Rubric, string>()

function rubricHash(rubric: Rubric): string {
  let hash = rubricHashes.get(rubric)
  if (!hash) rubricHashes.set(rubric, (hash = sha256Hex(JSON.stringify(rubric))))
  return hash
}

export function cacheKey(content: string | Uint8Array, rubric: Rubric, options: { failOn: FailOn; maxPlanBytes: number }): string {
  return sha256Hex(`${VERSION}\u0000${rubricHash(rubric)}\u0000${options.failOn}\u0000${options.maxPlanBytes}\u0000`, content)
}

function isResult(value: unknown): value is CachedResult {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    (entry['verdict'] === 'PASS' || entry['verdict'] === 'FAIL') &&
    typeof entry['rubric'] === 'string' &&
    typeof entry['gateRequired'] === 'boolean' &&
    Array.isArray(entry['findings']) &&
    (entry['findings'] as unknown[]).every((finding) => typeof finding === 'object' && finding !== null && typeof (finding as Record<string, unknown>)['ruleId'] === 'string' && typeof (finding as Record<string, unknown>)['line'] === 'number')
  )
}

export class ResultCache {
  private readonly fresh: Record<string, CachedResult> = {}
  private changed = false

  private constructor(
    private readonly file: string,
    private readonly known: Record<string, CachedResult>
  ) {}

  static async open(dir: string): Promise<ResultCache> {
    const file = path.join(dir, FILE)
    let known: Record<string, CachedResult> = {}
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<CacheFile>
      if (parsed.format === FORMAT && parsed.version === VERSION && typeof parsed.entries === 'object' && parsed.entries !== null) known = parsed.entries
    } catch {
      // Missing, unreadable or corrupt: start empty.
    }
    return new ResultCache(file, known)
  }

  get(key: string, file: string, rubricSource: string): PlanResult | null {
    const entry = Object.hasOwn(this.known, key) ? this.known[key] : undefined
    if (!isResult(entry)) return null
    this.fresh[key] = entry
    return { ...structuredClone(entry), file, rubricSource }
  }

  set(key: string, result: PlanResult): void {
    // A plan that was not fully checked is checked again next time.
    if (result.findings.some((finding) => finding.ruleId === 'internal-error' || finding.ruleId === 'plan-unparseable')) return
    const { file: _file, rubricSource: _source, waived: _waived, ...cached } = result
    this.fresh[key] = cached
    this.changed = true
  }

  /** Keeps the entries this run used or made; written to a temporary file first, so a reader never sees half a cache. */
  async save(): Promise<void> {
    const usedAll = Object.keys(this.fresh).length === Object.keys(this.known).length
    if (!this.changed && usedAll) return
    const entries = Object.fromEntries(Object.entries(this.fresh).slice(0, MAX_ENTRIES))
    const temporary = `${this.file}.${nodeCrypto().randomBytes(6).toString('hex')}.tmp`
    try {
      await mkdir(path.dirname(this.file), { recursive: true })
      await writeFile(temporary, JSON.stringify({ format: FORMAT, version: VERSION, entries } satisfies CacheFile))
      await rename(temporary, this.file)
    } catch {
      // A cache that cannot be written only costs the next run its speed-up; the verdict is already decided.
      await rm(temporary, { force: true }).catch(() => {})
    }
  }
}

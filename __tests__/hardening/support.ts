import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { builtInConfig } from '../../src/rubric/config.js'
import { DIGEST_FILE, sourceDigest } from '../../scripts/source-digest.mjs'
import type { Rubric } from '../../src/rubric/schema.js'

// Shared by the hardening tests. A worker cannot load TypeScript, so tests of
// the deadline and crash paths run workers on the built CLI bundle, exactly
// as `node dist/cli.js` does; the bundle must be built first.

export const ROOT = process.cwd()
export const DIST_CLI = path.join(ROOT, 'dist', 'cli.js')

/** dist/cli.js as a worker script; fails with what to do when it is missing or predates the worker pool. */
export function distWorker(): URL {
  if (!existsSync(DIST_CLI)) throw new Error(`${DIST_CLI} is missing: run "node scripts/bundle.mjs" before these tests`)
  // dist/cli.js is the launcher; the code it runs, workers included, is dist/cli-bundle.js.
  const bundle = path.join(ROOT, 'dist', 'cli-bundle.js')
  if (!existsSync(bundle) || !readFileSync(bundle, 'utf8').includes('planGateWorker')) {
    throw new Error(`${DIST_CLI} predates the worker pool: run "node scripts/bundle.mjs" before these tests`)
  }
  warnIfStale()
  return pathToFileURL(DIST_CLI)
}

let staleChecked = false

// Compared by content (see scripts/source-digest.mjs), once per test file: a
// fresh checkout has every file at the same time, which says nothing.
function warnIfStale(): void {
  if (staleChecked) return
  staleChecked = true
  const digestFile = path.join(ROOT, 'dist', DIGEST_FILE)
  const built = existsSync(digestFile) ? readFileSync(digestFile, 'utf8').trim() : null
  if (built !== sourceDigest(ROOT)) {
    console.warn(`dist/ was not built from the sources in src/: these tests run the built code; rebuild with "node scripts/bundle.mjs" to test your change`)
  }
}

let presets: Map<string, Rubric> | null = null

/** The built-in presets as the CLI resolves them. */
export async function presetRubrics(): Promise<Map<string, Rubric>> {
  if (presets) return presets
  const { RubricLoader } = await import('../../src/rubric/load.js')
  const { presets: names } = await import('../../src/rubric/presets/index.js')
  const loader = new RubricLoader(async () => null)
  presets = new Map()
  for (const name of names.keys()) presets.set(name, await loader.load(name, null))
  return presets
}

export async function preset(name: string): Promise<Rubric> {
  const rubric = (await presetRubrics()).get(name)
  if (!rubric) throw new Error(`no preset ${name}`)
  return rubric
}

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** `node dist/cli.js ...args` in `cwd`; never rejects, so a test can assert on the exit status. */
export function runCli(args: readonly string[], cwd: string, timeoutMs = 120_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DIST_CLI, ...args], { cwd, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      const status = error && typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : error ? null : 0
      resolve({ status, stdout, stderr })
    })
  })
}

export { builtInConfig }

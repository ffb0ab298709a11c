import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import { mayBeCheckingWorker } from '../runner/protocol.js'
import { prefetchChangedPaths } from '../workspace/git-changes.js'
import { cacheDirectory, cacheFileName, CODE_CACHE_PENDING, readCodeCache, writeCodeCache } from './code-cache.js'

// dist/cli.js: starts the CLI bundle (dist/cli-bundle.js, src/cli/index.ts as
// a script) with V8's code cache, so that a run does not compile again what
// the last one compiled (see code-cache.ts). The bundle gets this file's URL as
// its own, so the checking workers it starts run this file too, and share the
// cache.

type BundleEntry = (url: string, require: typeof createRequire) => Promise<void>

// A checking worker runs this file too; a thread that cannot be one is the CLI's main thread.
const mainThread = !mayBeCheckingWorker()

// git answers `check --changed` while the bundle below is read and compiled.
if (mainThread) prefetchChangedPaths(process.argv.slice(2), process.cwd())

// Not new URL('./cli-bundle.js', import.meta.url): ncc would take that for an asset and copy the file.
const bundle = fileURLToPath(import.meta.url).replace(/[^/\\]+$/, 'cli-bundle.js')
// The digest is of the bytes, since hashing the text would encode it again. The build writes
// the bundle in ASCII (scripts/bundle.mjs), which UTF-8 decodes in under a millisecond into a
// string of one byte per character; with other characters it took 3 to 6 ms and twice the
// memory. Not Latin-1: Node makes a string of over 1 MB read that way an external one, and the
// runs that did so spent 10 to 15 ms more before exiting.
const bytes = readFileSync(bundle)
const source = bytes.toString('utf8')
const dir = cacheDirectory()
const name = dir === null ? '' : cacheFileName(bytes)
const cachedData = dir === null ? undefined : readCodeCache(dir, name)
const script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) })
// Workers never finish (the pool ends them), so only the main thread stores the code its run compiled.
const storing = dir !== null && mainThread && (cachedData === undefined || script.cachedDataRejected === true)
// The bundle then compiles the engine in this thread before it stops (warm-up.ts).
if (storing) (globalThis as Record<symbol, unknown>)[CODE_CACHE_PENDING] = true
const entry = script.runInThisContext() as BundleEntry
const running = entry(import.meta.url, createRequire)
if (storing) {
  await running
  writeCodeCache(dir, name, () => script.createCachedData())
} else {
  await running
}

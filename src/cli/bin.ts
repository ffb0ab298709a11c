import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Script } from 'node:vm'
import { isMainThread } from 'node:worker_threads'
import { prefetchChangedPaths } from '../workspace/git-changes.js'
import { cacheDirectory, cacheFileName, readCodeCache, writeCodeCache } from './code-cache.js'

// dist/cli.js: starts the CLI bundle (dist/cli-bundle.js, src/cli/index.ts as
// a script) with V8's code cache, so that a run does not compile again what
// the last one compiled (see code-cache.ts). The bundle gets this file's URL as
// its own, so the checking workers it starts run this file too, and share the
// cache.

type BundleEntry = (url: string, require: typeof createRequire) => Promise<void>

// git answers `check --changed` while the bundle below is read and compiled.
if (isMainThread) prefetchChangedPaths(process.argv.slice(2), process.cwd())

// Not new URL('./cli-bundle.js', import.meta.url): ncc would take that for an asset and copy the file.
const bundle = fileURLToPath(import.meta.url).replace(/[^/\\]+$/, 'cli-bundle.js')
const source = readFileSync(bundle, 'utf8')
const dir = cacheDirectory()
const name = dir === null ? '' : cacheFileName(source)
const cachedData = dir === null ? undefined : readCodeCache(dir, name)
const script = new Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}) })
const entry = script.runInThisContext() as BundleEntry
const running = entry(import.meta.url, createRequire)
// Workers never finish (the pool ends them), so only the main thread stores the code its run compiled.
if (dir !== null && isMainThread && (cachedData === undefined || script.cachedDataRejected === true)) {
  await running
  writeCodeCache(dir, name, () => script.createCachedData())
} else {
  await running
}

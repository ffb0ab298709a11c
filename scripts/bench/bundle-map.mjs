// What the action bundle is made of: rebuild src/action/index.ts with ncc the
// way scripts/bundle.mjs does (the entry minified by ncc, each chunk by terser
// with the same options), plus source maps, and charge every character of the
// code as shipped to the source file it came from, file by file.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { minify_sync as minifySync } from 'terser'
import { ROOT } from './util.mjs'

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const DIGIT = new Int8Array(128).fill(-1)
for (let i = 0; i < 64; i++) DIGIT[B64.charCodeAt(i)] = i

/** Bytes of generated code per source index (the last slot: code no source claims). */
export function attribute(map, code) {
  const lines = code.split('\n')
  const bytes = new Float64Array(map.sources.length + 1)
  const unmapped = map.sources.length
  let source = 0
  const mappingLines = map.mappings.split(';')
  for (let lineIndex = 0; lineIndex < mappingLines.length; lineIndex++) {
    const segments = mappingLines[lineIndex]
    let column = 0
    let spanStart = 0
    let spanSource = unmapped
    let i = 0
    while (i < segments.length) {
      const fields = []
      while (i < segments.length && segments[i] !== ',') {
        let value = 0
        let shift = 0
        let digit
        do {
          digit = DIGIT[segments.charCodeAt(i++)]
          value += (digit & 31) << shift
          shift += 5
        } while (digit & 32)
        fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
      }
      i++
      column += fields[0]
      bytes[spanSource] += column - spanStart
      spanStart = column
      if (fields.length >= 4) {
        source += fields[1]
        spanSource = source
      } else {
        spanSource = unmapped
      }
    }
    bytes[spanSource] += Math.max(0, (lines[lineIndex] ?? '').length - spanStart)
  }
  return bytes
}

/** Where the webpack runtime and the externals (`require('node:fs')` stubs) are charged, mapped or not. */
export const RUNTIME = '(webpack runtime, externals, unmapped)'

export function packageOf(source) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source)
  if (match) return { name: match[1], file: match[2] }
  const file = source.replace(/^(\.\.?\/)+/, '')
  return /^(webpack\/|external )/.test(file) ? { name: RUNTIME, file } : { name: '(plan-gate source)', file }
}

/** The ids of the webpack modules a chunk defines, from ncc's unminified output (`/***\/ 1234:` before each). */
function moduleIdsOf(code) {
  return [...code.matchAll(/^\/\*\*\*\/ (\d+):$/gm)].map((match) => match[1])
}

const sortedPackages = (packages) => [...packages].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes)

/**
 * The action bundle, file by file. `outputs` has one row per emitted .js file
 * (the entry first): its name, size and characters as shipped, its packages
 * (largest first), the ids of the modules it defines and a sha256 of its code.
 * `total`, `chars`, `packages` and `files` (per source file) cover all of them.
 */
export function bundleMap(entry = 'src/action/index.ts') {
  const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  if (!existsSync(path.join(ROOT, entry))) throw new Error(`${entry} does not exist`)
  const out = mkdtempSync(path.join(tmpdir(), 'plan-gate-bench-ncc-'))
  try {
    const started = performance.now()
    execFileSync(process.execPath, [ncc, 'build', entry, '-o', out, '--minify', '--no-source-map-register', '--quiet', '--target', 'es2022', '--source-map'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe']
    })
    const buildMs = performance.now() - started
    const emitted = readdirSync(out).filter((name) => /\.m?js$/.test(name))
    const entryName = emitted.find((name) => /^index\.m?js$/.test(name))
    if (!entryName) throw new Error(`ncc produced no index.js for ${entry}`)
    const names = [entryName, ...emitted.filter((name) => name !== entryName).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))]
    const minifyStarted = performance.now()
    const outputs = []
    const packages = new Map()
    const sources = new Map()
    for (const name of names) {
      const raw = readFileSync(path.join(out, name), 'utf8')
      const rawMap = JSON.parse(readFileSync(path.join(out, `${name}.map`), 'utf8'))
      let code
      let map
      let moduleIds = null
      if (name === entryName) {
        // ncc minified the entry itself; only the map comment, which dist/ does not have, goes.
        code = raw.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '')
        map = rawMap
      } else {
        // ncc's --minify reaches only the entry: the chunk gets what scripts/bundle.mjs gives it, its map carried through.
        const minified = minifySync(raw, { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true }, sourceMap: { content: rawMap, asObject: true } })
        if (minified.code === undefined) throw new Error(`terser produced nothing for ${name}`)
        code = minified.code
        map = typeof minified.map === 'string' ? JSON.parse(minified.map) : minified.map
        moduleIds = moduleIdsOf(raw)
      }
      const bytes = attribute(map, code)
      const own = new Map()
      map.sources.forEach((source, index) => {
        const { name: pkg, file } = packageOf(source)
        own.set(pkg, (own.get(pkg) ?? 0) + bytes[index])
        const key = `${pkg}\0${file}`
        const row = sources.get(key) ?? { package: pkg, file, bytes: 0, outputs: [] }
        row.bytes += bytes[index]
        if (bytes[index] > 0) row.outputs.push(name)
        sources.set(key, row)
      })
      own.set(RUNTIME, (own.get(RUNTIME) ?? 0) + bytes[map.sources.length])
      for (const [pkg, size] of own) packages.set(pkg, (packages.get(pkg) ?? 0) + size)
      outputs.push({
        file: name,
        entry: name === entryName,
        total: Buffer.byteLength(code),
        chars: code.length,
        sha256: createHash('sha256').update(code).digest('hex'),
        moduleIds,
        packages: sortedPackages(own).filter((item) => item.bytes > 0)
      })
    }
    return {
      buildMs,
      minifyMs: performance.now() - minifyStarted,
      total: outputs.reduce((sum, item) => sum + item.total, 0),
      chars: outputs.reduce((sum, item) => sum + item.chars, 0),
      packages: sortedPackages(packages),
      files: [...sources.values()].sort((a, b) => b.bytes - a.bytes),
      outputs
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/**
 * Which file of `distDir` each output of bundleMap() is: the one with the same
 * code if there is one, else the chunk sharing most of its modules (dist/ may
 * have been built from another state of src/, and then chunk ids differ). Each
 * output gains `dist` (a file name or null) and `same` (identical code).
 */
export async function matchDist(bundle, distDir) {
  const candidates = []
  for (const name of readdirSync(distDir).filter((file) => /^(index|\d+\.index)\.js$/.test(file))) {
    const code = readFileSync(path.join(distDir, name))
    let moduleIds = null
    if (name !== 'index.js') {
      try {
        // A chunk's top level only builds its table of module factories; nothing in it runs.
        moduleIds = Object.keys((await import(pathToFileURL(path.join(distDir, name)).href)).modules ?? {})
      } catch {}
    }
    candidates.push({ name, sha256: createHash('sha256').update(code).digest('hex'), moduleIds })
  }
  const taken = new Set()
  // Identical code first, then the entry by name, then chunks by the modules they share.
  for (const output of bundle.outputs) {
    const same = candidates.find((item) => !taken.has(item.name) && item.sha256 === output.sha256)
    output.same = Boolean(same)
    output.dist = same?.name ?? null
    if (same) taken.add(same.name)
  }
  for (const output of bundle.outputs.filter((item) => item.dist === null)) {
    let match = output.entry ? candidates.find((item) => item.name === 'index.js' && !taken.has(item.name)) : undefined
    if (!match && output.moduleIds) {
      const ids = new Set(output.moduleIds)
      let best = 0
      for (const item of candidates) {
        if (taken.has(item.name) || !item.moduleIds) continue
        const shared = item.moduleIds.filter((id) => ids.has(id)).length
        if (shared > best) {
          best = shared
          match = item
        }
      }
    }
    if (match) taken.add(match.name)
    output.dist = match?.name ?? null
  }
  return bundle
}

// What the action bundle is made of: rebuild src/action/index.ts with ncc the
// way scripts/bundle.mjs does, plus a source map, and charge every byte of
// the minified output to the source file it came from.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
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

export function packageOf(source) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source)
  return match ? { name: match[1], file: match[2] } : { name: '(plan-gate source)', file: source.replace(/^(\.\.\/)+/, '') }
}

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
    const built = readdirSync(out).find((name) => /^index\.m?js$/.test(name))
    const code = readFileSync(path.join(out, built), 'utf8')
    const map = JSON.parse(readFileSync(path.join(out, `${built}.map`), 'utf8'))
    const bytes = attribute(map, code)
    const packages = new Map()
    const files = []
    map.sources.forEach((source, index) => {
      const { name, file } = packageOf(source)
      packages.set(name, (packages.get(name) ?? 0) + bytes[index])
      files.push({ package: name, file, bytes: bytes[index] })
    })
    packages.set('(webpack runtime, unmapped)', bytes[map.sources.length])
    return {
      buildMs,
      total: Buffer.byteLength(code),
      chars: code.length,
      packages: [...packages].map(([name, size]) => ({ name, bytes: size })).sort((a, b) => b.bytes - a.bytes),
      files: files.sort((a, b) => b.bytes - a.bytes)
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

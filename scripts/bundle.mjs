// Builds the committed dist/: dist/index.js (the action), dist/cli.js with
// dist/cli-bundle.js (the CLI: a launcher, and the CLI as a script it compiles)
// and dist/api.js (the package's programmatic API) with its declarations in
// dist/types/, all self-contained ESM, so neither the action nor the npm
// package needs a dependency installed. The action is split
// at its import() calls into chunk files beside it (dist/<id>.index.js), so its
// first request waits only for the code that makes it; the CLI stays one file.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'acorn'
import { minify } from 'terser'
import { DIGEST_FILE, sourceDigest } from './source-digest.mjs'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
// `node scripts/bundle.mjs <dir>` builds elsewhere, so check-dist can compare without touching dist/.
const outDir = path.resolve(root, process.argv[2] ?? 'dist')
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
const work = path.join(root, 'build', `ncc-${path.basename(outDir)}-${process.pid}`)
const entries = [
  { entry: 'src/action/index.ts', out: 'index.js', shebang: false, chunks: true },
  // The CLI is a script that dist/cli.js (src/cli/bin.ts) compiles with V8's code cache.
  { entry: 'src/cli/index.ts', out: 'cli-bundle.js', shebang: false, chunks: false, script: true },
  { entry: 'src/cli/bin.ts', out: 'cli.js', shebang: true, chunks: false },
  // One file, so that it is its own checking worker as cli.js is (runner/check-plans.ts).
  { entry: 'src/api.ts', out: 'api.js', shebang: false, chunks: false }
]
const API_ENTRY = 'src/api.ts'

rmSync(work, { recursive: true, force: true })
// Build into a staging folder and swap at the end, so a concurrent reader of dist/ never sees it half-written.
const staging = path.join(work, 'staging')
mkdirSync(staging, { recursive: true })
const run = promisify(execFile)
// The two builds are independent: run side by side, they take the time of the longer one.
const present = entries.filter(({ entry }) => existsSync(path.join(root, entry)))
const declarations = existsSync(path.join(root, API_ENTRY)) ? emitDeclarations(API_ENTRY) : Promise.resolve(new Map())
await Promise.all(
  present.map(async ({ entry, out }) => {
    try {
      await run(process.execPath, [ncc, 'build', entry, '-o', path.join(work, out), '--minify', '--no-source-map-register', '--quiet', '--target', 'es2022'], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    } catch (error) {
      throw new Error(`ncc failed on ${entry}:\n${error.stderr || error.stdout || error.message}`)
    }
  })
)
for (const { entry, out, shebang, chunks, script } of present) {
  const target = path.join(work, out)
  const built = readdirSync(target).find((name) => /^index\.(m?js)$/.test(name))
  if (!built) throw new Error(`ncc produced no index.js for ${entry}`)
  let code = readFileSync(path.join(target, built), 'utf8')
  if (script) code = asScript(await asciiOnly(code, entry), entry)
  if (shebang && !code.startsWith('#!')) code = `#!/usr/bin/env node\n${code}`
  writeFileSync(path.join(staging, out), code, { mode: 0o755 })
  const extras = readdirSync(target).filter((name) => name !== built && !name.endsWith('.d.ts') && name !== 'package.json')
  // ncc names every chunk <id>.index.js whatever the entry, so only one entry may have chunks.
  const strays = chunks ? extras.filter((name) => !/^\d+\.index\.js$/.test(name)) : extras
  if (strays.length > 0) throw new Error(`ncc emitted unexpected files for ${entry}: ${strays.join(', ')}${chunks ? '' : '; this entry must stay one file'}`)
  for (const name of chunks ? extras : []) {
    // ncc's --minify reaches only the entry file; chunks get the same terser options it uses there.
    const minified = await minify(readFileSync(path.join(target, name), 'utf8'), { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true } })
    if (minified.code === undefined) throw new Error(`terser produced nothing for ${name}`)
    writeFileSync(path.join(staging, name), minified.code)
  }
}
for (const [file, text] of await declarations) {
  mkdirSync(path.dirname(path.join(staging, 'types', file)), { recursive: true })
  writeFileSync(path.join(staging, 'types', file), text)
}
writeFileSync(path.join(staging, 'package.json'), '{ "type": "module" }\n')
writeFileSync(path.join(staging, DIGEST_FILE), `${sourceDigest(root)}\n`)
mkdirSync(outDir, { recursive: true })
const fresh = new Set(readdirSync(staging))
for (const file of readdirSync(outDir)) if (!fresh.has(file)) rmSync(path.join(outDir, file), { recursive: true, force: true })
for (const file of fresh) {
  // rename cannot replace a directory that has files in it.
  rmSync(path.join(outDir, file), { recursive: true, force: true })
  renameSync(path.join(staging, file), path.join(outDir, file))
}
rmSync(work, { recursive: true, force: true })
console.log(`${path.relative(root, outDir)}/ rebuilt`)

/**
 * The same module written in ASCII only: dist/cli.js can then read the bundle
 * as Latin-1, which makes a string of it without decoding (0.1 ms against 3 to
 * 6 ms of UTF-8 for every run of the CLI, and every worker). terser escapes
 * strings, regexes, templates and names (`format.ascii_only`), but it must
 * leave String.raw templates as they are, since an escape there is raw text:
 * so those without substitutions become the string literal of their raw value
 * first, which is the same string. Anything still not ASCII fails the build.
 */
async function asciiOnly(code, entry) {
  const edits = []
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object' || typeof node.type !== 'string') return
    const { tag, quasi } = node.type === 'TaggedTemplateExpression' ? node : {}
    if (tag?.type === 'MemberExpression' && !tag.computed && tag.object.type === 'Identifier' && tag.object.name === 'String' && tag.property.name === 'raw' && quasi.expressions.length === 0) {
      edits.push({ start: node.start, end: node.end, text: JSON.stringify(quasi.quasis[0].value.raw) })
    }
    for (const key of Object.keys(node)) if (key !== 'type') visit(node[key])
  }
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }))
  let edited = code
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) edited = edited.slice(0, start) + text + edited.slice(end)
  const printed = await minify(edited, { module: true, compress: false, mangle: false, format: { ascii_only: true, comments: 'some' } })
  const left = /[^\x00-\x7f]/.exec(printed.code ?? '')
  if (printed.code === undefined || left) throw new Error(`${entry}: the bundle could not be written in ASCII${left ? ` (${JSON.stringify(printed.code.slice(Math.max(0, left.index - 40), left.index + 20))})` : ''}; see asciiOnly in scripts/bundle.mjs`)
  return printed.code
}

/**
 * ncc's ES module output as a script that vm.Script can compile with a code
 * cache: one async function taking what the module got from its one import
 * (createRequire) and from import.meta (its URL), in strict mode as a module
 * is. Anything else a module could use (another import, import(), other
 * import.meta properties) fails the build rather than the CLI at run time.
 */
function asScript(code, entry) {
  const head = /^import\{createRequire as ([A-Za-z_$][\w$]*)\}from"module";/.exec(code)
  if (!head) throw new Error(`${entry}: ncc's output no longer starts with its createRequire import; update asScript in scripts/bundle.mjs`)
  const body = code.slice(head[0].length)
  const meta = [...body.matchAll(/import\.meta(\.\w+)?/g)].filter((match) => match[1] !== '.url')
  if (meta.length > 0) throw new Error(`${entry}: the CLI bundle uses ${meta[0][0]}, which the script form cannot give it`)
  if (/(?:^|[;})\s])import\s*[({*"'\w]/.test(body.replace(/import\.meta\.url/g, ''))) {
    throw new Error(`${entry}: the CLI bundle has an import statement or import() beyond its createRequire; the script form cannot load it (keep the CLI one file)`)
  }
  const url = '__planGateModuleUrl'
  if (body.includes(url)) throw new Error(`${entry}: the bundle already uses the name ${url}`)
  return `// plan-gate's CLI, compiled and run by dist/cli.js as a script with V8's code cache; not a module.\n(async function(${url},${head[1]}){"use strict";${body.replace(/import\.meta\.url/g, url)}\n})\n`
}

/**
 * The API's declarations: tsc's .d.ts for the entry and for every module its
 * declarations import, relative paths kept, keyed by path under src/. The
 * package ships no dependencies, so a declaration that imports a package
 * (zod's types, say) would not resolve for its users: that fails the build.
 */
async function emitDeclarations(entry) {
  const { default: ts } = await import('typescript')
  const srcDir = path.join(root, 'src')
  const emitted = new Map()
  const program = ts.createProgram([path.join(root, entry)], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: srcDir,
    outDir: path.join(work, 'dts')
  })
  const result = program.emit(undefined, (file, text) => emitted.set(path.relative(path.join(work, 'dts'), file).split(path.sep).join('/'), text))
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
  if (errors.length > 0) throw new Error(`declarations for ${entry}:\n${ts.formatDiagnostics(errors, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => root, getNewLine: () => '\n' })}`)
  const start = `${path.relative(srcDir, path.join(root, entry)).replace(/\.ts$/, '')}.d.ts`
  const shipped = new Map()
  const pending = [start]
  while (pending.length > 0) {
    const file = pending.pop()
    if (shipped.has(file)) continue
    const text = emitted.get(file)
    if (text === undefined) throw new Error(`no declarations were emitted for ${file}`)
    shipped.set(file, text)
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      if (specifier.startsWith('node:')) continue
      if (!specifier.startsWith('.')) throw new Error(`the API's declarations (${file}) import "${specifier}", which the package does not ship: keep package types out of src/api.ts's public signatures`)
      pending.push(path.posix.join(path.posix.dirname(file), specifier.replace(/\.js$/, '.d.ts')))
    }
  }
  return shipped
}

import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import { CACHE_ENV, cacheDirectory, cacheFileName, checksumWith, readCodeCache, writeCodeCache, type Crc32 } from '../../src/cli/code-cache.js'

// The CLI's V8 code cache changes how soon a run starts, never what it
// reports; and because its bytes are code, a cache that anyone else could
// have written, or that is damaged, is not used.

const CLI = path.resolve('dist/cli.js')
let work: string

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'plan-gate-code-cache-'))
})

afterEach(() => {
  rmSync(work, { recursive: true, force: true })
})

describe('where the cache lives', () => {
  const home = () => '/home/ada'

  it("is the user's cache directory on each platform", () => {
    expect(cacheDirectory({ platform: 'linux', env: {}, home })).toBe('/home/ada/.cache/plan-gate/compile-cache')
    expect(cacheDirectory({ platform: 'linux', env: { XDG_CACHE_HOME: '/var/cache/ada' }, home })).toBe('/var/cache/ada/plan-gate/compile-cache')
    expect(cacheDirectory({ platform: 'darwin', env: {}, home })).toBe('/home/ada/Library/Caches/plan-gate/compile-cache')
    expect(cacheDirectory({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, home })).toMatch(/^C:\\Users\\ada\\AppData\\Local[\\/]plan-gate[\\/]compile-cache$/)
  })

  it(`follows ${CACHE_ENV}, which can also turn it off`, () => {
    expect(cacheDirectory({ platform: 'linux', env: { [CACHE_ENV]: '/tmp/mine' }, home })).toBe('/tmp/mine')
    for (const off of ['off', '0', 'false', 'NO']) expect(cacheDirectory({ platform: 'linux', env: { [CACHE_ENV]: off }, home })).toBeNull()
  })

  it('is none rather than a guess: no home, a relative XDG_CACHE_HOME is ignored, a relative override is refused', () => {
    expect(cacheDirectory({ platform: 'linux', env: {}, home: () => '' })).toBeNull()
    expect(cacheDirectory({ platform: 'linux', env: {}, home: () => { throw new Error('no home') } })).toBeNull()
    expect(cacheDirectory({ platform: 'linux', env: { XDG_CACHE_HOME: 'cache' }, home })).toBe('/home/ada/.cache/plan-gate/compile-cache')
    expect(cacheDirectory({ platform: 'linux', env: { [CACHE_ENV]: 'relative/dir' }, home })).toBeNull()
    expect(cacheDirectory({ platform: 'win32', env: {}, home })).toBeNull()
  })
})

describe('reading and writing', () => {
  const payload = Buffer.from('compiled code, as V8 would give it'.repeat(20))

  it('gives back what was written, under a name that changes with the bundle and the flags', () => {
    const name = cacheFileName('bundle one')
    expect(cacheFileName('bundle one')).toBe(name)
    expect(cacheFileName('bundle two')).not.toBe(name)
    expect(cacheFileName('bundle one', ['--max-old-space-size=100'])).not.toBe(name)
    // dist/cli.js names it by the bundle's bytes: the same name as its text.
    expect(cacheFileName(Buffer.from('bundle one — ü', 'utf8'))).toBe(cacheFileName('bundle one — ü'))
    writeCodeCache(work, name, () => payload)
    expect(readCodeCache(work, name)).toEqual(payload)
    // Private to this user.
    if (process.platform !== 'win32') expect(statSync(path.join(work, name)).mode & 0o077).toBe(0)
  })

  it('ignores a damaged file: a changed byte, a cut-off end, a foreign header, an empty file', () => {
    const name = cacheFileName('bundle')
    writeCodeCache(work, name, () => payload)
    const file = path.join(work, name)
    const good = readFileSync(file)
    const flipped = Buffer.from(good)
    flipped[flipped.length - 5] = flipped[flipped.length - 5]! ^ 0xff
    for (const bad of [flipped, good.subarray(0, good.length - 10), Buffer.concat([Buffer.from('other tool\n'), good.subarray(11)]), Buffer.alloc(0)]) {
      writeFileSync(file, bad)
      expect(readCodeCache(work, name)).toBeUndefined()
    }
    expect(readCodeCache(work, 'missing.v8cache')).toBeUndefined()
  })

  it('checks files by CRC-32 where Node has it, by SHA-256 where it does not, and neither takes the other for its own', () => {
    const crc32 = (zlib as { crc32?: Crc32 }).crc32
    const data = Buffer.from('compiled code')
    const byCrc = checksumWith(((text: string | Uint8Array) => crc32?.(text) ?? 0x01020304) as Crc32)
    const bySha = checksumWith(undefined)
    expect(bySha.of(data)).toEqual(createHash('sha256').update(data).digest())
    expect(bySha.bytes).toBe(32)
    expect(byCrc.bytes).toBe(4)
    if (crc32) expect(byCrc.of(data).readUInt32BE()).toBe(crc32(data))
    expect(byCrc.magic.equals(bySha.magic)).toBe(false)
    expect(byCrc.magic.subarray(0, 21).equals(bySha.magic.subarray(0, 21))).toBe(true)
  })

  const posixOnly = process.platform === 'win32' ? it.skip : it
  posixOnly('neither reads nor writes in a directory others can write to', () => {
    const name = cacheFileName('bundle')
    writeCodeCache(work, name, () => payload)
    chmodSync(work, 0o777)
    expect(readCodeCache(work, name)).toBeUndefined()
    const shared = path.join(work, 'shared')
    mkdirSync(shared, { mode: 0o777 })
    chmodSync(shared, 0o777)
    writeCodeCache(shared, name, () => payload)
    expect(readdirSync(shared)).toEqual([])
  })

  it('does not produce the code at all where it could not be written', () => {
    let produced = 0
    const produce = () => {
      produced++
      return payload
    }
    // A path that cannot be a directory (a file is in the way), and a directory others can write to.
    writeFileSync(path.join(work, 'file'), '')
    writeCodeCache(path.join(work, 'file', 'cache'), cacheFileName('bundle'), produce)
    if (process.platform !== 'win32') {
      const shared = path.join(work, 'shared')
      mkdirSync(shared)
      chmodSync(shared, 0o777)
      writeCodeCache(shared, cacheFileName('bundle'), produce)
    }
    expect(produced).toBe(0)
    writeCodeCache(path.join(work, 'fine'), cacheFileName('bundle'), produce)
    expect(produced).toBe(1)
  })

  it('keeps a few files, newest first, and clears temporary files a killed run left', () => {
    const old = Date.now() / 1000 - 7200
    for (let i = 0; i < 12; i++) {
      writeCodeCache(work, `old-${i}.v8cache`, () => payload)
      utimesSync(path.join(work, `old-${i}.v8cache`), old + i, old + i)
    }
    writeFileSync(path.join(work, '.x.v8cache.123.tmp'), 'half')
    utimesSync(path.join(work, '.x.v8cache.123.tmp'), old, old)
    writeCodeCache(work, 'new.v8cache', () => payload)
    const left = readdirSync(work).sort()
    expect(left).toContain('new.v8cache')
    expect(left).toHaveLength(8)
    expect(left).not.toContain('old-0.v8cache')
    expect(left.filter((file) => file.endsWith('.tmp'))).toEqual([])
  })
})

describe('the built CLI', () => {
  it('is written in ASCII, which dist/cli.js decodes at a fraction of the cost of other text', () => {
    const bundle = readFileSync(path.resolve('dist/cli-bundle.js'))
    const other = bundle.findIndex((byte) => byte > 0x7f)
    expect(other === -1 ? null : bundle.subarray(Math.max(0, other - 40), other + 20).toString('utf8')).toBeNull()
  })

  it('loads neither worker_threads, node:crypto nor perf_hooks to check a plan in its own thread', () => {
    // Together they cost a one-plan check 10 ms: the checking workers are told apart by their argv,
    // nothing is hashed for a text report, and the code cache is checked by CRC-32.
    const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write(JSON.stringify(process.moduleLoadList.filter((name)=>/^NativeModule (worker_threads|crypto|perf_hooks)$/.test(name)))))'
    const env = { ...process.env, [CACHE_ENV]: path.join(work, 'cache') }
    const args = ['--import', report, CLI, 'check', 'examples/spec-dev/pass-complete.md', '--config', 'examples/plan-gate.yml']
    // The first run writes the code cache; the second reads it.
    for (const run of [1, 2]) {
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', env })
      expect({ run, status: result.status }).toEqual({ run, status: 0 })
      const withoutCrc32 = typeof (zlib as { crc32?: unknown }).crc32 !== 'function'
      expect(JSON.parse(result.stderr)).toEqual(withoutCrc32 ? ['NativeModule crypto'] : [])
    }
  })

  function cli(args: string[], env: Record<string, string>) {
    const result = spawnSync(process.execPath, [CLI, ...args], { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }
  const args = ['check', 'examples', '--config', 'examples/plan-gate.yml', '--format', 'json']

  it('reports the same with no cache, a new cache, a used cache, a damaged cache and the cache turned off', () => {
    const dir = path.join(work, 'cache')
    const env = { [CACHE_ENV]: dir }
    const first = cli(args, env)
    expect(first.status).toBe(1)
    expect(first.stderr).toBe('')
    const [file] = readdirSync(dir)
    expect(file).toMatch(/\.v8cache$/)
    const written = readFileSync(path.join(dir, file!))
    const again = cli(args, env)
    expect(again).toEqual(first)
    // A used cache is not written again.
    expect(readFileSync(path.join(dir, file!))).toEqual(written)

    const damaged = Buffer.from(written)
    for (let at = damaged.length - 4096; at < damaged.length; at += 7) damaged[at] = damaged[at]! ^ 0x5a
    writeFileSync(path.join(dir, file!), damaged)
    expect(cli(args, env)).toEqual(first)
    // Replaced by a good one.
    expect(readCodeCache(dir, file!)).toBeDefined()

    const off = path.join(work, 'off')
    expect(cli(args, { [CACHE_ENV]: 'off', XDG_CACHE_HOME: off, HOME: off })).toEqual(first)
    expect(existsSync(off)).toBe(false)
  })

  it('holds the engine when the run that wrote it checked its plans in workers', () => {
    // A scan's main thread never checks a plan; without the warm-up (src/cli/warm-up.ts) its cache
    // lacked the engine (985 KB against 1,118 KB after a one-plan check) and every later one-plan
    // check compiled it again, 30 ms more a run. V8 tells no more of a cache than its size.
    const plans = path.join(work, 'plans')
    const text = readFileSync('examples/spec-dev/fail-placeholders.md', 'utf8')
    for (let i = 0; i < 40; i++) {
      mkdirSync(path.join(plans, `p${i}`, '.spec-dev', 'active-dev'), { recursive: true })
      writeFileSync(path.join(plans, `p${i}`, '.spec-dev', 'active-dev', 'active-plan.md'), `${text}\n${'Padding line for size.\n'.repeat(200)}`)
    }
    const cacheAfter = (name: string, args: string[]) => {
      const dir = path.join(work, name)
      const result = spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: plans, encoding: 'utf8', env: { ...process.env, [CACHE_ENV]: dir } })
      expect({ name, status: result.status, stderr: result.stderr }).toEqual({ name, status: 1, stderr: '' })
      const [file] = readdirSync(dir)
      return statSync(path.join(dir, file!)).size
    }
    const afterScan = cacheAfter('after-scan', ['.'])
    const afterOne = cacheAfter('after-one', ['p0/.spec-dev/active-dev/active-plan.md'])
    expect(afterScan / afterOne).toBeGreaterThan(0.97)
  })

  it('starts its checking workers from the cache too, with the same findings', () => {
    const dir = path.join(work, 'cache')
    // Over the in-thread limit, so the plans go to workers.
    const plans = path.join(work, 'plans', '.spec-dev', 'active-dev')
    mkdirSync(plans, { recursive: true })
    const text = readFileSync('examples/spec-dev/fail-placeholders.md', 'utf8')
    for (let i = 0; i < 40; i++) {
      mkdirSync(path.join(work, 'plans', `p${i}`, '.spec-dev', 'active-dev'), { recursive: true })
      writeFileSync(path.join(work, 'plans', `p${i}`, '.spec-dev', 'active-dev', 'active-plan.md'), `${text}\n${'Padding line for size.\n'.repeat(200)}`)
    }
    const run = (env: Record<string, string>) => {
      const result = spawnSync(process.execPath, [CLI, 'check', '.', '--format', 'json'], { cwd: path.join(work, 'plans'), encoding: 'utf8', env: { ...process.env, ...env } })
      return { status: result.status, stdout: result.stdout, stderr: result.stderr }
    }
    const without = run({ [CACHE_ENV]: 'off' })
    expect(without.status).toBe(1)
    expect(JSON.parse(without.stdout).plans).toHaveLength(40)
    run({ [CACHE_ENV]: dir })
    expect(run({ [CACHE_ENV]: dir })).toEqual(without)
  })
})

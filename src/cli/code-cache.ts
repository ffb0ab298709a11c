import { accessSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import path from 'node:path'
import { nodeCrypto } from '../engine/digest.js'

// V8 code cache for the CLI bundle. Compiling the bundle and the functions a
// run calls cost about 80 ms of a one-plan check; V8 can hand that work back
// from bytes it produced on an earlier run. Those bytes are code, so they are
// kept where only this user can write (the user's cache directory, never a
// shared temporary one) and are read only when their checksum matches: V8
// checks its version and flags but not the payload, and it checks the source
// only by length, so the file name carries the bundle's own checksum. Anything
// wrong with the cache means running without it; it never changes what a run
// reports, only how soon.
//
// The checksum is CRC-32, as Node's own compile cache uses for the same two
// checks: it catches a damaged or cut-off file and tells builds apart, and
// nobody but this user can write here, so it need not resist forgery.
// zlib (2 ms to load, 0.3 ms a MB) is far cheaper than node:crypto (4 to 7 ms,
// 1.5 ms a MB); Node releases before 20.15 have no crc32, and use SHA-256.

export interface Checksum {
  magic: Buffer
  bytes: number
  of(data: string | Uint8Array): Buffer
}

export type Crc32 = (data: string | Uint8Array, value?: number) => number

/** CRC-32 when this Node has it (zlib.crc32), else SHA-256; each writes its own header, so neither reads the other's files. */
export function checksumWith(crc32: Crc32 | undefined): Checksum {
  if (typeof crc32 !== 'function') return { magic: Buffer.from('plan-gate code cache 2 sha256\n', 'utf8'), bytes: 32, of: (data) => nodeCrypto().createHash('sha256').update(data).digest() }
  return {
    magic: Buffer.from('plan-gate code cache 2 crc32\n', 'utf8'),
    bytes: 4,
    of(data) {
      const value = Buffer.alloc(4)
      value.writeUInt32BE(crc32(data) >>> 0)
      return value
    }
  }
}

let chosen: Checksum | null = null
const checksum = (): Checksum => (chosen ??= checksumWith((createRequire(import.meta.url)('node:zlib') as { crc32?: Crc32 }).crc32))
const MAX_CACHE_BYTES = 64 * 1024 * 1024
/** Code caches kept per directory: one per plan-gate build and Node.js version in use. */
const KEEP_FILES = 8
const FILE_SUFFIX = '.v8cache'

/**
 * Set by dist/cli.js on globalThis when this run's code will be stored: the
 * CLI bundle then compiles the engine in this thread first (warm-up.ts). A
 * symbol on globalThis, because the launcher and the CLI are separate bundles.
 */
export const CODE_CACHE_PENDING = Symbol.for('plan-gate.code-cache.pending')

/** Whether dist/cli.js will store this run's code as the code cache. */
export function codeCachePending(): boolean {
  return (globalThis as Record<symbol, unknown>)[CODE_CACHE_PENDING] === true
}

/** The environment variable that moves the cache (an absolute directory) or turns it off (`off`, `0`, `false`). */
export const CACHE_ENV = 'PLAN_GATE_COMPILE_CACHE'

export interface Runtime {
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  home: () => string
}

const thisRuntime: Runtime = { platform: process.platform, env: process.env, home: homedir }

/** Where the cache lives: the user's cache directory, as other tools keep theirs; null when there is none or it is turned off. */
export function cacheDirectory({ platform, env, home }: Runtime = thisRuntime): string | null {
  const paths = platform === 'win32' ? path.win32 : path.posix
  const chosen = env[CACHE_ENV]?.trim()
  if (chosen !== undefined && chosen !== '') {
    if (/^(off|0|false|no)$/i.test(chosen)) return null
    return paths.isAbsolute(chosen) ? chosen : null
  }
  let base: string | undefined
  if (platform === 'win32') base = env['LOCALAPPDATA']
  else {
    let user: string
    try {
      user = home()
    } catch {
      return null
    }
    if (!user || !paths.isAbsolute(user)) return null
    const xdg = env['XDG_CACHE_HOME']
    base = platform === 'darwin' ? paths.join(user, 'Library', 'Caches') : xdg && paths.isAbsolute(xdg) ? xdg : paths.join(user, '.cache')
  }
  return base && paths.isAbsolute(base) ? paths.join(base, 'plan-gate', 'compile-cache') : null
}

/** One file per bundle (by content: its bytes, or its text as UTF-8), Node.js build and V8 flags: a cache made for anything else is never looked at. */
export function cacheFileName(source: string | Uint8Array, execArgv: readonly string[] = process.execArgv): string {
  const { of } = checksum()
  const length = typeof source === 'string' ? Buffer.byteLength(source) : source.length
  const build = of([process.version, process.arch, ...execArgv].join('\0')).toString('hex')
  return `${of(source).toString('hex').slice(0, 32)}-${length.toString(16)}-${build.slice(0, 16)}${FILE_SUFFIX}`
}

/** Only this user may have written here: owned by this user and writable by nobody else. */
function isPrivateDirectory(dir: string): boolean {
  const stat = lstatSync(dir)
  if (!stat.isDirectory()) return false
  if (typeof process.getuid !== 'function') return true
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0
}

/** The cached code for `name` in `dir`, or undefined when there is none that can be trusted. Never throws. */
export function readCodeCache(dir: string, name: string): Buffer | undefined {
  let fd: number | undefined
  try {
    if (!isPrivateDirectory(dir)) return undefined
    fd = openSync(path.join(dir, name), 'r')
    const stat = fstatSync(fd)
    const { magic, bytes: checksumBytes, of } = checksum()
    if (!stat.isFile() || stat.size <= magic.length + checksumBytes || stat.size > MAX_CACHE_BYTES) return undefined
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined
    const bytes = Buffer.allocUnsafe(stat.size)
    let read = 0
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, read)
      if (got === 0) return undefined
      read += got
    }
    if (!bytes.subarray(0, magic.length).equals(magic)) return undefined
    const expected = bytes.subarray(magic.length, magic.length + checksumBytes)
    const payload = bytes.subarray(magic.length + checksumBytes)
    return of(payload).equals(expected) ? payload : undefined
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Stores code for `name` in `dir`, replacing the file whole (readers never see
 * half of one), and keeps the directory small. The code is asked for only once
 * the directory is known to be usable: producing it costs a run about as much
 * as the cache saves, which a read-only home would otherwise pay every time.
 * Never throws.
 */
export function writeCodeCache(dir: string, name: string, produce: () => Buffer): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    if (!isPrivateDirectory(dir)) return
    accessSync(dir, constants.W_OK)
    const payload = produce()
    const temporary = path.join(dir, `.${name}.${process.pid}.tmp`)
    const { magic, of } = checksum()
    writeFileSync(temporary, Buffer.concat([magic, of(payload), payload]), { mode: 0o600 })
    renameSync(temporary, path.join(dir, name))
    prune(dir, name)
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing else.
  }
}

const STALE_TEMPORARY_MS = 60 * 60 * 1000

function prune(dir: string, keep: string): void {
  const files = readdirSync(dir).map((file) => ({ file, at: statSync(path.join(dir, file)).mtimeMs }))
  const caches = files.filter(({ file }) => file.endsWith(FILE_SUFFIX) && file !== keep).sort((a, b) => b.at - a.at)
  // A run killed mid-write leaves its temporary file behind.
  const stale = files.filter(({ file, at }) => file.endsWith('.tmp') && Date.now() - at > STALE_TEMPORARY_MS)
  for (const { file } of [...caches.slice(KEEP_FILES - 1), ...stale]) unlinkSync(path.join(dir, file))
}

import { createHash } from 'node:crypto'
import { accessSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

// V8 code cache for the CLI bundle. Compiling the bundle and the functions a
// run calls cost about 80 ms of a one-plan check; V8 can hand that work back
// from bytes it produced on an earlier run. Those bytes are code, so they are
// kept where only this user can write (the user's cache directory, never a
// shared temporary one) and are read only when their digest matches: V8
// checks its version and flags but not the payload, and it checks the source
// only by length, so the file name carries the bundle's own digest. Anything
// wrong with the cache means running without it; it never changes what a run
// reports, only how soon.

const MAGIC = Buffer.from('plan-gate code cache 1\n', 'utf8')
const DIGEST_BYTES = 32
const MAX_CACHE_BYTES = 64 * 1024 * 1024
/** Code caches kept per directory: one per plan-gate build and Node.js version in use. */
const KEEP_FILES = 8
const FILE_SUFFIX = '.v8cache'

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
  const digest = createHash('sha256').update(source).update('\0').update(process.version).update('\0').update(process.arch).update('\0').update(execArgv.join('\0')).digest('hex')
  return `${digest.slice(0, 40)}${FILE_SUFFIX}`
}

/** Only this user may have written here: owned by this user and writable by nobody else. */
function isPrivateDirectory(dir: string): boolean {
  const stat = lstatSync(dir)
  if (!stat.isDirectory()) return false
  if (typeof process.getuid !== 'function') return true
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0
}

function digestOf(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest()
}

/** The cached code for `name` in `dir`, or undefined when there is none that can be trusted. Never throws. */
export function readCodeCache(dir: string, name: string): Buffer | undefined {
  let fd: number | undefined
  try {
    if (!isPrivateDirectory(dir)) return undefined
    fd = openSync(path.join(dir, name), 'r')
    const stat = fstatSync(fd)
    if (!stat.isFile() || stat.size <= MAGIC.length + DIGEST_BYTES || stat.size > MAX_CACHE_BYTES) return undefined
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined
    const bytes = Buffer.allocUnsafe(stat.size)
    let read = 0
    while (read < bytes.length) {
      const got = readSync(fd, bytes, read, bytes.length - read, read)
      if (got === 0) return undefined
      read += got
    }
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined
    const digest = bytes.subarray(MAGIC.length, MAGIC.length + DIGEST_BYTES)
    const payload = bytes.subarray(MAGIC.length + DIGEST_BYTES)
    return digestOf(payload).equals(digest) ? payload : undefined
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
    writeFileSync(temporary, Buffer.concat([MAGIC, digestOf(payload), payload]), { mode: 0o600 })
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

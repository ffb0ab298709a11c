import { constants, type Dirent, type Stats } from 'node:fs'
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { ConfigError } from '../rubric/errors.js'
import { globMatcher } from '../rubric/glob.js'

// A working tree as plan-gate sees it (the CLI's current directory, the
// action's GITHUB_WORKSPACE): the root given is the repository root, paths
// are reported relative to it with forward slashes, and scanning never follows
// symbolic links, so a plan cannot pull in files from outside the repository.

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn'])
const MAX_SCANNED_FILES = 200_000
/** Config and rubric files are small; anything larger is refused before it is read. */
export const MAX_REPO_FILE_BYTES = 1024 * 1024

/** A path that exists but cannot be read as a file: a directory, a FIFO, a device, or a file over the size cap. */
export class UnreadableFileError extends Error {}

/** What a non-regular file is, in words a user recognises. */
export function describeFileType(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  if (stats.isSocket()) return 'a socket'
  if (stats.isSymbolicLink()) return 'a symbolic link'
  return 'not a regular file'
}

/**
 * Reads a regular file, refusing anything else. The file is opened without
 * blocking and checked on the open handle, so a FIFO with no writer (or a
 * device that never ends) is an error at once instead of a hang, and a file
 * swapped between a check and the read cannot slip through.
 */
export async function readRegularFile(absolute: string, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const handle = await open(absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw new UnreadableFileError(`is ${describeFileType(stats)}, not a regular file`)
    if (stats.size > maxBytes) throw new UnreadableFileError(`is ${stats.size} bytes; the limit is ${maxBytes} bytes`)
    const limit = Number.isFinite(maxBytes) ? maxBytes + 1 : stats.size + 1
    const chunks: Buffer[] = []
    let total = 0
    // Read to the end rather than trusting the size: a file may grow while it is read; the cap still holds.
    for (;;) {
      const chunk = Buffer.alloc(Math.max(1, Math.min(64 * 1024, limit - total)))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      total += bytesRead
      if (total > maxBytes) throw new UnreadableFileError(`is more than ${maxBytes} bytes; the limit is ${maxBytes} bytes`)
    }
    return Buffer.concat(chunks)
  } finally {
    await handle.close()
  }
}

export interface FoundFile {
  /** Repository-relative path with forward slashes (or the path as given, for files outside the root). */
  path: string
  absolute: string
  /** Named directly on the command line rather than found by a scan. */
  explicit: boolean
}

export function toRepoPath(root: string, absolute: string): string {
  const relative = path.relative(root, absolute)
  return relative.split(path.sep).join('/')
}

/** Where a scan found entries that are neither files nor directories. */
export interface WalkExtras {
  /** Symbolic links, which scans never follow. */
  links?: string[]
  /** FIFOs, sockets and devices: never read, but a plan path that is one must not go unnoticed. */
  others?: string[]
  /** Files the scan may look at before it fails; 200,000 unless a test says otherwise. */
  maxFiles?: number
}

export class ScanError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScanError'
  }
}

/**
 * Every regular file under `directory`, skipping VCS and dependency folders,
 * symbolic links and other non-regular entries such as FIFOs and sockets
 * (collected in `extras` when given). A directory it cannot read, or more files
 * than it may look at, fails the scan: either could hide a plan, and a scan
 * that silently saw less would pass plans it never read.
 */
export async function walk(directory: string, extras: WalkExtras = {}): Promise<string[]> {
  const { links, others } = extras
  const maxFiles = extras.maxFiles ?? MAX_SCANNED_FILES
  const found: string[] = []
  let pending = [directory]
  while (pending.length > 0) {
    // Directories are read a batch at a time: one at a time, a tree of thousands spends most of its walk waiting.
    const batch = pending.slice(-CONCURRENT_READS).reverse()
    pending = pending.slice(0, -CONCURRENT_READS)
    const listed = await mapConcurrent(batch, CONCURRENT_READS, (current) => readdir(current, { withFileTypes: true }))
    for (const [at, current] of batch.entries()) {
      const result = listed[at]!
      if (result.status === 'rejected') {
        const code = (result.reason as NodeJS.ErrnoException).code ?? 'error'
        throw new ScanError(
          `Cannot read the directory ${JSON.stringify(path.relative(directory, current) || '.')} (${code}), so plans in it cannot be checked; make it readable, or name the plans to check`
        )
      }
      walkEntries(current, result.value)
    }
  }
  // Whatever order the batches came back in, every list is in path order.
  links?.sort()
  others?.sort()
  return found.sort()

  function walkEntries(current: string, entries: Dirent[]): void {
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full)
      } else if (entry.isFile()) {
        found.push(full)
        if (found.length > maxFiles) {
          throw new ScanError(
            `The scan stopped at ${maxFiles.toLocaleString('en-US')} files, so plans beyond them cannot be checked; name the plans or the directories that hold them`
          )
        }
      } else if (entry.isSymbolicLink()) {
        links?.push(full)
      } else {
        others?.push(full)
      }
    }
  }
}

/** How many files or directories are read at once: enough to keep the disk busy, few enough for any file-descriptor limit. */
export const CONCURRENT_READS = 16

/** `fn` over `items`, at most `limit` at a time; settled results in the items' order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results = new Array<PromiseSettledResult<R>>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = { status: 'fulfilled', value: await fn(items[index]!) }
      } catch (reason) {
        results[index] = { status: 'rejected', reason }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return results
}

export type Selector = (repoPath: string) => boolean

export type OperandKind = 'file' | 'directory' | 'glob'

export interface OperandResult {
  operand: string
  kind: OperandKind
  /** Repository paths this operand contributed. */
  paths: string[]
  /** Why a named file cannot be checked (missing files are reported as matching nothing instead). */
  unreadable?: string
}

/**
 * Resolves the command line's operands: a file is taken as named, a directory
 * means the plans under it that `select` accepts, anything else is a glob
 * relative to `cwd` (the root by default). Every operand is reported with what
 * it matched, so the caller can refuse the ones that matched nothing.
 */
export async function collectFiles(
  root: string,
  operands: readonly string[],
  select: Selector,
  cwd: string = root
): Promise<{ files: FoundFile[]; unmatched: string[]; operands: OperandResult[] }> {
  const files = new Map<string, FoundFile>()
  const results: OperandResult[] = []
  let cwdFiles: string[] | null = null
  const cwdLinks: string[] = []
  const cwdSpecials: string[] = []
  const addLinks = async (links: readonly string[], matches: (link: string) => boolean, explicit: boolean, paths: string[]): Promise<void> => {
    for (const link of links) {
      if (!matches(link)) continue
      const repoPath = toRepoPath(root, link)
      const target = await linkedPlan(root, link, repoPath)
      if (!target) continue
      files.set(link, { path: repoPath, absolute: target, explicit })
      paths.push(repoPath)
    }
  }
  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand)
    const stats = await lstat(absolute).catch(() => null)
    if (stats && !stats.isDirectory()) {
      const repoPath = toRepoPath(root, absolute)
      const shown = repoPath.startsWith('..') ? operand : repoPath
      const target = stats.isSymbolicLink() ? await stat(absolute).catch(() => null) : stats
      if (target === null) {
        results.push({ operand, kind: 'file', paths: [], unreadable: 'is a symbolic link that leads nowhere' })
      } else if (!target.isFile()) {
        results.push({ operand, kind: 'file', paths: [], unreadable: `is ${describeFileType(target)}, not a regular file` })
      } else {
        files.set(absolute, { path: shown, absolute, explicit: true })
        results.push({ operand, kind: 'file', paths: [shown] })
      }
      continue
    }
    if (stats?.isDirectory()) {
      const paths: string[] = []
      const links: string[] = []
      const specials: string[] = []
      for (const file of await walk(absolute, { links, others: specials })) {
        const repoPath = toRepoPath(root, file)
        if (!select(repoPath)) continue
        files.set(file, { path: repoPath, absolute: file, explicit: false })
        paths.push(repoPath)
      }
      await addLinks(links, (link) => select(toRepoPath(root, link)), false, paths)
      // A plan path the scan cannot read is an error, never a file silently left out.
      const special = specials.map((file) => toRepoPath(root, file)).find((repoPath) => select(repoPath))
      if (special !== undefined) {
        results.push({ operand: special, kind: 'file', paths: [], unreadable: 'is not a regular file (a FIFO, socket or device), so the plan cannot be read' })
      }
      results.push({ operand, kind: 'directory', paths })
      continue
    }
    cwdFiles ??= await walk(cwd, { links: cwdLinks, others: cwdSpecials })
    const isMatch = globMatcher(operand.replace(/\\/g, '/').replace(/^\.\//, ''))
    const matches = (file: string): boolean => isMatch(toRepoPath(cwd, file))
    const paths: string[] = []
    for (const file of cwdFiles) {
      if (!matches(file)) continue
      const repoPath = toRepoPath(root, file)
      files.set(file, { path: repoPath, absolute: file, explicit: true })
      paths.push(repoPath)
    }
    await addLinks(cwdLinks, matches, true, paths)
    const special = cwdSpecials.find(matches)
    if (special !== undefined) {
      results.push({ operand: toRepoPath(root, special), kind: 'file', paths: [], unreadable: 'is not a regular file (a FIFO, socket or device), so the plan cannot be read' })
    }
    results.push({ operand, kind: 'glob', paths })
  }
  return {
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    unmatched: results.filter((result) => result.paths.length === 0 && result.unreadable === undefined).map((result) => result.operand),
    operands: results
  }
}

/**
 * Every path in the checkout a plan may be at: regular files and symbolic
 * links (which `readPlanFile` resolves or refuses), and other special files,
 * which `readPlanFile` refuses, so that a path the globs match is read or
 * reported, never left out.
 */
export async function planCandidates(root: string): Promise<string[]> {
  const links: string[] = []
  const others: string[] = []
  const files = await walk(root, { links, others })
  return [...files, ...links, ...others].map((file) => toRepoPath(root, file)).sort()
}

/** A plan's bytes from the checkout: a regular file, or a link to one inside the root; anything else is a configuration error at the path. */
export async function readPlanFile(root: string, repoPath: string): Promise<Buffer> {
  const absolute = path.join(root, ...repoPath.split('/'))
  const stats = await lstat(absolute)
  if (stats.isFile()) return readRegularFile(absolute)
  const refuse = (message: string): ConfigError => new ConfigError([{ file: repoPath, line: 1, column: 1, path: '', message }])
  if (!stats.isSymbolicLink()) throw refuse('is not a regular file (a FIFO, socket or device); plan-gate reads plans from regular files only')
  const target = await linkedPlan(root, absolute, repoPath)
  if (target === null) throw refuse('is a symbolic link to a directory, not a plan file')
  return readRegularFile(target)
}

/**
 * A scanned plan path that is a symbolic link: read through when it stays in
 * the repository (null for a link to a directory, which scans never enter).
 * A link out of the repository, or to nothing, is a configuration error
 * rather than a skipped file: skipping would leave a matched plan unchecked.
 */
export async function linkedPlan(root: string, link: string, repoPath: string): Promise<string | null> {
  const refuse = (message: string): ConfigError => new ConfigError([{ file: repoPath, line: 1, column: 1, path: '', message }])
  let real: string
  try {
    real = await realpath(link)
  } catch {
    throw refuse('is a symbolic link that leads nowhere; the plan cannot be read')
  }
  const realRoot = await realpath(root)
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
    throw refuse('is a symbolic link to a file outside the repository; plan-gate does not follow links out of it')
  }
  return (await stat(real)).isFile() ? real : null
}

/**
 * Reads a repository file for the rubric loader: null when missing, and
 * refused when a symbolic link would lead outside the root, when it is not a
 * regular file (a FIFO would block the read forever) or when it is over the cap.
 */
export function repoFileReader(root: string, maxBytes = MAX_REPO_FILE_BYTES): (repoPath: string) => Promise<string | null> {
  return async (repoPath) => {
    const absolute = path.resolve(root, repoPath)
    let real: string
    try {
      real = await realpath(absolute)
    } catch {
      return null
    }
    const realRoot = await realpath(root)
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      throw new Error(`${repoPath} resolves outside the repository`)
    }
    try {
      return (await readRegularFile(real, maxBytes)).toString('utf8')
    } catch (error) {
      if (error instanceof UnreadableFileError) throw new Error(`${repoPath} ${error.message}`)
      throw error
    }
  }
}

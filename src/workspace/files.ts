import { lstat, readdir, realpath, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { ConfigError } from '../rubric/errors.js'
import { globMatcher } from '../rubric/glob.js'

// A working tree as plan-gate sees it (the CLI's current directory, the
// action's GITHUB_WORKSPACE): the root given is the repository root, paths
// are reported relative to it with forward slashes, and scanning never follows
// symbolic links, so a plan cannot pull in files from outside the repository.

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn'])
const MAX_SCANNED_FILES = 200_000

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

/** Where a scan found entries that are neither files, directories nor links. */
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
 * Every regular file under `directory`, skipping VCS and dependency folders
 * and symbolic links (collected in `extras.links` when given). A directory it
 * cannot read, or more files than it may look at, fails the scan: either could
 * hide a plan, and a scan that silently saw less would pass plans it never read.
 */
export async function walk(directory: string, extras: string[] | WalkExtras = {}): Promise<string[]> {
  const { links, others } = Array.isArray(extras) ? { links: extras, others: undefined } : extras
  const found: string[] = []
  const pending = [directory]
  const maxFiles = (Array.isArray(extras) ? undefined : extras.maxFiles) ?? MAX_SCANNED_FILES
  while (pending.length > 0) {
    const current = pending.pop()!
    let entries
    try {
      entries = await readdir(current, { withFileTypes: true })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      throw new ScanError(
        `Cannot read the directory ${JSON.stringify(path.relative(directory, current) || '.')} (${code}), so plans in it cannot be checked; make it readable, or name the plans to check`
      )
    }
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
  return found.sort()
}

export type Selector = (repoPath: string) => boolean

/**
 * Resolves the command line's operands: a file is taken as named, a directory
 * means the plans under it that `select` accepts, anything else is a glob
 * relative to the root.
 */
export async function collectFiles(root: string, operands: readonly string[], select: Selector): Promise<{ files: FoundFile[]; unmatched: string[] }> {
  const files = new Map<string, FoundFile>()
  const unmatched: string[] = []
  let rootFiles: string[] | null = null
  const rootLinks: string[] = []
  const rootOthers: string[] = []
  const addLinks = async (links: readonly string[], matches: Selector, explicit: boolean): Promise<void> => {
    for (const link of links) {
      const repoPath = toRepoPath(root, link)
      if (!matches(repoPath)) continue
      const target = await linkedPlan(root, link, repoPath)
      if (target) files.set(link, { path: repoPath, absolute: target, explicit })
    }
  }
  for (const operand of operands) {
    const absolute = path.resolve(root, operand)
    const stats = await lstat(absolute).catch(() => null)
    if (stats?.isFile() || stats?.isSymbolicLink()) {
      const repoPath = toRepoPath(root, absolute)
      files.set(absolute, { path: repoPath.startsWith('..') ? operand : repoPath, absolute, explicit: true })
      continue
    }
    if (stats?.isDirectory()) {
      const before = files.size
      const links: string[] = []
      const others: string[] = []
      for (const file of await walk(absolute, { links, others })) {
        const repoPath = toRepoPath(root, file)
        if (select(repoPath)) files.set(file, { path: repoPath, absolute: file, explicit: false })
      }
      await addLinks(links, select, false)
      refuseOthers(root, others, select)
      if (files.size === before) unmatched.push(operand)
      continue
    }
    rootFiles ??= await walk(root, { links: rootLinks, others: rootOthers })
    const isMatch = globMatcher(operand.replace(/\\/g, '/').replace(/^\.\//, ''))
    const before = files.size
    for (const file of rootFiles) {
      const repoPath = toRepoPath(root, file)
      if (isMatch(repoPath)) files.set(file, { path: repoPath, absolute: file, explicit: true })
    }
    await addLinks(rootLinks, isMatch, true)
    refuseOthers(root, rootOthers, isMatch)
    if (files.size === before) unmatched.push(operand)
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), unmatched }
}

/** A plan path that is a FIFO, socket or device is an error, not a file skipped without a word. */
function refuseOthers(root: string, others: readonly string[], matches: Selector): void {
  for (const other of others) {
    const repoPath = toRepoPath(root, other)
    if (matches(repoPath)) {
      throw new ConfigError([{ file: repoPath, line: 1, column: 1, path: '', message: 'is not a regular file (a FIFO, socket or device); plan-gate reads plans from regular files only' }])
    }
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
  if (stats.isFile()) return readFile(absolute)
  const refuse = (message: string): ConfigError => new ConfigError([{ file: repoPath, line: 1, column: 1, path: '', message }])
  if (!stats.isSymbolicLink()) throw refuse('is not a regular file (a FIFO, socket or device); plan-gate reads plans from regular files only')
  const target = await linkedPlan(root, absolute, repoPath)
  if (target === null) throw refuse('is a symbolic link to a directory, not a plan file')
  return readFile(target)
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
 * refused when a symbolic link would lead outside the root.
 */
export function repoFileReader(root: string): (repoPath: string) => Promise<string | null> {
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
    return readFile(real, 'utf8')
  }
}

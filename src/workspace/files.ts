import { lstat, readdir, realpath, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import { ConfigError } from '../rubric/errors.js'

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

/** Every regular file under `directory`, skipping VCS and dependency folders and symbolic links (collected in `links` when given). */
export async function walk(directory: string, links?: string[]): Promise<string[]> {
  const found: string[] = []
  const pending = [directory]
  while (pending.length > 0 && found.length < MAX_SCANNED_FILES) {
    const current = pending.pop()!
    let entries
    try {
      entries = await readdir(current, { withFileTypes: true })
    } catch {
      continue
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full)
      } else if (entry.isFile()) {
        found.push(full)
      } else if (entry.isSymbolicLink()) {
        links?.push(full)
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
      for (const file of await walk(absolute, links)) {
        const repoPath = toRepoPath(root, file)
        if (select(repoPath)) files.set(file, { path: repoPath, absolute: file, explicit: false })
      }
      await addLinks(links, select, false)
      if (files.size === before) unmatched.push(operand)
      continue
    }
    rootFiles ??= await walk(root, rootLinks)
    const isMatch = picomatch(operand.replace(/\\/g, '/').replace(/^\.\//, ''), { dot: true })
    const before = files.size
    for (const file of rootFiles) {
      const repoPath = toRepoPath(root, file)
      if (isMatch(repoPath)) files.set(file, { path: repoPath, absolute: file, explicit: true })
    }
    await addLinks(rootLinks, isMatch, true)
    if (files.size === before) unmatched.push(operand)
  }
  return { files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), unmatched }
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

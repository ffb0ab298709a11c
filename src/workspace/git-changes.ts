import { createRequire } from 'node:module'
import { realpath } from 'node:fs/promises'
import path from 'node:path'

// Which files of a working tree git says changed, for `check --changed` and
// the agent hooks. A Stop hook runs after every agent turn, so this never
// walks the tree: git already knows what changed, and its answer (names only,
// NUL-separated so that names with newlines survive) is filtered by the
// config's globs afterwards.

export class NotAGitRepositoryError extends Error {
  constructor(directory: string, detail: string) {
    super(`${directory} is not inside a git repository (${detail}); --changed needs git to know which plans changed. Name the plans instead: plan-gate check <files>`)
    this.name = 'NotAGitRepositoryError'
  }
}

export class GitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GitError'
  }
}

export interface ChangedOptions {
  /** Compare with the merge base of this ref and HEAD (committed, staged, unstaged and untracked changes); default: HEAD. */
  base?: string | undefined
  /** Only what is staged in the index (for pre-commit). */
  staged?: boolean | undefined
}

export interface ChangedPaths {
  /** Paths relative to `directory`, forward slashes, of files that still exist; sorted. */
  paths: string[]
  /** What they were compared with, for the log. */
  against: string
}

const MAX_BUFFER = 256 * 1024 * 1024

// Loaded when git is first asked: child_process (with net and dgram under it)
// is a few milliseconds that a check of named files never needs.
let childProcess: typeof import('node:child_process') | null = null
const loadChildProcess = (): typeof import('node:child_process') => (childProcess ??= createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process'))

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    loadChildProcess().execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'ENOENT') reject(new GitError('git is not installed or not on PATH; --changed needs it'))
        else reject(new GitError(`git ${args.join(' ')} failed: ${String(stderr).trim() || error.message}`))
        return
      }
      resolve(stdout)
    })
  })
}

function names(output: string): string[] {
  return output.split('\0').filter((name) => name !== '')
}

async function hasHead(top: string): Promise<boolean> {
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
    return true
  } catch {
    return false
  }
}

// Everything that differs from HEAD, staged or not, and every untracked file
// the ignore rules let through, in one process. Porcelain output names paths
// from the top of the work tree whatever the user's settings. Like the user's
// own `git status`, it may store the files' refreshed stat data in the index
// (only if no other git process holds the index lock; it never waits for it):
// without that, an index older than its files (a fresh clone or checkout)
// makes every later run read every file again. That write changes no content.
// --branch is there only to tell a repository without commits; its count of
// commits ahead of and behind the upstream, which can walk a long history, is
// never read, so git is told not to make it.
const STATUS_ARGS = ['status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind', '--untracked-files=all', '--no-renames']

// Fields before the path in each kind of porcelain v2 entry: changed, renamed or copied, unmerged.
const FIELDS_BEFORE_PATH: Record<string, number> = { '1': 8, '2': 9, u: 10 }

/** The paths of `git status --porcelain=v2 -z --branch` output, and whether HEAD is a commit. */
export function statusChanges(output: string): { paths: string[]; head: boolean } {
  const paths: string[] = []
  let head = true
  const entries = output.split('\0')
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!
    if (entry.startsWith('# ')) {
      if (entry === '# branch.oid (initial)') head = false
    } else if (entry.startsWith('? ')) {
      paths.push(entry.slice(2))
    } else if (entry !== '' && !entry.startsWith('! ')) {
      const fields = FIELDS_BEFORE_PATH[entry[0]!]
      if (fields === undefined || entry[1] !== ' ') throw new GitError(`git status printed an entry plan-gate does not know: ${JSON.stringify(entry.slice(0, 80))}`)
      let at = 0
      for (let field = 0; field < fields && at !== -1; field++) at = entry.indexOf(' ', at) + 1 || -1
      if (at === -1) throw new GitError(`git status printed an entry plan-gate does not know: ${JSON.stringify(entry.slice(0, 80))}`)
      // XY: the index's and the work tree's state against HEAD. A file deleted from the work tree is no change to check.
      const gone = entry[3] === 'D' || (entry[3] === '.' && entry[2] === 'D')
      if (!gone || entry[0] === 'u') paths.push(entry.slice(at))
      // A rename or copy names its source in the next entry: gone or unchanged, not a change to check.
      if (entry[0] === '2') i++
    }
  }
  return { paths, head }
}

const TOP_ARGS = ['rev-parse', '--show-toplevel']

// dist/cli.js starts the two git calls of a plain `check --changed` before it
// loads the CLI, so that git works while the CLI is read and compiled rather
// than after. Both answers are the same from any directory of the work tree,
// and the CLI's root is the current directory or one above it in the same
// work tree (discover.ts), so changedPaths takes them when they were asked
// there; otherwise it asks git itself. Kept on globalThis because the
// launcher and the CLI are separate bundles.
const PREFETCHED = Symbol.for('plan-gate.changed-paths.prefetched')

interface Prefetched {
  cwd: string
  top: Promise<string>
  status: Promise<string>
}

/** Starts the git calls `argv` will need, when it is a plain `check --changed` (not --base, --staged or help). */
export function prefetchChangedPaths(argv: readonly string[], cwd: string): void {
  if (argv[0] !== 'check' || !argv.includes('--changed')) return
  if (argv.some((arg) => /^--(?:base|staged|help)(?:=|$)/.test(arg) || arg === '-h' || arg === '--')) return
  const top = git(cwd, TOP_ARGS)
  const status = git(cwd, STATUS_ARGS)
  // Never awaited when the CLI stops first (a usage error): not an unhandled rejection.
  top.catch(() => {})
  status.catch(() => {})
  ;(globalThis as Record<symbol, Prefetched | undefined>)[PREFETCHED] = { cwd: path.resolve(cwd), top, status }
}

function takePrefetched(directory: string): Prefetched | null {
  const store = globalThis as Record<symbol, Prefetched | undefined>
  const prefetched = store[PREFETCHED]
  if (prefetched === undefined) return null
  delete store[PREFETCHED]
  const relative = path.relative(path.resolve(directory), prefetched.cwd)
  return relative.startsWith('..') || path.isAbsolute(relative) ? null : prefetched
}

/** The files changed in the working tree at `directory`, as `options` asks. */
export async function changedPaths(directory: string, options: ChangedOptions = {}): Promise<ChangedPaths> {
  // Each git call is a process start, so the ones that do not wait for another's answer run side by side.
  // The common case, a hook asking what changed since HEAD, is one `git status` beside the top-level lookup.
  const plain = !options.staged && options.base === undefined
  const prefetched = plain ? takePrefetched(directory) : null
  const asked = plain ? null : hasHead(directory)
  const status = prefetched?.status ?? (plain ? git(directory, STATUS_ARGS) : null)
  status?.catch(() => {})
  let top: string
  try {
    top = (await (prefetched?.top ?? git(directory, TOP_ARGS))).replace(/\r?\n$/, '')
  } catch (error) {
    await Promise.allSettled([asked, status])
    if (error instanceof GitError && /not installed/.test(error.message)) throw error
    throw new NotAGitRepositoryError(directory, error instanceof Error ? error.message.replace(/^git rev-parse --show-toplevel failed: /, '') : String(error))
  }
  const found = new Set<string>()
  let against: string
  if (status !== null) {
    const changes = statusChanges(await status)
    for (const name of changes.paths) found.add(name)
    against = changes.head ? 'HEAD (staged, unstaged and untracked changes)' : 'an empty repository (every file is new)'
  } else if (options.staged) {
    const head = await asked
    // Before the first commit everything in the index is new.
    const output = head ? await git(top, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=d', 'HEAD', '--']) : await git(top, ['ls-files', '--cached', '-z'])
    for (const name of names(output)) found.add(name)
    against = head ? 'the index against HEAD' : 'the index (no commit yet)'
  } else {
    const base = options.base!
    if (!(await asked)) throw new GitError(`--base ${base}: the repository has no commit yet, so there is no merge base`)
    let reference: string
    try {
      reference = (await git(top, ['merge-base', base, 'HEAD'])).trim()
    } catch (error) {
      throw new GitError(`--base ${base}: no merge base with HEAD (${error instanceof Error ? error.message : String(error)}); is the ref fetched?`)
    }
    against = `the merge base of ${base} and HEAD (${reference.slice(0, 7)})`
    const [tracked, untracked] = await Promise.all([
      git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', reference, '--']),
      git(top, ['ls-files', '--others', '--exclude-standard', '-z'])
    ])
    for (const name of names(tracked)) found.add(name)
    for (const name of names(untracked)) found.add(name)
  }
  // git names paths from the top of the work tree; plan-gate's root is the current directory.
  const [realTop, realDirectory] = await Promise.all([realpath(top), realpath(directory)])
  const paths: string[] = []
  for (const name of found) {
    const relative = path.relative(realDirectory, path.join(realTop, name))
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue
    paths.push(relative.split(path.sep).join('/'))
  }
  return { paths: paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), against }
}

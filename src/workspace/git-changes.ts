import { execFile } from 'node:child_process'
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

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
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

/** The files changed in the working tree at `directory`, as `options` asks. */
export async function changedPaths(directory: string, options: ChangedOptions = {}): Promise<ChangedPaths> {
  // Each git call is a process start, so the ones that do not wait for another's answer run side by side.
  const asked = hasHead(directory)
  let top: string
  try {
    top = (await git(directory, ['rev-parse', '--show-toplevel'])).replace(/\r?\n$/, '')
  } catch (error) {
    await asked
    if (error instanceof GitError && /not installed/.test(error.message)) throw error
    throw new NotAGitRepositoryError(directory, error instanceof Error ? error.message.replace(/^git rev-parse --show-toplevel failed: /, '') : String(error))
  }
  const head = await asked
  const found = new Set<string>()
  let against: string
  if (options.staged) {
    // Before the first commit everything in the index is new.
    const output = head ? await git(top, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=d', 'HEAD', '--']) : await git(top, ['ls-files', '--cached', '-z'])
    for (const name of names(output)) found.add(name)
    against = head ? 'the index against HEAD' : 'the index (no commit yet)'
  } else {
    let reference: string | null = head ? 'HEAD' : null
    against = head ? 'HEAD (staged, unstaged and untracked changes)' : 'an empty repository (every file is new)'
    if (options.base !== undefined) {
      if (!head) throw new GitError(`--base ${options.base}: the repository has no commit yet, so there is no merge base`)
      try {
        reference = (await git(top, ['merge-base', options.base, 'HEAD'])).trim()
      } catch (error) {
        throw new GitError(`--base ${options.base}: no merge base with HEAD (${error instanceof Error ? error.message : String(error)}); is the ref fetched?`)
      }
      against = `the merge base of ${options.base} and HEAD (${reference.slice(0, 7)})`
    }
    const [tracked, untracked] = await Promise.all([
      reference === null ? git(top, ['ls-files', '--cached', '-z']) : git(top, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', reference, '--']),
      git(top, ['ls-files', '--others', '--exclude-standard', '-z'])
    ])
    for (const name of names(tracked)) found.add(name)
    for (const name of names(untracked)) found.add(name)
  }
  // git names paths from the top of the work tree; plan-gate's root is the current directory.
  const realTop = await realpath(top)
  const realDirectory = await realpath(directory)
  const paths: string[] = []
  for (const name of found) {
    const relative = path.relative(realDirectory, path.join(realTop, name))
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue
    paths.push(relative.split(path.sep).join('/'))
  }
  return { paths: paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), against }
}

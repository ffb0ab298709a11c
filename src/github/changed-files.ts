// Which files a pull request changes, with each file's patch where GitHub
// gives one (inline comments can only sit on lines the patch shows).
import type { GitHubClient, Repo } from './client.js'
import { calling } from './errors.js'
import { changedPathsBetween } from './tree-diff.js'

/** GitHub's files listing stops here, however many files changed. */
export const FILES_LISTING_CAP = 3000

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged'

export interface ChangedFile {
  path: string
  status: FileStatus
  previousPath?: string
  /** Absent for binary files, pure renames, very large diffs, and files found through the trees. */
  patch?: string
}

export interface PullRequestState {
  headSha: string
  changedFiles: number
}

export interface Changes {
  files: ChangedFile[]
  /** How the list was made, for the log. */
  source: string
  /** The pull request's head when it has moved past the commit being checked, else null. */
  movedOnTo: string | null
}

export async function getPullRequestState(client: GitHubClient, repo: Repo, pullNumber: number): Promise<PullRequestState> {
  const { data } = await calling(`read pull request #${pullNumber}`, () => client.rest.pulls.get({ ...repo, pull_number: pullNumber }))
  // A garbled body must fail with the call's name, not a TypeError deep in the run.
  const headSha: unknown = (data as { head?: { sha?: unknown } } | null)?.head?.sha
  const changedFiles: unknown = (data as { changed_files?: unknown } | null)?.changed_files
  if (typeof headSha !== 'string' || typeof changedFiles !== 'number') {
    throw new Error(`Could not read pull request #${pullNumber}: GitHub's answer is malformed (no head SHA or changed-file count)`)
  }
  return { headSha, changedFiles }
}

export async function listChangedFiles(client: GitHubClient, repo: Repo, pullNumber: number): Promise<ChangedFile[]> {
  const items = await calling(`list the files of pull request #${pullNumber}`, () =>
    client.paginate(client.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 })
  )
  // An empty or garbled page must not read as "nothing changed".
  if (!Array.isArray(items) || items.some((item) => typeof item?.filename !== 'string' || typeof item.status !== 'string')) {
    throw new Error(`GitHub's list of the files of pull request #${pullNumber} is malformed`)
  }
  return items.map((item) => {
    const file: ChangedFile = { path: item.filename, status: item.status }
    if (typeof item.previous_filename === 'string') file.previousPath = item.previous_filename
    if (typeof item.patch === 'string') file.patch = item.patch
    return file
  })
}

/** Added, modified, renamed or copied: the head has a version of the file to check. */
export function isPresentInHead(file: ChangedFile): boolean {
  return file.status !== 'removed' && file.status !== 'unchanged'
}

/**
 * The pull request's changed files as of `headSha`. The files listing is
 * used while it is complete and current; past GitHub's cap, or when the pull
 * request has moved on since the event, the git trees are compared instead,
 * so no changed plan goes unseen.
 */
export async function changesOf(
  client: GitHubClient,
  repo: Repo,
  pull: { number: number; baseSha: string; headSha: string; changedFiles: number | null }
): Promise<Changes> {
  const state = await getPullRequestState(client, repo, pull.number)
  if (state.headSha !== pull.headSha) {
    // The listing would describe the newer head, not the commit this check is for.
    const paths = await changedPathsBetween(client, repo, pull.baseSha, pull.headSha)
    return { files: paths.map((path) => ({ path, status: 'changed' })), source: 'git trees (the files listing describes a newer head)', movedOnTo: state.headSha }
  }
  const listed = await listChangedFiles(client, repo, pull.number)
  const expected = Math.max(state.changedFiles, pull.changedFiles ?? 0)
  if (listed.length >= FILES_LISTING_CAP || listed.length < expected) {
    const paths = await changedPathsBetween(client, repo, pull.baseSha, pull.headSha)
    const known = new Set(listed.map((file) => file.path))
    const extra: ChangedFile[] = paths.filter((path) => !known.has(path)).map((path) => ({ path, status: 'changed' }))
    return {
      files: [...listed, ...extra],
      source: `files listing (${listed.length} of ${expected} files) completed from the git trees (${extra.length} more)`,
      movedOnTo: null
    }
  }
  return { files: listed, source: `files listing (${listed.length} files)`, movedOnTo: null }
}

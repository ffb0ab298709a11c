// The other way to learn what a pull request changed, for when the files
// listing stops short (GitHub lists at most 3000 files): compare the full git
// trees of the merge base and the head. Exact for any number of files, as
// long as GitHub returns the trees whole.
import type { GitHubClient, Repo } from './client.js'
import { calling } from './errors.js'

export class TruncatedTreeError extends Error {
  constructor(sha: string) {
    super(
      `The git tree of ${sha.slice(0, 7)} is too large for GitHub to list in full, so plan-gate cannot tell which plans this pull request changes. ` +
        'The gate fails rather than pass plans it could not see; split the pull request, or run plan-gate on `push` with a checkout.'
    )
    this.name = 'TruncatedTreeError'
  }
}

/** The commit both sides share: the pull request's changes are what the head adds to it. */
export async function mergeBaseOf(client: GitHubClient, repo: Repo, baseSha: string, headSha: string): Promise<string> {
  const { data } = await calling(`compare ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)} to find the merge base`, () =>
    client.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${baseSha}...${headSha}`, per_page: 1 })
  )
  const sha = data.merge_base_commit?.sha
  if (typeof sha !== 'string' || sha === '') throw new Error(`GitHub's comparison of ${baseSha.slice(0, 7)}...${headSha.slice(0, 7)} names no merge base`)
  return sha
}

/** Path → blob sha of every file in the commit's tree. */
export async function treeBlobs(client: GitHubClient, repo: Repo, commitSha: string): Promise<Map<string, string>> {
  const { data } = await calling(`read the git tree of ${commitSha.slice(0, 7)}`, () =>
    client.rest.git.getTree({ ...repo, tree_sha: commitSha, recursive: '1' })
  )
  if (data.truncated) throw new TruncatedTreeError(commitSha)
  if (!Array.isArray(data.tree)) throw new Error(`GitHub's answer for the git tree of ${commitSha.slice(0, 7)} has no entries list`)
  const blobs = new Map<string, string>()
  for (const entry of data.tree) {
    if (entry.type === 'blob' && typeof entry.path === 'string' && typeof entry.sha === 'string') blobs.set(entry.path, entry.sha)
  }
  return blobs
}

/** Paths that are new in `head` or whose content differs from `base`; removed files are not listed. */
export function changedPaths(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>): string[] {
  const changed: string[] = []
  for (const [path, sha] of head) if (base.get(path) !== sha) changed.push(path)
  return changed.sort()
}

export async function changedPathsBetween(client: GitHubClient, repo: Repo, baseSha: string, headSha: string): Promise<string[]> {
  const mergeBase = await mergeBaseOf(client, repo, baseSha, headSha)
  const [base, head] = await Promise.all([treeBlobs(client, repo, mergeBase), treeBlobs(client, repo, headSha)])
  return changedPaths(base, head)
}

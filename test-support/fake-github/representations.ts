// The JSON shapes GitHub answers with, reduced to the fields an action is
// likely to read but keeping their names, types and nesting. API URLs point
// back at the fake so that following them (as Octokit does with Link
// headers) stays on loopback.

import type { ChangedFile } from './changes.js'
import { blobSha, type TreeEntry } from './git-objects.js'
import type { Commit, FakeRepository, FakeUser, IssueComment, PullRequest, Review, ReviewComment } from './state.js'

const HTML_BASE = 'https://github.com'

export class Urls {
  readonly repoApi: string
  readonly repoHtml: string

  constructor(
    readonly api: string,
    readonly repo: FakeRepository
  ) {
    this.repoApi = `${api}/repos/${repo.owner}/${repo.name}`
    this.repoHtml = `${HTML_BASE}/${repo.owner}/${repo.name}`
  }

  // Paths keep their slashes; each segment is escaped.
  static encodePath(path: string): string {
    return path.split('/').map(encodeURIComponent).join('/')
  }
}

export function userJson(user: FakeUser, urls: Urls): Record<string, unknown> {
  const bot = user.type === 'Bot'
  return {
    login: user.login,
    id: user.id,
    node_id: `${bot ? 'BOT' : 'U'}_fake${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    url: `${urls.api}/users/${encodeURIComponent(user.login)}`,
    html_url: bot ? `${HTML_BASE}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${HTML_BASE}/${user.login}`,
    type: user.type,
    site_admin: false
  }
}

function repoJson(urls: Urls): Record<string, unknown> {
  const { repo } = urls
  return {
    id: repo.id,
    node_id: `R_fake${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    private: false,
    owner: userJson({ login: repo.owner, id: 9_000_001, type: 'User' }, urls),
    html_url: urls.repoHtml,
    url: urls.repoApi,
    default_branch: repo.defaultBranch
  }
}

export function pullRequestJson(pr: PullRequest, urls: Urls): Record<string, unknown> {
  const { repo } = urls
  const totals = pr.files.reduce(
    (sum, file) => ({ additions: sum.additions + file.additions, deletions: sum.deletions + file.deletions }),
    { additions: 0, deletions: 0 }
  )
  const branch = (ref: string, sha: string): Record<string, unknown> => ({
    label: `${repo.owner}:${ref}`,
    ref,
    sha,
    user: userJson({ login: repo.owner, id: 9_000_001, type: 'User' }, urls),
    repo: repoJson(urls)
  })
  return {
    url: `${urls.repoApi}/pulls/${pr.number}`,
    id: 1_500_000_000 + pr.number,
    node_id: `PR_fake${pr.number}`,
    html_url: `${urls.repoHtml}/pull/${pr.number}`,
    diff_url: `${urls.repoHtml}/pull/${pr.number}.diff`,
    patch_url: `${urls.repoHtml}/pull/${pr.number}.patch`,
    issue_url: `${urls.repoApi}/issues/${pr.number}`,
    comments_url: `${urls.repoApi}/issues/${pr.number}/comments`,
    review_comments_url: `${urls.repoApi}/pulls/${pr.number}/comments`,
    number: pr.number,
    state: pr.state,
    locked: false,
    title: pr.title,
    user: userJson(pr.user, urls),
    body: pr.body,
    labels: [],
    created_at: pr.createdAt,
    updated_at: pr.updatedAt,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: pr.mergeCommitSha,
    draft: pr.draft,
    head: branch(pr.headRef, pr.headSha),
    base: branch(pr.baseRef, pr.baseSha),
    author_association: 'CONTRIBUTOR',
    merged: false,
    mergeable: true,
    mergeable_state: 'clean',
    comments: repo.commentsOnIssue(pr.number).length,
    review_comments: repo.commentsOnPullRequest(pr.number).length,
    commits: Math.max(1, repo.commitsBetween(pr.baseSha, pr.headSha).length),
    // The true count, even where the files listing stops at 3000.
    additions: totals.additions,
    deletions: totals.deletions,
    changed_files: pr.files.length
  }
}

export function changedFileJson(file: ChangedFile, ref: string, urls: Urls): Record<string, unknown> {
  const encoded = Urls.encodePath(file.filename)
  const json: Record<string, unknown> = {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${urls.repoHtml}/blob/${ref}/${encoded}`,
    raw_url: `${urls.repoHtml}/raw/${ref}/${encoded}`,
    contents_url: `${urls.repoApi}/contents/${encoded}?ref=${ref}`
  }
  if (file.patch !== undefined) json['patch'] = file.patch
  if (file.previousFilename !== undefined) json['previous_filename'] = file.previousFilename
  return json
}

export function issueCommentJson(comment: IssueComment, urls: Urls): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: `IC_fake${comment.id}`,
    url: `${urls.repoApi}/issues/comments/${comment.id}`,
    html_url: `${urls.repoHtml}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.repoApi}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    performed_via_github_app: null
  }
}

export function reviewCommentJson(comment: ReviewComment, urls: Urls): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: comment.id,
    node_id: `PRRC_fake${comment.id}`,
    url: `${urls.repoApi}/pulls/comments/${comment.id}`,
    html_url: `${urls.repoHtml}/pull/${comment.pullNumber}#discussion_r${comment.id}`,
    pull_request_url: `${urls.repoApi}/pulls/${comment.pullNumber}`,
    pull_request_review_id: comment.reviewId,
    diff_hunk: comment.diffHunk,
    path: comment.path,
    position: comment.position,
    original_position: comment.position,
    commit_id: comment.commitId,
    original_commit_id: comment.originalCommitId,
    user: userJson(comment.user, urls),
    body: comment.body,
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: comment.authorAssociation,
    start_line: comment.startLine,
    original_start_line: comment.startLine,
    start_side: comment.startSide,
    line: comment.line,
    original_line: comment.line,
    side: comment.side,
    subject_type: 'line'
  }
  if (comment.inReplyToId !== null) json['in_reply_to_id'] = comment.inReplyToId
  return json
}

export function reviewJson(review: Review, urls: Urls): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: review.id,
    node_id: `PRR_fake${review.id}`,
    user: userJson(review.user, urls),
    body: review.body,
    state: review.state,
    html_url: `${urls.repoHtml}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
    pull_request_url: `${urls.repoApi}/pulls/${review.pullNumber}`,
    author_association: 'NONE',
    commit_id: review.commitId
  }
  // Pending reviews have no submitted_at key at all.
  if (review.submittedAt !== null) json['submitted_at'] = review.submittedAt
  return json
}

export function fileContentJson(path: string, content: string, ref: string, urls: Urls): Record<string, unknown> {
  const size = Buffer.byteLength(content, 'utf8')
  const sha = blobSha(content)
  // Between 1 MB and 100 MB GitHub still describes the file but leaves the
  // content empty; only the raw media type returns it.
  const inline = size <= 1024 * 1024
  const base64 = Buffer.from(content, 'utf8').toString('base64')
  const encoded = Urls.encodePath(path)
  const self = `${urls.repoApi}/contents/${encoded}?ref=${encodeURIComponent(ref)}`
  return {
    type: 'file',
    encoding: inline ? 'base64' : 'none',
    size,
    name: path.split('/').pop() ?? path,
    path,
    // GitHub wraps base64 at 60 characters, like `git`'s MIME output.
    content: inline ? (base64.match(/.{1,60}/g) ?? []).join('\n') + (base64 === '' ? '' : '\n') : '',
    sha,
    url: self,
    git_url: `${urls.repoApi}/git/blobs/${sha}`,
    html_url: `${urls.repoHtml}/blob/${ref}/${encoded}`,
    download_url: `https://raw.githubusercontent.com/${urls.repo.fullName}/${ref}/${encoded}`,
    _links: { self, git: `${urls.repoApi}/git/blobs/${sha}`, html: `${urls.repoHtml}/blob/${ref}/${encoded}` }
  }
}

export function directoryEntryJson(dir: string, entry: TreeEntry, ref: string, urls: Urls): Record<string, unknown> {
  const path = dir === '' ? entry.path : `${dir}/${entry.path}`
  const encoded = Urls.encodePath(path)
  const self = `${urls.repoApi}/contents/${encoded}?ref=${encodeURIComponent(ref)}`
  const kind = entry.type === 'tree' ? 'dir' : 'file'
  const git = `${urls.repoApi}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`
  const html = `${urls.repoHtml}/${kind === 'dir' ? 'tree' : 'blob'}/${ref}/${encoded}`
  return {
    type: kind,
    size: entry.size ?? 0,
    name: entry.path,
    path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: kind === 'file' ? `https://raw.githubusercontent.com/${urls.repo.fullName}/${ref}/${encoded}` : null,
    _links: { self, git, html }
  }
}

export function treeJson(sha: string, entries: TreeEntry[], urls: Urls): Record<string, unknown> {
  return {
    sha,
    url: `${urls.repoApi}/git/trees/${sha}`,
    tree: entries.map((entry) => {
      const json: Record<string, unknown> = { path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha }
      if (entry.size !== undefined) json['size'] = entry.size
      json['url'] = `${urls.repoApi}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`
      return json
    }),
    truncated: false
  }
}

export function commitJson(commit: Commit, urls: Urls): Record<string, unknown> {
  const author = { name: 'Plan Gate Fixture', email: 'fixture@example.invalid', date: commit.date }
  return {
    sha: commit.sha,
    node_id: `C_fake${commit.sha.slice(0, 12)}`,
    url: `${urls.repoApi}/commits/${commit.sha}`,
    html_url: `${urls.repoHtml}/commit/${commit.sha}`,
    commit: {
      author,
      committer: author,
      message: commit.message,
      tree: { sha: commit.tree.rootSha, url: `${urls.repoApi}/git/trees/${commit.tree.rootSha}` },
      url: `${urls.repoApi}/git/commits/${commit.sha}`
    },
    author: null,
    committer: null,
    parents: commit.parents.map((sha) => ({ sha, url: `${urls.repoApi}/commits/${sha}` }))
  }
}

// The in-memory repository behind the fake: immutable commit snapshots, pull
// requests derived from two of them, and the comments and reviews on those.
// Tests build scenarios with it directly and inspect it after the action ran.

import { changedFiles, type ChangedFile, type ChangeOptions } from './changes.js'
import type { Side } from './diff.js'
import { commitSha, TreeIndex } from './git-objects.js'

export interface FakeUser {
  login: string
  id: number
  type: 'User' | 'Bot'
}

// The identity GitHub gives to whatever a workflow's GITHUB_TOKEN creates.
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }

export function fakeUser(login: string, type: FakeUser['type'] = 'User'): FakeUser {
  // Stable ids keep snapshots of the fake's answers reproducible.
  let id = 7
  for (const char of login) id = (id * 31 + char.charCodeAt(0)) % 90_000_000
  return { login, id: 10_000_000 + id, type }
}

export class Commit {
  private treeIndex: TreeIndex | undefined

  constructor(
    readonly sha: string,
    readonly parents: readonly string[],
    readonly message: string,
    readonly files: ReadonlyMap<string, string>,
    readonly date: string
  ) {}

  // Computed on first use: most scenarios never ask for trees.
  get tree(): TreeIndex {
    this.treeIndex ??= new TreeIndex(this.files)
    return this.treeIndex
  }
}

export interface PullRequest {
  number: number
  title: string
  body: string | null
  user: FakeUser
  state: 'open' | 'closed'
  draft: boolean
  baseRef: string
  headRef: string
  baseSha: string
  headSha: string
  mergeCommitSha: string
  // Every changed file, in git's path order; the endpoints apply GitHub's caps.
  files: ChangedFile[]
  changeOptions: ChangeOptions
  createdAt: string
  updatedAt: string
}

export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE'

export interface IssueComment {
  id: number
  issueNumber: number
  body: string
  user: FakeUser
  authorAssociation: AuthorAssociation
  createdAt: string
  updatedAt: string
}

export interface ReviewComment {
  id: number
  pullNumber: number
  reviewId: number | null
  path: string
  line: number | null
  side: Side
  startLine: number | null
  startSide: Side | null
  position: number | null
  commitId: string
  originalCommitId: string
  diffHunk: string
  body: string
  user: FakeUser
  inReplyToId: number | null
  authorAssociation: AuthorAssociation
  createdAt: string
  updatedAt: string
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED'

export interface Review {
  id: number
  pullNumber: number
  user: FakeUser
  body: string
  state: ReviewState
  // What the client sent, kept verbatim so tests can assert on it.
  event: string | null
  commitId: string
  submittedAt: string | null
}

export interface CommitOptions {
  // Defaults to the branch's current commit when `branch` names an existing
  // branch, otherwise to none (a root commit).
  parents?: string[]
  message?: string
  // Moves (or creates) this branch to the new commit.
  branch?: string
}

export interface PullRequestOptions extends ChangeOptions {
  number?: number
  // A commit sha or a branch name.
  base: string
  head: string
  baseRef?: string
  headRef?: string
  title?: string
  body?: string | null
  user?: FakeUser
  draft?: boolean
}

export interface SeedIssueComment {
  body: string
  user?: FakeUser
  authorAssociation?: AuthorAssociation
  createdAt?: string
}

export interface SeedReviewComment {
  path: string
  body: string
  line?: number | null
  side?: Side
  startLine?: number | null
  startSide?: Side | null
  user?: FakeUser
  inReplyToId?: number
  commitId?: string
  reviewId?: number | null
  diffHunk?: string
  authorAssociation?: AuthorAssociation
  createdAt?: string
}

export interface NewReview {
  user: FakeUser
  body: string
  state: ReviewState
  event: string | null
  commitId: string
  comments: Array<Omit<SeedReviewComment, 'user' | 'reviewId' | 'commitId'> & { diffHunk: string; position: number | null }>
}

export interface RepositoryOptions {
  owner?: string
  name?: string
  defaultBranch?: string
  clock?: () => Date
}

// Separate, far-apart id ranges: an action that sends an issue-comment id to
// a review-comment route (or the other way round) then gets a 404, as it
// would on GitHub, instead of hitting an unrelated object by coincidence.
const ID_BASE = { issueComment: 2_000_000_000, reviewComment: 1_000_000_000, review: 3_000_000_000 }

export class FakeRepository {
  readonly owner: string
  readonly name: string
  readonly defaultBranch: string
  readonly id = 123_456_789
  readonly branches = new Map<string, string>()
  readonly commits = new Map<string, Commit>()
  readonly pullRequests = new Map<number, PullRequest>()
  readonly issueComments: IssueComment[] = []
  readonly reviewComments: ReviewComment[] = []
  readonly reviews: Review[] = []
  private readonly clock: () => Date
  private readonly nextId = { ...ID_BASE }
  private commitCounter = 0

  constructor(options: RepositoryOptions = {}) {
    this.owner = options.owner ?? 'octo-org'
    this.name = options.name ?? 'octo-repo'
    this.defaultBranch = options.defaultBranch ?? 'main'
    this.clock = options.clock ?? (() => new Date())
  }

  get fullName(): string {
    return `${this.owner}/${this.name}`
  }

  // GitHub's timestamps have whole seconds.
  now(): string {
    return this.clock().toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  commit(files: Record<string, string>, options: CommitOptions = {}): string {
    const branchHead = options.branch === undefined ? undefined : this.branches.get(options.branch)
    const parents = options.parents ?? (branchHead === undefined ? [] : [branchHead])
    for (const parent of parents) this.requireCommit(parent)
    const snapshot = new Map(Object.entries(files))
    this.commitCounter++
    const treeSha = new TreeIndex(snapshot).rootSha
    const message = options.message ?? `commit ${this.commitCounter}`
    const sha = commitSha(treeSha, parents, message, 1_700_000_000 + this.commitCounter)
    this.commits.set(sha, new Commit(sha, parents, message, snapshot, this.now()))
    if (options.branch !== undefined) this.branches.set(options.branch, sha)
    // Like a fresh repository: the first commit is what the default branch holds.
    if (!this.branches.has(this.defaultBranch)) this.branches.set(this.defaultBranch, sha)
    return sha
  }

  // A child of `parent` with some files replaced, added, or (null) deleted.
  change(parent: string, edits: Record<string, string | null>, options: Omit<CommitOptions, 'parents'> = {}): string {
    const files = Object.fromEntries(this.requireCommit(parent).files)
    for (const [path, content] of Object.entries(edits)) {
      if (content === null) delete files[path]
      else files[path] = content
    }
    return this.commit(files, { ...options, parents: [parent] })
  }

  setBranch(name: string, sha: string): void {
    this.requireCommit(sha)
    this.branches.set(name, sha)
  }

  getCommit(sha: string): Commit | undefined {
    return this.commits.get(sha)
  }

  requireCommit(sha: string): Commit {
    const commit = this.commits.get(sha)
    if (commit === undefined) throw new Error(`unknown commit ${sha}`)
    return commit
  }

  // What GitHub accepts as a ref: full or abbreviated (7+) sha, branch name,
  // refs/heads/<branch>, and a pull request's head and merge refs.
  resolveRef(ref: string): Commit | undefined {
    const pull = /^refs\/pull\/(\d+)\/(head|merge)$/.exec(ref)
    if (pull !== null) {
      const pr = this.pullRequests.get(Number(pull[1]))
      return pr === undefined ? undefined : this.commits.get(pull[2] === 'head' ? pr.headSha : pr.mergeCommitSha)
    }
    const branch = this.branches.get(ref.replace(/^refs\/heads\//, '').replace(/^heads\//, ''))
    if (branch !== undefined) return this.commits.get(branch)
    if (/^[0-9a-f]{40}$/i.test(ref)) return this.commits.get(ref.toLowerCase())
    if (/^[0-9a-f]{7,39}$/i.test(ref)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref.toLowerCase()))
      return matches.length === 1 ? this.commits.get(matches[0] as string) : undefined
    }
    return undefined
  }

  pullRequest(options: PullRequestOptions): PullRequest {
    const number = options.number ?? Math.max(0, ...this.pullRequests.keys()) + 1
    if (this.pullRequests.has(number)) throw new Error(`pull request #${number} already exists`)
    const base = this.resolveRef(options.base)
    const head = this.resolveRef(options.head)
    if (base === undefined) throw new Error(`unknown base ${options.base}`)
    if (head === undefined) throw new Error(`unknown head ${options.head}`)
    const baseRef = options.baseRef ?? (this.branches.has(options.base) ? options.base : this.defaultBranch)
    const headRef = options.headRef ?? (this.branches.has(options.head) ? options.head : `feature/pr-${number}`)
    if (!this.branches.has(headRef)) this.branches.set(headRef, head.sha)
    if (!this.branches.has(baseRef)) this.branches.set(baseRef, base.sha)
    const { renames, copies } = options
    const changeOptions: ChangeOptions = {}
    if (renames !== undefined) changeOptions.renames = renames
    if (copies !== undefined) changeOptions.copies = copies
    const now = this.now()
    const pr: PullRequest = {
      number,
      title: options.title ?? `Pull request #${number}`,
      body: options.body === undefined ? null : options.body,
      user: options.user ?? fakeUser('plan-author'),
      state: 'open',
      draft: options.draft ?? false,
      baseRef,
      headRef,
      baseSha: base.sha,
      headSha: head.sha,
      mergeCommitSha: this.mergeCommit(base, head),
      files: changedFiles(base.files, head.files, changeOptions),
      changeOptions,
      createdAt: now,
      updatedAt: now
    }
    this.pullRequests.set(number, pr)
    return pr
  }

  // A new push to the pull request's branch (GitHub's `synchronize`).
  pushToPullRequest(number: number, head: string): PullRequest {
    const pr = this.requirePullRequest(number)
    const base = this.requireCommit(pr.baseSha)
    const commit = this.resolveRef(head)
    if (commit === undefined) throw new Error(`unknown head ${head}`)
    pr.headSha = commit.sha
    pr.mergeCommitSha = this.mergeCommit(base, commit)
    pr.files = changedFiles(base.files, commit.files, pr.changeOptions)
    pr.updatedAt = this.now()
    this.branches.set(pr.headRef, commit.sha)
    return pr
  }

  // The test merge GitHub keeps at refs/pull/N/merge. The base is treated as
  // the merge base, so the merged tree is the head's tree.
  private mergeCommit(base: Commit, head: Commit): string {
    return this.commit(Object.fromEntries(head.files), {
      parents: [base.sha, head.sha],
      message: `Merge ${head.sha} into ${base.sha}`
    })
  }

  requirePullRequest(number: number): PullRequest {
    const pr = this.pullRequests.get(number)
    if (pr === undefined) throw new Error(`unknown pull request #${number}`)
    return pr
  }

  // Commits reachable from `head` but not from `base`, oldest first.
  commitsBetween(base: string, head: string): Commit[] {
    const excluded = this.ancestors(base)
    const seen = new Set<string>()
    const out: Commit[] = []
    const stack = [head]
    while (stack.length > 0) {
      const sha = stack.pop() as string
      if (seen.has(sha) || excluded.has(sha)) continue
      seen.add(sha)
      const commit = this.commits.get(sha)
      if (commit === undefined) continue
      out.push(commit)
      stack.push(...commit.parents)
    }
    return out.reverse()
  }

  ancestors(sha: string): Set<string> {
    const seen = new Set<string>()
    const stack = [sha]
    while (stack.length > 0) {
      const next = stack.pop() as string
      if (seen.has(next)) continue
      seen.add(next)
      stack.push(...(this.commits.get(next)?.parents ?? []))
    }
    return seen
  }

  addIssueComment(issueNumber: number, seed: SeedIssueComment): IssueComment {
    this.requirePullRequest(issueNumber)
    const createdAt = seed.createdAt ?? this.now()
    const comment: IssueComment = {
      id: ++this.nextId.issueComment,
      issueNumber,
      body: seed.body,
      user: seed.user ?? fakeUser('reviewer'),
      authorAssociation: seed.authorAssociation ?? 'NONE',
      createdAt,
      updatedAt: createdAt
    }
    this.issueComments.push(comment)
    return comment
  }

  commentsOnIssue(issueNumber: number): IssueComment[] {
    return this.issueComments.filter((comment) => comment.issueNumber === issueNumber)
  }

  findIssueComment(id: number): IssueComment | undefined {
    return this.issueComments.find((comment) => comment.id === id)
  }

  deleteIssueComment(id: number): boolean {
    const index = this.issueComments.findIndex((comment) => comment.id === id)
    if (index >= 0) this.issueComments.splice(index, 1)
    return index >= 0
  }

  // Seeding does not check the diff: it must be able to set up comments that
  // have become outdated, as real threads do after a push.
  addReviewComment(pullNumber: number, seed: SeedReviewComment): ReviewComment {
    const pr = this.requirePullRequest(pullNumber)
    const createdAt = seed.createdAt ?? this.now()
    const commitId = seed.commitId ?? pr.headSha
    const comment: ReviewComment = {
      id: ++this.nextId.reviewComment,
      pullNumber,
      reviewId: seed.reviewId ?? null,
      path: seed.path,
      line: seed.line ?? null,
      side: seed.side ?? 'RIGHT',
      startLine: seed.startLine ?? null,
      startSide: seed.startLine === undefined || seed.startLine === null ? null : (seed.startSide ?? seed.side ?? 'RIGHT'),
      position: null,
      commitId,
      originalCommitId: commitId,
      diffHunk: seed.diffHunk ?? '',
      body: seed.body,
      user: seed.user ?? fakeUser('reviewer'),
      inReplyToId: seed.inReplyToId ?? null,
      authorAssociation: seed.authorAssociation ?? 'NONE',
      createdAt,
      updatedAt: createdAt
    }
    this.reviewComments.push(comment)
    return comment
  }

  commentsOnPullRequest(pullNumber: number): ReviewComment[] {
    return this.reviewComments.filter((comment) => comment.pullNumber === pullNumber)
  }

  findReviewComment(id: number): ReviewComment | undefined {
    return this.reviewComments.find((comment) => comment.id === id)
  }

  deleteReviewComment(id: number): boolean {
    const index = this.reviewComments.findIndex((comment) => comment.id === id)
    if (index >= 0) this.reviewComments.splice(index, 1)
    return index >= 0
  }

  // Creates the review and its comments together; callers validate first,
  // because GitHub creates all of them or none.
  addReview(pullNumber: number, input: NewReview): Review {
    this.requirePullRequest(pullNumber)
    const review: Review = {
      id: ++this.nextId.review,
      pullNumber,
      user: input.user,
      body: input.body,
      state: input.state,
      event: input.event,
      commitId: input.commitId,
      submittedAt: input.state === 'PENDING' ? null : this.now()
    }
    this.reviews.push(review)
    for (const comment of input.comments) {
      const created = this.addReviewComment(pullNumber, {
        ...comment,
        user: input.user,
        reviewId: review.id,
        commitId: input.commitId
      })
      created.position = comment.position
    }
    return review
  }

  reviewsOn(pullNumber: number): Review[] {
    return this.reviews.filter((review) => review.pullNumber === pullNumber)
  }
}

// The one summary comment per pull request and job. This module owns its
// hidden marker, GitHub's body limit and every call that touches it: find
// (by marker and author, across all pages), create, update, delete.
import type { GitHubClient, Repo } from './client.js'
import { calling } from './errors.js'
import { closeOpenBlocks } from '../report/open-blocks.js'

/** GitHub refuses comment bodies longer than this many characters. */
export const MAX_BODY_CHARS = 65_536

/**
 * Names one job of one workflow, safely inside an HTML comment: percent-encoding
 * leaves no space and no `>`, so a workflow name cannot end the marker early.
 */
export function jobKey(workflow: string, job: string): string {
  return `${encodeURIComponent(workflow)}/${encodeURIComponent(job)}`
}

export function stickyMarker(key: string): string {
  return `<!-- plan-gate:sticky key=${key} -->`
}

export interface StickyComment {
  id: number
  body: string
  createdAt: string
  url: string
}

export type CommentMode = 'always' | 'on-failure' | 'never'
/** What the run concluded; a configuration error counts as FAIL. */
export type StickyState = 'PASS' | 'FAIL' | 'SKIPPED'

export type StickyAction =
  | { kind: 'create'; body: string }
  | { kind: 'update'; id: number; body: string }
  | { kind: 'delete'; id: number }

export interface StickyDecision {
  /** The comment that stays (or null until one is created). */
  keep: StickyComment | null
  actions: StickyAction[]
}

/**
 * The writes that bring the pull request to exactly one up-to-date comment,
 * and nothing when it already is. `existing` is oldest first; `body` is the
 * full body, marker included. A comment is created only for a result worth
 * commenting on, but one that exists is always brought up to date, so it
 * never shows gaps that are gone.
 */
export function decideSticky(existing: readonly StickyComment[], body: string, state: StickyState, mode: CommentMode): StickyDecision {
  if (mode === 'never') return { keep: null, actions: [] }
  const [keep = null, ...duplicates] = existing
  const actions: StickyAction[] = duplicates.map((comment) => ({ kind: 'delete', id: comment.id }))
  if (keep !== null) {
    if (keep.body !== body) actions.unshift({ kind: 'update', id: keep.id, body })
  } else if (state === 'FAIL' || (state === 'PASS' && mode === 'always')) {
    actions.unshift({ kind: 'create', body })
  }
  return { keep, actions }
}

/**
 * `body` cut to GitHub's limit at a line break, with a note pointing to the
 * job summary, which holds the whole report. Bodies within the limit come
 * back unchanged, so fitting twice changes nothing.
 */
export function fitBody(body: string, fullReportUrl: string | undefined): string {
  if (countChars(body, MAX_BODY_CHARS + 1) <= MAX_BODY_CHARS) return body
  const where = fullReportUrl ? `the [job summary](${fullReportUrl})` : 'the job summary'
  const note = `\n\n---\n\n**This report was cut short:** it is longer than a pull request comment may be. ${where} has all of it.\n`
  let budget = MAX_BODY_CHARS - countChars(note, Infinity)
  for (;;) {
    let cut = sliceChars(body, budget)
    const lastBreak = cut.lastIndexOf('\n')
    // Ending on a line break keeps a half line (or half a link) out of the comment.
    if (lastBreak > cut.length / 2) cut = cut.slice(0, lastBreak)
    const fitted = `${closeOpenBlocks(cut)}${note}`
    const over = countChars(fitted, Infinity) - MAX_BODY_CHARS
    if (over <= 0) return fitted
    budget -= over
  }
}

// Characters as GitHub counts them (code points), stopping once past `limit`.
function countChars(text: string, limit: number): number {
  // Each code point takes one or two code units, so short texts need no count.
  if (text.length <= limit) return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0)
  let count = 0
  for (const _ of text) if (++count > limit) return count
  return count
}

function sliceChars(text: string, chars: number): string {
  let count = 0
  let end = 0
  for (const char of text) {
    if (count === chars) break
    count++
    end += char.length
  }
  return text.slice(0, end)
}


/**
 * Whether `body` is a sticky comment plan-gate wrote under `marker`: the marker
 * is its whole first line, where plan-gate puts it. Another workflow's bot
 * comment that merely contains the marker (quoting a pull request's text, say)
 * is someone else's, written as the same login.
 */
export function isStickyBody(body: string, marker: string): boolean {
  const firstBreak = body.indexOf('\n')
  const firstLine = firstBreak < 0 ? body : body.slice(0, firstBreak)
  return firstLine.replace(/\r$/, '') === marker
}

/** The comments on the pull request that are this job's sticky comment: the marker in its place and written by us; oldest first. */
export async function findStickyComments(client: GitHubClient, repo: Repo, issueNumber: number, marker: string, login: string): Promise<StickyComment[]> {
  const comments = await calling(`list the comments of pull request #${issueNumber}`, () =>
    client.paginate(client.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 })
  )
  return comments
    .filter((comment) => comment.user?.login === login && typeof comment.body === 'string' && isStickyBody(comment.body, marker))
    .map((comment) => ({ id: comment.id, body: comment.body ?? '', createdAt: comment.created_at, url: comment.html_url }))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id))
}

export interface StickyResult {
  /** Address of the comment as it now stands; undefined when there is none. */
  url: string | undefined
  created: boolean
  updated: boolean
  deleted: number
}

/** Finds, decides and writes: at most one comment remains, and it shows `content`. */
export async function syncStickyComment(
  client: GitHubClient,
  repo: Repo,
  options: { issueNumber: number; key: string; login: string; content: string; state: StickyState; mode: CommentMode; fullReportUrl: string | undefined }
): Promise<StickyResult> {
  const result: StickyResult = { url: undefined, created: false, updated: false, deleted: 0 }
  if (options.mode === 'never') return result
  const marker = stickyMarker(options.key)
  const existing = await findStickyComments(client, repo, options.issueNumber, marker, options.login)
  const body = fitBody(`${marker}\n${options.content}`, options.fullReportUrl)
  const decision = decideSticky(existing, body, options.state, options.mode)
  result.url = decision.keep?.url
  for (const action of decision.actions) {
    const written = await write(client, repo, options.issueNumber, action, options.fullReportUrl)
    if (action.kind === 'create') result.created = true
    if (action.kind === 'update') result.updated = true
    if (action.kind === 'delete') result.deleted++
    if (written !== undefined) result.url = written
  }
  return result
}

// Every write of the comment passes here, and so through fitBody.
async function write(client: GitHubClient, repo: Repo, issueNumber: number, action: StickyAction, fullReportUrl: string | undefined): Promise<string | undefined> {
  switch (action.kind) {
    case 'create': {
      const { data } = await calling(`create the plan-gate comment on pull request #${issueNumber}`, () =>
        client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: fitBody(action.body, fullReportUrl) })
      )
      return data.html_url
    }
    case 'update': {
      const { data } = await calling(`update the plan-gate comment ${action.id} on pull request #${issueNumber}`, () =>
        client.rest.issues.updateComment({ ...repo, comment_id: action.id, body: fitBody(action.body, fullReportUrl) })
      )
      return data.html_url
    }
    case 'delete':
      await calling(`delete the duplicate plan-gate comment ${action.id} on pull request #${issueNumber}`, () =>
        client.rest.issues.deleteComment({ ...repo, comment_id: action.id })
      )
      return undefined
  }
}

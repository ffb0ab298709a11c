// Inline review comments on the plan lines a pull request changes. One review
// per run, never an approval; comments carry a hidden fingerprint so re-runs
// neither repeat them nor leave them standing once the gap is fixed.
import type { Finding, RunResult } from '../engine/types.js'
import { renderInlineComment, renderResolvedInlineComment, type ReportContext } from '../report/index.js'
import type { GitHubClient, Repo } from './client.js'
import { ApiError, calling, statusOf } from './errors.js'
import { fingerprint, fingerprintMarker, readFingerprint } from './fingerprint.js'

export interface InlineComment {
  path: string
  line: number
  fingerprint: string
  /** Complete body, fingerprint marker included. */
  body: string
}

export interface ExistingInlineComment {
  id: number
  /** The plan it is on. */
  path: string
  fingerprint: string
  body: string
  createdAt: string
  /** Someone answered it: deleting it would take their reply with it. */
  replied: boolean
  /** Already edited to say the gap was fixed. */
  resolved: boolean
}

export interface ReviewPlan {
  post: InlineComment[]
  resolve: Array<{ id: number; body: string }>
  remove: number[]
}

// Findings that say the plan's rules did not all run: it is too large, not
// text, could not be parsed in time, or a rule crashed.
const UNCHECKED_RULES: ReadonlySet<string> = new Set(['plan-too-large', 'plan-encoding', 'plan-unparseable', 'internal-error'])

/**
 * Every finding of the run as an inline comment where it can be one (its line
 * is in the diff), most important first; `current` holds the fingerprints of
 * all findings, placeable or not, so that comments on gaps still open are
 * never marked resolved. `unchecked` names the plans whose rules did not all
 * run: their earlier comments are not judged, since nothing was checked and
 * so nothing can have been fixed.
 */
export function inlineCandidates(
  result: RunResult,
  diffLines: ReadonlyMap<string, ReadonlySet<number>>,
  ctx: ReportContext,
  key: string
): { candidates: InlineComment[]; current: Set<string>; unchecked: Set<string> } {
  const current = new Set<string>()
  const unchecked = new Set<string>()
  const placed: Array<{ finding: Finding; comment: InlineComment }> = []
  for (const plan of result.plans) {
    if (plan.findings.some((finding) => UNCHECKED_RULES.has(finding.ruleId))) unchecked.add(plan.file)
    const lines = diffLines.get(plan.file)
    for (const finding of plan.findings) {
      const hash = fingerprint(plan.file, finding.ruleId, finding.message)
      current.add(hash)
      if (lines === undefined || !lines.has(finding.line)) continue
      placed.push({
        finding,
        comment: { path: plan.file, line: finding.line, fingerprint: hash, body: `${renderInlineComment(finding, ctx)}\n${fingerprintMarker(key, hash)}` }
      })
    }
  }
  placed.sort(
    (a, b) =>
      rank(a.finding) - rank(b.finding) ||
      (a.comment.path < b.comment.path ? -1 : a.comment.path > b.comment.path ? 1 : 0) ||
      a.comment.line - b.comment.line
  )
  const seen = new Set<string>()
  const candidates: InlineComment[] = []
  for (const { comment } of placed) {
    // The same gap twice in one plan (same rule and message) gets one comment.
    if (seen.has(comment.fingerprint)) continue
    seen.add(comment.fingerprint)
    candidates.push(comment)
  }
  return { candidates, current, unchecked }
}

// The gate line's verdict and unreadable plans first, then other errors, then warnings.
function rank(finding: Finding): number {
  if (finding.severity === 'warning') return 2
  return finding.ruleId.startsWith('gate-') || finding.ruleId.startsWith('plan-') ? 0 : 1
}

/**
 * What to post, edit and delete. At most `max` of the most important
 * candidates are shown, counting those already on the pull request; comments
 * whose gap is gone are marked resolved when someone replied and deleted
 * otherwise; duplicates of one fingerprint (two runs that raced) keep the oldest.
 * Comments on `unchecked` plans count as open whatever this run found.
 */
export function planReview(
  candidates: readonly InlineComment[],
  current: ReadonlySet<string>,
  existing: readonly ExistingInlineComment[],
  max: number,
  headSha: string,
  unchecked: ReadonlySet<string> = new Set()
): ReviewPlan {
  const plan: ReviewPlan = { post: [], resolve: [], remove: [] }
  const active = new Map<string, ExistingInlineComment>()
  const ordered = [...existing].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id - b.id))
  for (const comment of ordered) {
    if (comment.resolved) continue
    if (!current.has(comment.fingerprint) && !unchecked.has(comment.path)) {
      if (comment.replied) {
        const body = renderResolvedInlineComment(comment.body, headSha)
        if (body !== comment.body) plan.resolve.push({ id: comment.id, body })
      } else {
        plan.remove.push(comment.id)
      }
      continue
    }
    if (active.has(comment.fingerprint)) {
      if (!comment.replied) plan.remove.push(comment.id)
      continue
    }
    active.set(comment.fingerprint, comment)
  }
  for (const candidate of candidates.slice(0, Math.max(0, max))) {
    if (!active.has(candidate.fingerprint)) plan.post.push(candidate)
  }
  return plan
}

/** This job's inline comments on the pull request (by marker and author), with whether anyone replied. */
export async function listInlineComments(client: GitHubClient, repo: Repo, pullNumber: number, login: string, key: string): Promise<ExistingInlineComment[]> {
  const comments = await calling(`list the review comments of pull request #${pullNumber}`, () =>
    client.paginate(client.rest.pulls.listReviewComments, { ...repo, pull_number: pullNumber, per_page: 100 })
  )
  const repliedTo = new Set(comments.map((comment) => comment.in_reply_to_id).filter((id): id is number => typeof id === 'number'))
  const own: ExistingInlineComment[] = []
  for (const comment of comments) {
    if (comment.user?.login !== login || comment.in_reply_to_id !== undefined) continue
    const hash = readFingerprint(comment.body, key)
    if (hash === null) continue
    own.push({
      id: comment.id,
      path: comment.path,
      fingerprint: hash,
      body: comment.body,
      createdAt: comment.created_at,
      replied: repliedTo.has(comment.id),
      // The resolved wording is idempotent: a body it leaves unchanged already says so.
      resolved: renderResolvedInlineComment(comment.body, 'x') === comment.body
    })
  }
  return own
}

export interface ReviewOutcome {
  posted: number
  resolved: number
  removed: number
  /** Why the inline comments were left out, when GitHub refused the review. */
  refused?: string
}

/**
 * Carries out the plan: one COMMENT review with every new comment, then the
 * edits and deletions. A review GitHub refuses as unprocessable (422) costs
 * the inline comments of this run, never the verdict: the summary comment and
 * the annotations still list every finding.
 */
export async function applyReview(client: GitHubClient, repo: Repo, pullNumber: number, headSha: string, plan: ReviewPlan): Promise<ReviewOutcome> {
  const outcome: ReviewOutcome = { posted: 0, resolved: 0, removed: 0 }
  if (plan.post.length > 0) {
    const body =
      plan.post.length === 1
        ? 'plan-gate found a gap on a line this pull request changes; the summary comment lists every finding.'
        : `plan-gate found ${plan.post.length} gaps on lines this pull request changes; the summary comment lists every finding.`
    try {
      await calling(`post the inline review on pull request #${pullNumber}`, () =>
        client.rest.pulls.createReview({
          ...repo,
          pull_number: pullNumber,
          commit_id: headSha,
          event: 'COMMENT',
          body,
          comments: plan.post.map((comment) => ({ path: comment.path, line: comment.line, side: 'RIGHT' as const, body: comment.body }))
        })
      )
      outcome.posted = plan.post.length
    } catch (error) {
      if (!(error instanceof ApiError) || statusOf(error.cause) !== 422) throw error
      outcome.refused = error.message
    }
  }
  for (const { id, body } of plan.resolve) {
    await calling(`mark the fixed inline comment ${id} as resolved`, () => client.rest.pulls.updateReviewComment({ ...repo, comment_id: id, body }))
    outcome.resolved++
  }
  for (const id of plan.remove) {
    await calling(`delete the inline comment ${id} on a fixed gap`, async () => {
      try {
        await client.rest.pulls.deleteReviewComment({ ...repo, comment_id: id })
      } catch (error) {
        // Already gone (deleted by hand, or by a run that raced this one).
        if (statusOf(error) !== 404) throw error
      }
    })
    outcome.removed++
  }
  return outcome
}

// The pull request comments: the sticky summary and the inline review. A
// token that may not write (a fork's GITHUB_TOKEN under `pull_request`) costs
// the comments only; the verdict stands on the exit status, the job summary
// and the annotations, which need no permission.
import * as core from '@actions/core'
import type { RunResult } from '../engine/types.js'
import type { GitHubClient, Repo } from '../github/client.js'
import { ApiError, isPermissionDenied } from '../github/errors.js'
import { botLogin } from '../github/identity.js'
import { applyReview, inlineCandidates, listInlineComments, planReview } from '../github/review.js'
import { jobKey, syncStickyComment } from '../github/sticky-comment.js'
import { safeHref, type ReportContext } from '../report/index.js'
import type { PullRequestRef, RunContext } from './context.js'
import type { Inputs } from './inputs.js'
import type { Gate } from './report.js'

export interface Publication {
  gate: Gate
  /** The sticky comment's content, without its marker. */
  markdown: string
  /** Null when nothing was checked (configuration error): inline comments are then left as they are. */
  result: RunResult | null
  /** Per plan, the new-side lines its patch shows. */
  diffLines: ReadonlyMap<string, ReadonlySet<number>>
  ctx: ReportContext
}

export async function publish(inputs: Inputs, context: RunContext, pull: PullRequestRef, client: GitHubClient, publication: Publication): Promise<{ failures: string[] }> {
  let commentUrl = ''
  try {
    return await publishComments(inputs, context, pull, client, publication, (url) => (commentUrl = url))
  } finally {
    core.setOutput('comment-url', commentUrl)
  }
}

async function publishComments(
  inputs: Inputs,
  context: RunContext,
  pull: PullRequestRef,
  client: GitHubClient,
  publication: Publication,
  setCommentUrl: (url: string) => void
): Promise<{ failures: string[] }> {
  const failures: string[] = []
  const wantsComment = inputs.comment !== 'never'
  const wantsReview = inputs.review && publication.result !== null
  if (!wantsComment && !wantsReview) return { failures }

  const repo: Repo = { owner: context.owner, repo: context.repo }
  const key = jobKey(context.workflow, context.job)
  let denied = false
  const handle = (error: unknown): void => {
    const cause = error instanceof ApiError ? error.cause : error
    if (isPermissionDenied(cause)) {
      denied = true
      explainReadOnly(pull, error)
      return
    }
    failures.push(error instanceof Error ? error.message : String(error))
  }

  let login: string
  try {
    login = await botLogin(client)
  } catch (error) {
    handle(error)
    return { failures }
  }

  if (wantsComment) {
    try {
      const sticky = await syncStickyComment(client, repo, {
        issueNumber: pull.number,
        key,
        login,
        content: publication.markdown,
        state: publication.gate,
        mode: inputs.comment,
        fullReportUrl: safeHref(publication.ctx.jobSummaryUrl)
      })
      setCommentUrl(sticky.url ?? '')
      const what = sticky.created ? 'created' : sticky.updated ? 'updated' : sticky.url ? 'already up to date' : 'not needed'
      core.info(`Summary comment ${what}${sticky.url ? `: ${sticky.url}` : ''}${sticky.deleted > 0 ? ` (${sticky.deleted} duplicate${sticky.deleted === 1 ? '' : 's'} deleted)` : ''}`)
    } catch (error) {
      handle(error)
    }
  }

  if (wantsReview && !denied && publication.result !== null) {
    try {
      const existing = await listInlineComments(client, repo, pull.number, login, key)
      const { candidates, current, unchecked } = inlineCandidates(publication.result, publication.diffLines, publication.ctx, key)
      const plan = planReview(candidates, current, existing, inputs.maxInlineComments, pull.headSha, unchecked)
      const outcome = await applyReview(client, repo, pull.number, pull.headSha, plan)
      core.info(
        `Inline comments: ${candidates.length} findings on changed lines (at most ${inputs.maxInlineComments} shown); ` +
          `${outcome.posted} posted, ${outcome.resolved} marked resolved, ${outcome.removed} deleted`
      )
      if (outcome.refused !== undefined) {
        core.warning(`GitHub refused the inline review, so this run adds no inline comments; the summary comment, job summary and annotations list every finding. ${outcome.refused}`)
      }
    } catch (error) {
      handle(error)
    }
  }
  return { failures }
}

function explainReadOnly(pull: PullRequestRef, error: unknown): void {
  const detail = error instanceof Error ? ` (${error.message})` : ''
  const how = pull.fromFork
    ? 'Pull requests from forks get a read-only GITHUB_TOKEN under `pull_request`. To comment on them, run plan-gate on `pull_request_target` instead: ' +
      'that is safe with plan-gate, which reads the pull request through the API as data and never checks it out or runs its code.'
    : 'Give the job `permissions: { contents: read, pull-requests: write }`, or pass a token that may write to pull requests.'
  core.warning(
    `plan-gate could not comment on pull request #${pull.number}: the token may not write to it${detail}. ` +
      `The verdict is unaffected: it is this check's status, and the job summary and annotations list every finding. ${how}`
  )
}

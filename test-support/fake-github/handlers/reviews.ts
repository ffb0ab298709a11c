// Reviews and review comments. Creating a review is all-or-nothing: one
// misplaced inline comment and GitHub refuses the whole review.

import { bodyTooLong, bodyTooLongReply, notFound, unprocessable, type Reply } from '../replies.js'
import { reviewCommentJson, reviewJson } from '../representations.js'
import { placeComment, type DraftComment, type PlacedComment } from '../review-rules.js'
import type { HandlerContext } from '../routes.js'
import type { ReviewState } from '../state.js'
import { findPullRequest, isReply, numberParam, pagedListReply } from './common.js'

interface CreateReviewBody {
  commit_id?: string
  body?: string
  event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT'
  comments?: DraftComment[]
}

const STATES: Record<NonNullable<CreateReviewBody['event']>, ReviewState> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED'
}

export function listReviewComments(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'pull_number')
  if (isReply(pr)) return pr
  const since = context.query['since']
  const sortKey = context.query['sort'] === 'updated' ? 'updatedAt' : 'createdAt'
  // GitHub ignores `direction` unless `sort` is given.
  const descending = context.query['sort'] !== undefined && context.query['direction'] === 'desc'
  const comments = context.repo
    .commentsOnPullRequest(pr.number)
    .filter((comment) => since === undefined || Date.parse(comment.updatedAt) >= Date.parse(since))
    .map((comment, index) => ({ comment, index }))
    .sort((a, b) => {
      const order = a.comment[sortKey].localeCompare(b.comment[sortKey]) || a.index - b.index
      return descending ? -order : order
    })
    .map(({ comment }) => comment)
  return pagedListReply(context, comments, (comment) => reviewCommentJson(comment, context.urls))
}

export function listReviews(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'pull_number')
  if (isReply(pr)) return pr
  return pagedListReply(context, context.repo.reviewsOn(pr.number), (review) => reviewJson(review, context.urls))
}

export function createReview(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'pull_number')
  if (isReply(pr)) return pr
  const { repo, identity, op } = context
  const input = (context.body ?? {}) as CreateReviewBody
  const refuse = (message: string): Reply => unprocessable([message], op.docsUrl)

  if (input.body !== undefined && bodyTooLong(input.body)) return bodyTooLongReply('PullRequestReview', op.docsUrl)
  if ((input.comments ?? []).some((comment) => bodyTooLong(comment.body))) {
    return bodyTooLongReply('PullRequestReviewComment', op.docsUrl)
  }

  const event = input.event ?? null
  if (event === 'APPROVE' && identity.kind === 'installation' && !context.behaviour.allowActionsToApprove) {
    return refuse('GitHub Actions is not permitted to approve pull requests.')
  }
  if (event === 'APPROVE' && identity.user.login === pr.user.login) {
    return refuse('Can not approve your own pull request')
  }
  if (event === 'REQUEST_CHANGES' && identity.user.login === pr.user.login) {
    return refuse('Can not request changes on your own pull request')
  }
  const state = event === null ? 'PENDING' : STATES[event]
  if (
    state === 'PENDING' &&
    repo.reviewsOn(pr.number).some((review) => review.state === 'PENDING' && review.user.login === identity.user.login)
  ) {
    return refuse('User can only have one pending review per pull request')
  }

  const commitId = input.commit_id ?? pr.headSha
  if (repo.getCommit(commitId) === undefined) return refuse(`No commit found for SHA: ${commitId}`)

  const placed: PlacedComment[] = []
  const errors = new Set<string>()
  for (const draft of input.comments ?? []) {
    const placement = placeComment(pr.files, draft)
    if (placement.ok) placed.push(placement.comment)
    else errors.add(placement.error)
  }
  if (errors.size > 0) return unprocessable([...errors], op.docsUrl)

  const review = repo.addReview(pr.number, {
    user: identity.user,
    body: input.body ?? '',
    state,
    event,
    commitId,
    comments: placed
  })
  return { status: 200, body: reviewJson(review, context.urls) }
}

export function updateReviewComment(context: HandlerContext): Reply {
  const comment = context.repo.findReviewComment(numberParam(context, 'comment_id'))
  if (comment === undefined) return notFound(context.op.docsUrl)
  const body = (context.body as { body: string }).body
  if (bodyTooLong(body)) return bodyTooLongReply('PullRequestReviewComment', context.op.docsUrl)
  comment.body = body
  comment.updatedAt = context.repo.now()
  return { status: 200, body: reviewCommentJson(comment, context.urls) }
}

export function deleteReviewComment(context: HandlerContext): Reply {
  const deleted = context.repo.deleteReviewComment(numberParam(context, 'comment_id'))
  return deleted ? { status: 204 } : notFound(context.op.docsUrl)
}

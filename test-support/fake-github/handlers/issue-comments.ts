// Issue comments on a pull request: the sticky comment lives here.

import { bodyTooLong, bodyTooLongReply, notFound, type Reply } from '../replies.js'
import { issueCommentJson } from '../representations.js'
import type { HandlerContext } from '../routes.js'
import type { AuthorAssociation } from '../state.js'
import { findPullRequest, isReply, numberParam, pagedListReply } from './common.js'

function bodyOf(context: HandlerContext): string {
  const body = context.body as { body: string }
  return body.body
}

function association(context: HandlerContext): AuthorAssociation {
  return context.identity.kind === 'personal' ? 'OWNER' : 'NONE'
}

export function listIssueComments(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'issue_number')
  if (isReply(pr)) return pr
  const since = context.query['since']
  const comments = context.repo
    .commentsOnIssue(pr.number)
    .filter((comment) => since === undefined || Date.parse(comment.updatedAt) >= Date.parse(since))
  return pagedListReply(context, comments, (comment) => issueCommentJson(comment, context.urls))
}

export function createIssueComment(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'issue_number')
  if (isReply(pr)) return pr
  const body = bodyOf(context)
  if (bodyTooLong(body)) return bodyTooLongReply('IssueComment', context.op.docsUrl)
  const comment = context.repo.addIssueComment(pr.number, {
    body,
    user: context.identity.user,
    authorAssociation: association(context)
  })
  const json = issueCommentJson(comment, context.urls)
  return { status: 201, body: json, headers: { location: String(json['url']) } }
}

export function updateIssueComment(context: HandlerContext): Reply {
  const comment = context.repo.findIssueComment(numberParam(context, 'comment_id'))
  if (comment === undefined) return notFound(context.op.docsUrl)
  const body = bodyOf(context)
  if (bodyTooLong(body)) return bodyTooLongReply('IssueComment', context.op.docsUrl)
  // Write access lets a token edit anyone's comment, as on GitHub; tests
  // catch an action clobbering a human's comment by looking at `user`.
  comment.body = body
  comment.updatedAt = context.repo.now()
  return { status: 200, body: issueCommentJson(comment, context.urls) }
}

export function deleteIssueComment(context: HandlerContext): Reply {
  const deleted = context.repo.deleteIssueComment(numberParam(context, 'comment_id'))
  return deleted ? { status: 204 } : notFound(context.op.docsUrl)
}

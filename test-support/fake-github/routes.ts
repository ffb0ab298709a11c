// The endpoint table and the matching of request paths to OpenAPI path
// templates. Handlers live in handlers/, one file per resource family.

import type { IncomingHttpHeaders } from 'node:http'
import type { Identity } from './auth.js'
import { getPullRequest, listPullRequestFiles } from './handlers/pulls.js'
import { compareCommits, getContent, getTree } from './handlers/repository.js'
import { createIssueComment, deleteIssueComment, listIssueComments, updateIssueComment } from './handlers/issue-comments.js'
import {
  createReview,
  deleteReviewComment,
  listReviewComments,
  listReviews,
  updateReviewComment
} from './handlers/reviews.js'
import { getAuthenticatedUser } from './handlers/user.js'
import type { OperationSpec } from './openapi.js'
import type { Reply } from './replies.js'
import type { Urls } from './representations.js'
import type { FakeRepository } from './state.js'

export interface Behaviour {
  // GitHub's repository setting "Allow GitHub Actions to create and approve
  // pull requests", off by default on new repositories.
  allowActionsToApprove: boolean
}

export interface HandlerContext {
  repo: FakeRepository
  urls: Urls
  op: OperationSpec
  identity: Identity
  // Decoded path parameters.
  params: Record<string, string>
  query: Record<string, string>
  body: unknown
  headers: IncomingHttpHeaders
  // Request path without the query string, for building Link headers.
  path: string
  behaviour: Behaviour
}

export type Handler = (context: HandlerContext) => Reply

interface RouteDefinition {
  method: string
  route: string
  handler: Handler
  // Which token permission GitHub names in x-accepted-github-permissions.
  permission?: string
}

const ISSUES_WRITE = 'issues=write; pull_requests=write'
const PULLS_WRITE = 'pull_requests=write'

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}', handler: getPullRequest },
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/files', handler: listPullRequestFiles },
  { method: 'GET', route: '/repos/{owner}/{repo}/contents/{path}', handler: getContent },
  { method: 'GET', route: '/repos/{owner}/{repo}/git/trees/{tree_sha}', handler: getTree },
  { method: 'GET', route: '/repos/{owner}/{repo}/compare/{basehead}', handler: compareCommits },
  { method: 'GET', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', handler: listIssueComments },
  {
    method: 'POST',
    route: '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    handler: createIssueComment,
    permission: ISSUES_WRITE
  },
  {
    method: 'PATCH',
    route: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    handler: updateIssueComment,
    permission: ISSUES_WRITE
  },
  {
    method: 'DELETE',
    route: '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    handler: deleteIssueComment,
    permission: ISSUES_WRITE
  },
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/comments', handler: listReviewComments },
  {
    method: 'POST',
    route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    handler: createReview,
    permission: PULLS_WRITE
  },
  { method: 'GET', route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews', handler: listReviews },
  {
    method: 'PATCH',
    route: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
    handler: updateReviewComment,
    permission: PULLS_WRITE
  },
  {
    method: 'DELETE',
    route: '/repos/{owner}/{repo}/pulls/comments/{comment_id}',
    handler: deleteReviewComment,
    permission: PULLS_WRITE
  },
  { method: 'GET', route: '/user', handler: getAuthenticatedUser }
]

// Parameters that may contain slashes when they end the template: file
// paths, and refs such as `main...feature/x` or `feature/x`.
const GREEDY = new Set(['path', 'basehead', 'tree_sha'])

type Segment = { literal: string } | { param: string; greedy: boolean }

function compile(route: string): Segment[] {
  const parts = route.split('/').slice(1)
  return parts.map((part, index) => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1]
    if (param === undefined) return { literal: part }
    return { param, greedy: GREEDY.has(param) && index === parts.length - 1 }
  })
}

function decode(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw)
  } catch {
    return undefined
  }
}

function matchSegments(segments: Segment[], rawParts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment
    if ('literal' in segment) {
      if (rawParts[i] !== segment.literal) return undefined
      continue
    }
    if (segment.greedy) {
      // Raw parts are joined before decoding, so %2F and / both separate.
      const value = decode(rawParts.slice(i).join('/'))
      if (value === undefined) return undefined
      params[segment.param] = value
      return params
    }
    const raw = rawParts[i]
    const value = raw === undefined || raw === '' ? undefined : decode(raw)
    if (value === undefined) return undefined
    params[segment.param] = value
  }
  return rawParts.length === segments.length ? params : undefined
}

export interface RouteMatch {
  definition: RouteDefinition
  params: Record<string, string>
}

export class Router {
  private readonly compiled = ROUTES.map((definition) => ({ definition, segments: compile(definition.route) }))

  get routes(): ReadonlySet<string> {
    return new Set(ROUTES.map((definition) => definition.route))
  }

  // `pathMatched` tells a wrong method on a known path from an unknown path;
  // GitHub answers 404 to both.
  match(method: string, path: string): { found: RouteMatch | undefined; pathMatched: boolean } {
    const rawParts = path.split('/').slice(1)
    let pathMatched = false
    for (const { definition, segments } of this.compiled) {
      const params = matchSegments(segments, rawParts)
      if (params === undefined) continue
      pathMatched = true
      if (definition.method === method) return { found: { definition, params }, pathMatched }
    }
    return { found: undefined, pathMatched }
  }
}

// Small pieces every handler family needs.

import { paginate, readPage } from '../pagination.js'
import { notFound, type Reply } from '../replies.js'
import type { HandlerContext } from '../routes.js'
import type { PullRequest } from '../state.js'

// Path parameters have passed schema validation (integer) by the time a
// handler runs, so this cannot produce NaN for them.
export function numberParam(context: HandlerContext, name: string): number {
  return Number(context.params[name])
}

export function findPullRequest(context: HandlerContext, name: string): PullRequest | Reply {
  const pr = context.repo.pullRequests.get(numberParam(context, name))
  return pr ?? notFound(context.op.docsUrl)
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && typeof value.status === 'number'
}

export function accepts(context: HandlerContext, mediaType: RegExp): boolean {
  const accept = context.headers.accept ?? ''
  return accept.split(',').some((part) => mediaType.test(part.trim()))
}

/**
 * One page of a list endpoint, as the request's `page` and `per_page` ask,
 * with a Link header only when there is more than one page, as on GitHub.
 * `cap` is how many items the endpoint shows at most.
 */
export function pagedListReply<T>(context: HandlerContext, items: readonly T[], toJson: (item: T) => unknown, cap = Infinity): Reply {
  const page = paginate(items, readPage(context.query), { baseUrl: context.urls.api, path: context.path, query: context.query }, cap)
  const body = page.items.map(toJson)
  return page.link === undefined ? { status: 200, body } : { status: 200, body, headers: { link: page.link } }
}

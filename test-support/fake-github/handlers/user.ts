// GET /user: only tokens that stand for a person can call it. Actions that
// use it to find "their own" comments break under GITHUB_TOKEN.

import { notAccessibleByIntegration, type Reply } from '../replies.js'
import { userJson } from '../representations.js'
import type { HandlerContext } from '../routes.js'

export function getAuthenticatedUser(context: HandlerContext): Reply {
  const { identity, urls } = context
  if (identity.kind === 'installation') return notAccessibleByIntegration(context.op.docsUrl)
  return {
    status: 200,
    body: { ...userJson(identity.user, urls), name: identity.user.login, email: null, created_at: '2011-01-25T18:44:36Z' }
  }
}

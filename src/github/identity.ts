// Whose comments are plan-gate's own: the login the token writes as. Only
// comments by that login are ever edited or deleted, whatever markers other
// people's comments carry.
import type { GitHubClient } from './client.js'
import { calling, statusOf } from './errors.js'

/** What a workflow's GITHUB_TOKEN writes as; installation tokens cannot ask GET /user. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]'

export async function botLogin(client: GitHubClient): Promise<string> {
  return calling('find out which account the token belongs to (GET /user)', async () => {
    try {
      const { data } = await client.rest.users.getAuthenticated()
      if (typeof data.login === 'string' && data.login !== '') return data.login
      return ACTIONS_BOT_LOGIN
    } catch (error) {
      const status = statusOf(error)
      if (status === 403 || status === 404) return ACTIONS_BOT_LOGIN
      throw error
    }
  })
}

// The gate on a pull request, first half: the questions to GitHub that need
// no engine. The config read and the changed-files listing go out before the
// rubric loader, the engine and the reporters are loaded: that import compiles
// most of the bundle, and done first it would hold back every request by as
// long. The second half (pull-request-check.ts) takes the answers from there.
import type { GitHubClient, Repo } from '../github/client.js'
import { changesOf, type Changes } from '../github/changed-files.js'
import { readTextAt } from '../github/contents.js'
import { readConfigFile, type ConfigFile } from '../rubric/config-file.js'
import type { PullRequestRef, RunContext } from './context.js'
import type { Inputs } from './inputs.js'
import type { Outcome } from './outcome.js'

/** What the first half asked GitHub; the second half awaits the answers, so it is the one that reports their failures. */
export interface FirstReads {
  /** The commit the config is read at. */
  configRef: string
  /** The config file and its text (`.yml` or `.yaml` at the default path). */
  config: Promise<ConfigFile>
  changes: Promise<Changes>
}

export async function gatePullRequest(inputs: Inputs, context: RunContext, pull: PullRequestRef, client: GitHubClient, workerScript?: URL | null): Promise<Outcome> {
  const repo: Repo = { owner: context.owner, repo: context.repo }
  const configRef = inputs.configRef === 'base' ? pull.baseSha : pull.headSha
  const reads: FirstReads = { configRef, config: readConfigFile(inputs.config, (path) => readTextAt(client, repo, path, configRef)), changes: changesOf(client, repo, pull) }
  // Awaited in the second half; until then a failure must not surface as an unhandled rejection, which would end the process.
  reads.config.catch(() => {})
  reads.changes.catch(() => {})
  // Compiling the second half blocks the event loop, so it waits for the first
  // answer: by then both requests are on the wire and the listing (the slower
  // of the two, paginated) proceeds while the code loads.
  await reads.config.catch(() => null)
  const { checkPullRequest } = await import('./pull-request-check.js')
  return checkPullRequest(inputs, context, pull, client, reads, workerScript)
}

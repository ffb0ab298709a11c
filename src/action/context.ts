import { readFileSync } from 'node:fs'
import os from 'node:os'

// The only reader of the runner's GITHUB_* environment and of the event
// payload: everything after this works from the typed RunContext.

export interface PullRequestRef {
  number: number
  baseSha: string
  headSha: string
  /** `changed_files` in the payload: the true count, where the files listing stops at 3000. */
  changedFiles: number | null
  /** The head lives in another repository; its GITHUB_TOKEN is read-only under `pull_request`. */
  fromFork: boolean
}

/**
 * The commits a merge-queue group or a push brings, so that they check the
 * same plans the pull request did: the ones changed from `base` to `head`.
 */
export interface CommitRange {
  /** A commit or branch to compare with; null when there is none (the first push of the default branch): every plan in `head`. */
  base: string | null
  /** null when the push deletes the branch: nothing to check. */
  head: string | null
  /** How the range was chosen, for the log. */
  why: string
}

export type RunMode =
  | { kind: 'pull-request'; pull: PullRequestRef }
  /**
   * No pull request to comment on: merge queues, pushes and manual runs. With
   * a range (merge_group, push) the changed plans are read through the API;
   * without one, or with `scan: all`, every plan in the checkout is checked.
   */
  | { kind: 'workspace'; sha: string; workspace: string; range: CommitRange | null }

export interface RunContext {
  eventName: string
  owner: string
  repo: string
  serverUrl: string
  apiUrl: string
  workflow: string
  job: string
  runId: string
  runnerTemp: string
  mode: RunMode
}

export const PULL_REQUEST_EVENTS: readonly string[] = ['pull_request', 'pull_request_target']
export const WORKSPACE_EVENTS: readonly string[] = ['merge_group', 'push', 'workflow_dispatch']

export class ContextError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ContextError'
  }
}

export function readRunContext(env: Record<string, string | undefined> = process.env): RunContext {
  const eventName = required(env, 'GITHUB_EVENT_NAME')
  const [owner, repo, ...rest] = required(env, 'GITHUB_REPOSITORY').split('/')
  if (!owner || !repo || rest.length > 0) throw new ContextError(`GITHUB_REPOSITORY must read "owner/name"; got "${env['GITHUB_REPOSITORY']}"`)
  const common = {
    eventName,
    owner,
    repo,
    serverUrl: trimSlash(env['GITHUB_SERVER_URL'] || 'https://github.com'),
    apiUrl: trimSlash(env['GITHUB_API_URL'] || 'https://api.github.com'),
    workflow: env['GITHUB_WORKFLOW'] || 'workflow',
    job: env['GITHUB_JOB'] || 'job',
    runId: env['GITHUB_RUN_ID'] || '',
    runnerTemp: env['RUNNER_TEMP'] || os.tmpdir()
  }
  if (PULL_REQUEST_EVENTS.includes(eventName)) {
    return { ...common, mode: { kind: 'pull-request', pull: pullRequestOf(readPayload(env), eventName) } }
  }
  if (WORKSPACE_EVENTS.includes(eventName)) {
    const range = eventName === 'merge_group' ? mergeGroupRange(readPayload(env)) : eventName === 'push' ? pushRange(readPayload(env)) : null
    return { ...common, mode: { kind: 'workspace', sha: required(env, 'GITHUB_SHA'), workspace: env['GITHUB_WORKSPACE'] ?? '', range } }
  }
  throw new ContextError(
    `plan-gate does not run on "${eventName}" events. Use it on ${[...PULL_REQUEST_EVENTS, ...WORKSPACE_EVENTS].map((name) => `"${name}"`).join(', ')}`
  )
}

/** Where the job summary of this run is shown, for links from the comment. */
export function runUrl(context: RunContext): string | undefined {
  return context.runId === '' ? undefined : `${context.serverUrl}/${context.owner}/${context.repo}/actions/runs/${encodeURIComponent(context.runId)}`
}

export function repoUrl(context: RunContext): string {
  return `${context.serverUrl}/${context.owner}/${context.repo}`
}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name]
  if (value === undefined || value === '') throw new ContextError(`${name} is not set; plan-gate runs as a step of a GitHub Actions job`)
  return value
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

function readPayload(env: Record<string, string | undefined>): unknown {
  const file = required(env, 'GITHUB_EVENT_PATH')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ContextError(`Cannot read the event payload at GITHUB_EVENT_PATH (${file}): ${error instanceof Error ? error.message : String(error)}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new ContextError(`The event payload at GITHUB_EVENT_PATH (${file}) is not valid JSON`)
  }
}

function pullRequestOf(payload: unknown, eventName: string): PullRequestRef {
  const pr = field(payload, 'pull_request')
  const number = field(pr, 'number')
  const baseSha = field(field(pr, 'base'), 'sha')
  const headSha = field(field(pr, 'head'), 'sha')
  if (typeof number !== 'number' || !Number.isInteger(number) || typeof baseSha !== 'string' || typeof headSha !== 'string' || !isSha(baseSha) || !isSha(headSha)) {
    throw new ContextError(`The "${eventName}" payload lacks pull_request.number, base.sha or head.sha`)
  }
  const changedFiles = field(pr, 'changed_files')
  const headRepo = field(field(field(pr, 'head'), 'repo'), 'full_name')
  const baseRepo = field(field(field(pr, 'base'), 'repo'), 'full_name')
  return {
    number,
    baseSha,
    headSha,
    changedFiles: typeof changedFiles === 'number' && Number.isInteger(changedFiles) && changedFiles >= 0 ? changedFiles : null,
    // A deleted fork leaves head.repo null; its token is as read-only as any fork's.
    fromFork: typeof baseRepo === 'string' && headRepo !== baseRepo
  }
}

function mergeGroupRange(payload: unknown): CommitRange {
  const group = field(payload, 'merge_group')
  const base = field(group, 'base_sha')
  const head = field(group, 'head_sha')
  if (typeof base !== 'string' || typeof head !== 'string' || !isSha(base) || !isSha(head)) {
    throw new ContextError('The "merge_group" payload lacks merge_group.base_sha or merge_group.head_sha')
  }
  return { base, head, why: `the merge group's changes, ${base.slice(0, 7)}...${head.slice(0, 7)}` }
}

const ZERO_SHA = /^0+$/

function pushRange(payload: unknown): CommitRange {
  const before = field(payload, 'before')
  const after = field(payload, 'after')
  if (typeof before !== 'string' || typeof after !== 'string' || !isSha(before) || !isSha(after)) {
    throw new ContextError('The "push" payload lacks before or after')
  }
  // A deleted branch has nothing left to check.
  if (ZERO_SHA.test(after)) return { base: null, head: null, why: 'a push that deletes the branch' }
  if (!ZERO_SHA.test(before)) return { base: before, head: after, why: `the pushed commits, ${before.slice(0, 7)}...${after.slice(0, 7)}` }
  const ref = field(payload, 'ref')
  const defaultBranch = field(field(payload, 'repository'), 'default_branch')
  if (typeof defaultBranch === 'string' && defaultBranch !== '' && ref !== `refs/heads/${defaultBranch}`) {
    return { base: defaultBranch, head: after, why: `a new branch (no "before" commit): its changes from the default branch ${defaultBranch}` }
  }
  return { base: null, head: after, why: 'the first push of the default branch (no "before" commit): every plan in the pushed commit' }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
}

function isSha(value: string): boolean {
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(value)
}

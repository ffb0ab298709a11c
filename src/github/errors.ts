// What went wrong talking to GitHub, said so that the person reading a failed
// check knows which call failed and why.

/** An Octokit RequestError, recognised by shape (the class lives in a transitive dependency). */
export interface HttpFailure {
  status: number
  message: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

export function httpFailure(error: unknown): HttpFailure | null {
  if (typeof error !== 'object' || error === null) return null
  const status = (error as { status?: unknown }).status
  return typeof status === 'number' ? (error as HttpFailure) : null
}

export function statusOf(error: unknown): number | null {
  return httpFailure(error)?.status ?? null
}

/** A refusal for lack of permission, as opposed to a rate limit, which GitHub also answers with 403. */
export function isPermissionDenied(error: unknown): boolean {
  const failure = httpFailure(error)
  if (failure === null) return false
  if (failure.status !== 403) return false
  return !/rate limit/i.test(failure.message) && failure.response?.headers?.['x-ratelimit-remaining'] !== '0'
}

/** A GitHub API call that failed for good (after retries); names the call and the answer. */
export class ApiError extends Error {
  readonly status: number | null

  constructor(
    readonly what: string,
    cause: unknown
  ) {
    super(`Could not ${what}: ${describe(cause)}`, { cause })
    this.name = 'ApiError'
    this.status = statusOf(cause)
  }
}

function describe(error: unknown): string {
  const failure = httpFailure(error)
  if (failure === null) return error instanceof Error ? error.message : String(error)
  // Octokit appends " - <documentation_url>"; the status and GitHub's sentence are what matter.
  const message = failure.message.replace(/\s+-\s+https:\/\/docs\.github\.com\S*$/, '').trim()
  // Octokit reports a request that got no answer at all (refused, reset, timed out) as status 500 without a response.
  if (failure.response === undefined) return `the request failed (${message || 'no answer'}) and kept failing through every retry`
  if (failure.status >= 500 && failure.status < 600) {
    return `GitHub answered ${failure.status} ${message || 'error'} and kept doing so through every retry`
  }
  const answer = `GitHub answered ${failure.status}${message === '' ? '' : ` (${message})`}`
  if (failure.status === 401) return `${answer}; the token is invalid or has expired`
  if (failure.status === 403 && !/rate limit/i.test(message)) return `${answer}; the token lacks a permission this needs (contents: read, pull-requests: write)`
  return answer
}

/** Runs one API call, turning any failure into an ApiError that names it. */
export async function calling<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof ApiError) throw error
    throw new ApiError(what, error)
  }
}

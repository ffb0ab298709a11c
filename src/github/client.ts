import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { retry } from '@octokit/plugin-retry'
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { VERSION } from '../version.js'

export type GitHubClient = ReturnType<typeof getOctokit>

export interface Repo {
  owner: string
  repo: string
}

export interface ClientOptions {
  token: string
  baseUrl: string
  /** Multiplies every wait (back-off, retry-after, spacing of writes); 1 in production. */
  delayScale: number
  requestTimeoutMs: number
  /** Told about retries and Octokit warnings, so a slow run explains itself in the log. */
  log: (message: string) => void
}

const RETRIES = 3
const SECONDARY_LIMIT_RETRIES = 2
// Waiting longer than this for the primary rate limit to reset would hold the
// runner for nothing; failing says what happened instead.
const MAX_RATE_LIMIT_WAIT_SECONDS = 60

/**
 * Octokit with retries of 5xx answers and of dropped or timed-out requests,
 * and throttling that honours GitHub's rate limits and `retry-after`.
 */
export function createClient(options: ClientOptions): GitHubClient {
  const scale = options.delayScale
  const throttle: ThrottlingOptions = {
    retryAfterBaseValue: 1000 * scale,
    fallbackSecondaryRateRetryAfter: 60,
    // The plugin retries when a handler returns true (its types say void).
    onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
      if (retryCount >= SECONDARY_LIMIT_RETRIES) return false
      options.log(`GitHub's secondary rate limit hit on ${describeRequest(request)}; retrying after ${retryAfter} s`)
      return true
    },
    onRateLimit: (retryAfter, request, _octokit, retryCount) => {
      if (retryCount >= 1 || retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) return false
      options.log(`GitHub's rate limit reached on ${describeRequest(request)}; retrying after ${retryAfter} s`)
      return true
    }
  }
  if (scale < 1) {
    // The plugin spaces writes 1 s (3 s for ones that notify) apart, as GitHub
    // asks; only the tests' scaled-down clocks replace those limiters.
    throttle.write = new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 * scale })
    throttle.notifications = new Bottleneck.Group({ maxConcurrent: 1, minTime: 3000 * scale })
  }
  return getOctokit(
    options.token,
    {
      baseUrl: options.baseUrl,
      userAgent: `plan-gate/${VERSION}`,
      retry: { retries: RETRIES, retryAfterBaseValue: 1000 * scale },
      throttle,
      request: { fetch: withTimeout(options.requestTimeoutMs, options.log) },
      log: { debug: () => {}, info: () => {}, warn: options.log, error: options.log }
    },
    retry,
    throttling
  )
}

function describeRequest(request: { method?: string; url?: string }): string {
  return `${request.method ?? 'GET'} ${request.url ?? ''}`.trim()
}

/**
 * The toolkit's fetch (it honours the runner's proxy settings) with a deadline
 * per request, so a connection that hangs becomes an error the retry plugin
 * retries instead of a job that waits until the workflow's timeout.
 */
function withTimeout(timeoutMs: number, log: (message: string) => void): typeof fetch {
  const base = (defaults.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    try {
      return await base(input, { ...init, signal })
    } catch (error) {
      if (!deadline.aborted) throw error
      const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`
      log(`${init?.method ?? 'GET'} ${String(input)} got no answer within ${seconds}`)
      // A plain Error becomes a RequestError with status 500, which the retry plugin retries.
      throw new Error(`GitHub did not answer within ${seconds}`)
    }
  }
}

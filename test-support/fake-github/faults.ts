// Failures GitHub produces in practice, injected on the next N matching
// requests. The bodies and headers are the ones Octokit's retry and
// throttling plugins key on (status, `retry-after`, `x-ratelimit-*`, and the
// words "secondary rate" in the message).

import { errorReply, type Reply } from './replies.js'

export type FaultStatus = 500 | 502 | 503 | 404 | 403 | 422

export type Fault =
  | { status: FaultStatus; body?: unknown }
  | { secondaryRateLimit: { retryAfter: number } }
  | { primaryRateLimit: { resetInSeconds: number; status?: 403 | 429 } }
  | { timeout: number }
  | { malformedJson: true }

export interface FaultInjection {
  // Case-insensitive; '*' matches any method.
  method: string
  // OpenAPI path template, e.g. '/repos/{owner}/{repo}/pulls/{pull_number}/files'.
  route: string
  times?: number
  fault: Fault
}

export interface FaultHandle {
  readonly fired: number
  readonly remaining: number
  cancel(): void
}

export type FaultOutcome = { kind: 'reply'; reply: Reply } | { kind: 'timeout'; ms: number }

const STATUS_MESSAGES: Record<FaultStatus, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  404: 'Not Found',
  403: 'Resource not accessible by integration',
  422: 'Validation Failed'
}

const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

export function faultName(fault: Fault): string {
  if ('status' in fault) return `status-${fault.status}`
  if ('secondaryRateLimit' in fault) return 'secondary-rate-limit'
  if ('primaryRateLimit' in fault) return 'primary-rate-limit'
  if ('timeout' in fault) return 'timeout'
  return 'malformed-json'
}

export function renderFault(fault: Fault, docsUrl: string, nowSeconds: number): FaultOutcome {
  if ('status' in fault) {
    if (fault.body !== undefined) return { kind: 'reply', reply: { status: fault.status, body: fault.body } }
    const extra = fault.status === 422 ? { errors: [] } : {}
    return { kind: 'reply', reply: errorReply(fault.status, STATUS_MESSAGES[fault.status], docsUrl, extra) }
  }
  if ('secondaryRateLimit' in fault) {
    const reply = errorReply(
      403,
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
        'If you reach out to GitHub Support for help, please include the request ID FAKE:0000:0000000:0000000:00000000.',
      `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`
    )
    reply.headers = { 'retry-after': String(fault.secondaryRateLimit.retryAfter) }
    return { kind: 'reply', reply }
  }
  if ('primaryRateLimit' in fault) {
    const status = fault.primaryRateLimit.status ?? 403
    const reply = errorReply(status, 'API rate limit exceeded for installation ID 12345678.', `${RATE_LIMIT_DOCS}#about-rate-limits`)
    reply.headers = {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(nowSeconds + fault.primaryRateLimit.resetInSeconds),
      'x-ratelimit-resource': 'core'
    }
    return { kind: 'reply', reply }
  }
  if ('timeout' in fault) return { kind: 'timeout', ms: fault.timeout }
  // A body cut off mid-value, as a proxy dropping the connection would leave it.
  return {
    kind: 'reply',
    reply: { status: 200, body: { raw: '{"id": 1, "body": "truncat', contentType: 'application/json; charset=utf-8' } }
  }
}

interface Pending {
  method: string
  route: string
  fault: Fault
  remaining: number
  fired: number
}

export class FaultQueue {
  private readonly pending: Pending[] = []

  constructor(private readonly knownRoutes: ReadonlySet<string>) {}

  add(injection: FaultInjection): FaultHandle {
    // A typo in the template would otherwise make the test pass vacuously.
    if (!this.knownRoutes.has(injection.route)) throw new Error(`inject: unknown route ${injection.route}`)
    const entry: Pending = {
      method: injection.method.toUpperCase(),
      route: injection.route,
      fault: injection.fault,
      remaining: injection.times ?? 1,
      fired: 0
    }
    this.pending.push(entry)
    return {
      get fired() {
        return entry.fired
      },
      get remaining() {
        return entry.remaining
      },
      cancel: () => {
        entry.remaining = 0
      }
    }
  }

  // Consumes one use of the oldest matching injection.
  take(method: string, route: string): Fault | undefined {
    const entry = this.pending.find(
      (candidate) =>
        candidate.remaining > 0 && candidate.route === route && (candidate.method === '*' || candidate.method === method)
    )
    if (entry === undefined) return undefined
    entry.remaining--
    entry.fired++
    return entry.fault
  }
}

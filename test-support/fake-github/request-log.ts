// Every request the fake saw, in arrival order, for assertions such as "the
// action paginated", "it never wrote with a read-only token" or "it retried
// exactly once after the 502".

export interface LoggedRequest {
  seq: number
  method: string
  // OpenAPI path template; null when no route matched.
  route: string | null
  operationId: string | null
  path: string
  params: Record<string, string>
  query: Record<string, string>
  // Parsed JSON body, or the raw text when it was not JSON; undefined if none.
  body: unknown
  // null until answered, and for requests that were never answered (timeouts).
  status: number | null
  fault: string | null
  // Milliseconds since the epoch.
  startedAt: number
  endedAt: number | null
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

export class RequestLog {
  readonly entries: LoggedRequest[] = []
  private inFlight = 0
  private peak = 0

  // Highest number of requests being handled at the same moment.
  get maxConcurrency(): number {
    return this.peak
  }

  start(entry: Omit<LoggedRequest, 'seq' | 'status' | 'endedAt' | 'fault'>): LoggedRequest {
    const logged: LoggedRequest = { ...entry, seq: this.entries.length + 1, status: null, fault: null, endedAt: null }
    this.entries.push(logged)
    this.inFlight++
    this.peak = Math.max(this.peak, this.inFlight)
    return logged
  }

  finish(entry: LoggedRequest, status: number | null): void {
    if (entry.endedAt !== null) return
    entry.status = status
    entry.endedAt = Date.now()
    this.inFlight--
  }

  find(method: string, route?: string): LoggedRequest[] {
    const wanted = method.toUpperCase()
    return this.entries.filter(
      (entry) => (wanted === '*' || entry.method === wanted) && (route === undefined || entry.route === route)
    )
  }

  count(method: string, route?: string): number {
    return this.find(method, route).length
  }

  writes(): LoggedRequest[] {
    return this.entries.filter((entry) => WRITE_METHODS.has(entry.method))
  }

  last(method: string, route?: string): LoggedRequest | undefined {
    return this.find(method, route).at(-1)
  }

  clear(): void {
    this.entries.length = 0
    this.peak = this.inFlight
  }
}

// A fake GitHub REST API on loopback. The order in which a request is judged
// follows GitHub's: route (404), injected fault, authentication (401),
// permission (403), schema (422), repository (404), then the handler.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { ErrorObject } from 'ajv'
import { authenticate, defaultTokens, identities, type TokenSpec } from './auth.js'
import { FaultQueue, faultName, renderFault, type FaultHandle, type FaultInjection } from './faults.js'
import { openApiSubset, type SchemaLocation } from './openapi.js'
import {
  badCredentials,
  GENERIC_DOCS,
  invalidRequest,
  isRawBody,
  notAccessibleByIntegration,
  notFound,
  problemsParsingJson,
  requiresAuthentication,
  type Reply
} from './replies.js'
import { RequestLog, type LoggedRequest } from './request-log.js'
import { Urls } from './representations.js'
import { Router, type Behaviour } from './routes.js'
import { FakeRepository } from './state.js'

export interface FakeGitHubOptions {
  // The repository to serve; a fresh empty one (octo-org/octo-repo) if absent.
  state?: FakeRepository
  // token -> 'write' | 'read' | { access, kind, user }. Defaults to FAKE_TOKENS
  // (an installation write token, an installation read token, a personal token).
  tokens?: Record<string, TokenSpec>
  // Delay before each answer, to let concurrency show up in tests.
  latencyMs?: number | ((request: { method: string; route: string | null }) => number)
  allowActionsToApprove?: boolean
}

export type ViolationKind = 'unknown-route' | 'invalid-json' | SchemaLocation | 'response-status'

export interface SchemaViolation {
  method: string
  // OpenAPI template, or null when no route matched.
  route: string | null
  path: string
  kind: ViolationKind
  message: string
  errors: ErrorObject[]
}

export interface FakeGitHub {
  // Base URL for GITHUB_API_URL, e.g. http://127.0.0.1:41234 (no trailing slash).
  url: string
  state: FakeRepository
  log: RequestLog
  // Should be empty after a well-behaved run.
  schemaViolations: SchemaViolation[]
  inject(fault: FaultInjection): FaultHandle
  close(): Promise<void>
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE'])

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function firstValues(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of params) if (!(key in out)) out[key] = value
  return out
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const repo = options.state ?? new FakeRepository()
  const known = identities(options.tokens ?? defaultTokens())
  const behaviour: Behaviour = { allowActionsToApprove: options.allowActionsToApprove ?? false }
  const schemas = openApiSubset()
  const router = new Router()
  const faults = new FaultQueue(router.routes)
  const log = new RequestLog()
  const schemaViolations: SchemaViolation[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let urls: Urls | undefined
  let requestCounter = 0

  const send = (response: ServerResponse, entry: LoggedRequest, reply: Reply): void => {
    requestCounter++
    const headers: Record<string, string> = {
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `FAKE:${String(requestCounter).padStart(6, '0')}`,
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - requestCounter)),
      'x-ratelimit-used': String(Math.min(5000, requestCounter)),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...reply.headers
    }
    let payload = ''
    if (isRawBody(reply.body)) {
      headers['content-type'] = reply.body.contentType
      payload = reply.body.raw
    } else if (reply.body !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8'
      payload = JSON.stringify(reply.body)
    }
    headers['content-length'] = String(Buffer.byteLength(payload, 'utf8'))
    response.writeHead(reply.status, headers)
    response.end(payload)
    log.finish(entry, reply.status)
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = (request.method ?? 'GET').toUpperCase()
    const url = new URL(request.url ?? '/', 'http://fake.invalid')
    const query = firstValues(url.searchParams)
    const rawBody = await readBody(request)
    const { found, pathMatched } = router.match(method, url.pathname)
    const route = found?.definition.route ?? null
    const op = route === null ? undefined : schemas.operation(method, route)

    let body: unknown
    let invalidJson = false
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody)
      } catch {
        body = rawBody
        invalidJson = true
      }
    }

    const entry = log.start({
      method,
      route,
      operationId: op?.operationId ?? null,
      path: url.pathname,
      params: found?.params ?? {},
      query,
      body,
      startedAt: Date.now()
    })
    const violation = (kind: ViolationKind, message: string, errors: ErrorObject[] = []): void => {
      schemaViolations.push({ method, route, path: url.pathname, kind, message, errors })
    }

    const latency = typeof options.latencyMs === 'function' ? options.latencyMs({ method, route }) : options.latencyMs
    if (latency !== undefined && latency > 0) await sleep(latency)

    if (found === undefined || op === undefined) {
      violation('unknown-route', `${method} ${url.pathname} is not an endpoint the fake serves${pathMatched ? ' (known path, other method)' : ''}`)
      send(response, entry, notFound(GENERIC_DOCS))
      return
    }

    // Recorded before any fault or auth answer: a malformed request is the
    // client's bug whatever the server happened to reply.
    const issues = invalidJson ? [] : schemas.validate(method, found.definition.route, { params: found.params, query, body })
    if (invalidJson) violation('invalid-json', 'request body is not valid JSON')
    for (const issue of issues) violation(issue.location, issue.message, issue.errors)

    const fault = faults.take(method, found.definition.route)
    if (fault !== undefined) {
      entry.fault = faultName(fault)
      const outcome = renderFault(fault, op.docsUrl, Math.floor(Date.now() / 1000))
      if (outcome.kind === 'reply') {
        send(response, entry, outcome.reply)
        return
      }
      // The client sees a connection that hangs, then drops without an answer.
      const timer = setTimeout(() => {
        timers.delete(timer)
        log.finish(entry, null)
        request.socket.destroy()
      }, outcome.ms)
      timers.add(timer)
      return
    }

    const auth = authenticate(request.headers.authorization, known)
    if (!auth.ok) {
      send(response, entry, auth.reason === 'missing' ? requiresAuthentication() : badCredentials())
      return
    }
    if (WRITE_METHODS.has(method) && auth.identity.access === 'read') {
      send(response, entry, notAccessibleByIntegration(op.docsUrl, found.definition.permission))
      return
    }
    if (invalidJson) {
      send(response, entry, problemsParsingJson(op.docsUrl))
      return
    }
    if (issues.length > 0) {
      send(response, entry, invalidRequest(issues.map((issue) => issue.message), op.docsUrl))
      return
    }
    const { owner, repo: repoName } = found.params
    if (
      owner !== undefined &&
      (owner.toLowerCase() !== repo.owner.toLowerCase() || repoName?.toLowerCase() !== repo.name.toLowerCase())
    ) {
      send(response, entry, notFound(op.docsUrl))
      return
    }

    const reply = found.definition.handler({
      repo,
      // Set once listening, which is before any request can arrive.
      urls: urls as Urls,
      op,
      identity: auth.identity,
      params: found.params,
      query,
      body,
      headers: request.headers,
      path: url.pathname,
      behaviour
    })
    if (reply.status >= 200 && reply.status < 300 && !op.successStatuses.includes(reply.status)) {
      violation('response-status', `the fake answered ${reply.status}; GitHub documents ${op.successStatuses.join(', ')}`)
    }
    send(response, entry, reply)
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the fake must not look like a GitHub answer the action could handle.
      if (!response.headersSent) response.writeHead(599, { 'content-type': 'text/plain' })
      response.end(`fake GitHub crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const base = `http://127.0.0.1:${port}`
  urls = new Urls(base, repo)

  return {
    url: base,
    state: repo,
    log,
    schemaViolations,
    inject: (injection) => faults.add(injection),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer)
        timers.clear()
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        // Keep-alive connections (undici keeps them) would hold close() open.
        for (const socket of sockets) socket.destroy()
      })
  }
}

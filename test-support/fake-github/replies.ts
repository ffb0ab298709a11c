// What handlers answer with, and GitHub's error bodies. GitHub puts the
// status as a string in `status` and links the operation's documentation;
// clients (and @octokit/request-error) read `message` and `errors`.

export interface RawBody {
  raw: string
  contentType: string
}

export interface Reply {
  status: number
  headers?: Record<string, string>
  // undefined: no body (204); RawBody: sent as is; anything else: JSON.
  body?: unknown
}

export function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && 'contentType' in body
}

export const GENERIC_DOCS = 'https://docs.github.com/rest'

export function errorReply(status: number, message: string, docsUrl: string, extra: Record<string, unknown> = {}): Reply {
  return { status, body: { message, ...extra, documentation_url: docsUrl, status: String(status) } }
}

export function notFound(docsUrl: string, message = 'Not Found'): Reply {
  return errorReply(404, message, docsUrl)
}

export function requiresAuthentication(): Reply {
  return errorReply(401, 'Requires authentication', GENERIC_DOCS)
}

export function badCredentials(): Reply {
  return errorReply(401, 'Bad credentials', GENERIC_DOCS)
}

export function notAccessibleByIntegration(docsUrl: string, permissions?: string): Reply {
  const reply = errorReply(403, 'Resource not accessible by integration', docsUrl)
  if (permissions !== undefined) reply.headers = { 'x-accepted-github-permissions': permissions }
  return reply
}

// The "simple" 422 shape used by create-review: errors are plain strings.
export function unprocessable(errors: string[], docsUrl: string): Reply {
  return errorReply(422, 'Unprocessable Entity', docsUrl, { errors })
}

export interface FieldError {
  resource: string
  code: string
  field: string
  message?: string
}

export function validationFailed(errors: FieldError[], docsUrl: string): Reply {
  return errorReply(422, 'Validation Failed', docsUrl, { errors })
}

// GitHub's schema-level refusal: one message listing every problem.
export function invalidRequest(sentences: string[], docsUrl: string): Reply {
  return errorReply(422, `Invalid request.\n\n${sentences.join('\n')}`, docsUrl)
}

export function problemsParsingJson(docsUrl: string): Reply {
  return errorReply(400, 'Problems parsing JSON', docsUrl)
}

export const MAX_BODY_CHARS = 65_536

// GitHub counts characters, not UTF-16 units or bytes, against the limit.
export function bodyTooLong(body: string): boolean {
  if (body.length <= MAX_BODY_CHARS) return false
  let count = 0
  for (const _ of body) {
    if (++count > MAX_BODY_CHARS) return true
  }
  return false
}

export function bodyTooLongReply(resource: string, docsUrl: string): Reply {
  return validationFailed(
    [{ resource, code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_BODY_CHARS} characters)` }],
    docsUrl
  )
}

// File contents at a commit, through the contents API: the action never
// checks out the pull request, so a fork's files are only ever read as data.
import type { GitHubClient, Repo } from './client.js'
import { calling, statusOf } from './errors.js'

/**
 * The file's bytes at `ref`, exactly as stored (so that invalid UTF-8 reaches
 * the engine, which reports it), or null when no file is there.
 */
export async function readFileAt(client: GitHubClient, repo: Repo, path: string, ref: string): Promise<Uint8Array | null> {
  return calling(`read ${path} at ${ref.slice(0, 7)}`, async () => {
    let response
    try {
      response = await client.rest.repos.getContent({
        ...repo,
        path,
        ref,
        mediaType: { format: 'raw' },
        // The raw body as a stream: Octokit would otherwise decode it as UTF-8 and hide bad bytes.
        request: { parseSuccessResponseBody: false }
      })
    } catch (error) {
      if (statusOf(error) === 404) return null
      throw error
    }
    const contentType = String(response.headers['content-type'] ?? '')
    const bytes = await readBody(response.data as unknown)
    // The raw media type still answers with JSON for a directory or a submodule.
    if (/^application\/json/i.test(contentType)) throw new Error(`${path} at ${ref.slice(0, 7)} is not a file`)
    return bytes
  })
}

/** The file's text at `ref` (for configuration), or null when no file is there. */
export async function readTextAt(client: GitHubClient, repo: Repo, path: string, ref: string): Promise<string | null> {
  const bytes = await readFileAt(client, repo, path, ref)
  if (bytes === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new Error(`${path} at ${ref.slice(0, 7)} is not valid UTF-8`)
  }
}

async function readBody(body: unknown): Promise<Uint8Array> {
  if (body === null || body === undefined || body === '') return new Uint8Array(0)
  if (typeof body === 'string') return new TextEncoder().encode(body)
  if (body instanceof ArrayBuffer) return new Uint8Array(body)
  if (body instanceof Uint8Array) return body
  if (typeof (body as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (body as ReadableStream<Uint8Array>).getReader()
    const chunks: Uint8Array[] = []
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value)
    return new Uint8Array(Buffer.concat(chunks))
  }
  throw new Error(`unexpected body type ${Object.prototype.toString.call(body)}`)
}

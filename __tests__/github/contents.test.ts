// The real Octokit stack (retry, throttling, timeout) against a tiny loopback
// server, for what the fake GitHub cannot express: bytes that are not UTF-8,
// and git trees too large to list.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createClient } from '../../src/github/client.js'
import { readFileAt, readTextAt } from '../../src/github/contents.js'
import { changedPaths, treeBlobs, TruncatedTreeError } from '../../src/github/tree-diff.js'

type Handler = (request: IncomingMessage, response: ServerResponse) => void

async function serve(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  }
}

function client(url: string) {
  return createClient({ token: 't', baseUrl: url, delayScale: 0.001, requestTimeoutMs: 2000, log: () => {} })
}

const REPO = { owner: 'o', repo: 'r' }
const LATIN1 = Buffer.from('# Plan\n\nCaf\xe9\n', 'latin1')

test('plan bytes arrive exactly as stored, invalid UTF-8 included', async () => {
  const accepts: Array<string | undefined> = []
  const server = await serve((request, response) => {
    accepts.push(request.headers.accept)
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    response.end(LATIN1)
  })
  try {
    const bytes = await readFileAt(client(server.url), REPO, 'docs/plan.md', 'a'.repeat(40))
    expect(Buffer.from(bytes ?? []).equals(LATIN1)).toBe(true)
    expect(accepts[0]).toMatch(/^application\/vnd\.github(\.v3)?\.raw/)
    await expect(readTextAt(client(server.url), REPO, '.github/plan-gate.yml', 'a'.repeat(40))).rejects.toThrow(/is not valid UTF-8/)
  } finally {
    await server.close()
  }
})

test('a missing file is null; a directory is an error', async () => {
  const server = await serve((request, response) => {
    if (request.url?.includes('missing')) {
      response.writeHead(404, { 'content-type': 'application/json' })
      response.end('{"message":"Not Found"}')
    } else {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      response.end('[]')
    }
  })
  try {
    expect(await readFileAt(client(server.url), REPO, 'missing.md', 'a'.repeat(40))).toBeNull()
    await expect(readFileAt(client(server.url), REPO, 'docs', 'a'.repeat(40))).rejects.toThrow(/Could not read docs at aaaaaaa: docs at aaaaaaa is not a file/)
  } finally {
    await server.close()
  }
})

test('a truncated tree fails closed', async () => {
  const server = await serve((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify({ sha: 'b'.repeat(40), url: '', tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: 'c'.repeat(40) }], truncated: true }))
  })
  try {
    await expect(treeBlobs(client(server.url), REPO, 'd'.repeat(40))).rejects.toThrow(TruncatedTreeError)
    await expect(treeBlobs(client(server.url), REPO, 'd'.repeat(40))).rejects.toThrow(/too large for GitHub to list in full.*The gate fails rather than pass plans it could not see/)
  } finally {
    await server.close()
  }
})

test('changedPaths: new or different blobs, never removed ones', () => {
  const base = new Map([['same.md', '1'], ['edited.md', '2'], ['removed.md', '3']])
  const head = new Map([['same.md', '1'], ['edited.md', '22'], ['added.md', '4']])
  expect(changedPaths(base, head)).toEqual(['added.md', 'edited.md'])
})

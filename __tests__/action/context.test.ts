import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ContextError, readRunContext, runUrl } from '../../src/action/context.js'

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)

function payloadFile(payload: unknown): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'plan-gate-context-')), 'event.json')
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload))
  return file
}

function pullRequestPayload(headRepo: string | null = 'o/r') {
  return {
    pull_request: {
      number: 7,
      changed_files: 3,
      base: { sha: BASE, repo: { full_name: 'o/r' } },
      head: { sha: HEAD, repo: headRepo === null ? null : { full_name: headRepo } }
    }
  }
}

function env(eventName: string, payload: unknown, extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: payloadFile(payload), GITHUB_REPOSITORY: 'o/r', ...extra }
}

describe('readRunContext', () => {
  test.each(['pull_request', 'pull_request_target'])('%s reads the pull request from the payload', (eventName) => {
    const context = readRunContext(env(eventName, pullRequestPayload(), { GITHUB_RUN_ID: '99', GITHUB_API_URL: 'http://127.0.0.1:1/' }))
    expect(context).toMatchObject({
      eventName,
      owner: 'o',
      repo: 'r',
      apiUrl: 'http://127.0.0.1:1',
      serverUrl: 'https://github.com',
      mode: { kind: 'pull-request', pull: { number: 7, baseSha: BASE, headSha: HEAD, changedFiles: 3, fromFork: false } }
    })
    expect(runUrl(context)).toBe('https://github.com/o/r/actions/runs/99')
  })

  test('a head in another repository, or a deleted fork, is a fork', () => {
    for (const headRepo of ['someone/r', null]) {
      const context = readRunContext(env('pull_request', pullRequestPayload(headRepo)))
      expect(context.mode).toMatchObject({ kind: 'pull-request', pull: { fromFork: true } })
    }
  })

  test.each(['merge_group', 'push', 'workflow_dispatch'])('%s checks the workspace', (eventName) => {
    const context = readRunContext(env(eventName, {}, { GITHUB_SHA: HEAD, GITHUB_WORKSPACE: '/work/repo' }))
    expect(context.mode).toEqual({ kind: 'workspace', sha: HEAD, workspace: '/work/repo' })
  })

  test('any other event is refused, naming the ones that work', () => {
    expect(() => readRunContext(env('issue_comment', {}))).toThrow(ContextError)
    expect(() => readRunContext(env('issue_comment', {}))).toThrow(/does not run on "issue_comment" events.*"pull_request_target".*"merge_group"/)
  })

  test('a payload without the pull request, or unreadable, is a clear error', () => {
    expect(() => readRunContext(env('pull_request', { pull_request: { number: 7 } }))).toThrow(/lacks pull_request.number, base.sha or head.sha/)
    expect(() => readRunContext(env('pull_request', '{ not json'))).toThrow(/is not valid JSON/)
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'o/r' })).toThrow(/GITHUB_EVENT_PATH is not set/)
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REPOSITORY: 'o' })).toThrow(/GITHUB_REPOSITORY must read "owner\/name"/)
  })
})

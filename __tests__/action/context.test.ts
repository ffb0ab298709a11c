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

  test('workflow_dispatch checks the workspace', () => {
    const context = readRunContext(env('workflow_dispatch', {}, { GITHUB_SHA: HEAD, GITHUB_WORKSPACE: '/work/repo' }))
    expect(context.mode).toEqual({ kind: 'workspace', sha: HEAD, workspace: '/work/repo', range: null })
  })

  test("merge_group compares the group's base and head", () => {
    const context = readRunContext(env('merge_group', { merge_group: { base_sha: BASE, head_sha: HEAD } }, { GITHUB_SHA: HEAD, GITHUB_WORKSPACE: '/work/repo' }))
    expect(context.mode).toMatchObject({ kind: 'workspace', range: { base: BASE, head: HEAD } })
    expect(() => readRunContext(env('merge_group', { merge_group: { head_sha: HEAD } }, { GITHUB_SHA: HEAD }))).toThrow(/lacks merge_group.base_sha/)
  })

  test('push compares before and after; a new branch compares with the default branch; a first push takes the whole commit', () => {
    const repository = { default_branch: 'main' }
    const zero = '0'.repeat(40)
    const pushed = readRunContext(env('push', { before: BASE, after: HEAD, ref: 'refs/heads/main', repository }, { GITHUB_SHA: HEAD }))
    expect(pushed.mode).toMatchObject({ range: { base: BASE, head: HEAD } })
    const branch = readRunContext(env('push', { before: zero, after: HEAD, ref: 'refs/heads/feature', repository }, { GITHUB_SHA: HEAD }))
    expect(branch.mode).toMatchObject({ range: { base: 'main', head: HEAD, why: expect.stringMatching(/new branch.*default branch main/) } })
    const first = readRunContext(env('push', { before: zero, after: HEAD, ref: 'refs/heads/main', repository }, { GITHUB_SHA: HEAD }))
    expect(first.mode).toMatchObject({ range: { base: null, head: HEAD, why: expect.stringMatching(/first push/) } })
    const deleted = readRunContext(env('push', { before: BASE, after: zero, ref: 'refs/heads/feature', repository }, { GITHUB_SHA: HEAD }))
    expect(deleted.mode).toMatchObject({ range: { base: null, head: null } })
    expect(() => readRunContext(env('push', {}, { GITHUB_SHA: HEAD }))).toThrow(/lacks before or after/)
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

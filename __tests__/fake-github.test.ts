// Tests of the fake GitHub server itself, with plain fetch on loopback. The
// end-to-end tests of the action trust these behaviours, so each one that an
// action can get wrong against the real API is pinned down here.

import {
  ACTIONS_BOT,
  FAKE_TOKENS,
  FakeRepository,
  fakeUser,
  parsePatch,
  startFakeGitHub,
  syntheticFiles,
  unifiedPatch,
  type FakeGitHub
} from '../test-support/fake-github/index.js'
import { hunkIndexOf } from '../test-support/fake-github/diff.js'
import { blobSha, TreeIndex } from '../test-support/fake-github/git-objects.js'

const REPO = '/repos/octo-org/octo-repo'
const FILES_ROUTE = '/repos/{owner}/{repo}/pulls/{pull_number}/files'

interface Answer {
  status: number
  headers: Headers
  text: string
  // Parsed JSON, or undefined when the body is not JSON.
  json: unknown
}

interface CallOptions {
  token?: string | null
  body?: unknown
  rawBody?: string
  accept?: string
}

async function call(gh: FakeGitHub, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/vnd.github+json' }
  const token = options.token === undefined ? FAKE_TOKENS.write : options.token
  if (token !== null) headers['authorization'] = `token ${token}`
  let payload: string | undefined = options.rawBody
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const response = await fetch(`${gh.url}${path}`, { method, headers, body: payload })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

function asList(answer: Answer): Array<Record<string, unknown>> {
  expect(Array.isArray(answer.json)).toBe(true)
  return answer.json as Array<Record<string, unknown>>
}

function asObject(answer: Answer): Record<string, unknown> {
  expect(typeof answer.json).toBe('object')
  return answer.json as Record<string, unknown>
}

function links(header: string | null): Record<string, URL> {
  const out: Record<string, URL> = {}
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="(\w+)"/.exec(part)
    if (match?.[1] !== undefined && match[2] !== undefined) out[match[2]] = new URL(match[1])
  }
  return out
}

const PLAN_V1 = [
  '# Plan: payment retries',
  '',
  '## Context',
  'Payments fail when the provider times out.',
  '',
  '## Approach',
  'Retry three times.',
  '',
  '## Risks',
  'Duplicate charges.',
  '',
  '## Rollout',
  'Ship behind a flag.',
  ''
].join('\n')

const PLAN_V2 = PLAN_V1.replace('Retry three times.', 'Retry with exponential backoff.\nCap at five attempts.').replace(
  'Ship behind a flag.',
  'Ship behind a flag, 5% first.'
)

interface Scenario {
  gh: FakeGitHub
  base: string
  head: string
}

// main has the first plan; the PR rewrites two parts of it and adds files.
function buildScenario(repo: FakeRepository): { base: string; head: string } {
  const base = repo.commit(
    { 'README.md': 'hello\n', 'docs/plan.md': PLAN_V1, 'docs/old name.md': 'moved unchanged\n', 'logo.png': 'PNG\0\u0001' },
    { branch: 'main' }
  )
  const head = repo.change(
    base,
    {
      'docs/plan.md': PLAN_V2,
      'docs/old name.md': null,
      'docs/new name.md': 'moved unchanged\n',
      'logo.png': 'PNG\0\u0002',
      'src/naïve file.ts': 'export const answer = 42\n'
    },
    { branch: 'feature/plan' }
  )
  repo.pullRequest({ number: 7, base: 'main', head: 'feature/plan', title: 'Add a plan' })
  return { base, head }
}

async function startScenario(options: Parameters<typeof startFakeGitHub>[0] = {}): Promise<Scenario> {
  const repo = new FakeRepository()
  const { base, head } = buildScenario(repo)
  const gh = await startFakeGitHub({ ...options, state: repo })
  return { gh, base, head }
}

describe('diff', () => {
  // Expected texts are what `git diff -U3` prints for the same inputs.
  test('matches git for separate and merged hunks, with section headings', () => {
    const oldText = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`).join('')
    const newText = oldText
      .replace('line 3\n', 'LINE three\n')
      .replace('line 17\n', 'line seventeen\n')
      .replace('line 10\n', 'line 10\ninserted\n')
    const patch = unifiedPatch(oldText, newText)
    expect(patch.text).toBe(
      [
        '@@ -1,6 +1,6 @@',
        ' line 1',
        ' line 2',
        '-line 3',
        '+LINE three',
        ' line 4',
        ' line 5',
        ' line 6',
        '@@ -8,13 +8,14 @@ line 7',
        ' line 8',
        ' line 9',
        ' line 10',
        '+inserted',
        ' line 11',
        ' line 12',
        ' line 13',
        ' line 14',
        ' line 15',
        ' line 16',
        '-line 17',
        '+line seventeen',
        ' line 18',
        ' line 19',
        ' line 20'
      ].join('\n')
    )
    expect(patch.additions).toBe(3)
    expect(patch.deletions).toBe(2)
  })

  test('marks a missing final newline like git', () => {
    expect(unifiedPatch('alpha\nbeta\ngamma', 'alpha\nbeta\ngamma\n').text).toBe(
      ['@@ -1,3 +1,3 @@', ' alpha', ' beta', '-gamma', '\\ No newline at end of file', '+gamma'].join('\n')
    )
  })

  test('handles changes at both ends and new files', () => {
    const oldText = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n'
    const newText = 'zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\n'
    expect(unifiedPatch(oldText, newText).text).toBe(
      ['@@ -1,3 +1,4 @@', '+zero', ' one', ' two', ' three', '@@ -5,4 +6,3 @@ four', ' five', ' six', ' seven', '-eight'].join(
        '\n'
      )
    )
    expect(unifiedPatch('', 'x\n').text).toBe('@@ -0,0 +1 @@\n+x')
    expect(unifiedPatch('a\nb\n', '').text).toBe('@@ -1,2 +0,0 @@\n-a\n-b')
    expect(unifiedPatch('same\n', 'same\n').text).toBe('')
  })

  test('finds which lines a review comment may target', () => {
    const hunks = parsePatch(unifiedPatch(PLAN_V1, PLAN_V2).text)
    // New line 7 is added; new line 1 is far outside any hunk.
    expect(hunkIndexOf(hunks, 7, 'RIGHT')).toBe(0)
    expect(hunkIndexOf(hunks, 1, 'RIGHT')).toBe(-1)
    // Old line 7 ("Retry three times.") was deleted: LEFT only.
    expect(hunkIndexOf(hunks, 7, 'LEFT')).toBe(0)
  })

  test('stays valid (if not minimal) for very different large inputs', () => {
    const oldText = Array.from({ length: 3000 }, (_, i) => `old ${i}\n`).join('')
    const newText = Array.from({ length: 3000 }, (_, i) => `new ${i}\n`).join('')
    const patch = unifiedPatch(oldText, newText)
    expect(patch.additions).toBe(3000)
    expect(patch.deletions).toBe(3000)
    expect(patch.text.startsWith('@@ -1,3000 +1,3000 @@')).toBe(true)
  })
})

describe('git objects', () => {
  test('tree and blob ids are the ones git computes', () => {
    // Reference values from `git write-tree` / `git ls-tree -r -t` on the same files.
    const index = new TreeIndex(new Map([['a-b', 'z\n'], ['a.txt', 'y'], ['a/b/c.txt', 'x\n']]))
    expect(index.rootSha).toBe('677e64f2c700c1cfbe53450b79ee2bed1df6efb4')
    expect(index.list('', true).map((entry) => `${entry.type} ${entry.sha} ${entry.path}`)).toEqual([
      'blob b68025345d5301abad4d9ec9166f455243a0d746 a-b',
      'blob e25f1814e51579d5f55c0f1fe0135ddb28a47f4a a.txt',
      'tree 00309690e7166a5386d0035607a2961e71128e55 a',
      'tree a80fd2e03b6ce89b245d7cc00ac41c39f99e9eb2 a/b',
      'blob 587be6b4c3f93f93c489c0111bba5596147a26cb a/b/c.txt'
    ])
  })
})

describe('fake GitHub server', () => {
  let scenario: Scenario
  let gh: FakeGitHub

  beforeEach(async () => {
    scenario = await startScenario()
    gh = scenario.gh
  })

  afterEach(async () => {
    await gh.close()
  })

  describe('pull requests', () => {
    test('GET pull request describes base, head and the true changed_files', async () => {
      const answer = await call(gh, 'GET', `${REPO}/pulls/7`)
      expect(answer.status).toBe(200)
      const pr = asObject(answer)
      expect(pr['number']).toBe(7)
      // The rename counts once.
      expect(pr['changed_files']).toBe(4)
      expect(pr['head']).toMatchObject({ ref: 'feature/plan', sha: scenario.head })
      expect(pr['base']).toMatchObject({ ref: 'main', sha: scenario.base })
      expect(gh.schemaViolations).toEqual([])
    })

    test('lists files with statuses, renames and patches; binary files have no patch', async () => {
      const files = asList(await call(gh, 'GET', `${REPO}/pulls/7/files`))
      const byName = new Map(files.map((file) => [file['filename'], file]))
      expect([...byName.keys()]).toEqual(['docs/new name.md', 'docs/plan.md', 'logo.png', 'src/naïve file.ts'])
      expect(byName.get('docs/new name.md')).toMatchObject({ status: 'renamed', previous_filename: 'docs/old name.md' })
      expect(byName.get('docs/new name.md')).not.toHaveProperty('patch')
      expect(byName.get('logo.png')).toMatchObject({ status: 'modified' })
      expect(byName.get('logo.png')).not.toHaveProperty('patch')
      expect(byName.get('src/naïve file.ts')).toMatchObject({
        status: 'added',
        patch: '@@ -0,0 +1 @@\n+export const answer = 42',
        sha: blobSha('export const answer = 42\n')
      })
      expect(byName.get('docs/plan.md')?.['patch']).toBe(unifiedPatch(PLAN_V1, PLAN_V2).text)
    })

    test('a removed file is listed as removed with a deletion-only patch', async () => {
      const head = gh.state.change(scenario.head, { 'README.md': null })
      gh.state.pushToPullRequest(7, head)
      const files = asList(await call(gh, 'GET', `${REPO}/pulls/7/files`))
      expect(files.find((file) => file['filename'] === 'README.md')).toMatchObject({
        status: 'removed',
        deletions: 1,
        patch: '@@ -1 +0,0 @@\n-hello'
      })
    })

    test('unknown pull request is a GitHub-style 404', async () => {
      const answer = await call(gh, 'GET', `${REPO}/pulls/999`)
      expect(answer.status).toBe(404)
      expect(answer.json).toMatchObject({ message: 'Not Found', status: '404' })
    })

    test('the diff media type refuses more than 300 files with 406', async () => {
      const base = gh.state.commit({ 'a.txt': 'a\n' })
      const head = gh.state.change(base, syntheticFiles(301))
      gh.state.pullRequest({ number: 8, base, head })
      const big = await call(gh, 'GET', `${REPO}/pulls/8`, { accept: 'application/vnd.github.diff' })
      expect(big.status).toBe(406)
      const small = await call(gh, 'GET', `${REPO}/pulls/7`, { accept: 'application/vnd.github.diff' })
      expect(small.status).toBe(200)
      expect(small.text).toContain('diff --git a/docs/plan.md b/docs/plan.md')
      expect(small.text).toContain('Binary files a/logo.png and b/logo.png differ')
    })
  })

  describe('pagination', () => {
    beforeEach(() => {
      for (let i = 0; i < 75; i++) gh.state.addIssueComment(7, { body: `comment ${i}`, user: fakeUser(`user${i % 3}`) })
    })

    test('defaults to 30 per page with next and last links on the server’s own URL', async () => {
      const answer = await call(gh, 'GET', `${REPO}/issues/7/comments`)
      expect(asList(answer)).toHaveLength(30)
      const rel = links(answer.headers.get('link'))
      expect(Object.keys(rel)).toEqual(['next', 'last'])
      expect(rel['next']?.origin).toBe(gh.url)
      expect(rel['next']?.pathname).toBe(`${REPO}/issues/7/comments`)
      expect(rel['next']?.searchParams.get('page')).toBe('2')
      expect(rel['last']?.searchParams.get('page')).toBe('3')
    })

    test('the last page has prev and first, and following next visits every item once', async () => {
      const seen: unknown[] = []
      let next: string | undefined = `${REPO}/issues/7/comments?per_page=20`
      let pages = 0
      while (next !== undefined) {
        const answer = await call(gh, 'GET', next)
        seen.push(...asList(answer).map((comment) => comment['body']))
        const rel = links(answer.headers.get('link'))
        if (rel['next'] === undefined) {
          expect(Object.keys(rel)).toEqual(['prev', 'first'])
          expect(rel['prev']?.searchParams.get('per_page')).toBe('20')
        }
        next = rel['next'] === undefined ? undefined : `${rel['next'].pathname}${rel['next'].search}`
        pages++
      }
      expect(pages).toBe(4)
      expect(seen).toEqual(Array.from({ length: 75 }, (_, i) => `comment ${i}`))
    })

    test('per_page is clamped to 100 and a single page has no Link header', async () => {
      const answer = await call(gh, 'GET', `${REPO}/issues/7/comments?per_page=500`)
      expect(asList(answer)).toHaveLength(75)
      expect(answer.headers.get('link')).toBeNull()
    })

    test('a middle page links all four ways, in GitHub order', async () => {
      const answer = await call(gh, 'GET', `${REPO}/issues/7/comments?page=2`)
      expect(Object.keys(links(answer.headers.get('link')))).toEqual(['prev', 'next', 'last', 'first'])
    })
  })

  describe('changed-file caps', () => {
    test('the files listing stops at 3000 files while changed_files has the true count', async () => {
      const base = gh.state.commit({ 'README.md': 'x\n' })
      const head = gh.state.change(base, { ...syntheticFiles(3100, { dir: 'bulk' }), 'zzz/plan.md': PLAN_V1 })
      gh.state.pullRequest({ number: 9, base, head })

      expect(asObject(await call(gh, 'GET', `${REPO}/pulls/9`))['changed_files']).toBe(3101)
      const first = await call(gh, 'GET', `${REPO}/pulls/9/files?per_page=100`)
      expect(links(first.headers.get('link'))['last']?.searchParams.get('page')).toBe('30')

      const names: unknown[] = []
      for (let page = 1; page <= 32; page++) {
        const answer = await call(gh, 'GET', `${REPO}/pulls/9/files?per_page=100&page=${page}`)
        const items = asList(answer)
        if (page > 30) expect(items).toEqual([])
        names.push(...items.map((file) => file['filename']))
      }
      expect(names).toHaveLength(3000)
      // The plan sorts after every bulk file, so it is beyond the cap.
      expect(names).not.toContain('zzz/plan.md')
    })

    test('compare lists at most 300 files', async () => {
      const base = gh.state.commit({ 'README.md': 'x\n' }, { branch: 'trunk' })
      const middle = gh.state.change(base, syntheticFiles(200))
      const head = gh.state.change(middle, syntheticFiles(350, { dir: 'more' }))
      const answer = await call(gh, 'GET', `${REPO}/compare/${base}...${head}`)
      expect(answer.status).toBe(200)
      const body = asObject(answer)
      expect(body['files']).toHaveLength(300)
      expect(body).toMatchObject({ total_commits: 2, ahead_by: 2, behind_by: 0, status: 'ahead' })
      expect(body['merge_base_commit']).toMatchObject({ sha: base })
    })

    test('compare accepts branch names with slashes', async () => {
      const answer = await call(gh, 'GET', `${REPO}/compare/main...feature/plan`)
      expect(answer.status).toBe(200)
      expect(asObject(answer)['files']).toHaveLength(4)
    })
  })

  describe('contents', () => {
    test('the raw media type returns the file text', async () => {
      for (const accept of ['application/vnd.github.raw', 'application/vnd.github.raw+json']) {
        const answer = await call(gh, 'GET', `${REPO}/contents/docs/plan.md?ref=${scenario.head}`, { accept })
        expect(answer.status).toBe(200)
        expect(answer.headers.get('content-type')).toMatch(/^text\/plain/)
        expect(answer.text).toBe(PLAN_V2)
      }
    })

    test('the default media type returns base64 content and the blob sha', async () => {
      const answer = await call(gh, 'GET', `${REPO}/contents/docs/plan.md?ref=main`)
      const body = asObject(answer)
      expect(body).toMatchObject({ type: 'file', encoding: 'base64', path: 'docs/plan.md', sha: blobSha(PLAN_V1) })
      expect(Buffer.from(String(body['content']), 'base64').toString('utf8')).toBe(PLAN_V1)
    })

    test('encoded paths, encoded slashes and refs resolve', async () => {
      const raw = { accept: 'application/vnd.github.raw' }
      const encodedName = `${REPO}/contents/src/na%C3%AFve%20file.ts?ref=feature%2Fplan`
      expect((await call(gh, 'GET', encodedName, raw)).text).toBe('export const answer = 42\n')
      expect((await call(gh, 'GET', `${REPO}/contents/docs%2Fplan.md?ref=refs/pull/7/head`, raw)).text).toBe(PLAN_V2)
      expect((await call(gh, 'GET', `${REPO}/contents/docs/plan.md?ref=refs/pull/7/merge`, raw)).text).toBe(PLAN_V2)
      // Without a ref, the default branch.
      expect((await call(gh, 'GET', `${REPO}/contents/docs/plan.md`, raw)).text).toBe(PLAN_V1)
    })

    test('a directory lists its entries', async () => {
      const entries = asList(await call(gh, 'GET', `${REPO}/contents/docs?ref=main`))
      expect(entries.map((entry) => [entry['type'], entry['path']])).toEqual([
        ['file', 'docs/old name.md'],
        ['file', 'docs/plan.md']
      ])
    })

    test('missing files and unknown refs are 404', async () => {
      const missing = await call(gh, 'GET', `${REPO}/contents/docs/nope.md?ref=main`)
      expect(missing.status).toBe(404)
      expect(missing.json).toMatchObject({ message: 'Not Found', status: '404' })
      const badRef = await call(gh, 'GET', `${REPO}/contents/docs/plan.md?ref=no-such-branch`)
      expect(badRef.status).toBe(404)
      expect(badRef.json).toMatchObject({ message: 'No commit found for the ref no-such-branch' })
      const otherRepo = await call(gh, 'GET', '/repos/someone/else/contents/docs/plan.md')
      expect(otherRepo.status).toBe(404)
    })
  })

  describe('trees', () => {
    test('a recursive tree of a commit has blobs and intermediate trees with git ids', async () => {
      const answer = await call(gh, 'GET', `${REPO}/git/trees/${scenario.head}?recursive=1`)
      expect(answer.status).toBe(200)
      const body = asObject(answer)
      expect(body['truncated']).toBe(false)
      expect(body['sha']).toBe(gh.state.requireCommit(scenario.head).tree.rootSha)
      const tree = body['tree'] as Array<Record<string, unknown>>
      expect(tree.map((entry) => [entry['type'], entry['path']])).toEqual([
        ['blob', 'README.md'],
        ['tree', 'docs'],
        ['blob', 'docs/new name.md'],
        ['blob', 'docs/plan.md'],
        ['blob', 'logo.png'],
        ['tree', 'src'],
        ['blob', 'src/naïve file.ts']
      ])
      expect(tree.find((entry) => entry['path'] === 'docs/plan.md')).toMatchObject({
        mode: '100644',
        sha: blobSha(PLAN_V2),
        size: Buffer.byteLength(PLAN_V2)
      })
      expect(tree.find((entry) => entry['path'] === 'docs')).toMatchObject({ mode: '040000' })
      expect(tree.find((entry) => entry['path'] === 'docs')).not.toHaveProperty('size')
    })

    test('without recursive only the top level; a subtree can be fetched by its sha', async () => {
      const top = asObject(await call(gh, 'GET', `${REPO}/git/trees/${scenario.head}`))
      const entries = top['tree'] as Array<Record<string, unknown>>
      expect(entries.map((entry) => entry['path'])).toEqual(['README.md', 'docs', 'logo.png', 'src'])
      const docsSha = String(entries.find((entry) => entry['path'] === 'docs')?.['sha'])
      const docs = asObject(await call(gh, 'GET', `${REPO}/git/trees/${docsSha}`))
      expect((docs['tree'] as Array<Record<string, unknown>>).map((entry) => entry['path'])).toEqual([
        'new name.md',
        'plan.md'
      ])
      expect((await call(gh, 'GET', `${REPO}/git/trees/${'0'.repeat(40)}`)).status).toBe(404)
    })
  })

  describe('issue comments', () => {
    test('create, update and delete as the Actions bot', async () => {
      const created = await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 'gate: FAIL' } })
      expect(created.status).toBe(201)
      const comment = asObject(created)
      expect(comment['user']).toMatchObject({ login: 'github-actions[bot]', type: 'Bot', id: 41898282 })
      const id = Number(comment['id'])

      const updated = await call(gh, 'PATCH', `${REPO}/issues/comments/${id}`, { body: { body: 'gate: PASS' } })
      expect(updated.status).toBe(200)
      expect(gh.state.findIssueComment(id)?.body).toBe('gate: PASS')

      expect((await call(gh, 'DELETE', `${REPO}/issues/comments/${id}`)).status).toBe(204)
      expect((await call(gh, 'DELETE', `${REPO}/issues/comments/${id}`)).status).toBe(404)
      expect(gh.state.commentsOnIssue(7)).toEqual([])
    })

    test('seeded comments from people and the bot are listed oldest first', async () => {
      gh.state.addIssueComment(7, { body: 'looks good', user: fakeUser('alice') })
      gh.state.addIssueComment(7, { body: '<!-- plan-gate -->\nold', user: ACTIONS_BOT })
      const list = asList(await call(gh, 'GET', `${REPO}/issues/7/comments`))
      expect(list.map((comment) => [(comment['user'] as Record<string, unknown>)['login'], comment['body']])).toEqual([
        ['alice', 'looks good'],
        ['github-actions[bot]', '<!-- plan-gate -->\nold']
      ])
    })

    test('issue-comment ids are not review-comment ids', async () => {
      const comment = gh.state.addIssueComment(7, { body: 'x' })
      const answer = await call(gh, 'PATCH', `${REPO}/pulls/comments/${comment.id}`, { body: { body: 'y' } })
      expect(answer.status).toBe(404)
    })
  })

  describe('65,536-character limit', () => {
    const limit = 65_536

    test('a body of exactly the limit is accepted', async () => {
      const answer = await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 'x'.repeat(limit) } })
      expect(answer.status).toBe(201)
    })

    test('one character more is refused with Validation Failed and nothing is created', async () => {
      const answer = await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 'x'.repeat(limit + 1) } })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({
        message: 'Validation Failed',
        errors: [
          { resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }
        ]
      })
      expect(gh.state.commentsOnIssue(7)).toEqual([])
    })

    test('characters are counted, not UTF-16 units', async () => {
      const emoji = '😀'.repeat(limit)
      expect((await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: emoji } })).status).toBe(201)
    })

    test('applies to updates, review bodies and review comments', async () => {
      const comment = gh.state.addIssueComment(7, { body: 'short', user: ACTIONS_BOT })
      const long = 'y'.repeat(limit + 1)
      expect((await call(gh, 'PATCH', `${REPO}/issues/comments/${comment.id}`, { body: { body: long } })).status).toBe(422)
      expect((await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { body: long, event: 'COMMENT' } })).status).toBe(
        422
      )
      const inline = { path: 'docs/plan.md', line: 7, body: long }
      const review = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: { body: 'ok', event: 'COMMENT', comments: [inline] }
      })
      expect(review.status).toBe(422)
      expect(gh.state.findIssueComment(comment.id)?.body).toBe('short')
      expect(gh.state.reviews).toEqual([])
    })
  })

  describe('reviews', () => {
    test('inline comments on added (RIGHT) and deleted (LEFT) lines are created', async () => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: {
          commit_id: scenario.head,
          body: 'plan-gate: 2 findings',
          event: 'COMMENT',
          comments: [
            { path: 'docs/plan.md', line: 7, side: 'RIGHT', body: 'How many retries?' },
            { path: 'docs/plan.md', line: 7, side: 'LEFT', body: 'Was three' },
            { path: 'docs/plan.md', start_line: 7, line: 8, body: 'Range' }
          ]
        }
      })
      expect(answer.status).toBe(200)
      expect(asObject(answer)).toMatchObject({ state: 'COMMENTED', commit_id: scenario.head })
      const listed = asList(await call(gh, 'GET', `${REPO}/pulls/7/comments`))
      expect(listed.map((comment) => [comment['line'], comment['side'], comment['start_line']])).toEqual([
        [7, 'RIGHT', null],
        [7, 'LEFT', null],
        [8, 'RIGHT', 7]
      ])
      expect(listed[0]).toMatchObject({
        path: 'docs/plan.md',
        commit_id: scenario.head,
        user: { login: 'github-actions[bot]', type: 'Bot' }
      })
      expect(String(listed[0]?.['diff_hunk'])).toMatch(/^@@ .*\n(.|\n)*\+Retry with exponential backoff\.$/)
      expect(gh.state.reviews.map((review) => review.event)).toEqual(['COMMENT'])
    })

    test.each([
      ['a line outside every hunk', { path: 'docs/plan.md', line: 1, body: 'x' }, 'Line could not be resolved'],
      ['an added line claimed as LEFT', { path: 'src/naïve file.ts', line: 1, side: 'LEFT', body: 'x' }, 'Line could not be resolved'],
      ['a file not in the pull request', { path: 'docs/other.md', line: 1, body: 'x' }, 'Path could not be resolved'],
      ['a binary file', { path: 'logo.png', line: 1, body: 'x' }, 'Line could not be resolved'],
      [
        'a start_line that does not precede line',
        { path: 'docs/plan.md', start_line: 8, line: 8, body: 'x' },
        'Pull request review thread start line must precede the end line.'
      ]
    ])('%s makes the whole review fail with 422', async (_name, bad, message) => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: {
          body: 'findings',
          event: 'COMMENT',
          comments: [{ path: 'docs/plan.md', line: 7, body: 'fine on its own' }, bad]
        }
      })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({ message: 'Unprocessable Entity', errors: [message], status: '422' })
      expect(gh.state.reviews).toEqual([])
      expect(gh.state.reviewComments).toEqual([])
      expect(asList(await call(gh, 'GET', `${REPO}/pulls/7/comments`))).toEqual([])
    })

    test('context lines may be targeted from either side', async () => {
      // Old line 8 and new line 9 are the same unchanged blank line.
      const comments = [
        { path: 'docs/plan.md', line: 8, side: 'LEFT', body: 'old side' },
        { path: 'docs/plan.md', line: 9, side: 'RIGHT', body: 'new side' }
      ]
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { event: 'COMMENT', body: 'x', comments } })
      expect(answer.status).toBe(200)
      expect(gh.state.reviewComments).toHaveLength(2)
    })

    test('GITHUB_TOKEN may not approve; the attempt is logged with its event', async () => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { event: 'APPROVE' } })
      expect(answer.status).toBe(422)
      expect(answer.json).toMatchObject({ errors: ['GitHub Actions is not permitted to approve pull requests.'] })
      expect(gh.log.last('POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews')?.body).toEqual({ event: 'APPROVE' })
    })

    test('a review without event stays pending, and only one may be pending', async () => {
      const first = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { body: 'draft' } })
      expect(asObject(first)).toMatchObject({ state: 'PENDING' })
      expect(asObject(first)).not.toHaveProperty('submitted_at')
      expect((await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { body: 'again' } })).status).toBe(422)
      expect(asList(await call(gh, 'GET', `${REPO}/pulls/7/reviews`))).toHaveLength(1)
    })

    test('legacy position addresses a line of the patch', async () => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: { event: 'COMMENT', body: 'x', comments: [{ path: 'src/naïve file.ts', position: 1, body: 'here' }] }
      })
      expect(answer.status).toBe(200)
      expect(gh.state.reviewComments[0]).toMatchObject({ line: 1, side: 'RIGHT', position: 1 })
    })

    test('review comments can be edited and deleted; seeded replies keep in_reply_to_id', async () => {
      const root = gh.state.addReviewComment(7, { path: 'docs/plan.md', line: 7, body: 'why?', user: fakeUser('alice') })
      gh.state.addReviewComment(7, { path: 'docs/plan.md', line: 7, body: 'because', user: ACTIONS_BOT, inReplyToId: root.id })
      const listed = asList(await call(gh, 'GET', `${REPO}/pulls/7/comments`))
      expect(listed[1]).toMatchObject({ in_reply_to_id: root.id })
      expect(listed[0]).not.toHaveProperty('in_reply_to_id')
      const reply = gh.state.reviewComments[1]
      expect((await call(gh, 'PATCH', `${REPO}/pulls/comments/${reply?.id}`, { body: { body: 'edited' } })).status).toBe(200)
      expect(reply?.body).toBe('edited')
      expect((await call(gh, 'DELETE', `${REPO}/pulls/comments/${reply?.id}`)).status).toBe(204)
      expect(gh.state.reviewComments).toHaveLength(1)
    })
  })

  describe('authentication', () => {
    test('requests without a token or with an unknown one get 401', async () => {
      const none = await call(gh, 'GET', `${REPO}/pulls/7`, { token: null })
      expect(none.status).toBe(401)
      expect(none.json).toMatchObject({ message: 'Requires authentication' })
      const unknown = await call(gh, 'GET', `${REPO}/pulls/7`, { token: 'ghs_nope' })
      expect(unknown.status).toBe(401)
      expect(unknown.json).toMatchObject({ message: 'Bad credentials' })
    })

    test('Bearer works as well as token', async () => {
      const response = await fetch(`${gh.url}${REPO}/pulls/7`, { headers: { authorization: `Bearer ${FAKE_TOKENS.write}` } })
      expect(response.status).toBe(200)
    })

    test('a read-only token reads but every write is 403 and changes nothing', async () => {
      const token = FAKE_TOKENS.read
      const seeded = gh.state.addIssueComment(7, { body: 'mine', user: ACTIONS_BOT })
      expect((await call(gh, 'GET', `${REPO}/issues/7/comments`, { token })).status).toBe(200)
      const writes: Array<[string, string, unknown]> = [
        ['POST', `${REPO}/issues/7/comments`, { body: 'x' }],
        ['PATCH', `${REPO}/issues/comments/${seeded.id}`, { body: 'x' }],
        ['DELETE', `${REPO}/issues/comments/${seeded.id}`, undefined],
        ['POST', `${REPO}/pulls/7/reviews`, { event: 'COMMENT', body: 'x' }]
      ]
      for (const [method, path, body] of writes) {
        const answer = await call(gh, method, path, { token, body })
        expect(answer.status).toBe(403)
        expect(answer.json).toMatchObject({ message: 'Resource not accessible by integration', status: '403' })
        expect(String((answer.json as Record<string, unknown>)['documentation_url'])).toMatch(/^https:\/\/docs\.github\.com\//)
      }
      expect(gh.state.commentsOnIssue(7).map((comment) => comment.body)).toEqual(['mine'])
      expect(gh.state.reviews).toEqual([])
    })

    test('custom token table: read-only GITHUB_TOKEN only', async () => {
      const readOnly = await startFakeGitHub({ tokens: { 'ghs_only': 'read' } })
      try {
        const answer = await call(readOnly, 'POST', `${REPO}/issues/1/comments`, { token: 'ghs_only', body: { body: 'x' } })
        expect(answer.status).toBe(403)
        expect((await call(readOnly, 'GET', '/user', { token: FAKE_TOKENS.write })).status).toBe(401)
      } finally {
        await readOnly.close()
      }
    })

    test('GET /user is 403 for installation tokens and 200 for a personal token', async () => {
      const bot = await call(gh, 'GET', '/user')
      expect(bot.status).toBe(403)
      expect(bot.json).toMatchObject({ message: 'Resource not accessible by integration' })
      const person = await call(gh, 'GET', '/user', { token: FAKE_TOKENS.personal })
      expect(person.status).toBe(200)
      expect(person.json).toMatchObject({ login: 'octocat', type: 'User' })
      const created = await call(gh, 'POST', `${REPO}/issues/7/comments`, { token: FAKE_TOKENS.personal, body: { body: 'hi' } })
      expect(asObject(created)['user']).toMatchObject({ login: 'octocat', type: 'User' })
    })
  })

  describe('fault injection', () => {
    test('a status fault fires on the next matching requests only', async () => {
      const handle = gh.inject({ method: 'GET', route: FILES_ROUTE, times: 2, fault: { status: 502 } })
      const first = await call(gh, 'GET', `${REPO}/pulls/7/files`)
      expect(first.status).toBe(502)
      expect(first.json).toMatchObject({ message: 'Server Error', status: '502' })
      // Another route is untouched.
      expect((await call(gh, 'GET', `${REPO}/pulls/7`)).status).toBe(200)
      expect((await call(gh, 'GET', `${REPO}/pulls/7/files`)).status).toBe(502)
      expect((await call(gh, 'GET', `${REPO}/pulls/7/files`)).status).toBe(200)
      expect(handle).toMatchObject({ fired: 2, remaining: 0 })
      expect(gh.log.find('GET', FILES_ROUTE).map((entry) => [entry.status, entry.fault])).toEqual([
        [502, 'status-502'],
        [502, 'status-502'],
        [200, null]
      ])
    })

    test.each([500, 503, 404, 403, 422] as const)('status %i gives a GitHub-like JSON body', async (status) => {
      gh.inject({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', fault: { status } })
      const answer = await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 'x' } })
      expect(answer.status).toBe(status)
      expect(answer.json).toMatchObject({ status: String(status) })
      expect(typeof (answer.json as Record<string, unknown>)['message']).toBe('string')
      // A faulted write has no effect.
      expect(gh.state.commentsOnIssue(7)).toEqual([])
    })

    test('secondary rate limit: 403 with retry-after', async () => {
      gh.inject({ method: 'GET', route: FILES_ROUTE, fault: { secondaryRateLimit: { retryAfter: 7 } } })
      const answer = await call(gh, 'GET', `${REPO}/pulls/7/files`)
      expect(answer.status).toBe(403)
      expect(answer.headers.get('retry-after')).toBe('7')
      expect(String((answer.json as Record<string, unknown>)['message'])).toMatch(/^You have exceeded a secondary rate limit/)
    })

    test('primary rate limit: remaining 0 and a reset time, as 403 or 429', async () => {
      gh.inject({ method: 'GET', route: FILES_ROUTE, fault: { primaryRateLimit: { resetInSeconds: 60 } } })
      gh.inject({ method: 'GET', route: FILES_ROUTE, fault: { primaryRateLimit: { resetInSeconds: 60, status: 429 } } })
      const before = Math.floor(Date.now() / 1000)
      const first = await call(gh, 'GET', `${REPO}/pulls/7/files`)
      expect(first.status).toBe(403)
      expect(first.headers.get('x-ratelimit-remaining')).toBe('0')
      const reset = Number(first.headers.get('x-ratelimit-reset'))
      expect(reset).toBeGreaterThanOrEqual(before + 60)
      expect(reset).toBeLessThanOrEqual(before + 62)
      expect((await call(gh, 'GET', `${REPO}/pulls/7/files`)).status).toBe(429)
    })

    test('timeout: the connection hangs, then drops without an answer', async () => {
      gh.inject({ method: 'GET', route: FILES_ROUTE, fault: { timeout: 150 } })
      const started = Date.now()
      await expect(fetch(`${gh.url}${REPO}/pulls/7/files`, { headers: { authorization: `token ${FAKE_TOKENS.write}` } })).rejects.toThrow()
      expect(Date.now() - started).toBeGreaterThanOrEqual(140)
      expect(gh.log.last('GET', FILES_ROUTE)).toMatchObject({ status: null, fault: 'timeout' })
    })

    test('malformed JSON: 200 with a JSON content type and a truncated body', async () => {
      gh.inject({ method: 'GET', route: FILES_ROUTE, fault: { malformedJson: true } })
      const response = await fetch(`${gh.url}${REPO}/pulls/7/files`, { headers: { authorization: `token ${FAKE_TOKENS.write}` } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      await expect(response.json()).rejects.toThrow()
    })

    test('method "*" matches any method, and a misspelt route is refused at once', async () => {
      gh.inject({ method: '*', route: '/repos/{owner}/{repo}/issues/comments/{comment_id}', fault: { status: 500 } })
      const comment = gh.state.addIssueComment(7, { body: 'x', user: ACTIONS_BOT })
      expect((await call(gh, 'DELETE', `${REPO}/issues/comments/${comment.id}`)).status).toBe(500)
      expect(() => gh.inject({ method: 'GET', route: '/repos/{owner}/{repo}/pull/{pull_number}', fault: { status: 500 } })).toThrow(
        /unknown route/
      )
    })
  })

  describe('schema validation', () => {
    test('a well-formed session records no violations', async () => {
      await call(gh, 'GET', `${REPO}/pulls/7/files?per_page=100&page=1`)
      await call(gh, 'GET', `${REPO}/contents/docs/plan.md?ref=main`)
      await call(gh, 'GET', `${REPO}/issues/7/comments?since=2020-01-01T00:00:00Z`)
      await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: { event: 'COMMENT', body: 'x', comments: [{ path: 'docs/plan.md', line: 7, side: 'RIGHT', body: 'y' }] }
      })
      expect(gh.schemaViolations).toEqual([])
    })

    test('an unknown review event is refused and recorded', async () => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { body: { event: 'MAYBE', body: 'x' } })
      expect(answer.status).toBe(422)
      expect(String((answer.json as Record<string, unknown>)['message'])).toMatch(/^Invalid request\.\n\n.*MAYBE/)
      expect(gh.schemaViolations).toHaveLength(1)
      expect(gh.schemaViolations[0]).toMatchObject({
        method: 'POST',
        route: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
        kind: 'body'
      })
      expect(gh.schemaViolations[0]?.errors[0]).toMatchObject({ keyword: 'enum', instancePath: '/event' })
      expect(gh.state.reviews).toEqual([])
    })

    test('an inline comment without body is refused and recorded', async () => {
      const answer = await call(gh, 'POST', `${REPO}/pulls/7/reviews`, {
        body: { event: 'COMMENT', body: 'x', comments: [{ path: 'docs/plan.md', line: 7 }] }
      })
      expect(answer.status).toBe(422)
      expect(gh.schemaViolations[0]?.errors[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'body' } })
    })

    test('wrong types in path, query and body are each recorded', async () => {
      expect((await call(gh, 'GET', `${REPO}/pulls/seven`)).status).toBe(422)
      expect((await call(gh, 'GET', `${REPO}/pulls/7/files?per_page=lots`)).status).toBe(422)
      expect((await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 42 } })).status).toBe(422)
      expect((await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: {} })).status).toBe(422)
      expect(gh.schemaViolations.map((violation) => violation.kind)).toEqual(['path', 'query', 'body', 'body'])
      expect(gh.state.commentsOnIssue(7)).toEqual([])
    })

    test('invalid JSON is a 400 and recorded', async () => {
      const answer = await call(gh, 'POST', `${REPO}/issues/7/comments`, { rawBody: '{"body": ' })
      expect(answer.status).toBe(400)
      expect(answer.json).toMatchObject({ message: 'Problems parsing JSON' })
      expect(gh.schemaViolations.map((violation) => violation.kind)).toEqual(['invalid-json'])
    })

    test('unknown routes and methods are 404 and recorded', async () => {
      expect((await call(gh, 'GET', `${REPO}/issues/7`)).status).toBe(404)
      expect((await call(gh, 'PUT', `${REPO}/contents/docs/plan.md`, { body: { message: 'x', content: '' } })).status).toBe(404)
      expect(gh.schemaViolations.map((violation) => [violation.kind, violation.route, violation.path])).toEqual([
        ['unknown-route', null, `${REPO}/issues/7`],
        ['unknown-route', null, `${REPO}/contents/docs/plan.md`]
      ])
    })

    test('violations are recorded even when a fault or missing auth decides the answer', async () => {
      expect((await call(gh, 'POST', `${REPO}/pulls/7/reviews`, { token: null, body: { event: 'MAYBE' } })).status).toBe(401)
      expect(gh.schemaViolations).toHaveLength(1)
    })
  })

  describe('request log', () => {
    test('records method, route, params, query, body and status', async () => {
      await call(gh, 'GET', `${REPO}/pulls/7/files?per_page=50`)
      await call(gh, 'POST', `${REPO}/issues/7/comments`, { body: { body: 'hi' } })
      await call(gh, 'GET', '/nowhere')
      expect(gh.log.count('GET', FILES_ROUTE)).toBe(1)
      expect(gh.log.count('*')).toBe(3)
      const [files, post, unknown] = gh.log.entries
      expect(files).toMatchObject({
        seq: 1,
        method: 'GET',
        route: FILES_ROUTE,
        operationId: 'pulls/list-files',
        params: { owner: 'octo-org', repo: 'octo-repo', pull_number: '7' },
        query: { per_page: '50' },
        status: 200
      })
      expect(typeof files?.startedAt).toBe('number')
      expect(files?.endedAt).toEqual(expect.any(Number))
      expect(post).toMatchObject({ method: 'POST', body: { body: 'hi' }, status: 201 })
      expect(unknown).toMatchObject({ route: null, status: 404 })
      expect(gh.log.writes()).toEqual([post])
    })
  })
})

describe('latency option', () => {
  test('delays answers so that concurrent requests overlap', async () => {
    const repo = new FakeRepository()
    buildScenario(repo)
    const gh = await startFakeGitHub({ state: repo, latencyMs: 50 })
    try {
      const started = Date.now()
      const answers = await Promise.all(Array.from({ length: 4 }, () => call(gh, 'GET', `${REPO}/pulls/7`)))
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200])
      expect(Date.now() - started).toBeGreaterThanOrEqual(45)
      expect(gh.log.maxConcurrency).toBe(4)
    } finally {
      await gh.close()
    }
  })
})

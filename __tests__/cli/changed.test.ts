import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { run } from '../../src/cli/main.js'
import { changedPaths, GitError, prefetchChangedPaths, statusChanges } from '../../src/workspace/git-changes.js'
import { gitRepo, type GitRepo } from '../../test-support/git-repo.js'

// `check --changed`: the plans git reports as changed, and only those.

const PASS = readFileSync('examples/spec-dev/pass-complete.md', 'utf8')
const FAIL = readFileSync('examples/spec-dev/fail-unchecked-readiness.md', 'utf8')
const GENERIC_FAIL = '# Plan\n\nTBD\n'

async function check(cwd: string, args: string[]) {
  let stdout = ''
  let stderr = ''
  const status = await run(['check', ...args], { cwd, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
  return { status, stdout, stderr, files: status === 2 ? [] : (JSON.parse(stdout) as { plans: Array<{ file: string }> }).plans.map((plan) => plan.file) }
}

let repo: GitRepo
afterEach(() => repo?.remove())

test('checks modified, staged and untracked plans; not unchanged or deleted ones, nor files that are not plans', async () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL, 'b/plan.md': GENERIC_FAIL, 'c/plan.md': GENERIC_FAIL, 'gone/plan.md': GENERIC_FAIL, 'notes.md': 'x' })
  repo.commit('base')
  repo.write({ 'a/plan.md': `${GENERIC_FAIL}more\n`, 'b/plan.md': `${GENERIC_FAIL}staged\n`, 'new/plan.md': GENERIC_FAIL, 'notes.md': 'y' })
  repo.git('add', 'b/plan.md')
  unlinkSync(path.join(repo.root, 'gone/plan.md'))
  const result = await check(repo.root, ['--changed', '--format', 'json'])
  expect(result.status).toBe(1)
  expect(result.files).toEqual(['a/plan.md', 'b/plan.md', 'new/plan.md'])
})

test('names with newlines and spaces survive (git -z)', async () => {
  repo = gitRepo({ 'x/plan.md': GENERIC_FAIL, 'we\nird dir/plan.md': PASS, 'tracked dir/plan.md': PASS })
  repo.commit('base')
  repo.write({ 'we\nird dir/plan.md': `${PASS}\n`, 'un\ntracked/plan.md': GENERIC_FAIL, 'tracked dir/plan.md': `${PASS}\n`, 'new dir/plan.md': GENERIC_FAIL })
  expect((await changedPaths(repo.root)).paths).toEqual(['new dir/plan.md', 'tracked dir/plan.md', 'un\ntracked/plan.md', 'we\nird dir/plan.md'])
  // Globs match names with line breaks too (src/rubric/glob.ts), so every one of them is a plan.
  expect((await check(repo.root, ['--changed', '--format', 'json'])).files).toEqual(['new dir/plan.md', 'tracked dir/plan.md', 'un\ntracked/plan.md', 'we\nird dir/plan.md'])
})

test('renames, copies of content, intent-to-add, a merge conflict and an edit undone in the work tree', async () => {
  repo = gitRepo({ 'old/plan.md': GENERIC_FAIL, 'kept/plan.md': GENERIC_FAIL, 'conflict/plan.md': GENERIC_FAIL, 'undone/plan.md': GENERIC_FAIL })
  repo.commit('base')
  repo.git('checkout', '-q', '-b', 'other')
  repo.write({ 'conflict/plan.md': `${GENERIC_FAIL}other\n` })
  repo.commit('other side')
  repo.git('checkout', '-q', 'main')
  repo.write({ 'conflict/plan.md': `${GENERIC_FAIL}main\n` })
  repo.commit('main side')
  spawnSync('git', ['merge', '-q', 'other'], { cwd: repo.root })
  repo.git('mv', 'old', 'moved')
  repo.write({ 'intent/plan.md': GENERIC_FAIL, 'undone/plan.md': `${GENERIC_FAIL}staged\n` })
  repo.git('add', '-N', 'intent/plan.md')
  repo.git('add', 'undone/plan.md')
  repo.write({ 'undone/plan.md': GENERIC_FAIL })
  // The old name is gone and the unchanged plan is left alone; what is staged is checked even when the work tree is back at HEAD.
  expect((await changedPaths(repo.root)).paths).toEqual(['conflict/plan.md', 'intent/plan.md', 'moved/plan.md', 'undone/plan.md'])
})

test('as git status does, --changed keeps the stat data it refreshed: a stale index is not read again on every run', async () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL })
  repo.commit('base')
  // Same bytes, other times (as after a checkout): git must read the file to see it is unchanged.
  const past = new Date(Date.now() - 120_000)
  utimesSync(path.join(repo.root, 'a/plan.md'), past, past)
  expect(repo.git('diff-files', '--name-only')).toBe('a/plan.md\n')
  expect((await changedPaths(repo.root)).paths).toEqual([])
  expect(repo.git('diff-files', '--name-only')).toBe('')
})

test('a branch with an upstream it has left behind: the changed plans, with no count of commits between them asked for', async () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL, 'b/plan.md': GENERIC_FAIL })
  repo.commit('base')
  repo.git('checkout', '-q', '-b', 'upstream')
  for (let i = 0; i < 3; i++) repo.commit(`upstream ${i}`)
  repo.git('checkout', '-q', 'main')
  repo.commit('local')
  repo.git('branch', '-q', '--set-upstream-to', 'upstream')
  repo.write({ 'b/plan.md': `${GENERIC_FAIL}more\n` })
  // Without --no-ahead-behind git prints "# branch.ab +1 -3"; with it, "+? -?" (no history walked).
  expect(repo.git('status', '--porcelain=v2', '--branch')).toMatch(/^# branch\.ab \+1 -3$/m)
  const status = repo.git('status', '--porcelain=v2', '-z', '--branch', '--no-ahead-behind')
  expect(status).toContain('# branch.ab +? -?')
  expect((await changedPaths(repo.root)).paths).toEqual(['b/plan.md'])
  // What the built CLI asks git, seen by a git on PATH that logs its arguments and runs the real one.
  const realGit = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim()
  const bin = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-git-log-'))
  try {
    const log = path.join(bin, 'args.log')
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`, { mode: 0o755 })
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` }
    const cli = spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'check', '--changed', '--format', 'json'], { cwd: repo.root, env, encoding: 'utf8' })
    expect((JSON.parse(cli.stdout) as { plans: Array<{ file: string }> }).plans.map((plan) => plan.file)).toEqual(['b/plan.md'])
    const statusCalls = readFileSync(log, 'utf8').split('\n').filter((line) => line.includes(' status '))
    expect(statusCalls).toHaveLength(1)
    expect(statusCalls[0]).toContain('--no-ahead-behind')
  } finally {
    rmSync(bin, { recursive: true, force: true })
  }
})

test('git status entries: every kind read by its field count, and an unknown one refused', () => {
  const output = [
    '# branch.oid (initial)',
    '# branch.head main',
    '1 .M N... 100644 100644 100644 0123 4567 a dir/plan.md',
    '2 R. N... 100644 100644 100644 0123 4567 R100 new name.md',
    'old name.md',
    'u UU N... 100644 100644 100644 100644 0123 4567 89ab both/plan.md',
    '1 D. N... 100644 000000 000000 0123 0000 deleted/staged.md',
    '1 .D N... 100644 100644 000000 0123 0123 deleted/unstaged.md',
    '? new/plan.md',
    '! ignored/plan.md',
    ''
  ].join('\0')
  expect(statusChanges(output)).toEqual({ head: false, paths: ['a dir/plan.md', 'new name.md', 'both/plan.md', 'new/plan.md'] })
  expect(statusChanges('# branch.oid 0123\0').head).toBe(true)
  expect(() => statusChanges('3 something new\0')).toThrow(GitError)
  expect(() => statusChanges('1 .M N...\0')).toThrow(/does not know/)
})

test('--base compares with the merge base: committed branch changes count, the base branch moving on does not', async () => {
  repo = gitRepo({ '.spec-dev/active-dev/active-plan.md': PASS, 'old/plan.md': GENERIC_FAIL })
  repo.commit('base')
  repo.git('checkout', '-q', '-b', 'feature')
  repo.write({ '.spec-dev/active-dev/active-plan.md': FAIL })
  repo.commit('feature work')
  repo.git('checkout', '-q', 'main')
  repo.write({ 'main-only/plan.md': GENERIC_FAIL })
  repo.commit('main moves on')
  repo.git('checkout', '-q', 'feature')
  expect((await check(repo.root, ['--changed', '--format', 'json'])).files).toEqual([])
  const result = await check(repo.root, ['--changed', '--base', 'main', '--format', 'json'])
  expect(result.files).toEqual(['.spec-dev/active-dev/active-plan.md'])
  expect(result.status).toBe(1)
  expect((await check(repo.root, ['--changed', '--base', 'no-such-ref'])).stderr).toMatch(/--base no-such-ref: no merge base with HEAD/)
})

test('--staged takes only what the index holds; a repository without commits counts every file as new', async () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL, 'b/plan.md': GENERIC_FAIL })
  repo.git('add', 'a/plan.md')
  expect((await check(repo.root, ['--changed', '--staged', '--format', 'json'])).files).toEqual(['a/plan.md'])
  expect((await check(repo.root, ['--changed', '--format', 'json'])).files).toEqual(['a/plan.md', 'b/plan.md'])
  repo.commit('first')
  repo.write({ 'a/plan.md': PASS, 'b/plan.md': PASS })
  repo.git('add', 'b/plan.md')
  expect((await check(repo.root, ['--changed', '--staged', '--format', 'json'])).files).toEqual(['b/plan.md'])
})

test('run from a subdirectory, plans outside it are left out', async () => {
  repo = gitRepo({ 'svc/docs/plan.md': GENERIC_FAIL, 'other/plan.md': GENERIC_FAIL })
  // Reported from the repository's top, where the config is found, as every check reports its paths.
  expect((await check(path.join(repo.root, 'svc'), ['--changed', '--format', 'json'])).files).toEqual(['svc/docs/plan.md'])
})

test('outside a git repository: exit 2 with a clear message; misused options are usage errors', async () => {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-nogit-'))
  try {
    const result = await check(outside, ['--changed'])
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/is not inside a git repository .*--changed needs git to know which plans changed/)
    expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/)
  } finally {
    rmSync(outside, { recursive: true, force: true })
  }
  repo = gitRepo()
  expect((await check(repo.root, ['--base', 'main'])).stderr).toMatch(/--base and --staged go with --changed/)
  expect((await check(repo.root, ['--changed', 'docs'])).status).toBe(2)
})

test('fast in a repository with thousands of plans: only the changed one is read', async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < 3000; i++) files[`specs/${String(i).padStart(4, '0')}-feature/plan.md`] = GENERIC_FAIL
  repo = gitRepo(files)
  repo.commit('many plans')
  repo.write({ 'specs/1234-feature/plan.md': `${GENERIC_FAIL}edited\n` })
  const started = performance.now()
  const result = await check(repo.root, ['--changed', '--format', 'json'])
  const elapsed = performance.now() - started
  expect(result.files).toEqual(['specs/1234-feature/plan.md'])
  // A tree walk and 3000 parses take several times this on the slowest runner; git's answer takes milliseconds.
  expect(elapsed).toBeLessThan(3000)
}, 60_000)

test('the built CLI: --changed exits 2 outside git, and checks the changed plan inside', () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL, 'svc/docs/plan.md': GENERIC_FAIL })
  const cli = (cwd: string, ...more: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli.js'), 'check', '--changed', ...more], { cwd, encoding: 'utf8' })
  const inside = cli(repo.root)
  expect(inside.status).toBe(1)
  expect(inside.stdout).toContain('a/plan.md')
  // The launcher asks git from the subdirectory before the CLI finds the root above it: the same answer.
  const below = cli(path.join(repo.root, 'svc', 'docs'), '--format', 'json')
  expect((JSON.parse(below.stdout) as { plans: Array<{ file: string }> }).plans.map((plan) => plan.file)).toEqual(['svc/docs/plan.md'])
  const outside = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-nogit-'))
  try {
    const refused = cli(outside)
    expect(refused.status).toBe(2)
    expect(refused.stderr).toMatch(/is not inside a git repository/)
  } finally {
    rmSync(outside, { recursive: true, force: true })
  }
})

test('git asked ahead of the CLI: taken once, only for a plain --changed, and only from inside the root', async () => {
  repo = gitRepo({ 'a/plan.md': GENERIC_FAIL, 'svc/plan.md': GENERIC_FAIL })
  const other = gitRepo({ 'elsewhere/plan.md': GENERIC_FAIL })
  const key = Symbol.for('plan-gate.changed-paths.prefetched')
  try {
    prefetchChangedPaths(['check', '--changed'], path.join(repo.root, 'svc'))
    expect(await changedPaths(repo.root)).toEqual({ paths: ['a/plan.md', 'svc/plan.md'], against: 'an empty repository (every file is new)' })
    expect(key in globalThis).toBe(false)
    // Asked in another work tree: left aside, and git is asked where the CLI's root is.
    prefetchChangedPaths(['check', '--changed'], other.root)
    expect((await changedPaths(repo.root)).paths).toEqual(['a/plan.md', 'svc/plan.md'])
    for (const argv of [['check', '--changed', '--base', 'main'], ['check', '--changed', '--staged'], ['check', '--changed', '-h'], ['check', 'a/plan.md'], ['hook', 'claude']]) {
      prefetchChangedPaths(argv, repo.root)
      expect(key in globalThis).toBe(false)
    }
  } finally {
    other.remove()
  }
})

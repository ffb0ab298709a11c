// The action as the runner starts it: `node dist/index.js` with GITHUB_* and
// INPUT_* variables, an event payload and the output files, against a server
// on 127.0.0.1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { ROOT, spawnAsync, tail } from './util.mjs'

const SHA_BASE = 'a'.repeat(40)
const SHA_HEAD = 'b'.repeat(40)

/** The runner passes every input, defaults filled in from action.yml; names keep their dashes. */
function inputDefaults() {
  try {
    const spec = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
    return Object.fromEntries(Object.entries(spec.inputs ?? {}).map(([name, input]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, String(input?.default ?? '')]))
  } catch {
    return {}
  }
}

function runnerFiles() {
  const dir = mkdtempSync(path.join(tmpdir(), 'plan-gate-bench-runner-'))
  const files = { dir, event: path.join(dir, 'event.json'), output: path.join(dir, 'output.txt'), summary: path.join(dir, 'summary.md'), temp: path.join(dir, 'temp'), workspace: path.join(dir, 'workspace') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  mkdirSync(files.temp)
  mkdirSync(files.workspace)
  return files
}

export function actionEnv({ apiUrl, repository, token, eventPath, files, inputs = {}, extra = {} }) {
  return {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: repository,
    GITHUB_WORKFLOW: 'Plans',
    GITHUB_JOB: 'plan-gate',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: SHA_HEAD,
    GITHUB_WORKSPACE: files.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: files.temp,
    ...inputDefaults(),
    INPUT_TOKEN: token,
    ...inputs,
    ...extra
  }
}

/**
 * A load hook for a child Node: `args` go before the script (`--import` of a
 * module that calls `module.register()`), and the hook appends the URL of every
 * module the child (or its workers) loads to a log, synchronously, before the
 * module's source is read — on Node 20.6+ from the hooks thread, which is why
 * the log is a file. `read()` says which files of `dir` are in it so far, in
 * load order. Only for runs that are not timed: the hook costs a thread and a
 * write per module.
 */
function loadLog(scratch, dir) {
  const log = path.join(scratch, 'loaded.log')
  const hooks = path.join(scratch, 'load-hooks.mjs')
  const register = path.join(scratch, 'register-load-hooks.mjs')
  writeFileSync(log, '')
  writeFileSync(
    hooks,
    [
      "import { appendFileSync } from 'node:fs'",
      'let log',
      'export function initialize(data) { log = data.log }',
      "export async function load(url, context, nextLoad) { appendFileSync(log, url + '\\n'); return nextLoad(url, context) }",
      ''
    ].join('\n')
  )
  writeFileSync(register, `import { register } from 'node:module'\nregister(${JSON.stringify(pathToFileURL(hooks).href)}, { data: { log: ${JSON.stringify(log)} } })\n`)
  const inside = path.resolve(dir) + path.sep
  return {
    args: ['--import', pathToFileURL(register).href],
    read() {
      const files = []
      for (const url of existsSync(log) ? readFileSync(log, 'utf8').split('\n') : []) {
        if (!url.startsWith('file:')) continue
        const file = fileURLToPath(url.replace(/[?#].*$/, ''))
        if (file.startsWith(inside) && !files.includes(path.relative(dir, file))) files.push(path.relative(dir, file))
      }
      return files
    }
  }
}

/**
 * Process start to the first API request: a server on 127.0.0.1 notes when the
 * first request arrives, answers 500 and the process is killed. Null with a
 * reason when the action exits (or stalls) without asking anything. With
 * `loads`, the child runs under a load hook (so its time is not the one to
 * report) and `loaded` lists the files beside the entry (dist/) that had been
 * loaded when the first request arrived, in load order.
 */
export async function firstRequest(actionEntry, { loads = false } = {}) {
  const files = runnerFiles()
  const hook = loads ? loadLog(files.dir, path.dirname(actionEntry)) : null
  let resolveFirst
  const first = new Promise((resolve) => (resolveFirst = resolve))
  const server = http.createServer((request, response) => {
    // Read before answering: the action imports its second half only once this answer is in.
    resolveFirst({ at: process.hrtime.bigint(), method: request.method, url: request.url, loaded: hook?.read() })
    response.writeHead(500, { connection: 'close', 'content-type': 'application/json' })
    response.end('{"message":"benchmark"}')
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    writeFileSync(files.event, JSON.stringify({ action: 'synchronize', number: 1, pull_request: { number: 1, changed_files: 1, base: { sha: SHA_BASE, repo: { full_name: 'o/r' } }, head: { sha: SHA_HEAD, repo: { full_name: 'o/r' } } } }))
    const env = actionEnv({ apiUrl: `http://127.0.0.1:${server.address().port}`, repository: 'o/r', token: 'x', eventPath: files.event, files, extra: { PLAN_GATE_DELAY_SCALE: '0' } })
    const started = process.hrtime.bigint()
    const { child, done } = spawnAsync(process.execPath, [...(hook?.args ?? []), actionEntry], { env, cwd: files.dir, timeoutMs: 20_000 })
    const outcome = await Promise.race([first, done.then((exit) => ({ exit }))])
    if (outcome.at === undefined) {
      return { ms: null, reason: `exited (status ${outcome.exit.status}, signal ${outcome.exit.signal}) without an API request: ${tail(outcome.exit.stdout + outcome.exit.stderr)}` }
    }
    child.kill('SIGKILL')
    await done
    return { ms: Number(outcome.at - started) / 1e6, request: `${outcome.method} ${outcome.url}`, ...(hook ? { loaded: outcome.loaded } : {}) }
  } finally {
    server.close()
    server.closeAllConnections?.()
    rmSync(files.dir, { recursive: true, force: true })
  }
}

/** The files beside the entry (dist/) that `node <entry>` loads with no inputs and no GITHUB_* variables, up to its exit. */
export async function loadedWithoutInputs(actionEntry) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'plan-gate-bench-loads-'))
  try {
    const hook = loadLog(scratch, path.dirname(actionEntry))
    const { done } = spawnAsync(process.execPath, [...hook.args, actionEntry], { env: { PATH: process.env.PATH ?? '' }, cwd: scratch, timeoutMs: 20_000 })
    const exit = await done
    return { status: exit.status, loaded: hook.read() }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Spawn to exit of a short command, for the bare-Node baseline. */
export async function spawnToExit(args, env = process.env) {
  const started = process.hrtime.bigint()
  const { done } = spawnAsync(process.execPath, args, { env, timeoutMs: 20_000 })
  const exit = await done
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: exit.status }
}

/**
 * API cost of one pull request with `plans` changed plans among `files`
 * changed files: the action runs twice on the fake GitHub, the second time with
 * nothing changed in between.
 */
export async function apiCost(build, actionEntry, corpus, { plans, files }) {
  const fake = await import(pathToFileURL(path.join(build, 'test-support', 'fake-github', 'index.js')).href)
  const repo = new fake.FakeRepository()
  const base = repo.commit({ 'README.md': '# Repository\n' }, { branch: 'main' })
  const specDev = corpus.filter((entry) => entry.kind === 'spec-dev')
  const edits = {}
  for (let index = 0; index < plans; index++) edits[`.spec-dev/feature-${index + 1}/plan.md`] = specDev[index % specDev.length].content.toString('utf8')
  Object.assign(edits, fake.syntheticFiles(files - plans, { dir: 'src/generated' }))
  const head = repo.change(base, edits, { branch: 'feature/plans' })
  const pr = repo.pullRequest({ number: 7, base: 'main', head: 'feature/plans' })
  const gh = await fake.startFakeGitHub({ state: repo })
  const runnerSide = runnerFiles()
  try {
    const baseRepo = { full_name: repo.fullName, name: repo.name, owner: { login: repo.owner } }
    writeFileSync(
      runnerSide.event,
      JSON.stringify({
        action: 'synchronize',
        number: pr.number,
        pull_request: { number: pr.number, state: 'open', changed_files: pr.files.length, base: { ref: 'main', sha: base, repo: baseRepo }, head: { ref: 'feature/plans', sha: head, repo: baseRepo }, user: { login: pr.user.login } },
        repository: baseRepo
      })
    )
    const env = actionEnv({
      apiUrl: gh.url,
      repository: repo.fullName,
      token: fake.FAKE_TOKENS.write,
      eventPath: runnerSide.event,
      files: runnerSide,
      inputs: { 'INPUT_FAIL-ON': 'error' },
      extra: { PLAN_GATE_DELAY_SCALE: '0.001', PLAN_GATE_REQUEST_TIMEOUT_MS: '10000' }
    })
    const runOnce = async () => {
      gh.log.clear()
      const started = performance.now()
      const { done } = spawnAsync(process.execPath, [actionEntry], { env, cwd: runnerSide.dir, timeoutMs: 120_000 })
      const exit = await done
      const entries = [...gh.log.entries]
      const routes = new Map()
      for (const entry of entries) {
        const key = `${entry.method} ${entry.route ?? entry.path}`
        routes.set(key, (routes.get(key) ?? 0) + 1)
      }
      const failure = /^::error::(.*)$/m.exec(exit.stdout)?.[1]
      return {
        ms: performance.now() - started,
        status: exit.status,
        requests: entries.length,
        writes: entries.filter((entry) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(entry.method)).length,
        failedResponses: entries.filter((entry) => entry.status === null || entry.status >= 400).length,
        routes: [...routes].map(([route, count]) => `${route} ×${count}`),
        failure: failure ? failure.replace(/%0A/g, ' ').slice(0, 300) : null,
        stderr: tail(exit.stderr, 3)
      }
    }
    const first = await runOnce()
    const second = await runOnce()
    return { changedFiles: pr.files.length, first, second, schemaViolations: gh.schemaViolations.length, violations: gh.schemaViolations.slice(0, 3).map((v) => `${v.method} ${v.route ?? v.path}: ${v.kind} ${v.message}`) }
  } finally {
    await gh.close()
    rmSync(runnerSide.dir, { recursive: true, force: true })
  }
}

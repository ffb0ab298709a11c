// Runs the bundled action (dist/index.js) the way the Actions runner does: a
// child process with GITHUB_* and INPUT_* variables, an event payload file,
// and the output and summary files, against the fake GitHub on loopback.

import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { FAKE_TOKENS, FakeRepository, startFakeGitHub, type FakeGitHub, type PullRequest } from './fake-github/index.js'

export const ACTION_ENTRY = path.resolve(process.cwd(), 'dist', 'index.js')

/** Where the built-in defaults look for a spec-dev plan. */
export const PLAN_PATH = '.spec-dev/active-dev/active-plan.md'

export function example(name: string): string {
  return readFileSync(path.resolve(process.cwd(), 'examples', 'spec-dev', `${name}.md`), 'utf8')
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The job summary as GitHub shows it: empty when the runner dropped it for size (see SUMMARY_LIMIT_BYTES). */
  summary: string
  /** Bytes the step wrote to its summary file, whether or not the runner kept them. */
  summaryBytes: number
  annotations: Annotation[]
  /** The annotations GitHub shows: the first ANNOTATIONS_PER_LEVEL of each level (see below). */
  visibleAnnotations: Annotation[]
  /** The message given to core.setFailed, if any (the first `::error::` without a file). */
  failure: string | null
  /** The JSON report the `report` output names, parsed. */
  report: unknown
  /** The Markdown report the `report-markdown` output names. */
  reportMarkdown: string | null
  /** The SARIF report the `sarif` output names, parsed; null when there is none. */
  sarif: unknown
}

// What the runner does with a step's output, which the fake cannot see: it
// drops a step summary over 1 MiB whole ("The size limit for a job summary is
// 1 MiB per step", docs.github.com, Workflow commands › Adding a job summary),
// and shows 10 error, 10 warning and 10 notice annotations per step and 50
// per job (actions/toolkit, docs/problem-matchers.md, "Limitations").
export const SUMMARY_LIMIT_BYTES = 1024 * 1024
export const ANNOTATIONS_PER_LEVEL = 10
export const ANNOTATIONS_PER_JOB = 50

function visibleOf(annotations: readonly Annotation[]): Annotation[] {
  const used = { error: 0, warning: 0, notice: 0 }
  const visible: Annotation[] = []
  for (const annotation of annotations) {
    if (used[annotation.level] >= ANNOTATIONS_PER_LEVEL || visible.length >= ANNOTATIONS_PER_JOB) continue
    used[annotation.level]++
    visible.push(annotation)
  }
  return visible
}

export interface RunOptions {
  gh: FakeGitHub
  eventName: string
  payload: unknown
  /** Inputs by their action.yml names; the runner's defaults fill in the rest. */
  inputs?: Record<string, string>
  token?: string
  workflow?: string
  job?: string
  /** A checkout for workspace events: repository-relative path → content. */
  workspace?: Record<string, string>
  sha?: string
  env?: Record<string, string>
  /** How long the run may take before it is killed; 25 s unless a test needs more. */
  timeoutMs?: number
}

const actionYml = parse(readFileSync(path.resolve(process.cwd(), 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

function inputVariable(name: string): string {
  // The runner upper-cases and turns spaces into underscores; dashes stay.
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

// Each run is a CPU-bound node process; more of them than cores only makes
// every one slower, so concurrent tests queue for a slot here.
const slots = { free: Math.max(1, os.availableParallelism()), waiting: [] as Array<() => void> }

async function acquireSlot(): Promise<() => void> {
  if (slots.free > 0) slots.free--
  else await new Promise<void>((resolve) => slots.waiting.push(resolve))
  return () => {
    const next = slots.waiting.shift()
    if (next) next()
    else slots.free++
  }
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const release = await acquireSlot()
  try {
    return await runActionNow(options)
  } finally {
    release()
  }
}

async function runActionNow(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-e2e-'))
  try {
    const eventPath = path.join(dir, 'event.json')
    writeFileSync(eventPath, JSON.stringify(options.payload))
    const outputFile = path.join(dir, 'output.txt')
    const summaryFile = path.join(dir, 'summary.md')
    writeFileSync(outputFile, '')
    writeFileSync(summaryFile, '')
    const runnerTemp = path.join(dir, 'runner-temp')
    mkdirSync(runnerTemp)
    const workspace = path.join(dir, 'workspace')
    mkdirSync(workspace)
    for (const [file, content] of Object.entries(options.workspace ?? {})) {
      mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true })
      writeFileSync(path.join(workspace, file), content)
    }

    const token = options.token ?? FAKE_TOKENS.write
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: options.gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: options.gh.state.fullName,
      GITHUB_SHA: options.sha ?? '0000000000000000000000000000000000000000',
      GITHUB_WORKFLOW: options.workflow ?? 'Plans',
      GITHUB_JOB: options.job ?? 'plan-gate',
      GITHUB_RUN_ID: '4242',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runnerTemp,
      // Retry back-off, retry-after and write spacing at a thousandth, so that
      // a scenario with faults still takes milliseconds.
      PLAN_GATE_DELAY_SCALE: '0.001',
      PLAN_GATE_REQUEST_TIMEOUT_MS: '2000'
    }
    for (const [name, spec] of Object.entries(actionYml.inputs)) {
      env[inputVariable(name)] = name === 'token' ? token : (spec.default ?? '')
    }
    for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value
    Object.assign(env, options.env ?? {})

    const { exitCode, stdout, stderr } = await spawnNode(ACTION_ENTRY, env, dir, options.timeoutMs ?? 25_000)
    const outputs = parseOutputs(readFileSync(outputFile, 'utf8'))
    const annotations = parseAnnotations(stdout)
    const failure = annotations.find((annotation) => annotation.level === 'error' && annotation.properties['file'] === undefined)?.message ?? null
    const reportPath = outputs['report']
    const report = reportPath && existsSync(reportPath) ? (JSON.parse(readFileSync(reportPath, 'utf8')) as unknown) : null
    const markdownPath = outputs['report-markdown']
    const reportMarkdown = markdownPath && existsSync(markdownPath) ? readFileSync(markdownPath, 'utf8') : null
    const written = readFileSync(summaryFile, 'utf8')
    const summaryBytes = Buffer.byteLength(written, 'utf8')
    const summary = summaryBytes > SUMMARY_LIMIT_BYTES ? '' : written
    const sarifPath = outputs['sarif']
    const sarif = sarifPath && existsSync(sarifPath) ? (JSON.parse(readFileSync(sarifPath, 'utf8')) as unknown) : null
    return { exitCode, stdout, stderr, outputs, summary, summaryBytes, annotations, visibleAnnotations: visibleOf(annotations), failure, report, reportMarkdown, sarif }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function spawnNode(entry: string, env: Record<string, string>, cwd: string, timeoutMs: number): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code, stdout, stderr })
    })
  })
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const header = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (header === null) continue
    const [, name = '', delimiter = ''] = header
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

function unescape(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%')
}

/** `::error file=…,line=…::message` workflow commands on stdout. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (match === null) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescape(pair.slice(eq + 1))
    }
    annotations.push({ level: match[1] as Annotation['level'], properties, message: unescape(match[3] ?? '') })
  }
  return annotations
}

export interface PullRequestEventOptions {
  /** The head lives in a fork (its GITHUB_TOKEN is read-only under pull_request). */
  fork?: boolean
  action?: string
}

/** The pull_request (or pull_request_target) payload GitHub sends for `pr`. */
export function pullRequestPayload(repo: FakeRepository, pr: PullRequest, options: PullRequestEventOptions = {}): unknown {
  const baseRepo = { full_name: repo.fullName, name: repo.name, owner: { login: repo.owner } }
  const headRepo = options.fork ? { full_name: `contributor/${repo.name}`, name: repo.name, owner: { login: 'contributor' } } : baseRepo
  return {
    action: options.action ?? 'synchronize',
    number: pr.number,
    pull_request: {
      number: pr.number,
      state: pr.state,
      changed_files: pr.files.length,
      base: { ref: pr.baseRef, sha: pr.baseSha, repo: baseRepo },
      head: { ref: pr.headRef, sha: pr.headSha, repo: headRepo },
      user: { login: pr.user.login }
    },
    repository: baseRepo
  }
}

export interface Scenario {
  repo: FakeRepository
  pr: PullRequest
  base: string
  head: string
}

/**
 * A repository whose main branch holds `baseFiles` and a pull request #7
 * that applies `headEdits` (null deletes a file) on top of it.
 */
export function pullRequestScenario(baseFiles: Record<string, string>, headEdits: Record<string, string | null>): Scenario {
  const repo = new FakeRepository()
  const base = repo.commit({ 'README.md': '# Project\n', ...baseFiles }, { branch: 'main' })
  const head = repo.change(base, headEdits, { branch: 'feature/plan' })
  const pr = repo.pullRequest({ number: 7, base: 'main', head: 'feature/plan' })
  return { repo, pr, base, head }
}

/** Pushes new edits onto the pull request's branch (a `synchronize`). */
export function push(scenario: Scenario, edits: Record<string, string | null>): void {
  scenario.head = scenario.repo.change(scenario.pr.headSha, edits)
  scenario.repo.pushToPullRequest(scenario.pr.number, scenario.head)
}

export interface Session {
  gh: FakeGitHub
  /** Runs the action on the scenario's pull request as it stands now (pushes included). */
  run(options?: Partial<RunOptions>): Promise<ActionRun>
}

/**
 * A fake GitHub serving the scenario for the length of `body`; afterwards
 * every request it saw must have been one GitHub would accept. Sessions are
 * independent, so tests using them can run concurrently.
 */
export async function session(scenario: Scenario | null, body: (session: Session) => Promise<void>): Promise<void> {
  const gh = await startFakeGitHub(scenario === null ? {} : { state: scenario.repo })
  try {
    await body({
      gh,
      run: (options = {}) =>
        runAction({ gh, eventName: 'pull_request', payload: scenario === null ? {} : pullRequestPayload(scenario.repo, scenario.pr), ...options })
    })
    expect(gh.schemaViolations).toEqual([])
  } finally {
    await gh.close()
  }
}

// The speed goals, measured side by side in one loop of whole processes:
// one plan and `check --changed` against bare Node, a cold scan of the
// 1,000-plan replica against markdownlint-cli2 (on an idle machine and with
// the other core kept busy by a child of this script), and `--cache` on an
// unchanged rescan. Shared by `npm run bench` and `npm run bench -- --goals`.
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { replicas, writeFiles } from './plans.mjs'
import { measure, median, ms, ratio } from './util.mjs'

export const GOALS = {
  overheadMs: 150,
  coldRatio: 0.5,
  loadedRatio: 0.8,
  cacheRatio: 0.1
}

const PARSE_SPLIT = fileURLToPath(new URL('./parse-split.mjs', import.meta.url))

/** Samples per round of the rows that take well under a second (bare Node, one plan, --changed). */
const SMALL_REPEATS = 7

/**
 * A git repository of `files` corpus replicas, committed, with one plan then
 * changed in the work tree: what `check --changed` sees in a working copy.
 */
export function writeGoalInputs(dir, corpus, files) {
  const plans = replicas(corpus, files)
  const bytes = writeFiles(dir, plans)
  const git = (...args) => {
    const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr}`)
  }
  git('init', '-q')
  git('add', '-A')
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'plans')
  // The one plan, and the one changed: the first replica, a spec-dev plan when the corpus has one.
  const one = plans.find((plan) => plan.path.includes('/.spec-dev/')) ?? plans[0]
  appendFileSync(path.join(dir, one.path), '\nOne more line, changed in the work tree.\n')
  return { dir, files: plans.length, bytes, onePlan: one.path }
}

/** A child that keeps one core busy until killed: the "loaded" rows. */
function burner(node) {
  const child = spawn(node, ['-e', 'for (;;) {}'], { stdio: 'ignore' })
  return { stop: () => child.kill('SIGKILL') }
}

/**
 * `runs` interleaved rounds: each round runs every row once, so drift in the
 * machine's load reaches all rows alike. Medians of wall time (and CPU).
 */
export async function measureGoals({ node, cli, peer, build, inputs, runs, log }) {
  const { dir } = inputs
  const cacheDir = path.join(dir, '..', 'goals-cache')
  const out = path.join(dir, '..', 'goals-stdout')
  mkdirSync(out, { recursive: true })
  // V8 makes a young generation of three semi-spaces; the floor's processes get the workers' own.
  const semiSpaceMb = build ? (await import(pathToFileURL(path.join(build, 'src', 'runner', 'check-plans.js')).href)).WORKER_YOUNG_GENERATION_MB / 3 : NaN
  const rows = { node0: [], one: [], changed: [], cold: [], peer: [], floor: [], coldLoaded: [], peerLoaded: [], cacheCold: [], cacheWarm: [] }
  const statuses = {}
  const record = (row, result) => {
    rows[row].push(result)
    statuses[row] = result.status
  }
  let linted = NaN
  let identical = true
  for (let run = 0; run < runs; run++) {
    log(`goals round ${run + 1}/${runs}`)
    // The sub-second rows are cheap, and on a shared machine one sample of each per round is mostly noise.
    for (let repeat = 0; repeat < SMALL_REPEATS; repeat++) {
      record('node0', measure(node, ['-e', '0'], { cwd: dir }))
      record('one', measure(node, [cli, 'check', inputs.onePlan], { cwd: dir }))
      record('changed', measure(node, [cli, 'check', '--changed'], { cwd: dir }))
    }
    const coldOut = path.join(out, 'cold.json')
    record('cold', measure(node, [cli, 'check', '.', '--format', 'json'], { cwd: dir, stdoutFile: coldOut }))
    if (existsSync(peer)) {
      const peerOut = path.join(out, 'peer.txt')
      record('peer', measure(node, [peer, '**/*.md'], { cwd: dir, stdoutFile: peerOut }))
      linted = Number(/Linting: (\d+) file/.exec(readFileSync(peerOut, 'utf8'))?.[1] ?? NaN)
    }
    // What the cold scan cannot beat here: the same parser, every core, nothing else.
    if (build) record('floor', measure(node, [PARSE_SPLIT, build, '.', String(availableParallelism()), String(semiSpaceMb)], { cwd: dir }))
    // The other core busy with a child of this script for the whole of both runs.
    const load = burner(node)
    try {
      await new Promise((resolve) => setTimeout(resolve, 200))
      record('coldLoaded', measure(node, [cli, 'check', '.', '--format', 'json'], { cwd: dir, stdoutFile: path.join(out, 'cold-loaded.json') }))
      if (existsSync(peer)) record('peerLoaded', measure(node, [peer, '**/*.md'], { cwd: dir, stdoutFile: path.join(out, 'peer-loaded.txt') }))
    } finally {
      load.stop()
    }
    rmSync(cacheDir, { recursive: true, force: true })
    const cacheArgs = [cli, 'check', '.', '--format', 'json', '--cache-location', cacheDir]
    record('cacheCold', measure(node, cacheArgs, { cwd: dir, stdoutFile: path.join(out, 'cache-cold.json') }))
    record('cacheWarm', measure(node, cacheArgs, { cwd: dir, stdoutFile: path.join(out, 'cache-warm.json') }))
    const reference = readFileSync(coldOut, 'utf8')
    for (const name of ['cold-loaded.json', 'cache-cold.json', 'cache-warm.json']) if (readFileSync(path.join(out, name), 'utf8') !== reference) identical = false
  }
  let plans = NaN
  try {
    plans = JSON.parse(readFileSync(path.join(out, 'cold.json'), 'utf8')).plans.length
  } catch {}
  rmSync(out, { recursive: true, force: true })
  rmSync(cacheDir, { recursive: true, force: true })
  const wall = (row) => median(rows[row].map((result) => result.wallMs))
  const cpu = (row) => median(rows[row].map((result) => result.cpuMs))
  const best = (row) => (rows[row].length === 0 ? NaN : Math.min(...rows[row].map((result) => result.wallMs)))
  const figures = Object.fromEntries(Object.keys(rows).map((row) => [row, { wallMs: wall(row), bestMs: best(row), cpuMs: cpu(row), runs: rows[row].length, status: statuses[row] }]))
  return { figures, plans, linted, identical, runs, cores: availableParallelism() }
}

/** The goal rows: [text, met (true, false or null), measured]. */
export function goalRows(g) {
  const f = g.figures
  const over = (row) => f[row].wallMs - f.node0.wallMs
  const rows = []
  const overhead = (text, row) =>
    rows.push([
      text,
      over(row) <= GOALS.overheadMs,
      `${ms(over(row))} ms above (${ms(f[row].wallMs)} ms vs ${ms(f.node0.wallMs)} ms for \`node -e 0\`, medians of ${f[row].runs}; CPU ${ms(f[row].cpuMs)} ms); best runs ${ms(f[row].bestMs - f.node0.bestMs)} ms above`
    ])
  overhead(`1. one plan (\`check FILE\`) ≤ ${GOALS.overheadMs} ms above \`node -e 0\` (wall)`, 'one')
  overhead(`1. \`check --changed\`, one of ${g.plans} plans changed, ≤ ${GOALS.overheadMs} ms above \`node -e 0\` (wall)`, 'changed')
  const peer = (text, mine, theirs, limit) => {
    if (!Number.isFinite(f[theirs].wallMs)) return rows.push([text, null, 'markdownlint-cli2 is not installed (npm ci)'])
    rows.push([text, f[mine].wallMs / f[theirs].wallMs <= limit, `${ratio(f[mine].wallMs, f[theirs].wallMs)} (${ms(f[mine].wallMs)} ms vs ${ms(f[theirs].wallMs)} ms); CPU ${ratio(f[mine].cpuMs, f[theirs].cpuMs)}`])
  }
  peer(`2. cold scan of ${g.plans} plans ≤ ${GOALS.coldRatio}× markdownlint-cli2 (wall, idle machine)`, 'cold', 'peer', GOALS.coldRatio)
  // The parse floor read beside it: when the floor alone is over the limit, no engine that keeps this parser meets the goal on this machine.
  if (Number.isFinite(f.floor?.wallMs) && Number.isFinite(f.peer.wallMs)) {
    const floor = f.floor.wallMs / f.peer.wallMs
    rows[rows.length - 1][2] += `; parse floor (plan-gate's parser alone, the files split over ${g.cores} processes at once) ${ratio(f.floor.wallMs, f.peer.wallMs)} (${ms(f.floor.wallMs)} ms, CPU ${ms(f.floor.cpuMs)} ms)${floor > GOALS.coldRatio ? ', itself over the goal on this machine' : ''}`
  }
  peer(`2. cold scan ≤ ${GOALS.loadedRatio}× markdownlint-cli2 with the other core busy (wall)`, 'coldLoaded', 'peerLoaded', GOALS.loadedRatio)
  rows.push([
    `3. \`--cache\`: unchanged rescan ≤ ${GOALS.cacheRatio}× the cold scan, identical output`,
    f.cacheWarm.wallMs / f.cold.wallMs <= GOALS.cacheRatio && g.identical,
    `${ratio(f.cacheWarm.wallMs, f.cold.wallMs)} (${ms(f.cacheWarm.wallMs)} ms vs ${ms(f.cold.wallMs)} ms); output ${g.identical ? 'identical' : '**differs**'} (cold, loaded, cache-writing and cached runs)`
  ])
  rows.push(['4. findings never change', null, 'by tests, not by timing: `__tests__/engine/parser.test.ts` (against full remark-gfm) and the corpus snapshot'])
  return rows
}

export const GOAL_COMMANDS = [
  '# goals: cwd $BENCH/goals (a git repository of the 1000 replicas, one plan changed in the work tree); interleaved rounds, whole processes',
  'node -e 0',
  'node $ROOT/dist/cli.js check <the changed plan>',
  'node $ROOT/dist/cli.js check --changed',
  'node $ROOT/dist/cli.js check . --format json',
  'node $ROOT/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "**/*.md"',
  'node $ROOT/scripts/bench/parse-split.mjs $ROOT/.bench/tsc . <cores> <WORKER_YOUNG_GENERATION_MB / 3>   # the parse floor: parseMarkdown() alone, one process per core, the workers\' semi-spaces',
  '# the same two, while a child of the bench burns one core: node -e "for (;;) {}"',
  'node $ROOT/dist/cli.js check . --format json --cache-location $BENCH/goals-cache   # twice: writes the cache, then reads it'
]

/** Puts `section` (from "## Goals" to the next level-2 heading) into an existing report, or appends it. */
export function replaceSection(file, heading, section) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = text.indexOf(`\n${heading}\n`)
  if (start === -1) return writeFileSync(file, `${text.trimEnd()}\n\n${section.trimEnd()}\n`)
  const next = text.indexOf('\n## ', start + heading.length + 2)
  writeFileSync(file, `${text.slice(0, start + 1)}${section.trimEnd()}\n${next === -1 ? '' : text.slice(next)}`)
}

// `npm run bench`: plan-gate's performance on this machine, in one run, written
// to BENCHMARKS.md with the exact commands. A script, not a test: it asserts no
// timing; it measures, compares against the goals and says where they are missed.
//
//   npm run bench                      full run, writes BENCHMARKS.md (about 28 minutes on 2 shared cores:
//                                      remark parses ~200 KB/s here and the 1,004-file set is 12 MiB)
//   npm run bench -- --quick           smoke run with small inputs, writes .bench/BENCHMARKS.quick.md
//   npm run bench -- --goals           only the speed goals' rows (a few minutes): rewrites the Goals
//                                      section of BENCHMARKS.md, leaves the other sections as they are
//
// Options: --out <file>, --corpus <dir> (default ../shared/corpus or $PLAN_GATE_CORPUS),
// --runs <n>, --no-build (reuse .bench/tsc), --no-bundle-map, --no-hostile, --keep (keep the temp dir).
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { apiCost, firstRequest, loadedWithoutInputs, spawnToExit } from './bench/action.mjs'
import { bundleMap, matchDist } from './bench/bundle-map.mjs'
import { GOAL_COMMANDS, goalRows, measureGoals, replaceSection, writeGoalInputs } from './bench/goals.mjs'
import { configWithLimit, examplesCorpus, largePlan, readCorpus, replicas, writeFiles } from './bench/plans.mjs'
import { summarizeProfile } from './bench/profile.mjs'
import { hasGnuTime, KiB, measure, median, medianOf, MiB, mib, ms, ratio, ROOT, runJson, size, table, tail } from './bench/util.mjs'

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(name)
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback)
const QUICK = flag('--quick')
const OUT = path.resolve(ROOT, option('--out', QUICK ? '.bench/BENCHMARKS.quick.md' : 'BENCHMARKS.md'))
const CORPUS = path.resolve(ROOT, option('--corpus', process.env.PLAN_GATE_CORPUS ?? '../shared/corpus'))
// A build of the bench's own: build/tsc is also written by `npm run generate`,
// and a rebuild there in the middle of a run would mix two versions of the engine.
const BUILD = path.join(ROOT, '.bench', 'tsc')
const DIST = path.resolve(ROOT, option('--dist', 'dist'))
const CLI = path.join(DIST, 'cli.js')
const CLI_BUNDLE = path.join(DIST, 'cli-bundle.js')
const ACTION = path.join(DIST, 'index.js')
const PEER = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs')
const HOSTILE = path.join(ROOT, 'scripts', 'hostile-plans.mjs')
const NODE = process.execPath

const P = QUICK
  ? { files: 40, large: [100_000], runs: 1, fastRuns: 1, hostile: ['nul-bytes'], hostileBudgetMs: 30_000, sizes: [10 * KiB, 100 * KiB], counts: [1, 10], api: [[1, 1]], phaseStride: 1 }
  : { files: 1000, large: [100_000, 250_000, 500_000, 1_000_000], runs: 3, fastRuns: 5, hostile: null, hostileBudgetMs: 200_000, sizes: [10 * KiB, 100 * KiB, MiB], counts: [1, 10, 100, 1000], api: [[1, 1], [1, 250], [3, 1000], [1, 3500]], phaseStride: 10 }
const RUNS = Number(option('--runs', P.runs))
const FAST_RUNS = Number(option('--runs', P.fastRuns))
const SCALE_BUDGET_MS = 600_000
const BARE_CAP_MS = 3_000
const CLI_CAP_MS = 15_000

const started = performance.now()
const log = (message) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}\n`)
const rel = (file) => path.relative(ROOT, file) || '.'
const report = { notes: [], goals: [] }

/** The action's files in dist/: the entry, then its chunks (`<id>.index.js`, which ncc emits beside it) by id. */
function actionFiles() {
  if (!existsSync(ACTION)) return []
  const chunks = readdirSync(DIST).filter((name) => /^\d+\.index\.js$/.test(name)).sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
  return [path.basename(ACTION), ...chunks]
}

/** What was measured: the commit, uncommitted changes under src/, and a fingerprint of each bundle (the action's over its entry and chunks). */
function codeState() {
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? ''
  const fingerprint = (files) => {
    const hash = createHash('sha256')
    for (const file of files) hash.update(path.basename(file)).update('\0').update(readFileSync(file))
    return hash.digest('hex').slice(0, 12)
  }
  const chunks = actionFiles().slice(1)
  const bundles = Object.fromEntries([
    // dist/cli.js is the launcher; the CLI it runs is dist/cli-bundle.js.
    ...(existsSync(CLI) ? [[existsSync(CLI_BUNDLE) ? `${rel(CLI)} with ${path.basename(CLI_BUNDLE)}` : rel(CLI), fingerprint(existsSync(CLI_BUNDLE) ? [CLI, CLI_BUNDLE] : [CLI])]] : []),
    ...(existsSync(ACTION) ? [[`${rel(ACTION)}${chunks.length > 0 ? ` with its ${chunks.length} chunks` : ''}`, fingerprint([ACTION, ...chunks.map((name) => path.join(DIST, name))])]] : [])
  ])
  return { head: git(['rev-parse', '--short', 'HEAD']) || 'unknown', dirty: git(['status', '--porcelain', '--', 'src', 'test-support']).split('\n').filter(Boolean).length, bundles }
}

// ---------------------------------------------------------------- build
function build() {
  if (flag('--no-build') && existsSync(path.join(BUILD, 'src', 'engine', 'check.js'))) {
    log('reusing .bench/tsc (--no-build)')
    return { ms: 0, errors: null }
  }
  log('tsc build into .bench/tsc')
  const at = performance.now()
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  rmSync(BUILD, { recursive: true, force: true })
  const run = spawnSync(NODE, [tsc, '-p', 'tsconfig.json', '--noEmit', 'false', '--outDir', rel(BUILD)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * MiB })
  const errors = (run.stdout.match(/error TS\d+/g) ?? []).length
  // Type errors elsewhere in a tree under concurrent edits do not stop tsc from emitting; only missing output does.
  for (const needed of ['src/engine/check.js', 'src/runner/check-plans.js', 'src/rubric/config.js']) {
    if (!existsSync(path.join(BUILD, needed))) throw new Error(`tsc produced no ${rel(BUILD)}/${needed}:\n${tail(run.stdout, 10)}`)
  }
  // tsc copies only imported JSON; the fake GitHub reads its OpenAPI subset from beside its modules.
  const fakeSrc = path.join(ROOT, 'test-support', 'fake-github')
  if (existsSync(fakeSrc)) {
    for (const file of readdirSync(fakeSrc).filter((name) => name.endsWith('.json'))) {
      mkdirSync(path.join(BUILD, 'test-support', 'fake-github'), { recursive: true })
      copyFileSync(path.join(fakeSrc, file), path.join(BUILD, 'test-support', 'fake-github', file))
    }
  }
  if (errors > 0) report.notes.push(`tsc reported ${errors} type error(s) while building ${rel(BUILD)} (the tree was being edited); the emitted JavaScript was benchmarked as is: ${tail(run.stdout, 3)}`)
  return { ms: performance.now() - at, errors }
}

// ---------------------------------------------------------------- inputs
function prepare(work, corpus) {
  log(`writing inputs under ${work}`)
  const throughput = path.join(work, 'throughput')
  const corpusFiles = replicas(corpus, P.files).map((file) => ({ ...file, path: `corpus/${file.path}` }))
  const largeSpots = ['.spec-dev/{n}/plan.md', 'specs/{n}/plan.md', '.specify/specs/{n}/plan.md', '.spec-dev/{n}/plan.md']
  const largeFiles = P.large.map((bytes, index) => {
    const name = `large-${Math.round(bytes / 1000)}k`
    return { path: `large/${largeSpots[index % largeSpots.length].replace('{n}', name)}`, content: largePlan(corpus, bytes, `Large plan ${name}`) }
  })
  const corpusBytes = writeFiles(throughput, corpusFiles)
  const largeBytes = writeFiles(throughput, largeFiles)
  const list = path.join(work, 'throughput.json')
  writeFileSync(list, JSON.stringify({ corpus: corpusFiles.map((file) => file.path), large: largeFiles.map((file) => file.path) }))
  const subsetList = path.join(work, 'throughput-subset.json')
  writeFileSync(subsetList, JSON.stringify({ corpus: corpusFiles.filter((_, index) => index % P.phaseStride === 0).map((file) => file.path), large: largeFiles.map((file) => file.path) }))

  const scaleSizes = P.sizes.map((bytes) => {
    const dir = path.join(work, `scale-size-${bytes}`)
    const plan = { path: '.spec-dev/big/plan.md', content: largePlan(corpus, bytes, `Scaling plan ${bytes} bytes`) }
    writeFiles(dir, [plan])
    mkdirSync(path.join(dir, '.github'), { recursive: true })
    // The budget is raised too: this table is about what a full check costs, not about where the deadline cuts it.
    writeFileSync(path.join(dir, '.github', 'plan-gate.yml'), configWithLimit(4 * MiB, SCALE_BUDGET_MS))
    const listFile = path.join(work, `scale-size-${bytes}.json`)
    writeFileSync(listFile, JSON.stringify({ plans: [plan.path] }))
    return { label: size(bytes), bytes: plan.content.length, dir, list: listFile, files: 1 }
  })
  const scaleCounts = P.counts.map((count) => {
    // The full replica set is already measured in sections 1 and 2; its row reuses those runs.
    if (count === P.files) return { label: String(count), bytes: corpusBytes, files: count, reuse: true }
    const dir = path.join(work, `scale-count-${count}`)
    const files = replicas(corpus, count)
    const bytes = writeFiles(dir, files)
    const listFile = path.join(work, `scale-count-${count}.json`)
    writeFileSync(listFile, JSON.stringify({ plans: files.map((file) => file.path) }))
    return { label: String(count), bytes, dir, list: listFile, files: count }
  })
  return { work, throughput, list, subsetList, corpusFiles, largeFiles, corpusBytes, largeBytes, scaleSizes, scaleCounts }
}

// ---------------------------------------------------------------- 1. engine vs the parse floor
/**
 * One loop over the same directory, tools interleaved so that drift in the
 * machine's load touches all of them alike: the parse floor (whole process,
 * with its parse calls timed inside too), the engine in-process, the plan-gate
 * CLI and markdownlint-cli2 (whole processes). Sections 1 and 2 share it.
 */
function throughputSection(inputs) {
  const fields = ['wallMs', 'userMs', 'sysMs', 'cpuMs', 'maxRssKiB']
  const bare = []
  const engine = []
  const cli = []
  const peer = []
  const counts = { cli: NaN, peer: NaN }
  const sink = path.join(inputs.work, 'stdout.txt')
  for (let run = 0; run < RUNS; run++) {
    log(`${P.files + inputs.largeFiles.length}-file run ${run + 1}/${RUNS}: parse floor`)
    const floor = measure(NODE, [path.join(ROOT, 'scripts/bench/bare-parse.mjs'), '.'], { cwd: inputs.throughput, capture: true })
    try {
      bare.push({ ...floor, inside: JSON.parse(floor.stdout.trim().split('\n').pop()) })
    } catch {
      throw new Error(`the parse floor failed: ${tail(floor.stderr)}`)
    }
    log(`${P.files + inputs.largeFiles.length}-file run ${run + 1}/${RUNS}: engine in-process`)
    engine.push(runJson(path.join(ROOT, 'scripts/bench/engine-run.mjs'), [BUILD, inputs.throughput, inputs.list, 'check']))
    if (existsSync(CLI)) {
      log(`${P.files + inputs.largeFiles.length}-file run ${run + 1}/${RUNS}: plan-gate CLI`)
      cli.push(measure(NODE, [CLI, 'check', '.', '--format', 'json'], { cwd: inputs.throughput, stdoutFile: sink }))
      if (run === 0) {
        try {
          counts.cli = JSON.parse(readFileSync(sink, 'utf8')).plans.length
        } catch {}
      }
    }
    if (existsSync(PEER)) {
      log(`${P.files + inputs.largeFiles.length}-file run ${run + 1}/${RUNS}: markdownlint-cli2`)
      peer.push(measure(NODE, [PEER, '**/*.md'], { cwd: inputs.throughput, stdoutFile: sink }))
      if (run === 0) counts.peer = Number(/Linting: (\d+) file/.exec(readFileSync(sink, 'utf8'))?.[1] ?? NaN)
    }
  }
  rmSync(sink, { force: true })

  log('engine phase breakdown')
  const phases = runJson(path.join(ROOT, 'scripts/bench/engine-run.mjs'), [BUILD, inputs.throughput, inputs.list, 'phases', String(P.phaseStride)])
  log('engine CPU profile')
  const profileDir = path.join(inputs.work, 'profile')
  let profile = null
  const profiled = spawnSync(NODE, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, path.join(ROOT, 'scripts/bench/engine-run.mjs'), BUILD, inputs.throughput, inputs.subsetList, 'check'], { encoding: 'utf8', maxBuffer: 64 * MiB })
  const profileFiles = existsSync(profileDir) ? readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile')) : []
  if (profiled.status === 0 && profileFiles.length > 0) profile = { ...summarizeProfile(profileFiles.map((name) => path.join(profileDir, name))), threads: profileFiles.length }
  else report.notes.push(`The engine CPU profile failed: ${tail(profiled.stderr)}`)

  const groups = ['corpus', 'large']
  const inside = (result, group) => result.inside.groups[group] ?? { ms: 0, cpuMs: 0 }
  const inProcess = Object.fromEntries(
    groups.map((group) => [
      group,
      {
        bareMs: median(bare.map((result) => inside(result, group).ms)),
        bareCpuMs: median(bare.map((result) => inside(result, group).cpuMs)),
        engineMs: median(engine.map((result) => result.groups[group].ms)),
        engineCpuMs: median(engine.map((result) => result.groups[group].cpuMs)),
        rssKiB: median(engine.map((result) => result.groups[group].rssKiB)),
        files: engine[0].groups[group].files,
        bytes: engine[0].groups[group].bytes,
        info: engine[0].groups[group]
      }
    ])
  )
  const sum = (result, pick) => groups.reduce((total, group) => total + pick(result, group), 0)
  const whole = {
    bare: medianOf(bare, fields),
    cli: cli.length > 0 ? medianOf(cli, fields) : null,
    peer: peer.length > 0 ? medianOf(peer, fields) : null,
    counts,
    bareFiles: bare[0].inside.files
  }
  return {
    profile,
    inProcess,
    totalBare: median(bare.map((result) => sum(result, (r, g) => inside(r, g).ms))),
    totalEngine: median(engine.map((result) => sum(result, (r, g) => r.groups[g].ms))),
    totalBareCpu: median(bare.map((result) => sum(result, (r, g) => inside(r, g).cpuMs))),
    totalEngineCpu: median(engine.map((result) => sum(result, (r, g) => r.groups[g].cpuMs))),
    renderMs: median(engine.map((result) => sum(result, (r, g) => r.groups[g].renderMs))),
    phases,
    whole,
    loadMs: median(engine.map((result) => result.loadMs)),
    loadRssKiB: median(engine.map((result) => result.rssAfterLoadKiB))
  }
}

// ---------------------------------------------------------------- 1c. what the worker pool costs
/**
 * The same plans through checkPlans() in this thread, and in the pool with
 * dist/cli.js as the worker (as the CLI runs it): one worker and one per core
 * at the default heap cap, and one worker with a 4 GiB cap.
 */
function poolSection(set) {
  if (!existsSync(CLI)) return { skipped: `${rel(CLI)} does not exist` }
  if (!existsSync(path.join(BUILD, 'src', 'runner', 'pool.js'))) return { skipped: 'the runner has no worker pool' }
  const variants = [
    { name: 'in the calling thread (`workerScript: null`)', env: {} },
    { name: 'pool, 1 worker, default heap cap', env: { BENCH_WORKER_SCRIPT: CLI, BENCH_MAX_WORKERS: '1' } },
    { name: 'pool, 1 worker, heap cap 4096 MiB', env: { BENCH_WORKER_SCRIPT: CLI, BENCH_MAX_WORKERS: '1', BENCH_WORKER_HEAP_MB: '4096' } },
    { name: `pool, one worker per core (${os.availableParallelism?.() ?? os.cpus().length}), default heap cap — as the CLI runs`, env: { BENCH_WORKER_SCRIPT: CLI } }
  ]
  const results = variants.map(() => [])
  try {
    for (let run = 0; run < RUNS; run++) {
      variants.forEach((variant, index) => {
        log(`worker pool cost (${set.files} plans) run ${run + 1}/${RUNS}: ${variant.name}`)
        results[index].push(runJson(path.join(ROOT, 'scripts/bench/engine-run.mjs'), [BUILD, set.dir, set.list, 'check'], { env: { ...process.env, ...variant.env } }).groups.plans)
      })
    }
  } catch (error) {
    return { skipped: `the pool could not be driven from the bench: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` }
  }
  return {
    files: set.files,
    bytes: set.bytes,
    rows: variants.map((variant, index) => ({ name: variant.name, ms: median(results[index].map((r) => r.ms)), cpuMs: median(results[index].map((r) => r.cpuMs)), failed: results[index][0].unparseable }))
  }
}

// ---------------------------------------------------------------- 1b. hostile plans
async function hostileSection(work) {
  if (flag('--no-hostile')) return { skipped: '--no-hostile given' }
  if (!existsSync(HOSTILE)) return { skipped: 'scripts/hostile-plans.mjs does not exist yet' }
  if (!existsSync(CLI)) return { skipped: `${rel(CLI)} does not exist` }
  const hostile = await import(pathToFileURL(HOSTILE).href)
  // Smallest first, so a section that runs out of its time budget still covers most cases.
  const cases = (P.hostile ? hostile.hostileCases.filter((item) => P.hostile.includes(item.name)) : hostile.hostileCases)
    .map((item) => ({ item, bytes: Buffer.byteLength(item.generate()) }))
    .sort((a, b) => a.bytes - b.bytes)
    .map(({ item }) => item)
  const dir = path.join(work, 'hostile')
  const rows = []
  const sectionStarted = performance.now()
  for (const item of cases) {
    if (performance.now() - sectionStarted > P.hostileBudgetMs) {
      rows.push({ name: item.name, what: item.what, skipped: true })
      continue
    }
    log(`hostile plan ${item.name}`)
    const written = hostile.writeCase(dir, item)
    const bare = measure(NODE, [path.join(ROOT, 'scripts/bench/bare-parse.mjs'), '.'], { cwd: written.dir, timeoutMs: BARE_CAP_MS, capture: true })
    const cli = measure(NODE, [CLI, 'check', '--format', 'json', hostile.PLAN_PATH], { cwd: written.dir, timeoutMs: CLI_CAP_MS, capture: true })
    let verdict = cli.timedOut ? 'killed' : `exit ${cli.status}`
    let rules = []
    try {
      const parsed = JSON.parse(cli.stdout)
      verdict = parsed.verdict
      rules = [...new Set(parsed.plans.flatMap((plan) => plan.findings.map((finding) => finding.ruleId)))]
    } catch {}
    const bareOk = !bare.timedOut && bare.status === 0
    rows.push({ name: item.name, what: item.what, bytes: written.bytes, bare, bareOk, bareWhy: bareOk ? '' : bare.timedOut ? `> ${BARE_CAP_MS / 1000} s (killed)` : `crashed (${tail(bare.stderr, 1).slice(0, 80)})`, cli, verdict, rules })
    rmSync(written.dir, { recursive: true, force: true })
  }
  return { rows }
}

// ---------------------------------------------------------------- 2. against markdownlint-cli2 (measured in the loop above)
function peerSection(t) {
  if (!existsSync(CLI)) return { skipped: `${rel(CLI)} does not exist (run npm run bundle)` }
  if (!existsSync(PEER)) return { skipped: 'markdownlint-cli2 is not installed (npm ci)' }
  return { planCount: t.whole.counts.cli, linted: t.whole.counts.peer, cli: t.whole.cli, peer: t.whole.peer }
}

// ---------------------------------------------------------------- 3. action cold start and bundle
async function coldStartSection() {
  const out = { dist: [], action: [], cold: null, bundle: null, loads: null }
  if (existsSync(DIST)) {
    for (const file of readdirSync(DIST).sort()) out.dist.push({ file: `${rel(DIST)}/${file}`, bytes: statSync(path.join(DIST, file)).size })
  }
  out.action = actionFiles().map((name) => ({ name, file: `${rel(DIST)}/${name}`, bytes: statSync(path.join(DIST, name)).size }))
  const node0 = []
  const cliVersion = []
  const node0Cpu = []
  const cliVersionCpu = []
  const action = []
  const actionLoad = []
  let failure = null
  let request = null
  for (let run = 0; run < FAST_RUNS; run++) {
    log(`cold start run ${run + 1}/${FAST_RUNS}`)
    node0.push((await spawnToExit(['-e', '0'])).ms)
    if (existsSync(CLI)) cliVersion.push((await spawnToExit([CLI, '--version'])).ms)
    // CPU as well, for taking the CLI's run apart in CPU time (steady on a shared machine).
    node0Cpu.push(measure(NODE, ['-e', '0']).cpuMs)
    if (existsSync(CLI)) cliVersionCpu.push(measure(NODE, [CLI, '--version']).cpuMs)
    if (!existsSync(ACTION)) {
      failure = `${rel(ACTION)} does not exist`
      continue
    }
    // Without inputs or GITHUB_* variables the action stops at its first check: what is left is loading the bundle.
    actionLoad.push((await spawnToExit([ACTION], { PATH: process.env.PATH ?? '' })).ms)
    const first = await firstRequest(ACTION)
    if (first.ms === null) failure = first.reason
    else {
      action.push(first.ms)
      request = first.request
    }
  }
  out.cold = { node0: median(node0), cliVersion: median(cliVersion), node0Cpu: median(node0Cpu), cliVersionCpu: median(cliVersionCpu), actionLoad: median(actionLoad), action: median(action), failure: action.length === 0 ? failure : null, request }
  if (existsSync(ACTION)) {
    // Separate, untimed runs under a load hook: which of the action's files were loaded by the first request, and by the exit without inputs.
    log('cold start: which dist/ files load before the first request (load hook)')
    const why = (error) => (error instanceof Error ? error.message.split('\n')[0] : String(error))
    let first
    let bare
    try {
      first = await firstRequest(ACTION, { loads: true })
    } catch (error) {
      first = { ms: null, reason: why(error) }
    }
    try {
      bare = await loadedWithoutInputs(ACTION)
    } catch (error) {
      bare = { loaded: null, reason: why(error) }
    }
    const bytesOf = (names) => out.action.filter((file) => names.includes(file.name)).reduce((sum, file) => sum + file.bytes, 0)
    out.loads = {
      firstRequest: first.ms === null ? null : first.loaded,
      firstRequestBytes: first.ms === null ? NaN : bytesOf(first.loaded),
      failure: first.ms === null ? first.reason : null,
      withoutInputs: bare.loaded,
      withoutInputsBytes: bare.loaded ? bytesOf(bare.loaded) : NaN,
      actionBytes: bytesOf(out.action.map((file) => file.name))
    }
  }
  if (!flag('--no-bundle-map') && existsSync(path.join(ROOT, 'src', 'action', 'index.ts'))) {
    log('bundle map: ncc build of src/action/index.ts with source maps, chunks minified with terser')
    try {
      out.bundle = bundleMap('src/action/index.ts')
      if (existsSync(DIST)) await matchDist(out.bundle, DIST)
    } catch (error) {
      out.bundle = { error: error instanceof Error ? error.message.split('\n')[0] : String(error) }
    }
  }
  return out
}

/** KiB with no switch to MiB, so the figures of one sentence compare at a glance. */
const kib = (bytes) => `${Math.round(bytes / KiB).toLocaleString('en-US')} KiB`

/**
 * The action's files joined with what the load hook and the bundle map saw:
 * for each dist/ file, whether it was loaded before the first request and the
 * rebuild's output with the same modules (its packages); plus the rebuild's
 * outputs with no dist/ file, and the packages of the files loaded early.
 */
function actionLayout(cold) {
  const early = cold.loads?.firstRequest ?? null
  const b = cold.bundle && !cold.bundle.error ? cold.bundle : null
  const files = cold.action.map((file) => ({ ...file, early: early ? early.includes(file.name) : null, output: b?.outputs.find((output) => output.dist === file.name) ?? null }))
  const orphans = b ? b.outputs.filter((output) => output.dist === null) : []
  const earlyOutputs = new Set(files.filter((file) => file.early && file.output).map((file) => file.output.file))
  const earlyPackages = new Map()
  for (const output of b?.outputs ?? []) {
    if (!earlyOutputs.has(output.file)) continue
    for (const item of output.packages) earlyPackages.set(item.name, (earlyPackages.get(item.name) ?? 0) + item.bytes)
  }
  return {
    early,
    files,
    orphans,
    earlyOutputs,
    earlyPackages: [...earlyPackages].map(([name, bytes]) => ({ name, bytes })).sort((x, y) => y.bytes - x.bytes),
    /** Characters of the sources that pass `test` in files loaded before the first request. */
    earlyOf: (test) => (b ? b.files.filter((file) => test(file) && file.outputs.some((name) => earlyOutputs.has(name))).reduce((sum, file) => sum + file.bytes, 0) : NaN)
  }
}

// ---------------------------------------------------------------- 4. API cost
async function apiSection(corpus) {
  if (!existsSync(ACTION)) return { skipped: `${rel(ACTION)} does not exist yet` }
  if (!existsSync(path.join(BUILD, 'test-support', 'fake-github', 'index.js'))) return { skipped: `${rel(BUILD)}/test-support/fake-github/index.js is missing (the fake GitHub did not build)` }
  const rows = []
  for (const [plans, files] of P.api) {
    log(`API cost P=${plans} F=${files}`)
    try {
      rows.push({ plans, files, ...(await apiCost(BUILD, ACTION, corpus, { plans, files })) })
    } catch (error) {
      rows.push({ plans, files, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
    }
  }
  return { rows }
}

// ---------------------------------------------------------------- 5. scaling
function scalingSection(sets, t, peer) {
  return sets.map((set) => {
    if (set.reuse) {
      const corpus = t.inProcess.corpus
      return {
        ...set,
        engineMs: corpus.engineMs,
        engineRssKiB: corpus.rssKiB,
        loadRssKiB: t.loadRssKiB,
        tooLarge: corpus.info.tooLarge,
        unparseable: corpus.info.unparseable,
        // The CLI ran on the replicas plus the large plans; the row says so.
        cli: peer.skipped ? null : { wallMs: peer.cli.wallMs, cpuMs: peer.cli.cpuMs, maxRssKiB: peer.cli.maxRssKiB, withLarge: true }
      }
    }
    const engine = []
    const cli = []
    for (let run = 0; run < RUNS; run++) {
      log(`scaling ${set.label} (${set.files} plan(s)) run ${run + 1}/${RUNS}`)
      engine.push(runJson(path.join(ROOT, 'scripts/bench/engine-run.mjs'), [BUILD, set.dir, set.list, 'check']))
      if (existsSync(CLI)) cli.push(measure(NODE, [CLI, 'check', '.', '--format', 'json'], { cwd: set.dir }))
    }
    return {
      ...set,
      engineMs: median(engine.map((result) => result.groups.plans.ms)),
      engineRssKiB: median(engine.map((result) => result.maxRssKiB)),
      loadRssKiB: median(engine.map((result) => result.rssAfterLoadKiB)),
      tooLarge: engine[0].groups.plans.tooLarge,
      unparseable: engine[0].groups.plans.unparseable,
      cli: cli.length > 0 ? medianOf(cli, ['wallMs', 'cpuMs', 'maxRssKiB']) : null
    }
  })
}

// ---------------------------------------------------------------- the report
/** The Goals section, as the full run and `--goals` both write it. */
function goalsSection(machine) {
  const g = machine.goals
  return [
    '## Goals',
    '',
    table(['Goal', 'Met?', 'Measured'], report.goals.map((item) => [item.text, item.met === null ? 'not measurable' : item.met ? 'yes' : '**no**', item.detail])),
    '',
    ...(machine.goalsOnly ? ['This section was rewritten by `npm run bench -- --goals`; the sections after it are from the full run named at the top.', ''] : []),
    `Measured ${machine.date} on commit ${machine.code.head}${machine.code.dirty > 0 ? ` plus ${machine.code.dirty} uncommitted file(s)` : ''} (${Object.entries(machine.code.bundles).map(([file, hash]) => `${file} sha256 ${hash}…`).join(', ')}), ${machine.cores} × ${machine.cpu}, Node ${process.version}; load average (1 min) ${machine.loadStart} at the start, ${os.loadavg()[0].toFixed(2)} at the end. Median of ${g.runs} interleaved rounds of whole processes (spawn to exit); ${g.plans} plans checked, ${g.linted} files linted by markdownlint-cli2. The "other core busy" rows run while a child of the bench spins (\`node -e "for (;;) {}"\`), so plan-gate's workers and markdownlint-cli2 share the machine with it. Bare Node, one plan and \`--changed\` are sampled 7 times a round. The CLI runs with its V8 code cache (README, Performance): the first run of a new build writes it in the user's cache directory and every later run reads it, as on a machine where hooks run all day.`,
    '',
    ...(machine.loadStart > 1.5 || os.loadavg()[0] > 1.5 ? ['**The machine was busy** (other work was running on its 2 cores during these rounds): absolute times are inflated and swing from round to round; re-measure on an idle machine before reading much into one row.', ''] : []),
    '```sh',
    ...GOAL_COMMANDS,
    '```',
    ''
  ].join('\n')
}

/** `--goals`: only the goal rows, into the Goals section of the existing report. */
async function goalsOnly() {
  const machine = { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadStart: Number(os.loadavg()[0].toFixed(2)), code: codeState(), goalsOnly: true }
  if (!existsSync(CLI)) throw new Error(`${rel(CLI)} does not exist: run npm run bundle`)
  const work = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-bench-'))
  try {
    const inputs = writeGoalInputs(path.join(work, 'goals'), readCorpus(CORPUS), P.files)
    // The parse floor imports the engine's parser from the bench's tsc build.
    build()
    machine.goals = await measureGoals({ node: NODE, cli: CLI, peer: PEER, build: BUILD, inputs, runs: RUNS, log })
    for (const [text, met, detail] of goalRows(machine.goals)) goal(text, met, detail)
    replaceSection(OUT, '## Goals', goalsSection(machine))
    log(`wrote the Goals section of ${rel(OUT)}`)
    for (const item of report.goals) log(`${item.met === null ? 'n/a ' : item.met ? 'MET ' : 'MISS'} ${item.text}: ${item.detail}`)
  } finally {
    if (flag('--keep')) log(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

function goal(text, met, detail) {
  report.goals.push({ text, met, detail })
}

function linearity(rows, unitOf, unitName) {
  const per = rows.map((row) => row.engineMs / unitOf(row))
  if (per.length < 3) return { per, verdict: 'too few points to tell (quick run)' }
  const [mid, last] = per.slice(-2)
  const growth = last / mid
  const verdict =
    growth <= 1.5
      ? `linear — the largest point costs ${growth.toFixed(2)}× per ${unitName} what the one before does (a falling cost per ${unitName} is fixed start-up cost being spread; ≤ 1.5× counts as linear)`
      : `super-linear — the cost per ${unitName} grows ${growth.toFixed(2)}× from the second-largest point to the largest`
  return { per, verdict }
}

function render({ machine, buildInfo, inputs, t, pool, hostile, peer, cold, api, sizes, counts, commands }) {
  void inputs
  const lines = []
  const push = (...more) => lines.push(...more)
  push(
    '# Benchmarks',
    '',
    QUICK ? '> **Quick smoke run** (`--quick`): small inputs, one run each. The numbers say nothing; run `npm run bench` for real figures.\n' : '',
    `Generated by \`npm run bench\` (\`scripts/bench.mjs\`) on ${machine.date}. Every figure is from this one run on this machine: re-run the script rather than editing this file.`,
    '',
    '## Machine',
    '',
    table(
      ['What', 'Value'],
      [
        ['CPU', `${machine.cores} × ${machine.cpu}`],
        ['Memory', `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`],
        ['Node', process.version],
        ['Code', `commit ${machine.code.head}${machine.code.dirty > 0 ? ` plus ${machine.code.dirty} uncommitted file(s) under src/ and test-support/` : ''}; ${Object.entries(machine.code.bundles).map(([file, hash]) => `${file} sha256 ${hash}…`).join(', ') || 'no dist/ bundles'}`],
        ['OS', `${os.type()} ${os.release()}`],
        ['Load average (1 min) at start / end', `${machine.loadStart} / ${os.loadavg()[0].toFixed(2)}`],
        ['Runs per figure', `median of ${RUNS} for the ${P.files}-file runs and the scaling rows, of ${FAST_RUNS} for cold starts`],
        ['CPU time and peak RSS', hasGnuTime ? '`/usr/bin/time -f "%U %S %M"` around each child (user + sys of every thread)' : 'children CPU from /proc/self/stat; no peak RSS (GNU time not installed)'],
        ['Bench duration', `${((performance.now() - started) / 60000).toFixed(1)} min (tsc build ${(buildInfo.ms / 1000).toFixed(0)} s)`]
      ]
    ),
    '',
    machine.loadStart > 1.5 || os.loadavg()[0] > 1.5
      ? `**The machine was busy** (load average ${machine.loadStart} at the start on ${machine.cores} cores: other work was running). Absolute times are inflated and noisy; ratios measured back to back are the figures to read.\n`
      : ''
  )

  push(goalsSection(machine))

  push(
    '## Inputs',
    '',
    `- **${P.files} plans**: the ${machine.corpusCount} plans of the corpus (\`${machine.corpusDir}\`, read at run time) replicated round-robin to \`corpus/r<i>/…\`: spec-dev plans at \`r<i>/.spec-dev/<name>/plan.md\` (spec-dev preset), every other spec-kit plan at \`r<i>/.specify/specs/<name>/plan.md\` (specflow), the rest at \`r<i>/specs/<name>/plan.md\` (generic) — ${size(inputs.corpusBytes)} in all.`,
    `- **${inputs.largeFiles.length} large plan${inputs.largeFiles.length === 1 ? '' : 's'}** (${inputs.largeFiles.map((file) => size(file.content.length)).join(', ')}) made of real corpus sections taken round-robin, under \`large/\` at spec-dev, generic and specflow paths (below the default 1 MiB cap, so every one is parsed).`,
    `- **Hostile plans** from \`scripts/hostile-plans.mjs\` are measured one by one in their own table: most exist to make the parser slow, so they would turn a throughput ratio into a measure of the parser's worst cases.`,
    ''
  )

  push('## Exact commands', '', 'Paths: `$ROOT` is the repository, `$BENCH` the temporary directory the script creates (`throughput/` holds `corpus/` and `large/`).', '', '```sh', ...commands, '```', '')

  // 1
  const ip = t.inProcess
  push(
    '## 1. Engine throughput against the parse floor',
    '',
    'The parse floor is `unified().use(remarkParse).use(remarkGfm).parse()` on each file in turn, nothing else. **In-process** times start with the file contents in memory and the modules loaded (plan-gate: `checkPlans()` as the CLI calls it, rubric lookup done; floor: the parse loop). **Whole process** is spawn to exit, module load, directory walk, reading and output included.',
    '',
    table(
      ['Set', 'Files', 'Bytes', 'Floor wall (ms)', 'plan-gate wall (ms)', 'Ratio (wall)', 'Floor CPU (ms)', 'plan-gate CPU (ms)', 'Ratio (CPU)'],
      [
        ['corpus replicas, in-process', ip.corpus.files, size(ip.corpus.bytes), ms(ip.corpus.bareMs), ms(ip.corpus.engineMs), ratio(ip.corpus.engineMs, ip.corpus.bareMs), ms(ip.corpus.bareCpuMs), ms(ip.corpus.engineCpuMs), ratio(ip.corpus.engineCpuMs, ip.corpus.bareCpuMs)],
        ['large plans, in-process', ip.large.files, size(ip.large.bytes), ms(ip.large.bareMs), ms(ip.large.engineMs), ratio(ip.large.engineMs, ip.large.bareMs), ms(ip.large.bareCpuMs), ms(ip.large.engineCpuMs), ratio(ip.large.engineCpuMs, ip.large.bareCpuMs)],
        ['**all, in-process**', ip.corpus.files + ip.large.files, size(ip.corpus.bytes + ip.large.bytes), ms(t.totalBare), ms(t.totalEngine), `**${ratio(t.totalEngine, t.totalBare)}**`, ms(t.totalBareCpu), ms(t.totalEngineCpu), `**${ratio(t.totalEngineCpu, t.totalBareCpu)}**`],
        t.whole.cli
          ? ['**all, whole process**', ip.corpus.files + ip.large.files, size(ip.corpus.bytes + ip.large.bytes), ms(t.whole.bare.wallMs), ms(t.whole.cli.wallMs), `**${ratio(t.whole.cli.wallMs, t.whole.bare.wallMs)}**`, ms(t.whole.bare.cpuMs), ms(t.whole.cli.cpuMs), `**${ratio(t.whole.cli.cpuMs, t.whole.bare.cpuMs)}**`]
          : ['all, whole process', '', '', '', `${rel(CLI)} missing`, 'n/a', '', '', '']
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    existsSync(path.join(BUILD, 'src', 'runner', 'pool.js'))
      ? 'In-process, plan-gate\'s `checkPlans()` is called with `workerScript: null`, so it checks in the calling thread like the floor: that row is the engine\'s own cost. The CLI checks in its worker pool (one worker per core, each under the parse deadline), so the whole-process row includes starting the workers and passing texts and results between threads, and its wall time can gain from both cores where the floor uses one.'
      : 'plan-gate\'s `checkPlans()` checks in the calling thread.',
    '',
    'CPU is user + system time of the whole process, every thread included (`process.cpuUsage()` in-process, GNU time for whole processes): on a shared machine it is the steadier figure, and with a worker pool it is the total work while the wall time shows the parallel speed-up.',
    '',
    `plan-gate's verdicts on the set: ${ip.corpus.info.failing + ip.large.info.failing} of ${ip.corpus.files + ip.large.files} plans fail, ${ip.corpus.info.findings + ip.large.info.findings} findings, ${ip.corpus.info.unparseable + ip.large.info.unparseable} plan-unparseable, ${ip.corpus.info.tooLarge + ip.large.info.tooLarge} plan-too-large. Rendering the JSON report adds ${ms(t.renderMs)} ms in-process; loading the engine modules from .bench/tsc takes ${ms(t.loadMs)} ms.`,
    ''
  )
  const ph = t.phases.groups
  const phaseTotal = (key) => ph.corpus[key] + ph.large[key]
  const phaseSum = ['decodeMs', 'parseMs', 'modelMs', 'rulesMs'].reduce((sum, key) => sum + phaseTotal(key), 0)
  push(
    `**Where plan-gate's time goes**: one process, every phase run as a whole pass over ${ph.corpus.files} of the corpus replicas (every ${P.phaseStride === 1 ? '' : `${P.phaseStride}th `}one) and the large plans after an untimed warm-up, timed in process CPU ms; the parse is the mean of a pass before and a pass after the others, and the model time is \`buildModel()\` less that parse.`,
    '',
    table(
      ['Phase', 'corpus (CPU ms)', 'large (CPU ms)', 'Share'],
      [
        ['decode + nesting guard', ms(ph.corpus.decodeMs), ms(ph.large.decodeMs), `${((100 * phaseTotal('decodeMs')) / phaseSum).toFixed(1)} %`],
        ['Markdown parse (remark-parse + GFM tables and task lists)', ms(ph.corpus.parseMs), ms(ph.large.parseMs), `${((100 * phaseTotal('parseMs')) / phaseSum).toFixed(1)} %`],
        ['plan model (walk the tree)', ms(ph.corpus.modelMs), ms(ph.large.modelMs), `${((100 * phaseTotal('modelMs')) / phaseSum).toFixed(1)} %`],
        ['rules, severities, verdict', ms(ph.corpus.rulesMs), ms(ph.large.rulesMs), `${((100 * phaseTotal('rulesMs')) / phaseSum).toFixed(1)} %`],
        ['*for comparison, not part of plan-gate:* the floor\'s parse (all of remark-gfm)', ms(ph.corpus.floorParseMs), ms(ph.large.floorParseMs), '']
      ],
      ['l', 'r', 'r', 'r']
    ),
    '',
    (() => {
      const perRule = {}
      for (const group of ['corpus', 'large']) for (const [id, value] of Object.entries(ph[group].perRule ?? {})) perRule[id] = (perRule[id] ?? 0) + value
      const own = Object.values(perRule).reduce((a, b) => a + b, 0)
      const top = Object.entries(perRule).sort((a, b) => b[1] - a[1]).slice(0, 5)
      return `Within the rules phase, each rule run alone on the same models (shared lookups already cached on them) costs ${ms(own)} ms in all — the top five: ${top.map(([id, value]) => `${id} ${ms(value)} ms`).join(', ')} — so ${ms(phaseTotal('rulesMs') - own)} ms of the phase's ${ms(phaseTotal('rulesMs'))} ms is the lookups the rules share (sections, tables, placeholder matches; computed once per plan) plus stamping and the verdict.`
    })(),
    ''
  )
  if (t.profile) {
    const pr = t.profile
    const pct = (value) => `${((100 * value) / pr.totalMs).toFixed(1)} %`
    push(
      `**CPU profile of the engine** (\`node --cpu-prof\` on \`engine-run.mjs … check\` over the same subset, ${pr.threads} thread profile${pr.threads === 1 ? '' : 's'} merged — the main thread${pr.threads > 1 ? ' and the checking workers' : ''} — idle time left out, module loading included; self time charged to its package):`,
      '',
      table(['Where', 'Self time (ms)', 'Share'], pr.groups.map((group) => [group.name, ms(group.ms), pct(group.ms)]), ['l', 'r', 'r']),
      '',
      table(['Package or module', 'Self time (ms)', 'Share'], pr.owners.slice(0, 12).map((item) => [item.name, ms(item.ms), pct(item.ms)]), ['l', 'r', 'r']),
      '',
      `Hottest functions: ${pr.functions.slice(0, 8).map((item) => `\`${item.name}\` ${pct(item.ms)}`).join(', ')}.`,
      '',
      pr.re2Callers.length > 0 ? `re2js time by the plan-gate function that drives it: ${pr.re2Callers.slice(0, 4).map((item) => `\`${item.name}\` ${ms(item.ms)} ms`).join(', ')}.` : '',
      pr.autolinkMs > 0
        ? `GFM autolink literals (tokenizer plus the tree transform remark-gfm runs after parsing): ${ms(pr.autolinkMs)} ms, ${pct(pr.autolinkMs)}.`
        : 'GFM autolink literals: none (src/engine/parse/markdown.ts registers only the GFM tables and task lists).',
      ''
    )
  }
  if (t.whole.cli) {
    const c = cold.cold
    const total = t.whole.cli.cpuMs
    const parts = [
      ['Node start and exit (`node -e 0`)', c.node0Cpu],
      ['loading dist/cli.js (`cli.js --version` less `node -e 0`)', c.cliVersionCpu - c.node0Cpu],
      ['engine, in-process (`checkPlans`, every thread)', t.totalEngineCpu],
      ['JSON render (wall, one thread)', t.renderMs]
    ]
    const rest = total - parts.reduce((sum, [, value]) => sum + value, 0)
    push(
      `**The whole CLI process taken apart, in CPU time** (user + sys; each part measured on its own, so "the rest" — walk, reads, config, writing the output, and whatever the parts cost differently inside one process — is what is left of the CLI's ${ms(total)} ms):`,
      '',
      table(['Part', 'CPU ms', 'Share'], [...parts, ['the rest', rest]].map(([name, value]) => [name, ms(value), `${((100 * value) / total).toFixed(1)} %`]), ['l', 'r', 'r']),
      ''
    )
  }

  push('### What the worker pool costs', '')
  if (pool.skipped) push(`Not measured: ${pool.skipped}.`, '')
  else {
    const base = pool.rows[0]
    push(
      `The first ${pool.files} corpus replicas (${size(pool.bytes)}) through \`checkPlans()\` in-process (engine-run.mjs with \`BENCH_WORKER_SCRIPT=dist/cli.js\`, \`BENCH_MAX_WORKERS\`, \`BENCH_WORKER_HEAP_MB\` passed to its options \`workerScript\`, \`maxWorkers\`, \`workerHeapMb\`), median of ${RUNS}:`,
      '',
      table(['checkPlans()', 'Wall (ms)', 'CPU (ms)', 'CPU vs in-thread'], pool.rows.map((row) => [row.name, ms(row.ms), ms(row.cpuMs), ratio(row.cpuMs, base.cpuMs)]), ['l', 'r', 'r', 'r']),
      ''
    )
  }

  // 1b
  push('### Hostile plans', '')
  if (hostile.skipped) push(`Not measured: ${hostile.skipped}.`, '')
  else {
    push(
      `Each case of \`scripts/hostile-plans.mjs\` (spec-dev preset, one run each): the parse floor as a whole process capped at ${BARE_CAP_MS / 1000} s, and \`plan-gate check --format json\` capped at ${CLI_CAP_MS / 1000} s (its own budget is \`limits.parseTimeoutMs\`, 10 s by default). The floor has no budget at all: this is what a naive tool does with the same input.`,
      '',
      table(
        ['Case', 'Size', 'Parse floor (ms)', 'plan-gate (ms)', 'plan-gate peak RSS (MiB)', 'Verdict', 'Findings'],
        hostile.rows.map((row) =>
          row.skipped
            ? [row.name, '', 'not run (section time budget)', '', '', '', '']
            : [row.name, size(row.bytes), row.bareOk ? ms(row.bare.wallMs) : row.bareWhy, row.cli.timedOut ? `> ${CLI_CAP_MS / 1000} s (killed)` : ms(row.cli.wallMs), row.cli.timedOut ? '—' : mib(row.cli.maxRssKiB), row.verdict, row.rules.join(', ')]
        ),
        ['l', 'r', 'r', 'r', 'r', 'l', 'l']
      ),
      ''
    )
  }

  // 2
  push('## 2. Against markdownlint-cli2', '')
  if (peer.skipped) push(`Not measured: ${peer.skipped}.`, '')
  else {
    push(
      `Whole process against whole process on the same ${P.files + t.inProcess.large.files} files as section 1 (\`$BENCH/throughput\`: the ${P.files} corpus replicas and the ${t.inProcess.large.files} large plan${t.inProcess.large.files === 1 ? "" : "s"}), each bin run with \`node\` directly, interleaved with the other tools in the same runs, stdout to a scratch file (read once to check the counts; it costs what /dev/null does), stderr to /dev/null, exit codes ignored. plan-gate checked ${peer.planCount} plans; markdownlint-cli2 reported \`Linting: ${peer.linted} file(s)\`.`,
      '',
      table(
        ['Tool', 'Wall (ms)', 'User (ms)', 'Sys (ms)', 'CPU user+sys (ms)', 'Peak RSS (MiB)'],
        [
          ['plan-gate (`dist/cli.js check . --format json`)', ms(peer.cli.wallMs), ms(peer.cli.userMs), ms(peer.cli.sysMs), ms(peer.cli.cpuMs), mib(peer.cli.maxRssKiB)],
          ['markdownlint-cli2 (`"**/*.md"`)', ms(peer.peer.wallMs), ms(peer.peer.userMs), ms(peer.peer.sysMs), ms(peer.peer.cpuMs), mib(peer.peer.maxRssKiB)],
          ['**plan-gate ÷ markdownlint-cli2**', `**${ratio(peer.cli.wallMs, peer.peer.wallMs)}**`, '', '', ratio(peer.cli.cpuMs, peer.peer.cpuMs), '']
        ],
        ['l', 'r', 'r', 'r', 'r', 'r']
      ),
      ''
    )
  }

  // 3
  push('## 3. Action cold start and bundle size', '')
  const c = cold.cold
  const L = cold.loads
  const layout = actionLayout(cold)
  const listFiles = (names) => names.map((name) => `\`${name}\``).join(', ')
  push(
    table(
      ['Measure', 'ms'],
      [
        ['`node -e 0`, spawn to exit', ms(c.node0)],
        ['`node dist/cli.js --version`, spawn to exit', ms(c.cliVersion)],
        [
          `\`node dist/index.js\` without inputs (fails at its first check${L?.withoutInputs ? `, having loaded ${listFiles(L.withoutInputs)}: ${kib(L.withoutInputsBytes)}` : ''}), spawn to exit`,
          ms(c.actionLoad)
        ],
        ['`node dist/index.js`, spawn to first API request', c.failure ? `not measurable: ${c.failure}` : ms(c.action)],
        ['**action overhead above bare Node**', c.failure ? 'n/a' : `**${ms(c.action - c.node0)}**`]
      ],
      ['l', 'r']
    ),
    '',
    c.request ? `The first request was \`${c.request}\` (the server on 127.0.0.1 answered 500 and the process was killed).` : '',
    '',
    table(['dist/ file', 'Bytes'], cold.dist.map((file) => [file.file, file.bytes.toLocaleString('en-US')]), ['l', 'r']),
    ''
  )
  if (cold.action.length > 0) {
    const b = cold.bundle && !cold.bundle.error ? cold.bundle : null
    const stale = layout.files.filter((file) => file.output && !file.output.same)
    const top = (file) => {
      if (!b) return cold.bundle?.error ? 'n/a (no bundle map)' : 'n/a (bundle map skipped)'
      if (!file.output) return 'n/a (no output of the rebuild has its modules)'
      const shares = file.output.packages.slice(0, 3).map((item) => `${item.name} ${((100 * item.bytes) / file.output.chars).toFixed(0)} %`).join(', ')
      return file.output.same ? shares : `${shares} ‡`
    }
    push(
      `**The action's files**: the entry \`${path.basename(ACTION)}\` and the chunks ncc split off at its \`import()\` calls. "Before the first request" is from a separate run of the first-request measurement under a load hook (\`--import\` of a module that calls \`module.register()\`; its \`load\` hook appends each module's URL to a file, read when the request arrives); the packages are the bundle map's (below), as a share of the file's characters.`,
      '',
      table(
        ['File', 'Bytes', 'Loaded before the first request', 'Top 3 packages'],
        [
          ...layout.files.map((file) => [file.file, file.bytes.toLocaleString('en-US'), file.early === null ? 'n/a' : file.early ? '**yes**' : 'no', top(file)]),
          ...layout.orphans.map((output) => [`(${output.file}, only in the rebuild)`, output.total.toLocaleString('en-US'), '', output.packages.slice(0, 3).map((item) => `${item.name} ${((100 * item.bytes) / output.chars).toFixed(0)} %`).join(', ')])
        ],
        ['l', 'r', 'l', 'l']
      ),
      '',
      L?.firstRequest
        ? `**Loaded before the first request: ${kib(L.firstRequestBytes)} of ${kib(L.actionBytes)}** (${((100 * L.firstRequestBytes) / L.actionBytes).toFixed(0)} %; ${L.firstRequest.length} of the action's ${cold.action.length} files: ${listFiles(L.firstRequest)}). The other ${kib(L.actionBytes - L.firstRequestBytes)} had not been loaded when the request arrived.`
        : `Which files load before the first request could not be measured${L?.failure ? `: ${L.failure}` : ''}.`,
      '',
      stale.length > 0
        ? `‡ dist/ was not built from src/ as it is now: for ${stale.map((file) => `\`${file.name}\` (${file.bytes.toLocaleString('en-US')} bytes in dist/, ${file.output.total.toLocaleString('en-US')} rebuilt${file.output.file === file.name ? '' : ` as \`${file.output.file}\``})`).join(', ')} the packages are those of the rebuilt file with the most modules in common.`
        : '',
      ''
    )
  }
  if (cold.bundle && !cold.bundle.error) {
    const b = cold.bundle
    const share = (bytes) => `${((100 * bytes) / b.chars).toFixed(1)} %`
    const sumWhere = (test) => b.files.filter(test).reduce((sum, file) => sum + file.bytes, 0)
    const early = new Map(layout.earlyPackages.map((item) => [item.name, item.bytes]))
    push(
      `**What the action bundle is made of**: \`src/action/index.ts\` rebuilt with ncc as \`scripts/bundle.mjs\` does — the entry minified by ncc, each chunk by terser with the same options — plus source maps (${b.outputs.length} files, ${size(b.total)}; ${(b.buildMs / 1000).toFixed(0)} s to build, ${(b.minifyMs / 1000).toFixed(0)} s to minify); every character of the code as shipped charged to the source it came from. Shares are of all ${b.outputs.length} files together${layout.early ? '; the last column is what of each package sits in the files loaded before the first request' : ''}.`,
      '',
      layout.early
        ? table(['Package', 'Characters', 'Share', 'Before the first request'], b.packages.slice(0, 15).map((item) => [item.name, Math.round(item.bytes).toLocaleString('en-US'), share(item.bytes), Math.round(early.get(item.name) ?? 0).toLocaleString('en-US')]), ['l', 'r', 'r', 'r'])
        : table(['Package', 'Characters', 'Share'], b.packages.slice(0, 15).map((item) => [item.name, Math.round(item.bytes).toLocaleString('en-US'), share(item.bytes)]), ['l', 'r', 'r']),
      '',
      'Largest single sources:',
      '',
      table(['Package', 'File', 'In', 'Characters'], b.files.slice(0, 12).map((item) => [item.package, item.file, item.outputs.map((name) => b.outputs.find((output) => output.file === name)?.dist ?? `${name} (rebuild only)`).join(', '), Math.round(item.bytes).toLocaleString('en-US')]), ['l', 'l', 'l', 'r']),
      '',
      `Specific suspects: zod locales ${share(sumWhere((file) => file.package === 'zod' && /locales\//.test(file.file)))} (${b.files.filter((file) => file.package === 'zod' && /locales\//.test(file.file) && file.bytes > 0).length} locale files), re2js ${share(sumWhere((file) => file.package === 're2js'))}, undici ${share(sumWhere((file) => file.package === 'undici'))}, Markdown *serialisation* that a parser never calls (mdast-util-to-markdown and the gfm to-markdown extensions) ${share(sumWhere((file) => file.package === 'mdast-util-to-markdown' || /to-markdown/.test(file.file)))}, the REST endpoint table (@octokit/plugin-rest-endpoint-methods) ${share(sumWhere((file) => file.package === '@octokit/plugin-rest-endpoint-methods'))}.`,
      ''
    )
  } else if (cold.bundle?.error) push(`Bundle map not built: ${cold.bundle.error}`, '')
  else push('Bundle map skipped (`--no-bundle-map`).', '')

  // 4
  push('## 4. API cost per run', '')
  if (api.skipped) push(`Not measurable yet: ${api.skipped}.`, '')
  else {
    const ok = api.rows.filter((row) => !row.error && row.first.status !== null)
    const base = ok.find((row) => row.plans === 1 && row.files === 1)
    const constant = base ? base.first.requests - 1 - 1 : NaN
    push(
      `A pull request with P changed plans (\`.spec-dev/feature-<k>/plan.md\`, real spec-dev corpus plans, so they fail and get inline comments) among F changed files, served by the fake GitHub (\`test-support/fake-github\`); the action runs as the runner starts it (\`node dist/index.js\`, write token, \`fail-on: error\`, other inputs at their action.yml defaults), then runs again with nothing changed. The constant c is taken from the (1, 1) row: requests − ceil(1/100) − 1.`,
      '',
      table(
        ['P', 'F', 'Requests', 'Expected ceil(F/100) + P + c', 'Writes, run 1', 'Writes, re-run', 'Requests, re-run', 'Exit', 'Time (ms)'],
        api.rows.map((row) => {
          if (row.error) return [row.plans, row.files, `error: ${row.error}`, '', '', '', '', '', '']
          const expected = Math.ceil(row.files / 100) + row.plans + constant
          const diff = row.first.requests - expected
          return [row.plans, row.files, row.first.requests, `${expected}${Number.isFinite(diff) && diff !== 0 ? ` (**${diff > 0 ? '+' : ''}${diff}**)` : ''}`, row.first.writes, `**${row.second.writes}**`, row.second.requests, row.first.status, ms(row.first.ms)]
        }),
        ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
      ),
      '',
      'Requests per route (first run):',
      '',
      ...api.rows.filter((row) => !row.error).map((row) => `- (P=${row.plans}, F=${row.files}): ${row.first.routes.join(', ')}${row.first.failure ? ` — step result: ${row.first.failure}` : ''}`),
      '',
      ...api.rows.filter((row) => !row.error && row.schemaViolations > 0).map((row) => `- (P=${row.plans}, F=${row.files}): ${row.schemaViolations} OpenAPI schema violation(s): ${row.violations.join('; ')}`),
      ''
    )
  }

  // 5
  push(
    '## 5. Scaling',
    '',
    `Engine: \`checkPlans()\` in a child process (.bench/tsc) that prints \`process.resourceUsage().maxRSS\`; CLI: \`node dist/cli.js check . --format json\` in the set's directory. Size rows are one plan at a spec-dev path with \`limits.maxPlanBytes\` raised to 4 MiB and \`limits.parseTimeoutMs\` to ${SCALE_BUDGET_MS / 1000} s by a config file, so every row is a full check; count rows are the first N corpus replicas (the ${P.files}-plan row reuses the runs of sections 1 and 2).`,
    ''
  )
  const scaleRows = (rows, unit) =>
    rows.map((row) => [
      row.label,
      size(row.bytes),
      `${ms(row.engineMs)}${row.unparseable ? ' (plan-unparseable)' : row.tooLarge ? ' (plan-too-large)' : ''}`,
      unit(row),
      mib(row.engineRssKiB),
      mib(row.engineRssKiB - row.loadRssKiB),
      row.cli ? `${ms(row.cli.wallMs)}${row.cli.withLarge ? ' †' : ''}` : 'n/a',
      row.cli ? `${mib(row.cli.maxRssKiB)}${row.cli.withLarge ? ' †' : ''}` : 'n/a'
    ])
  push(
    table(
      ['Plan size', 'Bytes', 'Engine (ms)', 'ms per 100 KiB', 'Engine peak RSS (MiB)', 'above load (MiB)', 'CLI wall (ms)', 'CLI peak RSS (MiB)'],
      scaleRows(sizes.rows, (row) => ms((row.engineMs * 100 * KiB) / row.bytes)),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    `Size: ${sizes.verdict}.`,
    '',
    table(
      ['Plans', 'Bytes', 'Engine (ms)', 'ms per plan', 'Engine peak RSS (MiB)', 'above load (MiB)', 'CLI wall (ms)', 'CLI peak RSS (MiB)'],
      scaleRows(counts.rows, (row) => ms(row.engineMs / row.files)),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']
    ),
    '',
    `Count: ${counts.verdict}.${counts.rows.some((row) => row.cli?.withLarge) ? ` † The CLI figures of the ${P.files}-plan row are the runs of sections 1 and 2, whose directory also holds the large plans.` : ''}`,
    ''
  )

  push('## Notes', '', ...report.notes.map((note) => `- ${note}`), '')
  return lines.filter((line, index, all) => !(line === '' && all[index - 1] === '')).join('\n')
}

// ---------------------------------------------------------------- main
async function main() {
  const machine = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    loadStart: Number(os.loadavg()[0].toFixed(2)),
    corpusDir: CORPUS,
    code: codeState()
  }
  const buildInfo = build()
  let corpus
  if (existsSync(path.join(CORPUS, 'MANIFEST.tsv')) || !QUICK) {
    corpus = readCorpus(CORPUS)
  } else {
    // A smoke run must work on a checkout without the shared corpus; real figures need it.
    corpus = examplesCorpus(path.join(ROOT, 'examples'))
    machine.corpusDir = `examples/ (stand-in: no corpus at ${CORPUS})`
    report.notes.push(`The corpus was not found at ${CORPUS}; this quick run used the example plans instead.`)
  }
  machine.corpusCount = corpus.length
  const work = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-bench-'))
  try {
    const inputs = prepare(work, corpus)
    const t = throughputSection(inputs)
    const poolSet = inputs.scaleCounts.find((set) => set.files === (QUICK ? 10 : 100) && !set.reuse)
    const pool = poolSet ? poolSection(poolSet) : { skipped: 'no plan set for it' }
    const hostile = await hostileSection(work)
    const peer = peerSection(t)
    const cold = await coldStartSection()
    const api = await apiSection(corpus)
    const sizes = scalingSection(inputs.scaleSizes, t, peer)
    const counts = scalingSection(inputs.scaleCounts, t, peer)
    const sizeLinear = linearity(sizes, (row) => row.bytes, 'byte')
    const countLinear = linearity(counts, (row) => row.files, 'plan')

    // Goals: their own interleaved loop over a git repository of the same replicas.
    const goalInputs = writeGoalInputs(path.join(work, 'goals'), corpus, P.files)
    const goals = await measureGoals({ node: NODE, cli: CLI, peer: PEER, build: BUILD, inputs: goalInputs, runs: RUNS, log })
    for (const [text, met, detail] of goalRows(goals)) goal(text, met, detail)
    machine.goals = goals

    notes({ t, pool, peer, cold, api, sizes, counts })
    const after = codeState().bundles
    const changed = Object.keys({ ...after, ...machine.code.bundles }).filter((file) => after[file] !== machine.code.bundles[file])
    if (changed.length > 0) report.notes.unshift(`**${changed.join(' and ')} changed on disk during the run** (rebuilt by someone else): runs before and after measured different bundles.`)

    const commands = [
      '# build the engine and the fake GitHub as importable JavaScript',
      'npx tsc -p tsconfig.json --noEmit false --outDir .bench/tsc     # the bench\'s own build: npm run generate also writes build/tsc',
      '',
      '# 1 and 2: one loop, RUNS times, cwd $BENCH/throughput; whole processes under /usr/bin/time -f "%U %S %M"',
      'node $ROOT/scripts/bench/bare-parse.mjs .                 # parse floor: whole process, and its parse calls timed inside',
      'node $ROOT/scripts/bench/engine-run.mjs $ROOT/.bench/tsc . $BENCH/throughput.json check   # engine in-process',
      'node $ROOT/dist/cli.js check . --format json > $BENCH/stdout.txt',
      'node $ROOT/node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs "**/*.md" > $BENCH/stdout.txt 2> /dev/null',
      '# 1. where the time goes (every Nth replica and the large plans)',
      'node $ROOT/scripts/bench/engine-run.mjs $ROOT/.bench/tsc . $BENCH/throughput.json phases <N>',
      'node --cpu-prof --cpu-prof-dir=$BENCH/profile $ROOT/scripts/bench/engine-run.mjs $ROOT/.bench/tsc . $BENCH/throughput-subset.json check',
      '# 1b. hostile plans (cwd $BENCH/hostile/<case>, written by scripts/hostile-plans.mjs writeCase)',
      `timeout -s KILL ${BARE_CAP_MS / 1000} node $ROOT/scripts/bench/bare-parse.mjs .`,
      `timeout -s KILL ${CLI_CAP_MS / 1000} node $ROOT/dist/cli.js check --format json .spec-dev/active-dev/active-plan.md`,
      '',
      '# 3. cold start: spawn to exit, and spawn to the first request on 127.0.0.1 (then SIGKILL)',
      'node -e 0',
      'node dist/cli.js --version',
      'GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=<payload.json> GITHUB_API_URL=http://127.0.0.1:<port> GITHUB_REPOSITORY=o/r \\',
      '  INPUT_TOKEN=x RUNNER_TEMP=<dir> GITHUB_STEP_SUMMARY=<file> GITHUB_OUTPUT=<file> node dist/index.js',
      '# which dist/ files are loaded by the first request (a separate, untimed run): register-load-hooks.mjs calls module.register()',
      '# with a load hook that appends each URL to a file, read when the request arrives',
      '<same environment> node --import file://<tmp>/register-load-hooks.mjs dist/index.js',
      '# bundle map: the entry minified by ncc, each <id>.index.js chunk by terser (as scripts/bundle.mjs does) with its map carried through',
      'node node_modules/@vercel/ncc/dist/ncc/cli.js build src/action/index.ts -o <tmp> --minify --no-source-map-register --quiet --target es2022 --source-map',
      "terser minify_sync(<chunk>, { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true }, sourceMap: { content: <chunk map>, asObject: true } })",
      '',
      '# 4. API cost: fake GitHub from .bench/tsc/test-support/fake-github, then per run',
      'GITHUB_EVENT_NAME=pull_request GITHUB_EVENT_PATH=<payload> GITHUB_API_URL=<fake url> GITHUB_REPOSITORY=octo-org/octo-repo \\',
      '  GITHUB_SERVER_URL=https://github.com GITHUB_WORKFLOW=Plans GITHUB_JOB=plan-gate GITHUB_WORKSPACE=<dir> RUNNER_TEMP=<dir> \\',
      '  GITHUB_STEP_SUMMARY=<file> GITHUB_OUTPUT=<file> INPUT_TOKEN=<FAKE_TOKENS.write> INPUT_FAIL-ON=error <other inputs at defaults> \\',
      '  PLAN_GATE_DELAY_SCALE=0.001 node dist/index.js',
      '',
      '# 5. scaling (cwd $BENCH/scale-size-<bytes> or $BENCH/scale-count-<n>)',
      'node $ROOT/scripts/bench/engine-run.mjs $ROOT/.bench/tsc . <list.json> check',
      'node $ROOT/dist/cli.js check . --format json > /dev/null'
    ]
    const text = render({ machine, buildInfo, inputs, t, pool, hostile, peer, cold, api, sizes: { rows: sizes, ...sizeLinear }, counts: { rows: counts, ...countLinear }, commands })
    mkdirSync(path.dirname(OUT), { recursive: true })
    writeFileSync(OUT, `${text}\n`)
    log(`wrote ${rel(OUT)}`)
    for (const item of report.goals) log(`${item.met === null ? 'n/a ' : item.met ? 'MET ' : 'MISS'} ${item.text}: ${item.detail}`)
  } finally {
    if (flag('--keep')) log(`kept ${work}`)
    else rmSync(work, { recursive: true, force: true })
  }
}

/** The notes: why a goal is missed and what would close the gap, from the figures of this run. */
/** What the worker-pool table says, for the notes. */
function poolAdvice(pool) {
  if (!pool || pool.skipped) return ''
  const [inThread, one, oneBig, all] = pool.rows
  return ` In the pool table, one worker costs ${ratio(one.cpuMs, inThread.cpuMs)} the CPU of checking in-thread and one worker per core ${ratio(all.cpuMs, inThread.cpuMs)}; raising the worker's heap cap to 4 GiB brings one worker to ${ratio(oneBig.cpuMs, inThread.cpuMs)}, so ${oneBig.cpuMs < one.cpuMs * 0.95 ? 'much of the overhead is garbage collection under the default cap (defaultHeapMb: 1 GiB for the 1 MiB plan limit): raise it (the cap only has to stop runaway plans, which the deadline also does) or size it from the plan actually sent' : 'the heap cap is not what costs'}; the rest is each worker loading the whole bundle and a second JIT warm-up, plus copying texts and results between threads.`
}

function notes({ t, pool, peer, cold, api, sizes, counts }) {
  const n = report.notes
  const ph = t.phases.groups
  const parse = ph.corpus.parseMs + ph.large.parseMs
  const rest = ph.corpus.decodeMs + ph.large.decodeMs + ph.corpus.modelMs + ph.large.modelMs + ph.corpus.rulesMs + ph.large.rulesMs
  const floorParse = ph.corpus.floorParseMs + ph.large.floorParseMs
  n.push(
    `Engine vs parse floor: plan-gate does not parse with the floor's parser. src/engine/parse/markdown.ts registers only the two GFM constructs the model reads (tables, task lists); autolink literals, strikethrough and footnotes are left out (__tests__/engine/parser.test.ts shows no finding changes on the examples and the corpus). In the phase run its parse costs ${ms(parse)} CPU ms against ${ms(floorParse)} ms for the floor's parse of the same texts (${ratio(parse, floorParse)}), and the engine's own work beyond parsing (decode and guard, model, rules) ${ms(rest)} ms, so its expected ratio to the floor is ${((parse + rest) / floorParse).toFixed(2)}× (${((parse + rest) / parse).toFixed(2)}× against its own parse); measured back to back it is ${ratio(t.totalEngine, t.totalBare)} in wall time and ${ratio(t.totalEngineCpu, t.totalBareCpu)} in CPU time (in-process), ${t.whole.cli ? `${ratio(t.whole.cli.wallMs, t.whole.bare.wallMs)} wall and ${ratio(t.whole.cli.cpuMs, t.whole.bare.cpuMs)} CPU as whole processes` : 'no whole-process figure'}.`
  )
  if (t.whole.cli) {
    n.push(
      `Whole process: plan-gate's CLI takes ${ms(t.whole.cli.wallMs)} ms wall and ${ms(t.whole.cli.cpuMs)} ms CPU on ${t.inProcess.corpus.files + t.inProcess.large.files} files against ${ms(t.whole.bare.wallMs)} / ${ms(t.whole.bare.cpuMs)} ms for the floor. ${t.whole.cli.cpuMs > 1.2 * t.whole.cli.wallMs ? 'Its CPU time exceeds its wall time: worker threads ran in parallel, so the wall-time ratio includes a parallel speed-up the single-threaded floor does not get.' : t.whole.cli.wallMs > 1.3 * t.whole.cli.cpuMs ? 'Its wall time is well above its CPU time: the process waited for a CPU (the machine was shared), so the CPU ratio is the one to trust.' : 'Its CPU time is about its wall time: no parallel gain showed (on a shared machine the second core was busy with other work).'} The engine alone, in-thread, costs ${ms(t.totalEngineCpu)} CPU ms on the same files, so ~${ms(t.whole.cli.cpuMs - t.totalEngineCpu - (cold.cold.cliVersionCpu ?? 0))} ms of the CLI's CPU is neither the engine nor loading the bundle: the worker pool table above shows how much of that the pool accounts for.`
    )
  }
  const layout = actionLayout(cold)
  const L = cold.loads
  if (!cold.cold.failure && Number.isFinite(cold.cold.action)) {
    const over = cold.cold.action - cold.cold.node0
    const load = cold.cold.actionLoad - cold.cold.node0
    const work = cold.cold.action - cold.cold.actionLoad
    const names = (list) => list.map((name) => `\`${name}\``).join(', ')
    let layoutText
    if (L?.firstRequest) {
      const held = layout.earlyPackages.filter((item) => item.bytes > 0).slice(0, 4)
      layoutText =
        (cold.action.length > 1
          ? `The action is split into ${cold.action.length} files; by the first request it had loaded ${L.firstRequest.length} of them (${names(L.firstRequest)}), ${kib(L.firstRequestBytes)} of ${kib(L.actionBytes)}, so V8 parses and compiles ${((100 * L.firstRequestBytes) / L.actionBytes).toFixed(0)} % of the action before the request goes out and the other ${kib(L.actionBytes - L.firstRequestBytes)} only after it.`
          : `The action is one ${kib(L.actionBytes)} file, all of it parsed and compiled before the first request.`) +
        (held.length > 0 ? ` What is loaded before the request is mostly ${held.map((item) => `${item.name} (${kib(item.bytes)})`).join(', ')}: that code is the lever left for the first request (the trims below say which of them touch it).` : '')
    } else {
      layoutText = `Which of the action's ${cold.action.length} files load before the first request was not measured${L?.failure ? ` (${L.failure})` : ''}.`
    }
    const later = L?.firstRequest && L.withoutInputs ? L.firstRequest.filter((name) => !L.withoutInputs.includes(name)) : []
    n.push(
      `Cold start: ${ms(over)} ms above bare Node to the first request${over >= 150 ? `, ${ms(over - 150)} ms over the 150 ms goal` : ''}. Of it, ~${ms(load)} ms is loading what the action needs before it reads its inputs (the run without inputs, less \`node -e 0\`${L?.withoutInputs ? `: ${names(L.withoutInputs)}, ${kib(L.withoutInputsBytes)}` : ''})${work > 0 ? ` and ~${ms(work)} ms is what the action does before its first request (inputs, event payload, creating the Octokit client${later.length > 0 ? `, loading ${names(later)}` : ''})` : '; what the action does before its first request (inputs, event payload, creating the client) is within the noise of these runs'}. ${layoutText} The V8 compile cache (\`module.enableCompileCache()\` on Node 22+, which the node24 runtime has) would help repeated runs on self-hosted runners only, as hosted runners start fresh.`
    )
  }
  if (cold.bundle && !cold.bundle.error) {
    const b = cold.bundle
    const pct = (bytes) => `${((100 * bytes) / b.chars).toFixed(0)} %`
    const of = (test) => b.files.filter(test).reduce((sum, file) => sum + file.bytes, 0)
    // Where a trim's code sits: on the path to the first request, or in the files loaded after it.
    const where = (test) => {
      if (!layout.early) return ''
      const early = layout.earlyOf(test)
      const all = of(test)
      if (early >= 0.99 * all) return ', all of it in files loaded before the first request'
      if (early <= 0.01 * all) return ', none of it loaded before the first request'
      return `, ${pct(early)} of the bundle in files loaded before the first request`
    }
    const early = (test) => !layout.early || layout.earlyOf(test) > 0.01 * of(test)
    const top = b.packages.slice(0, 4).map((item) => `${item.name} ${pct(item.bytes)}`)
    const locales = b.files.filter((file) => file.package === 'zod' && /locales\//.test(file.file) && file.bytes > 0)
    const trims = []
    const trim = (test, text) => trims.push({ bytes: of(test), text: text(pct(of(test)), where(test)) })
    const isUndici = (file) => file.package === 'undici'
    if (of(isUndici) > 0) {
      trim(
        isUndici,
        (share, at) =>
          `undici (${share}${at}) comes from @actions/github, whose getOctokit() routes every request through undici's fetch and proxy agent: building the client from @octokit/core with the runtime's global fetch (plus plugin-paginate-rest, retry and throttling, as today) drops it — the cost is proxy support, which would then rest on the runtime (Node 24 honours HTTP(S)_PROXY with NODE_USE_ENV_PROXY=1)`
      )
    }
    const isLocale = (file) => locales.includes(file)
    if (of(isLocale) > 0.01 * b.chars) {
      trim(isLocale, (share, at) => `zod's ${locales.length} locale modules (${share} of the bundle${at}) ride along with \`import { z } from 'zod'\`: \`zod/mini\` (or \`zod/v4/core\` with only the English messages) keeps them out`)
    }
    // Deferring a package is advice only while it is still loaded before the first request.
    const isZodRest = (file) => file.package === 'zod' && !isLocale(file)
    if (of(isZodRest) > 0 && early(isZodRest)) trim(isZodRest, (share, at) => `the rest of zod (${share}${at}) only validates configs and rubrics; it could load after the first request, with the rubric loader`)
    const isRe2 = (file) => file.package === 're2js'
    if (of(isRe2) > 0 && early(isRe2)) trim(isRe2, (share, at) => `re2js (${share}, mostly Unicode tables${at}) is needed only for patterns; loading it on the first pattern compile, or precompiling the built-in presets' fixed patterns, keeps it off the start-up path`)
    const isSerialiser = (file) => file.package === 'mdast-util-to-markdown' || /to-markdown/.test(file.file)
    if (of(isSerialiser) > 0) trim(isSerialiser, (share, at) => `remark-gfm also registers Markdown *serialisers* (mdast-util-to-markdown and the gfm to-markdown halves, ${share}${at}) that a parser never calls: use micromark-extension-gfm + mdast-util-gfm's fromMarkdown extensions directly in src/engine/parse/markdown.ts`)
    const isRest = (file) => file.package === '@octokit/plugin-rest-endpoint-methods'
    if (of(isRest) > 0) trim(isRest, (share, at) => `@octokit/plugin-rest-endpoint-methods (${share}${at}) is the whole REST route table; \`octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', …)\` with @octokit/core needs none of it`)
    const isYaml = (file) => file.package === 'yaml'
    if (of(isYaml) > 0 && early(isYaml)) trim(isYaml, (share, at) => `yaml (${share}${at}) is only needed when a config file exists; a dynamic import defers it`)
    trims.sort((x, y) => y.bytes - x.bytes)
    n.push(
      `Bundle: the largest contributors to the action's ${b.outputs.length} files are ${top.join(', ')}.` +
        (trims.length > 0 ? ` Concrete trims, largest first: ${trims.map((item, index) => `(${String.fromCharCode(97 + index)}) ${item.text}`).join('; ')}.` : '')
    )
  }
  if (t.profile) {
    const pr = t.profile
    const share = (value) => `${((100 * value) / pr.totalMs).toFixed(0)} %`
    const re2 = pr.groups.find((group) => group.name.startsWith('re2js'))?.ms ?? 0
    const gc = pr.groups.find((group) => group.name === 'garbage collection')?.ms ?? 0
    const parser = pr.groups.find((group) => group.name.startsWith('Markdown parser'))?.ms ?? 0
    const own = pr.groups.filter((group) => group.name.startsWith('plan-gate')).reduce((sum, group) => sum + group.ms, 0)
    n.push(
      `Engine profile: the Markdown parser is ${share(parser)} of the engine's CPU, garbage collection ${share(gc)}, re2js ${share(re2)} and plan-gate's own code ${share(own)}.` +
        (re2 > 0.05 * pr.totalMs
          ? ` re2js is driven mostly by ${pr.re2Callers.slice(0, 2).map((item) => `\`${item.name}\` (${ms(item.ms)} ms)`).join(' and ')}: where that is a scan for literal placeholders, a native \`includes\`/\`indexOf\` prefilter per span (or a JavaScript RegExp, which is linear for an escaped literal) keeps the linear-time guarantee and skips RE2 for nearly every span.`
          : ` re2js is no longer a hot spot (${share(re2)}).`) +
        (pr.re2Callers.find((item) => item.name.startsWith('compile') && item.ms > 50)
          ? ` Compiling RE2 patterns costs ${ms(pr.re2Callers.find((item) => item.name.startsWith('compile')).ms)} ms per process, paid by every CLI and action run even with one plan: compile each pattern once (validation in src/rubric/resolve.ts and the lookup both compile today), lazily on first use, and prefer a JavaScript RegExp where a pattern is provably linear.`
          : '') +
        (pr.autolinkMs > 0.03 * pr.totalMs
          ? ` GFM autolink literals cost ${share(pr.autolinkMs)} (tokenizer plus remark-gfm's find-and-replace pass over every text node); the plan model (src/engine/model.ts) reads GFM tables and task items but has no case for link nodes, so src/engine/parse/markdown.ts could compose micromark-extension-gfm-table and -task-list-item (plus -strikethrough if wanted) with their mdast-util-gfm-* halves instead of all of remark-gfm, once a test confirms no finding changes on the corpus — that alone would put the engine's parse below the floor defined here.`
          : '')
    )
  }
  const inRatio = t.totalEngineCpu / t.totalBareCpu
  if (inRatio > 1.3) {
    const model = ph.corpus.modelMs + ph.large.modelMs
    const rules = ph.corpus.rulesMs + ph.large.rulesMs
    n.push(
      `Goal 1 (in-process, CPU) missed by ${((inRatio / 1.3 - 1) * 100).toFixed(0)} % (${inRatio.toFixed(2)}× against 1.3×). The phase table says where: the parse is ${((100 * parse) / (parse + rest)).toFixed(0)} % of the engine's CPU and cannot go below the floor with this parser; the model walk is ${((100 * model) / (parse + rest)).toFixed(0)} % and the rules ${((100 * rules) / (parse + rest)).toFixed(0)} %, mostly the lookups they share. Beyond that, the in-process figure includes the worker pool's own cost (starting workers that each load the engine, copying texts and results between threads), which the phase run does not have.`
    )
  }
  if (!t.whole.cli) {
    // nothing to say about the whole process
  } else if (t.whole.cli.wallMs > 1.3 * t.whole.bare.wallMs) {
    n.push(
      `Goal 1 (whole process, wall) missed by ${((t.whole.cli.wallMs / t.whole.bare.wallMs / 1.3 - 1) * 100).toFixed(0)} % although the engine alone beats the floor in-process (${ratio(t.totalEngineCpu, t.totalBareCpu)} CPU): the gap is the CLI's checking in workers.${poolAdvice(pool)}`
    )
  }
  if (!peer.skipped) {
    n.push(
      `Peer: markdownlint-cli2 runs its ~50 rules on micromark's token stream, without building an mdast tree; plan-gate runs remark (micromark plus the mdast conversion) and then its rubric rules, so both pay for micromark and the difference is mdast plus rules against markdownlint's rules. ${peer.cli.wallMs < peer.peer.wallMs ? 'plan-gate is faster' : `plan-gate is slower by ${ms(peer.cli.wallMs - peer.peer.wallMs)} ms (${ratio(peer.cli.wallMs, peer.peer.wallMs)})`} whole process to whole process, and uses ${ratio(peer.cli.cpuMs, peer.peer.cpuMs)} its CPU time${Number.isFinite(peer.planCount) && peer.planCount !== peer.linted ? `; note the file counts differ (${peer.planCount} vs ${peer.linted})` : ''}. ${peer.cli.wallMs < peer.peer.wallMs ? '' : `The engine's own cost in-thread (${ms(t.totalEngineCpu)} CPU ms) is ${ratio(t.totalEngineCpu, peer.peer.cpuMs)} markdownlint-cli2's whole process, so what the CLI spends beyond the engine (the pool, reading, output: see the CLI breakdown and the worker pool table) decides this comparison.`}`
    )
  }
  if (!api.skipped) {
    for (const row of api.rows) {
      if (row.error) n.push(`API cost (P=${row.plans}, F=${row.files}) could not be measured: ${row.error}`)
      else if (row.first.status === null || row.first.requests === 0) n.push(`API cost (P=${row.plans}, F=${row.files}): the action made no request (exit ${row.first.status}): ${row.first.stderr}`)
    }
    const big = api.rows.find((row) => !row.error && row.files > 3000)
    if (big) {
      const pages = Math.ceil(big.files / 100)
      n.push(
        `API cost past 3,000 files: the pull-request files listing stops at 3,000 (30 pages), so for F=${big.files} the action reads 30 pages and then completes the list from a compare and the git trees instead of the ${pages} pages the formula assumes; it made ${big.first.requests} requests in all: ${big.first.routes.join(', ')}.`
      )
    }
  }
  const one = counts.find((row) => row.files === 1)
  if (one?.cli && ph.corpus.bytes > 0 && Number.isFinite(cold.cold.cliVersion)) {
    const rate = (ph.corpus.decodeMs + ph.corpus.parseMs + ph.corpus.modelMs + ph.corpus.rulesMs) / ph.corpus.bytes
    const own = rate * one.bytes
    const overhead = one.cli.wallMs - cold.cold.cliVersion - own
    if (overhead > 50) {
      n.push(
        `Fixed cost per run: the CLI checks one ${size(one.bytes)} plan in ${ms(one.cli.wallMs)} ms against ${ms(cold.cold.cliVersion)} ms for \`cli.js --version\` (Node start plus bundle load); the plan's own decode, parse, model and rules come to ~${ms(own)} ms at the phase run's rate and ${ms(one.engineMs)} ms in-thread, in-process. The other ~${ms(overhead)} ms is per-run overhead: config and rubric loading (zod, YAML, compiling the RE2 patterns)${existsSync(path.join(BUILD, 'src', 'runner', 'pool.js')) ? ' and starting the worker pool, where each worker loads and compiles the whole bundle before its first plan' : ''}. The action typically checks one to three plans, so for it this overhead is most of the check: start the worker(s) at the very beginning of the run, in parallel with the GitHub requests (or the CLI's directory walk), so their start-up overlaps I/O instead of following it; ${cold.action.length > 1 ? "the action's workers already import only the engine's chunks of dist/index.js, but the CLI's load the whole of dist/cli.js: an entry of their own that imports only the engine would spare them the reporters and zod" : 'give workers an entry that imports only the engine, not the reporters, Octokit or zod'}; and for a single small plan consider one worker rather than one per core.`
      )
    }
  }
  for (const [name, rows] of [
    ['size', sizes],
    ['count', counts]
  ]) {
    const refused = rows.filter((row) => row.tooLarge || row.unparseable)
    if (refused.length > 0) n.push(`Scaling by ${name}: ${refused.map((row) => row.label).join(', ')} had plan-too-large or plan-unparseable findings, so their time is not a full check.`)
  }
}

(flag('--goals') ? goalsOnly() : main()).catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})

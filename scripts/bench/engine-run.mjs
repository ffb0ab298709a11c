// plan-gate's engine in-process, imported from the bench's tsc build (.bench/tsc), on
// the same files as the parse floor. Prints one JSON line.
//
//   node scripts/bench/engine-run.mjs <build> <root> <list.json> check    checkPlans() per group, as the CLI calls it, plus the JSON render
//   node scripts/bench/engine-run.mjs <build> <root> <list.json> phases [stride]
//                                        one plan at a time: decode, parse, model, rules, each timed (every stride-th file of a group)
//
// Plans get the rubric the CLI would give them: <root>/.github/plan-gate.yml
// when it exists, else the built-in defaults.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [build, root, listFile, mode = 'check', stride = '1'] = process.argv.slice(2)
const load = (module) => import(pathToFileURL(path.join(build, 'src', module)).href)

const loadStarted = performance.now()
const [config_, runner, check, model, parse, report, files_, registry] = await Promise.all([
  load('rubric/config.js'),
  load('runner/check-plans.js'),
  load('engine/check.js'),
  load('engine/model.js'),
  load('engine/parse/markdown.js'),
  load('report/index.js'),
  load('workspace/files.js'),
  load('engine/rules/index.js')
])
const configPath = path.join(root, '.github', 'plan-gate.yml')
let configText = null
try {
  configText = readFileSync(configPath, 'utf8')
} catch {}
const config = await config_.loadConfig('.github/plan-gate.yml', configText, files_.repoFileReader(root))
const generic = (await config_.builtInConfig()).mappings.find((mapping) => mapping.rubric.name === 'generic').rubric
const loadMs = performance.now() - loadStarted
const rssAfterLoadKiB = process.resourceUsage().maxRSS
// The parse floor's parser, for the phase run; loaded after the figures above so they stay plan-gate's own.
const { unified } = await import('unified')
const floorParser = unified()
  .use((await import('remark-parse')).default)
  .use((await import('remark-gfm')).default)

const groups = JSON.parse(readFileSync(listFile, 'utf8'))
const jobsOf = (files) =>
  files.map((file) => {
    const choice = config_.rubricFor(config, file) ?? { rubric: generic, reason: 'named' }
    return { file, content: readFileSync(path.join(root, file)), rubric: choice.rubric, rubricSource: choice.reason }
  })
// In this thread, like the floor: the engine's own cost. The worker pool (and
// its start-up) is measured where it ships, in the whole CLI process.
// BENCH_WORKER_SCRIPT (with BENCH_MAX_WORKERS, BENCH_WORKER_HEAP_MB) puts the pool back, for measuring what it costs.
const pool = process.env.BENCH_WORKER_SCRIPT
  ? {
      workerScript: pathToFileURL(process.env.BENCH_WORKER_SCRIPT),
      ...(process.env.BENCH_MAX_WORKERS ? { maxWorkers: Number(process.env.BENCH_MAX_WORKERS) } : {}),
      ...(process.env.BENCH_WORKER_HEAP_MB ? { workerHeapMb: Number(process.env.BENCH_WORKER_HEAP_MB) } : {})
    }
  : { workerScript: null }
const options = { failOn: 'error', maxPlanBytes: config.maxPlanBytes, parseTimeoutMs: config.parseTimeoutMs, ...pool }
const out = {}
// CPU time as well as wall time: on a shared machine the wall clock also counts time spent descheduled.
const cpuMs = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

if (mode === 'check') {
  for (const [name, files] of Object.entries(groups)) {
    const jobs = jobsOf(files)
    const started = performance.now()
    const cpuStarted = cpuMs()
    const result = await runner.checkPlans(jobs, options)
    const checkMs = performance.now() - started
    const checkCpuMs = cpuMs() - cpuStarted
    const renderStarted = performance.now()
    const json = report.renderJson(result)
    const renderMs = performance.now() - renderStarted
    const rules = {}
    for (const plan of result.plans) for (const finding of plan.findings) rules[finding.ruleId] = (rules[finding.ruleId] ?? 0) + 1
    out[name] = {
      files: jobs.length,
      bytes: jobs.reduce((sum, job) => sum + job.content.length, 0),
      ms: checkMs,
      cpuMs: checkCpuMs,
      renderMs,
      rssKiB: process.resourceUsage().maxRSS,
      jsonBytes: json.length,
      plans: result.plans.length,
      failing: result.plans.filter((plan) => plan.verdict === 'FAIL').length,
      findings: Object.values(rules).reduce((a, b) => a + b, 0),
      unparseable: rules['plan-unparseable'] ?? 0,
      tooLarge: rules['plan-too-large'] ?? 0
    }
  }
} else {
  // Parse everything, build every model (which parses again), run the rules,
  // parse everything again: the parse is the mean of the two parse passes so
  // JIT drift does not favour one phase, and the model's own share is
  // buildModel() less that.
  const every = Number(stride)
  for (const [name, files] of Object.entries(groups)) {
    const jobs = jobsOf(files.filter((_, index) => index % every === 0))
    const texts = []
    // Whole passes timed by process CPU time (the wall clock also counts time spent descheduled).
    const pass = (work) => {
      const begin = cpuMs()
      work()
      return cpuMs() - begin
    }
    const decodeMs = pass(() => {
      for (const job of jobs) {
        const decoded = check.decodePlan(job.content, options.maxPlanBytes)
        if (decoded.ok && !check.nestingGuard(decoded.text)) texts.push({ job, text: decoded.text })
      }
    })
    const parsePass = () => pass(() => texts.forEach(({ text }) => parse.parseMarkdown(text)))
    // The floor's parser (all of remark-gfm), on the same texts: plan-gate's registers only the GFM
    // constructs its model reads, so the two parses differ and the floor ratio should say by how much.
    const floorPass = () => pass(() => texts.forEach(({ text }) => floorParser.parse(text)))
    // Untimed warm-up of every phase, so the first timed pass is not the one paying for the JIT.
    parsePass()
    floorPass()
    const floorA = floorPass()
    for (const { job, text } of texts.slice(0, 20)) check.checkModel(job.file, model.buildModel(text), { rubric: job.rubric, rubricSource: job.rubricSource, failOn: 'error', maxPlanBytes: options.maxPlanBytes })
    const parseA = parsePass()
    const models = []
    const buildMs = pass(() => texts.forEach(({ text }) => models.push(model.buildModel(text))))
    const rulesMs = pass(() =>
      texts.forEach(({ job }, index) => check.checkModel(job.file, models[index], { rubric: job.rubric, rubricSource: job.rubricSource, failOn: 'error', maxPlanBytes: options.maxPlanBytes }))
    )
    // Each rule alone on the same models: lookups the rules share are cached on
    // the model by now, so this is each rule's own cost, and rulesMs less their
    // sum is the shared lookups plus stamping and the verdict.
    const perRule = {}
    for (const rule of registry.rules) {
      perRule[rule.id] = pass(() =>
        texts.forEach(({ job }, index) => {
          if (job.rubric.rules[rule.id] === 'off') return
          try {
            rule.check({ model: models[index], rubric: job.rubric, findings: [], report: () => {} })
          } catch {}
        })
      )
    }
    const parseB = parsePass()
    const floorB = floorPass()
    const parseMs = (parseA + parseB) / 2
    out[name] = { files: jobs.length, bytes: jobs.reduce((sum, job) => sum + job.content.length, 0), decodeMs, parseMs, floorParseMs: (floorA + floorB) / 2, modelMs: Math.max(0, buildMs - parseMs), rulesMs, parsePasses: [parseA, parseB], perRule }
  }
}
console.log(JSON.stringify({ mode, loadMs, rssAfterLoadKiB, maxRssKiB: process.resourceUsage().maxRSS, groups: out }))
// A worker pool may keep the event loop alive; the measurement is done.
process.exit(0)

// Plans built to hurt the gate: pathological nesting, huge shapes, parser
// worst cases, whitespace runs aimed at regular expressions, bad encodings.
// The hardening tests import the generators and assert what the gate decides;
// the benchmark (and this script) writes them out and times `plan-gate check`
// on each, so the cost table in SECURITY.md can be reproduced:
//
//   node scripts/hostile-plans.mjs list
//   node scripts/hostile-plans.mjs write <dir>        one directory per case
//   node scripts/hostile-plans.mjs measure [--cli dist/cli.js] [--only name,name] [--parse-timeout ms]
//
// Each case is one plan file checked against the spec-dev preset. Most start
// from the passing example plan and inject the hostile construct into one of
// its sections, so that every rule still has real work to do and the plan
// still declares "Gate: PASS": whatever the construct does, the gate must not
// pass by accident.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const MiB = 1024 * 1024

/** Where the built-in config sends a plan to the spec-dev preset. */
export const PLAN_PATH = '.spec-dev/active-dev/active-plan.md'

let basePlan
/** The passing spec-dev example, the host every injected construct lives in. */
export function passingPlan() {
  basePlan ??= readFileSync(path.join(ROOT, 'examples/spec-dev/pass-complete.md'), 'utf8')
  return basePlan
}

/** The passing plan with `block` placed at the end of the section whose heading contains `section`. */
export function inject(section, block) {
  const lines = passingPlan().split('\n')
  const start = lines.findIndex((line) => line.startsWith('## ') && line.includes(section))
  if (start < 0) throw new Error(`no section "${section}" in the example plan`)
  let end = lines.findIndex((line, index) => index > start && line.startsWith('## '))
  if (end < 0) end = lines.findIndex((line) => line.startsWith('Gate:'))
  return [...lines.slice(0, end), '', block, '', ...lines.slice(end)].join('\n')
}

const repeatLines = (count, line) => Array.from({ length: count }, (_, index) => line(index + 1)).join('\n')

/**
 * expect.verdict and expect.rules describe the correct outcome; a case with
 * `mayTimeOut` is one a slow machine may not finish within the budget, where
 * a FAIL with only plan-unparseable (plus gate findings) is accepted too.
 * `maxPlanBytes` raises the size cap for the case (written to a config file).
 */
export const hostileCases = [
  {
    name: 'nested-lists-one-line',
    what: '20,000 list markers on one line (`- - - … item`)',
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', `${'- '.repeat(20_000)}deep item`)
  },
  {
    name: 'nested-lists-2000',
    what: '2,000 list markers on one line: parses in about 2 s unguarded',
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', `${'- '.repeat(2_000)}deep item`)
  },
  {
    name: 'nested-lists-indented',
    what: 'a list nested 900 levels deep by indentation, one level per line (what fits in 1 MiB)',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Key Decisions', repeatLines(900, (level) => `${'  '.repeat(level - 1)}- level ${level}`))
  },
  {
    name: 'nested-quotes-one-line',
    what: '20,000 block-quote markers on one line',
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', `${'>'.repeat(20_000)} deep quote`)
  },
  {
    name: 'nested-quotes-stairs',
    what: 'block quotes nested one level deeper on each of 1,400 lines',
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', repeatLines(1_400, (level) => `${'>'.repeat(level)} quote ${level}`))
  },
  {
    name: 'long-line',
    what: 'one 8 MiB line of prose (size cap raised to 16 MiB)',
    maxPlanBytes: 16 * MiB,
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Architecture', 'The export worker reads invoices and uploads them. '.repeat(Math.ceil((8 * MiB) / 51)).trim())
  },
  {
    name: 'long-line-emphasis',
    what: 'one 2 MiB line of `*a` (emphasis openers; the parser is quadratic in them), cap raised to 4 MiB',
    maxPlanBytes: 4 * MiB,
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', '*a'.repeat(MiB))
  },
  {
    name: 'headings-50k',
    what: '50,000 headings (level 3) inside one section',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Testing', repeatLines(50_000, (n) => `### Step ${n}`))
  },
  {
    name: 'gates-50k',
    what: '50,000 `Gate: PASS` lines',
    // The PASS they declare is contradicted by their own gate-multiple errors.
    expect: { verdict: 'FAIL', rules: ['gate-contradiction', 'gate-multiple'] },
    mayTimeOut: true,
    generate: () => inject('Testing', repeatLines(50_000, () => 'Gate: PASS\n'))
  },
  {
    name: 'table-5000-columns',
    what: 'the risks table with 5,000 columns and 40 rows (840 KB)',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => {
      const header = Array.from({ length: 4_995 }, (_, index) => `c${index + 6}`)
      const filler = header.map(() => 'x')
      const row = (cells, extra = filler) => `| ${[...cells, ...extra].join(' | ')} |`
      const table = [
        row(['Risk', 'Likelihood', 'Impact', 'Mitigation', 'Owner'], header),
        `|${'---|'.repeat(5_000)}`,
        row(['Queue starvation (architecture)', 'Low', 'Medium', 'Concurrency limits', 'Billing team']),
        row(['Partial invoice read (data)', 'Medium', 'High', 'Read finalised only', 'Billing team']),
        row(['Leaked credential (security)', 'Low', 'High', 'Vault and rotation', 'Security team']),
        row(['Missed deadline (operations)', 'Medium', 'Medium', 'Alert and re-run', 'Platform team']),
        ...Array.from({ length: 36 }, (_, index) => row([`Risk ${index + 5} (operations)`, 'Low', 'Low', 'Runbook', 'Platform team']))
      ].join('\n')
      return passingPlan().replace(/\| Risk \| Likelihood[\s\S]*?\n\n/, `${table}\n\n`)
    }
  },
  {
    name: 'tasks-100k',
    what: '100,000 unticked task items in the readiness checklist',
    expect: { verdict: 'FAIL', rules: ['checklist-unchecked', 'gate-contradiction'] },
    mayTimeOut: true,
    generate: () => inject('Readiness', repeatLines(100_000, () => '- [ ] t'))
  },
  {
    name: 'emphasis-soup-32k',
    what: 'the 4-character run ``*_[` `` 8,000 times (32 KB): about 3 s of parsing',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Architecture', '*_[`'.repeat(8_000))
  },
  {
    name: 'emphasis-soup-1m',
    what: 'the run ``*_[` `` 250,000 times (1 MB): far past any budget',
    expect: { verdict: 'FAIL', rules: ['plan-unparseable'] },
    generate: () => inject('Architecture', '*_[`'.repeat(250_000))
  },
  {
    name: 'link-definitions',
    what: '100,000 link reference definitions (`[a]: b`)',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Artifacts', repeatLines(100_000, (n) => `[r${n}]: https://example.com/${n}`).slice(0, 1_000_000))
  },
  {
    name: 'whitespace-runs',
    what: 'a 300,000-space run after `Gate:` and a 300,000 no-break-space line (regular-expression backtracking bait)',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Architecture', `Gate:${' '.repeat(300_000)}pending review\n\n${'\u00A0'.repeat(300_000)}x`)
  },
  {
    name: 'heading-whitespace',
    what: 'a heading with a 500,000-space run in its title, over a placeholder (the finding carries the title to every renderer)',
    expect: { verdict: 'FAIL', rules: ['placeholder', 'gate-contradiction'] },
    mayTimeOut: true,
    generate: () => inject('Testing', `### Rollout ${' '.repeat(500_000)} notes\n\nNEEDS CLARIFICATION`)
  },
  {
    name: 'placeholder-flood',
    what: '200,000 `TBD` on one line of a section that counts its words (TBD is a warning in spec-dev)',
    expect: { verdict: 'PASS', rules: ['placeholder'] },
    mayTimeOut: true,
    generate: () => inject('Architecture', 'TBD '.repeat(200_000).trim())
  },
  {
    name: 'fields-over-lists',
    what: '30,000 labelled fields whose value is the list under them (`**Owner**:` then `- x`)',
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Testing', repeatLines(30_000, (n) => `**Owner ${n}**:\n- team ${n}\n`))
  },
  {
    name: 'blank-lines',
    what: '1,000,000 empty lines',
    maxPlanBytes: 2 * MiB,
    expect: { verdict: 'PASS', rules: [] },
    mayTimeOut: true,
    generate: () => inject('Testing', '\n'.repeat(1_000_000))
  },
  {
    name: 'nul-bytes',
    what: 'binary data: the plan with NUL bytes in it',
    expect: { verdict: 'FAIL', rules: ['plan-encoding'] },
    generate: () => Buffer.concat([Buffer.from(passingPlan()), Buffer.alloc(1024)])
  },
  {
    name: 'invalid-utf8',
    what: 'invalid UTF-8 (a lone continuation byte in the middle of the plan)',
    expect: { verdict: 'FAIL', rules: ['plan-encoding'] },
    generate: () => {
      const text = Buffer.from(passingPlan())
      return Buffer.concat([text.subarray(0, 2_000), Buffer.from([0xc3, 0x28, 0xa0]), text.subarray(2_000)])
    }
  },
  {
    name: 'too-large',
    what: 'a 2 MiB plan under the default 1 MiB cap',
    expect: { verdict: 'FAIL', rules: ['plan-too-large'] },
    generate: () => inject('Architecture', 'padding '.repeat(2 * 131_072))
  }
]

export function hostileCase(name) {
  const found = hostileCases.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no hostile case "${name}"`)
  return found
}

/**
 * Writes `<dir>/<case>/` with the plan at PLAN_PATH and, when the case raises
 * the size cap or a parse budget is given, a config saying so.
 */
export function writeCase(dir, hostile, parseTimeoutMs) {
  const caseDir = path.join(dir, hostile.name)
  rmSync(caseDir, { recursive: true, force: true })
  mkdirSync(path.join(caseDir, path.dirname(PLAN_PATH)), { recursive: true })
  const content = hostile.generate()
  writeFileSync(path.join(caseDir, PLAN_PATH), content)
  if (hostile.maxPlanBytes || parseTimeoutMs) {
    const limits = [
      hostile.maxPlanBytes ? `  maxPlanBytes: ${hostile.maxPlanBytes}\n` : '',
      parseTimeoutMs ? `  parseTimeoutMs: ${parseTimeoutMs}\n` : ''
    ].join('')
    mkdirSync(path.join(caseDir, '.github'), { recursive: true })
    writeFileSync(path.join(caseDir, '.github/plan-gate.yml'), `plans:\n  - files: "${PLAN_PATH}"\n    rubric: spec-dev\nlimits:\n${limits}`)
  }
  return { dir: caseDir, bytes: Buffer.byteLength(content) }
}

/** Runs `node <cli> check --format json` in the case directory; wall time and the process's peak RSS (workers included). */
export function measureCase(dir, cli) {
  const args = [cli, 'check', '--format', 'json', PLAN_PATH]
  const timer = existsSync('/usr/bin/time')
  const started = process.hrtime.bigint()
  const run = timer
    ? spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: dir, maxBuffer: 1024 * MiB, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: dir, maxBuffer: 1024 * MiB, encoding: 'utf8' })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const lastLine = run.stderr.trim().split('\n').pop() ?? ''
  const peakKiB = timer ? Number(lastLine.split(' ')[1]) : NaN
  let verdict = '?'
  let rules = []
  try {
    const report = JSON.parse(run.stdout)
    verdict = report.verdict
    rules = [...new Set(report.plans.flatMap((plan) => plan.findings.map((finding) => finding.ruleId)))]
  } catch {
    verdict = `exit ${run.status}`
  }
  return { status: run.status, seconds, peakMiB: peakKiB / 1024, verdict, rules }
}

function main(argv) {
  const [command = 'list', ...rest] = argv
  const option = (name, fallback) => {
    const at = rest.indexOf(name)
    return at >= 0 ? rest[at + 1] : fallback
  }
  const only = option('--only', '')
    .split(',')
    .filter(Boolean)
  const cases = only.length > 0 ? only.map(hostileCase) : hostileCases
  if (command === 'list') {
    for (const hostile of cases) console.log(`${hostile.name.padEnd(24)} ${hostile.what}`)
    return
  }
  if (command === 'write') {
    const dir = path.resolve(rest.find((arg) => !arg.startsWith('--')) ?? 'build/hostile-plans')
    for (const hostile of cases) console.log(`${writeCase(dir, hostile).dir}`)
    return
  }
  if (command === 'measure') {
    const cli = path.resolve(option('--cli', path.join(ROOT, 'dist/cli.js')))
    // A long budget shows what each case really costs; the default (10 s) shows what the gate does in practice.
    const parseTimeoutMs = Number(option('--parse-timeout', '0')) || undefined
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-gate-hostile-'))
    console.log(`node ${process.version}, ${path.relative(process.cwd(), cli) || cli}, parse budget ${parseTimeoutMs ? `${parseTimeoutMs} ms` : 'default'}`)
    console.log('| Case | Plan size | Verdict | Findings | Time (s) | Peak RSS (MiB) |')
    console.log('|---|---:|---|---|---:|---:|')
    try {
      for (const hostile of cases) {
        const written = writeCase(dir, hostile, parseTimeoutMs)
        const result = measureCase(written.dir, cli)
        const size = written.bytes >= MiB ? `${(written.bytes / MiB).toFixed(1)} MiB` : `${(written.bytes / 1024).toFixed(0)} KiB`
        console.log(`| ${hostile.name} | ${size} | ${result.verdict} | ${result.rules.join(', ')} | ${result.seconds.toFixed(2)} | ${result.peakMiB.toFixed(0)} |`)
        rmSync(written.dir, { recursive: true, force: true })
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    return
  }
  throw new Error(`unknown command "${command}"; use list, write or measure`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2))

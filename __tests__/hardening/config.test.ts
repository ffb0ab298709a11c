// Configuration a pull request cannot change (it is read from the base
// branch) but that may still be careless or hostile: every problem must be a
// located config error (file:line:col), the CLI must exit 2 with the message
// on stderr and no stack trace, and no plan may be reported as passing.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../../src/rubric/config.js'
import { ConfigError, formatProblem, type ConfigProblem } from '../../src/rubric/errors.js'
import { collectFiles, repoFileReader } from '../../src/workspace/files.js'
import { passingPlan } from '../../scripts/hostile-plans.mjs'
import { distWorker, runCli } from './support.js'

const CONFIG = '.github/plan-gate.yml'
const USES_GENERIC = 'plans:\n  - files: "**/plan.md"\n    rubric: generic\n'

type Tree = Record<string, string | { link: string }>

interface Case {
  name: string
  tree: Tree
  /** file:line:col and message of the first problem. */
  at: string
  message: RegExp
}

function billionLaughs(): string {
  const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
  for (let level = 1; level < 9; level++) {
    const name = String.fromCharCode(97 + level)
    const previous = String.fromCharCode(96 + level)
    levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(', ')}]`)
  }
  return `${levels.join('\n')}\n${USES_GENERIC}`
}

const CASES: Case[] = [
  { name: 'a YAML alias bomb ("billion laughs")', tree: { [CONFIG]: billionLaughs() }, at: `${CONFIG}:2:8`, message: /invalid YAML: its aliases expand too far/ },
  {
    name: 'an alias bomb in a rubric file',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/bomb.yml\n', 'rubrics/bomb.yml': `x: &x [1, 1, 1, 1, 1, 1, 1, 1]\n${Array.from({ length: 8 }, (_, i) => `y${i}: &y${i} [${i === 0 ? '*x, *x, *x, *x, *x, *x, *x, *x' : `*y${i - 1}, *y${i - 1}, *y${i - 1}, *y${i - 1}, *y${i - 1}, *y${i - 1}, *y${i - 1}, *y${i - 1}`}]`).join('\n')}\n` },
    at: 'rubrics/bomb.yml:2:10',
    message: /invalid YAML: its aliases expand too far/
  },
  { name: 'a config over 256 KiB', tree: { [CONFIG]: `${USES_GENERIC}# ${'x'.repeat(300 * 1024)}\n` }, at: `${CONFIG}:1:1`, message: /^file is \d+ bytes; the limit is 262144 bytes$/ },
  {
    name: 'a rubric file over 256 KiB',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/big.yml\n', 'rubrics/big.yml': `name: big\n# ${'x'.repeat(300 * 1024)}\n` },
    at: 'rubrics/big.yml:1:1',
    message: /^file is \d+ bytes; the limit is 262144 bytes$/
  },
  { name: 'YAML nested 50,000 deep', tree: { [CONFIG]: `plans: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n` }, at: `${CONFIG}:1:`, message: /invalid YAML/ },
  { name: 'invalid YAML', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md\n    rubric: generic\n' }, at: `${CONFIG}:4:1`, message: /^invalid YAML: Missing closing "quote/ },
  { name: 'a duplicate key', tree: { [CONFIG]: `${USES_GENERIC}plans: []\n` }, at: `${CONFIG}:4:1`, message: /^invalid YAML: Map keys must be unique/ },
  { name: 'an empty config', tree: { [CONFIG]: '# nothing\n' }, at: `${CONFIG}:1:1`, message: /the config file is empty/ },
  { name: 'a config that is a list', tree: { [CONFIG]: '- generic\n' }, at: `${CONFIG}:1:1`, message: /expected object, got a list/ },
  { name: 'an unknown top-level key', tree: { [CONFIG]: 'plan:\n  - files: "**/plan.md"\n    rubric: generic\n' }, at: `${CONFIG}:1:1`, message: /unknown key "plan"; did you mean "plans"\?/ },
  { name: 'an unknown key in a mapping', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubrc: generic\n' }, at: `${CONFIG}:2:5`, message: /unknown key "rubrc"; did you mean "rubric"\?/ },
  { name: 'an unknown limit', tree: { [CONFIG]: `${USES_GENERIC}limits:\n  parseTimeoutMS: 5000\n` }, at: `${CONFIG}:5:3`, message: /unknown key "parseTimeoutMS"; did you mean "parseTimeoutMs"\?/ },
  {
    name: 'an unknown key in a rubric file',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n', 'rubrics/team.yml': 'extends: generic\nsectons: []\n' },
    at: 'rubrics/team.yml:2:1',
    message: /unknown key "sectons"; did you mean "sections"\?/
  },
  {
    name: 'an unknown rule id',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      rules:\n        placeholdr: off\n' },
    at: `${CONFIG}:6:9`,
    message: /unknown rule "placeholdr"; did you mean "placeholder"\?/
  },
  { name: 'a number where a glob belongs', tree: { [CONFIG]: 'plans:\n  - files: 42\n    rubric: generic\n' }, at: `${CONFIG}:2:12`, message: /expected string, got number 42/ },
  { name: 'a string where a number belongs', tree: { [CONFIG]: `${USES_GENERIC}limits:\n  parseTimeoutMs: ten\n` }, at: `${CONFIG}:5:19`, message: /expected number, got string "ten"/ },
  { name: 'a timeout below the minimum', tree: { [CONFIG]: `${USES_GENERIC}limits:\n  parseTimeoutMs: 1\n` }, at: `${CONFIG}:5:19`, message: /100/ },
  {
    name: 'a severity that does not exist',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      rules:\n        placeholder: fatal\n' },
    at: `${CONFIG}:6:22`,
    message: /expected one of "error", "warning", "off"/
  },
  ...[
    ['__proto__: off', /unknown rule "__proto__"/],
    ['__proto__: { placeholder: off }', /unknown rule "__proto__"/],
    ['constructor: off', /unknown rule "constructor"/],
    ['hasOwnProperty: off', /unknown rule "hasOwnProperty"/],
    ['toString: warning', /unknown rule "toString"/],
    ['Placeholder: off', /unknown rule "Placeholder"; did you mean "placeholder"\?/]
  ].map(([entry, message]) => ({
    name: `a rule key that is not a rule id (rules: { ${entry as string} })`,
    tree: { [CONFIG]: `plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      rules:\n        ${entry as string}\n` },
    at: `${CONFIG}:6:9`,
    message: message as RegExp
  })),
  {
    name: 'a prototype key smuggled in through a YAML merge key',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      rules:\n        <<: { __proto__: { placeholder: off } }\n' },
    at: `${CONFIG}:6:9`,
    message: /"<<" \(a YAML merge key\) is not supported here/
  },
  {
    name: 'a merge key in place of rule ids',
    tree: { [CONFIG]: 'plans:\n  - files: "docs/**"\n    rubric: { extends: generic, rules: &quiet { placeholder: off } }\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      rules:\n        <<: *quiet\n' },
    at: `${CONFIG}:8:9`,
    message: /"<<" \(a YAML merge key\) is not supported here/
  },
  {
    name: 'a __proto__ key in a plan entry',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    __proto__: { rubric: generic }\n' },
    at: `${CONFIG}:3:5`,
    message: /"__proto__" is not allowed as a key/
  },
  {
    name: 'a __proto__ key in a rubric file\'s section',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n', 'rubrics/team.yml': 'extends: generic\nsections:\n  - id: cost\n    title: Cost\n    __proto__: { required: false }\n' },
    at: 'rubrics/team.yml:5:5',
    message: /"__proto__" is not allowed as a key/
  },
  {
    name: 'an empty content signature',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    when: {}\n    rubric: generic\n' },
    at: `${CONFIG}:3:11`,
    message: /needs "anyOf" or "allOf"/
  },
  {
    name: 'a content signature line pattern RE2 rejects',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    when:\n      anyOf:\n        - line: "(?<=x)y"\n    rubric: generic\n' },
    at: `${CONFIG}:5:17`,
    message: /invalid RE2 pattern/
  },
  {
    name: 'a content signature asking for more signs than it lists',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    when:\n      anyOf: [{ heading: Summary }]\n      atLeast: 2\n    rubric: generic\n' },
    at: `${CONFIG}:5:16`,
    message: /asks for 2 signs but "anyOf" lists 1/
  },
  {
    name: 'an unknown kind of content sign',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    when:\n      anyOf: [{ headng: Summary }]\n    rubric: generic\n' },
    at: `${CONFIG}:4:`,
    message: /unknown key "headng"; did you mean "heading"\?/
  },
  {
    name: 'an extends cycle',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/a.yml\n', 'rubrics/a.yml': 'extends: rubrics/b.yml\n', 'rubrics/b.yml': 'extends: rubrics/a.yml\n' },
    at: 'rubrics/b.yml:1:10',
    message: /"extends" cycle: rubrics\/a\.yml → rubrics\/b\.yml → rubrics\/a\.yml/
  },
  {
    name: 'a rubric that extends itself',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/a.yml\n', 'rubrics/a.yml': 'extends: ./rubrics/../rubrics/a.yml\n' },
    at: 'rubrics/a.yml:1:10',
    message: /"extends" cycle/
  },
  {
    name: 'extends of a missing file',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/a.yml\n', 'rubrics/a.yml': 'extends: [generic, rubrics/gone.yml]\n' },
    at: 'rubrics/a.yml:1:20',
    message: /rubric file "rubrics\/gone\.yml" not found/
  },
  { name: 'a missing rubric file', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/none.yml\n' }, at: `${CONFIG}:3:13`, message: /rubric file "rubrics\/none\.yml" not found/ },
  { name: 'a rubric path up and out (../../etc/passwd)', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: ../../etc/passwd\n' }, at: `${CONFIG}:3:13`, message: /"\.\.\/\.\.\/etc\/passwd" is outside the repository/ },
  { name: 'an absolute rubric path', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: /etc/passwd.yml\n' }, at: `${CONFIG}:3:13`, message: /is outside the repository/ },
  { name: 'a drive-letter rubric path', tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: "C:\\\\rubrics\\\\team.yml"\n' }, at: `${CONFIG}:3:13`, message: /is outside the repository/ },
  {
    name: 'extends out of the repository',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/a.yml\n', 'rubrics/a.yml': 'extends: ../../../etc/team.yml\n' },
    at: 'rubrics/a.yml:1:10',
    message: /is outside the repository/
  },
  { name: 'a glob up and out', tree: { [CONFIG]: 'plans:\n  - files: "../../**/plan.md"\n    rubric: generic\n' }, at: `${CONFIG}:2:12`, message: /is outside the repository; globs are relative to the repository root/ },
  { name: 'an absolute glob', tree: { [CONFIG]: 'plans:\n  - files: ["/etc/**"]\n    rubric: generic\n' }, at: `${CONFIG}:2:13`, message: /is outside the repository/ },
  {
    name: 'a rubric file that is a symbolic link out of the repository',
    tree: { [CONFIG]: 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n', 'rubrics/team.yml': { link: '/etc/hostname' } },
    at: `${CONFIG}:3:13`,
    message: /cannot read rubric file "rubrics\/team\.yml": rubrics\/team\.yml resolves outside the repository/
  },
  {
    name: '20,000 unknown keys',
    tree: { [CONFIG]: `${USES_GENERIC}limits:\n${Array.from({ length: 20_000 }, (_, i) => `  k${i}: 1`).join('\n')}\n` },
    at: `${CONFIG}:5:3`,
    message: /^more problems follow; only the first 100 are listed$|unknown key/
  },
  {
    name: '80,000 wrong list elements',
    tree: { [CONFIG]: `plans:\n  - files: [${Array.from({ length: 80_000 }, () => '1').join(',')}]\n    rubric: generic\n` },
    at: `${CONFIG}:2:`,
    message: /expected string, got (a list|number 1)/
  }
]

async function makeTree(tree: Tree): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'plan-gate-config-'))
  await mkdir(path.join(root, 'docs'), { recursive: true })
  await writeFile(path.join(root, 'docs/plan.md'), passingPlan())
  for (const [file, content] of Object.entries(tree)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    if (typeof content === 'string') await writeFile(path.join(root, file), content)
    else await symlink(content.link, path.join(root, file))
  }
  return root
}

async function configProblems(root: string, text: string): Promise<ConfigProblem[]> {
  try {
    await loadConfig(CONFIG, text, repoFileReader(root))
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems]
    throw error
  }
  throw new Error('the config loaded without error')
}

describe.each(CASES)('$name', ({ tree, at, message }) => {
  let root: string
  beforeAll(async () => {
    root = await makeTree(tree)
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('is a config error located at file:line:col', async () => {
    const problems = await configProblems(root, tree[CONFIG] as string)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.length).toBeLessThanOrEqual(101)
    const located = problems.map(formatProblem)
    expect(located[0]!.startsWith(at)).toBe(true)
    expect(problems.some((problem) => message.test(problem.message))).toBe(true)
    for (const line of located) expect(line).toMatch(/^[^:]+:\d+:\d+: /)
  }, 60_000)

  it('makes the CLI exit 2 with the error on stderr, no stack trace and no report', async () => {
    distWorker()
    const run = await runCli(['check'], root)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^plan-gate: configuration error — no plan was checked, and the gate fails:\n/)
    expect(run.stderr).toContain(`  ${at}`)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)
})

describe('scanning the working tree', () => {
  let root: string
  beforeAll(async () => {
    root = await makeTree({ [CONFIG]: USES_GENERIC, 'plans/real.md': passingPlan() })
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const scan = (operands: string[]) => collectFiles(root, operands, (repoPath) => repoPath.endsWith('plan.md'))

  it('reads a plan that is a link inside the repository under the link name', async () => {
    await mkdir(path.join(root, 'inside'), { recursive: true })
    await symlink('../plans/real.md', path.join(root, 'inside/plan.md'))
    try {
      const { files } = await scan(['.'])
      expect(files.map((file) => file.path)).toEqual(['docs/plan.md', 'inside/plan.md'])
      expect(files[1]!.absolute).toBe(await import('node:fs/promises').then((fs) => fs.realpath(path.join(root, 'plans/real.md'))))
    } finally {
      await rm(path.join(root, 'inside'), { recursive: true, force: true })
    }
  })

  it.each([
    ['out of the repository', '/etc/hostname', /^outside\/plan\.md:1:1: is a symbolic link to a file outside the repository/],
    ['to nothing', 'gone.md', /^outside\/plan\.md:1:1: is a symbolic link that leads nowhere/]
  ])('refuses a plan that is a link %s, by scan and by glob', async (_name, target, message) => {
    await mkdir(path.join(root, 'outside'), { recursive: true })
    await symlink(target, path.join(root, 'outside/plan.md'))
    try {
      for (const operands of [['.'], ['outside'], ['**/plan.md']]) {
        const error = await scan(operands).catch((caught: unknown) => caught)
        expect(error).toBeInstanceOf(ConfigError)
        expect(formatProblem((error as ConfigError).problems[0]!)).toMatch(message)
      }
      distWorker()
      const run = await runCli(['check'], root)
      expect(run.status).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(message.source.startsWith('^') ? new RegExp(`  ${message.source.slice(1)}`) : message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    } finally {
      await rm(path.join(root, 'outside'), { recursive: true, force: true })
    }
  }, 60_000)

  it('does not enter a linked directory, even one that loops', async () => {
    await symlink('..', path.join(root, 'plans/loop'))
    try {
      const { files } = await scan(['.'])
      expect(files.map((file) => file.path)).toEqual(['docs/plan.md'])
    } finally {
      await rm(path.join(root, 'plans/loop'), { force: true })
    }
  })
})

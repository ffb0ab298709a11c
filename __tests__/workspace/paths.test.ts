// Paths no one can see: a plan under a directory whose name holds a line
// break (LF, CR, U+2028) is still a plan, for the config's globs, the `files`
// input and the CLI's scan, and nothing a scan cannot read is left out quietly.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { selectPlans } from '../../src/action/select.js'
import { visiblePath } from '../../src/report/sanitize.js'
import { builtInConfig, loadConfig, rubricFor } from '../../src/rubric/config.js'
import { RubricLoader } from '../../src/rubric/load.js'
import { collectFiles, planCandidates, readPlanFile, ScanError, walk } from '../../src/workspace/files.js'

const generic = await new RubricLoader(async () => null).load('generic', null)
const HIDDEN_DIRECTORIES = ['line\nfeed', 'carriage\rreturn', 'line\u2028separator', 'para\u2029graph', 'both\r\n']

describe('globs match names with line breaks', () => {
  test.each(HIDDEN_DIRECTORIES)('the built-in mapping finds plans under %j', async (name) => {
    const config = await builtInConfig()
    expect(rubricFor(config, `.spec-dev/${name}/active-plan.md`)?.rubric.name).toBe('spec-dev')
    expect(rubricFor(config, `docs/${name}/plan.md`)?.rubric.name).toBe('generic')
    expect(rubricFor(config, `${name}/.specify/specs/x/plan.md`)?.rubric.name).toBe('specflow')
  })

  test('a config\'s globs and excludes, and the files input, see them too', async () => {
    const config = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: "docs/*/plan.md"\n    exclude: "docs/old*/**"\n    rubric: spec-dev\n', async () => null)
    expect(rubricFor(config, 'docs/a\nb/plan.md')?.rubric.name).toBe('spec-dev')
    expect(rubricFor(config, 'docs/old\nstuff/plan.md')).toBeNull()
    const selected = selectPlans(['rfcs/x\u2028y/idea.md', 'rfcs/plain.md'], config, ['rfcs/**/*.md'], generic)
    expect(selected.map((plan) => plan.path)).toEqual(['rfcs/plain.md', 'rfcs/x\u2028y/idea.md'])
  })
})

describe('visiblePath', () => {
  test('shows line breaks and tabs, so two paths never read alike and none starts a new log line', () => {
    expect(visiblePath('a\nb/plan.md')).toBe('a\\u000Ab/plan.md')
    expect(visiblePath('a\rb\u2028c\td/plan.md')).toBe('a\\u000Db\\u2028c\\u0009d/plan.md')
    expect(visiblePath('a\nb/plan.md')).not.toBe(visiblePath('a b/plan.md'))
    expect(visiblePath('docs/x\n::error::forged/plan.md')).not.toMatch(/[\r\n]/)
  })
})

describe('scanning a working tree', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-paths-'))
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  function write(repoPath: string, content: string): void {
    const file = path.join(root, ...repoPath.split('/'))
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, content)
  }

  test('plans under directories named with line breaks are found by a directory scan and a glob', async () => {
    for (const name of HIDDEN_DIRECTORIES) write(`docs/${name}/plan.md`, '# Plan\n')
    const config = await builtInConfig()
    const select = (repoPath: string) => rubricFor(config, repoPath) !== null
    const scanned = await collectFiles(root, ['.'], select)
    expect(scanned.files.map((file) => file.path).sort()).toEqual(HIDDEN_DIRECTORIES.map((name) => `docs/${name}/plan.md`).sort())
    const globbed = await collectFiles(root, ['docs/**/plan.md'], select)
    expect(globbed.files).toHaveLength(HIDDEN_DIRECTORIES.length)
    expect(globbed.unmatched).toEqual([])
  })

  test('a FIFO where a plan would be is an error, not a file skipped without a word', async () => {
    write('docs/keep.md', 'x')
    mkdirSync(path.join(root, 'docs', 'a\nb'), { recursive: true })
    execFileSync('mkfifo', [path.join(root, 'docs', 'a\nb', 'plan.md')])
    const config = await builtInConfig()
    // The scan names the FIFO as an operand that cannot be read, which the CLI turns into exit 2 (see cli/fail-closed.test.ts).
    const scanned = await collectFiles(root, ['.'], (repoPath) => rubricFor(config, repoPath) !== null)
    expect(scanned.files).toEqual([])
    expect(scanned.operands).toContainEqual(expect.objectContaining({ operand: 'docs/a\nb/plan.md', unreadable: expect.stringMatching(/is not a regular file/) }))
    // A FIFO no glob matches is nobody's business.
    const other = await collectFiles(root, ['.'], (repoPath) => repoPath.endsWith('keep.md'))
    expect(other.files.map((file) => file.path)).toEqual(['docs/keep.md'])
    expect(other.operands.some((operand) => operand.unreadable !== undefined)).toBe(false)
  })

  test('the checkout scan of merge queues lists links and special files, and reading refuses them', async () => {
    write('docs/real/plan.md', '# Real\n')
    mkdirSync(path.join(root, 'docs', 'linked'), { recursive: true })
    symlinkSync('../real/plan.md', path.join(root, 'docs', 'linked', 'plan.md'))
    mkdirSync(path.join(root, 'docs', 'dir'), { recursive: true })
    symlinkSync('../real', path.join(root, 'docs', 'dir', 'plan.md'))
    mkdirSync(path.join(root, 'docs', 'out'), { recursive: true })
    symlinkSync('/etc/hostname', path.join(root, 'docs', 'out', 'plan.md'))
    execFileSync('mkfifo', [path.join(root, 'docs', 'fifo.md')])
    expect(await planCandidates(root)).toEqual(['docs/dir/plan.md', 'docs/fifo.md', 'docs/linked/plan.md', 'docs/out/plan.md', 'docs/real/plan.md'])
    expect((await readPlanFile(root, 'docs/linked/plan.md')).toString()).toBe('# Real\n')
    await expect(readPlanFile(root, 'docs/dir/plan.md')).rejects.toThrow(/symbolic link to a directory/)
    await expect(readPlanFile(root, 'docs/out/plan.md')).rejects.toThrow(/outside the repository/)
    await expect(readPlanFile(root, 'docs/fifo.md')).rejects.toThrow(/not a regular file/)
  })

  test('more files than the scan may look at fail it instead of stopping quietly', async () => {
    for (let i = 0; i < 5; i++) write(`docs/${i}.md`, 'x')
    await expect(walk(root, { maxFiles: 4 })).rejects.toThrow(ScanError)
    await expect(walk(root, { maxFiles: 5 })).resolves.toHaveLength(5)
  })

  const asRoot = process.getuid?.() === 0
  ;(asRoot ? test.skip : test)('a directory the scan cannot read fails it (skipped when running as root, who can read anything)', async () => {
    write('docs/locked/plan.md', '# Plan\n')
    execFileSync('chmod', ['000', path.join(root, 'docs', 'locked')])
    try {
      await expect(walk(root)).rejects.toThrow(/Cannot read the directory "docs\/locked" \(EACCES\)/)
    } finally {
      execFileSync('chmod', ['755', path.join(root, 'docs', 'locked')])
    }
  })

  test('the built CLI checks a plan under a directory named with a line break and prints its path visibly', () => {
    write('docs/a\nb/plan.md', '# Plan\n\nTBD\n')
    const cli = path.resolve(process.cwd(), 'dist', 'cli.js')
    const run = spawnSync(process.execPath, [cli, 'check', '--format', 'json'], { cwd: root, encoding: 'utf8' })
    const report = JSON.parse(run.stdout) as { plans: Array<{ file: string; verdict: string }> }
    expect(report.plans.map((plan) => plan.file)).toEqual(['docs/a\nb/plan.md'])
    expect(run.status).toBe(1)
    const text = spawnSync(process.execPath, [cli, 'check'], { cwd: root, encoding: 'utf8' })
    expect(text.stdout).toContain('docs/a\\u000Ab/plan.md')
  })
})

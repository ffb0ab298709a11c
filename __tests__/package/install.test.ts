import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { VERSION } from '../../src/version.js'

// The npm package as a user gets it: `npm pack` of this repository, installed
// into an empty project with no registry and an empty cache, then run through
// `npx plan-gate` and imported as `plan-gate`. It can only install offline
// because it has no dependencies: the CLI and the API are self-contained bundles.

const ROOT = process.cwd()
const run = promisify(execFile)
const NPM_CLI = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')

let work: string
let project: string
let tarball: string
let packed: { files: Array<{ path: string }> }

function npmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Nothing may be fetched: an unreachable registry and an empty cache of its own.
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_cache: path.join(work, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    NO_COLOR: '1'
  }
}

async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  // npm's own script, run by this Node, so the test does not depend on which npm is first on PATH.
  const command = existsSync(NPM_CLI) ? process.execPath : 'npm'
  const argv = existsSync(NPM_CLI) ? [NPM_CLI, ...args] : args
  return run(command, argv, { cwd, env: npmEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 240_000 })
}

async function inProject(command: string, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: project, env: npmEnv(), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string }
    return { status: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

function npx(args: string[]) {
  const npxCli = path.join(path.dirname(NPM_CLI), 'npx-cli.js')
  return existsSync(npxCli) ? inProject(process.execPath, [npxCli, '--offline', ...args]) : inProject('npx', ['--offline', ...args])
}

beforeAll(async () => {
  for (const built of ['dist/cli.js', 'dist/cli-bundle.js', 'dist/api.js', 'dist/types/api.d.ts']) {
    if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} is missing: run "npm run bundle" before this test`)
  }
  work = mkdtempSync(path.join(tmpdir(), 'plan-gate-package-'))
  const { stdout } = await npm(['pack', '--json', '--pack-destination', work], ROOT)
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  packed = info!
  tarball = path.join(work, info!.filename)

  project = path.join(work, 'project')
  mkdirSync(project)
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`)
  // A repository of the user's: two plans the built-in defaults find.
  const plans = path.join(project, '.spec-dev', 'active-dev')
  mkdirSync(plans, { recursive: true })
  cpSync(path.join(ROOT, 'examples', 'spec-dev', 'pass-complete.md'), path.join(plans, 'active-plan.md'))
  mkdirSync(path.join(project, '.spec-dev', 'next'), { recursive: true })
  cpSync(path.join(ROOT, 'examples', 'spec-dev', 'fail-no-gate.md'), path.join(project, '.spec-dev', 'next', 'plan.md'))

  await npm(['install', '--no-audit', '--no-fund', '--offline', tarball], project)
}, 300_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  it('holds the CLI, the API with its types, the schemas, the docs and the license, and not the action', () => {
    const files = packed.files.map((file) => file.path)
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'LICENSE', 'CHANGELOG.md',
      'dist/cli.js', 'dist/cli-bundle.js', 'dist/api.js', 'dist/package.json', 'dist/types/api.d.ts', 'dist/types/engine/types.d.ts',
      'schema/config.schema.json', 'schema/rubric.schema.json', 'docs/rules/README.md', 'docs/presets/spec-dev.yml'
    ]))
    expect(files.filter((file) => file === 'dist/index.js' || /^dist\/\d+\.index\.js$/.test(file) || file.startsWith('src/') || file.startsWith('__tests__/'))).toEqual([])
  })

  it('declares no dependencies, so it installs with nothing else', () => {
    const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules', 'plan-gate', 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest['dependencies']).toBeUndefined()
    expect(manifest['version']).toBe(VERSION)
    expect(readFileSync(path.join(project, 'node_modules', '.package-lock.json'), 'utf8')).not.toMatch(/"node_modules\/(?!plan-gate")/)
  })
})

describe('npx plan-gate in the installed project', () => {
  it('prints the version', async () => {
    const result = await npx(['plan-gate', '--version'])
    expect(result).toMatchObject({ status: 0, stdout: `${VERSION}\n` })
  })

  it('checks the plans the built-in defaults find, and fails the failing one', async () => {
    const result = await npx(['plan-gate', 'check'])
    expect(result.stdout).toContain('.spec-dev/active-dev/active-plan.md')
    expect(result.stdout).toMatch(/\.spec-dev\/next\/plan\.md[^\n]*\n[^\n]*gate-missing/)
    expect(result.status).toBe(1)
  })

  it('passes on the passing plan alone', async () => {
    const result = await npx(['plan-gate', 'check', '.spec-dev/active-dev/active-plan.md'])
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('PASS')
  })
})

describe("import('plan-gate')", () => {
  it('has no side effects: importing prints nothing and leaves the exit status alone', async () => {
    const result = await inProject(process.execPath, ['--input-type=module', '-e', "await import('plan-gate')"])
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' })
  })

  it('checks plans as the CLI does and returns its JSON report', async () => {
    const script = [
      "import { check, loadConfig, format, version } from 'plan-gate'",
      'const config = await loadConfig()',
      'const result = await check([], { config })',
      "process.stdout.write(JSON.stringify({ version, source: config.source, verdict: result.verdict, json: JSON.parse(format(result, 'json')) }))"
    ].join('\n')
    const api = await inProject(process.execPath, ['--input-type=module', '-e', script])
    expect(api.stderr).toBe('')
    const fromApi = JSON.parse(api.stdout) as { version: string; source: string; verdict: string; json: unknown }
    const cli = await npx(['plan-gate', 'check', '--format', 'json'])
    expect(fromApi).toEqual({ version: VERSION, source: 'built-in defaults', verdict: 'FAIL', json: JSON.parse(cli.stdout) })
  })

  it('reports a bad config as a ConfigError with file, line and field path', async () => {
    writeFileSync(path.join(project, 'bad.yml'), 'plans:\n  - files: ["**/plan.md"]\n    rubrik: generic\n')
    const script = [
      "import { loadConfig, ConfigError } from 'plan-gate'",
      "try { await loadConfig({ config: 'bad.yml' }) } catch (error) { process.stdout.write(JSON.stringify({ isConfigError: error instanceof ConfigError, problems: error.problems })) }"
    ].join('\n')
    const result = await inProject(process.execPath, ['--input-type=module', '-e', script])
    const parsed = JSON.parse(result.stdout) as { isConfigError: boolean; problems: Array<{ file: string; line: number; path: string }> }
    expect(parsed.isConfigError).toBe(true)
    expect(parsed.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'bad.yml', line: 3, path: 'plans[0].rubrik' })]))
  })

  it('comes with types a TypeScript project compiles against', async () => {
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] }, files: ['consumer.ts'] }))
    writeFileSync(path.join(project, 'consumer.ts'), [
      "import { check, format, type CheckResult, type Finding, type PlanGateConfig } from 'plan-gate'",
      'declare const config: PlanGateConfig',
      "const result: CheckResult = await check(['.'], { config, failOn: 'warning' })",
      'const findings: Finding[] = result.plans.flatMap((plan) => plan.findings)',
      "const text: string = format(result, 'sarif') + findings.map((finding) => finding.ruleId).join()",
      'export { text }',
      '// @ts-expect-error failOn takes only error, warning or never',
      "await check([], { failOn: 'sometimes' })",
      ''
    ].join('\n'))
    const result = await inProject(process.execPath, [TSC, '-p', 'tsconfig.json'])
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})

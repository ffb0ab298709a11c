import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { run } from '../../src/cli/main.js'

// The CLI as a new user meets it: every way of naming plans that checks
// nothing must fail (exit 2) and say how plans are found, and the config must
// be the one the repository has, wherever in it the user stands.

const SPEC_KIT_PLAN = `# Implementation Plan: Offline drafts

**Branch**: \`014-offline-drafts\` | **Date**: 2026-03-02 | **Spec**: specs/014-offline-drafts/spec.md

## Summary

Drafts typed without a connection are kept in the browser and sent once the connection returns, so no text is lost.

## Technical Context

**Language/Version**: TypeScript 5.6
**Primary Dependencies**: React 19, idb-keyval
**Storage**: IndexedDB in the browser, Postgres on the server
**Testing**: Vitest and Playwright
**Target Platform**: evergreen browsers
**Project Type**: web application
**Performance Goals**: a draft is saved within 50 ms of a keystroke
**Constraints**: works with no connection for a whole session
**Scale/Scope**: up to 200 drafts per user

## Constitution Check

- [x] Library-first: the draft store is its own package with its own tests.
- [x] Test-first: the sync contract tests are written before the store.

## Project Structure

\`\`\`text
packages/drafts/src/store.ts
packages/drafts/tests/store.test.ts
\`\`\`
`

const SPECFLOW_PLAN = `# Technical Plan: Export queue

## Data Models

An export job has an id, an owner, a state (queued, running, done, failed) and the path of its archive once done.

## API/Interface Design

POST /exports creates a job and returns its id; GET /exports/:id returns its state and, when done, a download link.

## Error Handling Strategy

A failed job keeps its error text; the client shows it and offers to start again, and the worker never retries silently.

## Failure Modes

A worker that dies mid-job leaves it running: a sweeper marks jobs running for more than an hour as failed.

## Dependencies

The object store for archives and the existing job runner.

## Testing Strategy

Unit tests for the state machine, an integration test against a local object store.
`

type Tree = Record<string, string>

function makeTree(tree: Tree): string {
  const root = mkdtempSync(path.join(tmpdir(), 'plan-gate-cli-closed-'))
  for (const [file, content] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), content)
  }
  return root
}

async function cli(args: string[], cwd: string) {
  let stdout = ''
  let stderr = ''
  const status = await run(args, { cwd, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
  return { status, stdout, stderr }
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file])
}

const roots: string[] = []
function tree(files: Tree): string {
  const root = makeTree(files)
  roots.push(root)
  return root
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

describe('operands that give no plan', () => {
  it('fails on a glob that matches no file, saying globs are relative to the current directory', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
    const result = await cli(['check', 'plans/**/plan.md'], root)
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('"plans/**/plan.md" matches no file (a glob is relative to the current directory)')
    expect(result.stderr).toContain('no plan was checked, and the gate fails')
  })

  it('fails on a file that does not exist', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
    const result = await cli(['check', 'docs/plam.md'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('"docs/plam.md" does not exist')
  })

  it('fails on a directory with no plan, naming the globs that find plans', async () => {
    const root = tree({ 'docs/notes.md': '# Notes\n', 'docs/plan.md': SPEC_KIT_PLAN })
    mkdirSync(path.join(root, 'empty'))
    writeFileSync(path.join(root, 'empty/readme.md'), '# Readme\n')
    const result = await cli(['check', 'empty'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/no plan under "empty": plans are the files matching the globs of built-in defaults \(.*\*\*\/plan\.md\)/)
  })

  it('fails when the repository has no plan at all', async () => {
    const root = tree({ 'README.md': '# Project\n' })
    const result = await cli(['check'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('no plan under "."')
  })

  it('checks nothing when one operand of several gives no plan', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
    const result = await cli(['check', 'docs/plan.md', 'missing/*.md', '--format', 'json'], root)
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
  })
})

describe('files that are not regular files', () => {
  it('fails at once on a FIFO named as a plan', async () => {
    const root = tree({})
    mkfifo(path.join(root, 'plan.md'))
    const started = Date.now()
    const result = await cli(['check', 'plan.md'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('"plan.md" is a FIFO (named pipe), not a regular file')
    expect(Date.now() - started).toBeLessThan(5000)
  }, 10_000)

  it('fails on a FIFO a scan finds as a plan, through a link', async () => {
    const root = tree({})
    mkdirSync(path.join(root, 'docs'))
    mkfifo(path.join(root, 'docs/pipe'))
    execFileSync('ln', ['-s', 'pipe', path.join(root, 'docs/plan.md')])
    const result = await cli(['check', 'docs/plan.md'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('is a FIFO (named pipe), not a regular file')
  }, 10_000)

  it('fails on a device named as a plan', async () => {
    const root = tree({})
    const result = await cli(['check', '/dev/null'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('"/dev/null" is a device, not a regular file')
  })

  it('fails at once on a config that is a FIFO, found or named', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
    mkdirSync(path.join(root, '.github'))
    mkfifo(path.join(root, '.github/plan-gate.yml'))
    const started = Date.now()
    for (const args of [['check'], ['check', '--config', '.github/plan-gate.yml']]) {
      const result = await cli(args, root)
      expect(result.status).toBe(2)
      expect(result.stderr).toContain('.github/plan-gate.yml:1:1: the config is a FIFO (named pipe), not a regular file')
    }
    expect(Date.now() - started).toBeLessThan(5000)
  }, 10_000)

  it('fails on a config that is a directory', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
    mkdirSync(path.join(root, 'conf'))
    const result = await cli(['check', '--config', 'conf'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('the config is a directory, not a regular file')
  })

  it('fails at once on a rubric file that is a FIFO, from the config or from --rubric', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN, '.github/plan-gate.yml': 'plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n' })
    mkdirSync(path.join(root, 'rubrics'))
    mkfifo(path.join(root, 'rubrics/team.yml'))
    const started = Date.now()
    const fromConfig = await cli(['check'], root)
    expect(fromConfig.status).toBe(2)
    expect(fromConfig.stderr).toContain('.github/plan-gate.yml:3:13: plans[0].rubric: cannot read rubric file "rubrics/team.yml": rubrics/team.yml is a FIFO (named pipe), not a regular file')
    rmSync(path.join(root, '.github'), { recursive: true })
    const fromOption = await cli(['check', 'docs/plan.md', '--rubric', 'rubrics/team.yml'], root)
    expect(fromOption.status).toBe(2)
    expect(fromOption.stderr).toContain('rubrics/team.yml is a FIFO (named pipe), not a regular file')
    const named = await cli(['template', 'rubrics/team.yml'], root)
    expect(named.status).toBe(2)
    expect(named.stderr).toContain('is a FIFO (named pipe), not a regular file')
    expect(Date.now() - started).toBeLessThan(5000)
  }, 10_000)

  it('fails on a rubric file over the size cap without reading it all', async () => {
    const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN, 'rubrics/big.yml': `name: big\n# ${'x'.repeat(2 * 1024 * 1024)}\n` })
    const result = await cli(['check', 'docs/plan.md', '--rubric', 'rubrics/big.yml'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/rubrics\/big\.yml is \d+ bytes; the limit is 1048576 bytes/)
  })
})

describe('finding the config', () => {
  const CONFIG = 'plans:\n  - files: "docs/**/*.md"\n    rubric: spec-kit\n'

  it('finds .github/plan-gate.yml at the top of the repository from a subdirectory', async () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.github/plan-gate.yml': CONFIG, 'docs/sub/feature.md': SPEC_KIT_PLAN })
    const result = await cli(['check', '--format', 'json'], path.join(root, 'docs/sub'))
    expect(result.stderr).toBe('')
    const report = JSON.parse(result.stdout)
    expect(report.plans).toHaveLength(1)
    expect(report.plans[0]).toMatchObject({ file: 'docs/sub/feature.md', rubric: 'spec-kit', rubricSource: 'matched docs/**/*.md (in .github/plan-gate.yml)' })
  })

  it('takes a glob relative to the current directory and reports paths from the repository root', async () => {
    const root = tree({ '.git': 'gitdir: /elsewhere\n', '.github/plan-gate.yml': CONFIG, 'docs/sub/feature.md': SPEC_KIT_PLAN })
    const result = await cli(['check', '*.md', '--format', 'json'], path.join(root, 'docs/sub'))
    expect(JSON.parse(result.stdout).plans.map((plan: { file: string }) => plan.file)).toEqual(['docs/sub/feature.md'])
  })

  it('finds .github/plan-gate.yaml', async () => {
    const root = tree({ '.github/plan-gate.yaml': CONFIG, 'docs/feature.md': SPEC_KIT_PLAN })
    const result = await cli(['check', '--format', 'json'], root)
    expect(JSON.parse(result.stdout).plans[0]).toMatchObject({ file: 'docs/feature.md', rubricSource: 'matched docs/**/*.md (in .github/plan-gate.yaml)' })
  })

  it('refuses to choose between .yml and .yaml', async () => {
    const root = tree({ '.github/plan-gate.yml': CONFIG, '.github/plan-gate.yaml': CONFIG, 'docs/feature.md': SPEC_KIT_PLAN })
    const result = await cli(['check'], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('both .github/plan-gate.yml and .github/plan-gate.yaml exist')
  })

  it('does not look above the repository top level', async () => {
    const outer = tree({ '.github/plan-gate.yml': 'plans:\n  - files: "**/*.md"\n    rubric: spec-dev\n' })
    mkdirSync(path.join(outer, 'repo/.git'), { recursive: true })
    mkdirSync(path.join(outer, 'repo/specs/001-x'), { recursive: true })
    writeFileSync(path.join(outer, 'repo/specs/001-x/plan.md'), SPEC_KIT_PLAN)
    const result = await cli(['check', '--format', 'json'], path.join(outer, 'repo/specs'))
    const report = JSON.parse(result.stdout)
    expect(report.plans[0]).toMatchObject({ file: 'specs/001-x/plan.md', rubric: 'spec-kit' })
    expect(report.plans[0].rubricSource).toContain('built-in default')
  })
})

describe('a directory with --rubric', () => {
  it('takes the files the rubric\'s built-in globs match, and says which', async () => {
    const root = tree({ 'specs/001-x/plan.md': SPEC_KIT_PLAN, 'specs/001-x/spec.md': '# Spec\n', 'docs/notes.md': '# Notes\n' })
    const result = await cli(['check', '.', '--rubric', 'spec-kit', '--format', 'json'], root)
    expect(result.stderr).toBe('plan-gate: took 1 plan under ".": specs/001-x/plan.md\n')
    const report = JSON.parse(result.stdout)
    expect(report.plans.map((plan: { file: string; rubric: string }) => [plan.file, plan.rubric])).toEqual([['specs/001-x/plan.md', 'spec-kit']])
  })

  it('takes the globs the config gives that rubric', async () => {
    const root = tree({
      '.github/plan-gate.yml': 'plans:\n  - files: "design/**/*.md"\n    rubric: spec-kit\n  - files: "**/plan.md"\n    rubric: generic\n',
      'design/offline.md': SPEC_KIT_PLAN,
      'other/plan.md': SPEC_KIT_PLAN
    })
    const result = await cli(['check', '.', '--rubric', 'spec-kit', '--format', 'json'], root)
    expect(result.stderr).toBe('plan-gate: took 1 plan under ".": design/offline.md\n')
  })

  it('fails when none is found, saying how they are found', async () => {
    const root = tree({ 'docs/notes.md': '# Notes\n', 'docs/plan.md': SPEC_KIT_PLAN })
    const result = await cli(['check', 'docs', '--rubric', 'spec-kit'], root)
    expect(result.status).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/no plan under "docs": with --rubric spec-kit, plans under a directory are the files matching \*\*\/specs\/\*\/plan\.md, \*\*\/\.specify\/specs\/\*\*\/plan\.md \(from the built-in defaults\)/)
  })
})

describe('the default rubric by path and content', () => {
  async function chosen(files: Tree): Promise<Array<[string, string, string]>> {
    const root = tree(files)
    const result = await cli(['check', '--format', 'json', '--fail-on', 'never'], root)
    expect(result.stderr).toBe('')
    return JSON.parse(result.stdout).plans.map((plan: { file: string; rubric: string; rubricSource: string }) => [plan.file, plan.rubric, plan.rubricSource])
  }

  it('gives spec-kit to spec-kit plans under specs/ and .specify/specs/, and says which sign chose', async () => {
    expect(await chosen({ 'specs/014-offline/plan.md': SPEC_KIT_PLAN, '.specify/specs/014-offline/plan.md': SPEC_KIT_PLAN })).toEqual([
      ['.specify/specs/014-offline/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "Technical Context" heading → spec-kit (built-in default)'],
      ['specs/014-offline/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "Technical Context" heading → spec-kit (built-in default)']
    ])
  })

  it('recognises a spec-kit plan by its Technical Context heading alone, and in translation', async () => {
    const technical = '# Feature plan\n\n## Technical Context\n\nNode 22.\n'
    const japanese = '# 計画\n\n## 技術コンテキスト\n\nNode 22。\n'
    const header = '# Implementation Plan: Exports\n\n**Input**: Feature specification from specs/d/spec.md\n'
    const numbered = '# Plan\n\n## 2. Constitution check\n\n- [x] ok\n'
    expect(await chosen({ 'specs/a/plan.md': technical, 'specs/b/plan.md': japanese, 'specs/c/plan.md': numbered, 'specs/d/plan.md': header })).toEqual([
      ['specs/a/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "Technical Context" heading → spec-kit (built-in default)'],
      ['specs/b/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "技術コンテキスト" heading → spec-kit (built-in default)'],
      ['specs/c/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "Constitution Check" heading → spec-kit (built-in default)'],
      ['specs/d/plan.md', 'spec-kit', 'matched **/specs/*/plan.md + "# Implementation Plan:" title → spec-kit (built-in default)']
    ])
  })

  it('keeps specflow for SpecFlow plans and for unrecognised plans in its directory', async () => {
    expect(await chosen({ '.specify/specs/export/plan.md': SPECFLOW_PLAN, '.specify/specs/misc/plan.md': '# Plan\n\nSome text.\n' })).toEqual([
      ['.specify/specs/export/plan.md', 'specflow', 'matched **/.specify/specs/**/plan.md + "Failure Modes" heading → specflow (built-in default)'],
      ['.specify/specs/misc/plan.md', 'specflow', 'matched **/.specify/specs/**/plan.md (built-in default)']
    ])
  })

  it('gives generic to other plans under specs/, even with spec-kit\'s title alone, and ignores signs inside code blocks', async () => {
    const fenced = '# Plan\n\n```md\n## Technical Context\n# Implementation Plan: x\n```\n'
    const titleOnly = '# Implementation Plan: Exports\n\n**Branch**: 003-exports\n\n## Architecture Decisions\n\nText.\n'
    expect(await chosen({ 'specs/a/plan.md': '# Plan\n\n## Approach\n\nText.\n', 'specs/b/plan.md': fenced, 'specs/c/plan.md': titleOnly })).toEqual([
      ['specs/a/plan.md', 'generic', 'matched **/plan.md (built-in default)'],
      ['specs/b/plan.md', 'generic', 'matched **/plan.md (built-in default)'],
      ['specs/c/plan.md', 'generic', 'matched **/plan.md (built-in default)']
    ])
  })

  it('keeps spec-dev for the spec-dev active plan whatever it contains', async () => {
    expect(await chosen({ '.spec-dev/active-dev/active-plan.md': SPEC_KIT_PLAN })).toEqual([
      ['.spec-dev/active-dev/active-plan.md', 'spec-dev', 'matched **/.spec-dev/**/*plan.md (built-in default)']
    ])
  })

  it('lets a config use content signatures, falling back to generic rather than skipping the plan', async () => {
    const config = [
      'plans:',
      '  - files: "rfcs/*.md"',
      '    when:',
      '      allOf: [{ heading: Motivation }]',
      '      anyOf: [{ line: "^Status: (draft|accepted)" }, { heading: Alternatives }]',
      '    rubric: spec-kit',
      ''
    ].join('\n')
    const rfc = '# RFC 12\n\nStatus: accepted\n\n## Motivation\n\nWhy.\n'
    expect(await chosen({ '.github/plan-gate.yml': config, 'rfcs/12.md': rfc, 'rfcs/13.md': '# RFC 13\n\n## Motivation\n\nWhy.\n' })).toEqual([
      ['rfcs/12.md', 'spec-kit', 'matched rfcs/*.md + "Motivation" heading → spec-kit (in .github/plan-gate.yml)'],
      ['rfcs/13.md', 'generic', 'matched rfcs/*.md (in .github/plan-gate.yml) without the content signs that entry asks for; no other entry matches, so the generic rubric applies']
    ])
  })
})

it('fails on a rubric "file" that is a directory', async () => {
  const root = tree({ 'docs/plan.md': SPEC_KIT_PLAN })
  mkdirSync(path.join(root, 'rubrics/team.yml'), { recursive: true })
  const result = await cli(['check', 'docs/plan.md', '--rubric', 'rubrics/team.yml'], root)
  expect(result.status).toBe(2)
  expect(result.stderr).toContain('rubrics/team.yml is a directory, not a regular file')
})

it('fails on a FIFO a directory scan or a glob finds at a plan path, instead of leaving it out', async () => {
  const root = tree({ 'docs/a/plan.md': SPEC_KIT_PLAN })
  mkdirSync(path.join(root, 'docs/b'))
  mkfifo(path.join(root, 'docs/b/plan.md'))
  for (const operands of [['docs'], ['docs/*/plan.md'], []]) {
    const result = await cli(['check', ...operands], root)
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('"docs/b/plan.md" is not a regular file (a FIFO, socket or device), so the plan cannot be read')
  }
}, 10_000)

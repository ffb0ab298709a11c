import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { run } from '../../src/cli/main.js'
import { claudeSettings, hookFile, HOOK_AGENTS } from '../../src/hooks/templates.js'
import { loadConfig, rubricFor } from '../../src/rubric/config.js'
import { presets } from '../../src/rubric/presets/index.js'

// `plan-gate init`: what it finds, what it writes, and that it never
// clobbers what is there.

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-init-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

function put(files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
    writeFileSync(path.join(root, file), content)
  }
}
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8')
const example = (file: string): string => readFileSync(path.join('examples', file), 'utf8')

async function init(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const status = await run(['init', ...args], { cwd: root, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
  return { status, stdout, stderr }
}

async function rubricOf(file: string): Promise<string | undefined> {
  const config = await loadConfig('.github/plan-gate.yml', read('.github/plan-gate.yml'), async () => null)
  return rubricFor(config, file)?.rubric.name
}

test('in an empty repository: the config (with its schema line) and a workflow without paths:, with merge_group and least permissions', async () => {
  const first = await init()
  expect(first.status).toBe(0)
  expect(first.stdout).toMatch(/No plans found yet/)
  expect(first.stdout).toMatch(/^wrote {5}\.github\/plan-gate\.yml: /m)
  expect(first.stdout).toMatch(/^wrote {5}\.github\/workflows\/plans\.yml: .*required check/m)
  const config = read('.github/plan-gate.yml')
  expect(config.split('\n')[0]).toBe('# yaml-language-server: $schema=https://raw.githubusercontent.com/plan-gate/plan-gate/main/schema/config.schema.json')
  expect(await rubricOf('.spec-dev/active-dev/active-plan.md')).toBe('spec-dev')
  expect(await rubricOf('docs/x/plan.md')).toBe('generic')

  const workflow = parse(read('.github/workflows/plans.yml')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: Array<{ uses?: string }> }> }
  expect(Object.keys(workflow.on).sort()).toEqual(['merge_group', 'pull_request'])
  expect(JSON.stringify(workflow.on)).not.toContain('paths')
  expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })
  expect(Object.keys(workflow.jobs)).toEqual(['plan-gate'])
  for (const step of workflow.jobs['plan-gate']!.steps) expect(step.uses).toMatch(/@v\d+$/)

  const again = await init()
  expect(again.stdout).toMatch(/^unchanged .github\/plan-gate.yml/m)
  expect(again.stdout).toMatch(/^unchanged .github\/workflows\/plans.yml/m)
  expect(read('.github/plan-gate.yml')).toBe(config)
})

test('detects every format by path and content, and says why', async () => {
  put({
    '.spec-dev/active-dev/active-plan.md': example('spec-dev/pass-complete.md'),
    '.specify/specs/001-search/plan.md': example('specflow/pass-complete.md'),
    'specs/002-export/plan.md': example('spec-kit/pass-complete.md'),
    '.specify/templates/plan-template.md': '# Implementation Plan: [FEATURE]\n',
    'openspec/changes/add-login/design.md': '## Context\n\nWhy.\n',
    '.kiro/specs/billing/design.md': '# Design\n\n## Overview\n'
  })
  const result = await init()
  expect(result.stdout).toMatch(/Detected spec-dev: found \.spec-dev\/active-dev\/active-plan\.md \(1 with spec-dev sections\) → rubric spec-dev/)
  expect(result.stdout).toMatch(/Detected SpecFlow: found \.specify\/specs\/001-search\/plan\.md .*→ rubric specflow/)
  expect(result.stdout).toMatch(/Detected spec-kit: found specs\/002-export\/plan\.md \(1 with spec-kit template sections\); found \.specify\/templates\/plan-template\.md → rubric spec-kit/)
  expect(await rubricOf('.spec-dev/active-dev/active-plan.md')).toBe('spec-dev')
  expect(await rubricOf('.specify/specs/001-search/plan.md')).toBe('specflow')
  expect(await rubricOf('specs/002-export/plan.md')).toBe('spec-kit')
  for (const [format, preset, file] of [['OpenSpec', 'openspec', 'openspec/changes/add-login/design.md'], ['Kiro', 'kiro', '.kiro/specs/billing/design.md']] as const) {
    const expected = presets.has(preset) ? preset : 'generic'
    expect(await rubricOf(file)).toBe(expected)
    expect(result.stdout).toContain(`Detected ${format}: found ${file}`)
    if (!presets.has(preset)) expect(result.stdout).toContain(`this plan-gate has no "${preset}" preset, so the generic rubric applies`)
  }
  expect(await rubricOf('openspec/changes/archive/old/design.md')).toBeUndefined()
})

test('spec-kit plans under .specify/specs are told from SpecFlow ones by their content', async () => {
  put({ '.specify/specs/001-x/plan.md': example('spec-kit/pass-complete.md') })
  await init()
  expect(await rubricOf('.specify/specs/001-x/plan.md')).toBe('spec-kit')
})

test('an existing file that differs is kept unless --force', async () => {
  put({ '.github/plan-gate.yml': 'plans:\n  - files: ["x.md"]\n    rubric: generic\n' })
  const kept = await init()
  expect(kept.stdout).toMatch(/^kept {6}\.github\/plan-gate\.yml: it exists and differs; rerun with --force to replace it/m)
  expect(read('.github/plan-gate.yml')).toContain('x.md')
  const forced = await init('--force')
  expect(forced.stdout).toMatch(/^replaced {2}\.github\/plan-gate\.yml/m)
  expect(read('.github/plan-gate.yml')).toContain('yaml-language-server')
})

test('--hooks writes each agent hook file from the templates; rerunning changes nothing', async () => {
  const result = await init('--hooks', HOOK_AGENTS.join(','))
  expect(result.status).toBe(0)
  for (const agent of HOOK_AGENTS) {
    const file = hookFile(agent)
    expect(read(file.path)).toBe(file.content)
    expect(result.stdout).toContain(`wrote     ${file.path}: ${file.why}`)
  }
  const again = await init('--hooks', 'claude,pre-commit')
  expect(again.stdout).toMatch(/^unchanged .claude\/settings.json/m)
  expect(again.stdout).toMatch(/^unchanged .pre-commit-config.yaml/m)
})

test('--force adds plan-gate to existing agent settings and pre-commit configs, keeping what they had', async () => {
  put({
    '.claude/settings.json': JSON.stringify({ permissions: { allow: ['Bash(npm test)'] }, hooks: { Stop: [{ hooks: [{ type: 'command', command: 'echo bye' }] }] } }),
    '.pre-commit-config.yaml': '# team hooks\nrepos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n    hooks:\n      - id: trailing-whitespace\n'
  })
  const kept = await init('--hooks', 'claude,pre-commit')
  expect(kept.stdout).toMatch(/kept {6}\.claude\/settings\.json: it exists and differs; rerun with --force to add plan-gate to it/)
  await init('--hooks', 'claude,pre-commit', '--force')
  const settings = JSON.parse(read('.claude/settings.json'))
  expect(settings.permissions).toEqual({ allow: ['Bash(npm test)'] })
  expect(settings.hooks.Stop).toEqual([{ hooks: [{ type: 'command', command: 'echo bye' }] }, ...(claudeSettings() as { hooks: { Stop: unknown[] } }).hooks.Stop])
  const preCommit = read('.pre-commit-config.yaml')
  expect(preCommit).toContain('# team hooks')
  expect((parse(preCommit) as { repos: Array<{ repo: string }> }).repos.map((repo) => repo.repo)).toEqual(['https://github.com/pre-commit/pre-commit-hooks', 'local'])
  const third = await init('--hooks', 'claude,pre-commit', '--force')
  expect(third.stdout).toMatch(/^unchanged .claude\/settings.json/m)
  expect(existsSync(path.join(root, '.codex'))).toBe(false)
})

test('an unknown hook name is a usage error', async () => {
  const result = await init('--hooks', 'claude,emacs')
  expect(result.status).toBe(2)
  expect(result.stderr).toMatch(/--hooks takes a comma-separated list of claude, codex, cursor, copilot, pre-commit; got "claude,emacs"/)
})

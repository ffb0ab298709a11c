import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { HOOK_AGENTS, hookFile, preCommitHooksManifest } from '../../src/hooks/templates.js'

// The hook files init writes, README shows and this repository ships come
// from one place; these tests keep the copies from drifting.

const README = readFileSync('README.md', 'utf8')

test.each([...HOOK_AGENTS])('README shows the %s recipe exactly as init writes it', (agent) => {
  const file = hookFile(agent)
  expect(README).toContain(file.content)
  expect(README).toContain(file.path)
})

test("README's quick start shows npx plan-gate init and the hooks option", () => {
  const quickStart = README.slice(README.indexOf('## Quick start'), README.indexOf('## Contents'))
  expect(quickStart).toContain('npx plan-gate init')
  expect(quickStart).toContain('--hooks claude,codex,cursor,copilot,pre-commit')
})

test('the JSON hook files have each agent\'s documented shape', () => {
  const claude = JSON.parse(hookFile('claude').content)
  expect(claude.hooks.Stop[0].hooks[0]).toMatchObject({ type: 'command', command: expect.stringContaining('plan-gate hook claude') })
  expect(claude.hooks.PostToolUse[0].matcher).toBe('Write|Edit|MultiEdit')
  const codex = JSON.parse(hookFile('codex').content)
  expect(codex.hooks.Stop[0].hooks[0].command).toContain('plan-gate hook codex')
  const cursor = JSON.parse(hookFile('cursor').content)
  expect(cursor).toMatchObject({ version: 1, hooks: { stop: [{ command: expect.stringContaining('plan-gate hook cursor'), loop_limit: 3 }] } })
  const copilot = JSON.parse(hookFile('copilot').content)
  expect(copilot).toMatchObject({ version: 1, hooks: { agentStop: [{ type: 'command', bash: expect.stringContaining('plan-gate hook copilot'), timeoutSec: 120 }] } })
  const preCommit = parse(hookFile('pre-commit').content)
  expect(preCommit.repos[0].hooks[0]).toMatchObject({ id: 'plan-gate', entry: 'npx --no-install plan-gate check --changed --staged', pass_filenames: false })
})

test('.pre-commit-hooks.yaml is the published manifest', () => {
  expect(readFileSync('.pre-commit-hooks.yaml', 'utf8')).toBe(preCommitHooksManifest())
  const [hook] = parse(preCommitHooksManifest())
  expect(hook).toMatchObject({ id: 'plan-gate', language: 'node', entry: 'plan-gate check --changed --staged' })
})

test('the spec-kit extension registers an after_plan hook whose command file runs the check', () => {
  const manifest = parse(readFileSync('extensions/spec-kit/extension.yml', 'utf8'))
  expect(manifest.schema_version).toBe('1.0')
  expect(manifest.extension.id).toMatch(/^[a-z0-9-]+$/)
  const command = manifest.provides.commands[0]
  expect(command.name).toMatch(new RegExp(`^speckit\\.${manifest.extension.id}\\.[a-z0-9-]+$`))
  expect(manifest.hooks.after_plan).toMatchObject({ command: command.name, optional: false })
  expect(readFileSync(`extensions/spec-kit/${command.file}`, 'utf8')).toContain('plan-gate check --changed')
})

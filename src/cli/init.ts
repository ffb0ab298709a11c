// `plan-gate init`: looks at the repository for the plan formats plan-gate
// knows (by path, and by what the plans say), and writes the config, the
// workflow and, on request, the agent hooks. It never replaces a file that
// differs without --force, and running it twice changes nothing.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { parseDocument } from 'yaml'
import { HOOK_AGENTS, hookFile, preCommitConfig, type HookAgent } from '../hooks/templates.js'
import { loadConfig } from '../rubric/config.js'
import { presets } from '../rubric/presets/index.js'
import { DEFAULT_CONFIG_PATH } from '../rubric/repo-path.js'
import type { CliIo } from './main.js'

export const WORKFLOW_PATH = '.github/workflows/plans.yml'
export const SCHEMA_URL = 'https://raw.githubusercontent.com/plan-gate/plan-gate/main/schema/config.schema.json'

export interface DetectedFormat {
  format: string
  files: string[]
  exclude?: string[]
  rubric: string
  /** What was found, for the config's comment and init's output. */
  evidence: string
}

async function exists(file: string): Promise<boolean> {
  return readFile(file).then(
    () => true,
    () => false
  )
}

/** `<dir>/*\/<name>` under root, one level deep: init looks where each format keeps its plans, never through the whole tree. */
async function oneLevel(root: string, directory: string, name: string): Promise<string[]> {
  const entries = await readdir(path.join(root, directory), { withFileTypes: true }).catch(() => [])
  const found: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue
    const candidate = `${directory}/${entry.name}/${name}`
    if (await exists(path.join(root, candidate))) found.push(candidate)
  }
  return found
}

async function textOf(root: string, file: string): Promise<string> {
  return readFile(path.join(root, file), 'utf8').catch(() => '')
}

const SPEC_KIT_SIGNATURE = /\*\*Language\/Version\*\*|Constitution Check|Technical Context/
const SPECFLOW_SIGNATURE = /Failure Modes|Error Handling Strategy|Data Models/i
const SPEC_DEV_SIGNATURE = /Readiness Checklist|Spec Gaps|Risks Register/i

function presetOr(name: string): { rubric: string; note: string } {
  return presets.has(name) ? { rubric: name, note: '' } : { rubric: 'generic', note: `; this plan-gate has no "${name}" preset, so the generic rubric applies` }
}

function signed(files: readonly string[], texts: readonly string[], signature: RegExp, label: string): string {
  const matching = files.filter((_, index) => signature.test(texts[index] ?? ''))
  const shown = files.slice(0, 2).join(', ') + (files.length > 2 ? ` and ${files.length - 2} more` : '')
  return matching.length > 0 ? `found ${shown} (${matching.length} with ${label} sections)` : `found ${shown}`
}

export async function detectFormats(root: string): Promise<DetectedFormat[]> {
  const found: DetectedFormat[] = []

  const specDevActive = '.spec-dev/active-dev/active-plan.md'
  const specDevPlans = (await exists(path.join(root, specDevActive))) ? [specDevActive] : (await oneLevel(root, '.spec-dev', 'plan.md'))
  if (specDevPlans.length > 0) {
    const texts = await Promise.all(specDevPlans.map((file) => textOf(root, file)))
    found.push({ format: 'spec-dev', files: ['**/.spec-dev/**/*plan.md'], rubric: 'spec-dev', evidence: signed(specDevPlans, texts, SPEC_DEV_SIGNATURE, 'spec-dev') })
  }

  // SpecFlow keeps plans under .specify/specs/; spec-kit's own plans there read like its template.
  const specifyPlans = await oneLevel(root, '.specify/specs', 'plan.md')
  if (specifyPlans.length > 0) {
    const texts = await Promise.all(specifyPlans.map((file) => textOf(root, file)))
    const kitLike = texts.filter((text) => SPEC_KIT_SIGNATURE.test(text)).length
    const flowLike = texts.filter((text) => SPECFLOW_SIGNATURE.test(text)).length
    const rubric = kitLike > flowLike ? 'spec-kit' : 'specflow'
    found.push({ format: rubric === 'spec-kit' ? 'spec-kit' : 'SpecFlow', files: ['.specify/specs/**/plan.md'], rubric, evidence: signed(specifyPlans, texts, rubric === 'spec-kit' ? SPEC_KIT_SIGNATURE : SPECFLOW_SIGNATURE, rubric) })
  }

  const kitPlans = await oneLevel(root, 'specs', 'plan.md')
  const kitTemplate = '.specify/templates/plan-template.md'
  const hasTemplate = await exists(path.join(root, kitTemplate))
  if (kitPlans.length > 0 || hasTemplate) {
    const texts = await Promise.all(kitPlans.map((file) => textOf(root, file)))
    const evidence = [kitPlans.length > 0 ? signed(kitPlans, texts, SPEC_KIT_SIGNATURE, 'spec-kit template') : '', hasTemplate ? `found ${kitTemplate}` : ''].filter(Boolean).join('; ')
    found.push({ format: 'spec-kit', files: ['specs/**/plan.md'], rubric: 'spec-kit', evidence })
  }

  const openspecDesigns = await oneLevel(root, 'openspec/changes', 'design.md')
  if (openspecDesigns.length > 0) {
    const { rubric, note } = presetOr('openspec')
    found.push({ format: 'OpenSpec', files: ['openspec/changes/**/design.md'], exclude: ['openspec/changes/archive/**'], rubric, evidence: `found ${openspecDesigns.slice(0, 2).join(', ')}${note}` })
  }

  const kiroDesigns = await oneLevel(root, '.kiro/specs', 'design.md')
  if (kiroDesigns.length > 0) {
    const { rubric, note } = presetOr('kiro')
    found.push({ format: 'Kiro', files: ['.kiro/specs/**/design.md'], rubric, evidence: `found ${kiroDesigns.slice(0, 2).join(', ')}${note}` })
  }
  return found
}

export function configText(formats: readonly DetectedFormat[]): string {
  const lines = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# Written by `plan-gate init`. The first entry that matches a file wins; see',
    '# https://github.com/plan-gate/plan-gate#configuration-githubplan-gateyml',
    'plans:'
  ]
  const entries: DetectedFormat[] =
    formats.length > 0
      ? [...formats]
      : [
          { format: 'spec-dev', files: ['**/.spec-dev/**/*plan.md'], rubric: 'spec-dev', evidence: 'no plan found yet: the built-in default' },
          { format: 'SpecFlow', files: ['**/.specify/specs/**/plan.md'], rubric: 'specflow', evidence: 'no plan found yet: the built-in default' }
        ]
  for (const entry of entries) {
    lines.push(`  # ${entry.format}: ${entry.evidence.replace(/\s+/g, ' ')}`)
    lines.push(`  - files: [${entry.files.map((glob) => JSON.stringify(glob)).join(', ')}]`)
    if (entry.exclude) lines.push(`    exclude: [${entry.exclude.map((glob) => JSON.stringify(glob)).join(', ')}]`)
    lines.push(`    rubric: ${entry.rubric}`)
  }
  lines.push('  # Any other plan.md: summary, approach, testing, risks, no placeholders.', '  - files: ["**/plan.md"]', '    rubric: generic', '')
  return lines.join('\n')
}

export function workflowText(): string {
  return `# Written by \`plan-gate init\`. No \`paths:\` filter on purpose: a required check that a
# filter skips never reports, and the pull request waits for it forever. When no
# plan changed, plan-gate reports SKIPPED in seconds, which counts as success.
name: Plans
on:
  pull_request:
  merge_group:
permissions:
  contents: read
  pull-requests: write
jobs:
  plan-gate:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      # Pull requests and merge queues are read through the API: no checkout needed.
      - uses: plan-gate/plan-gate@v1
`
}

type Result = 'wrote' | 'unchanged' | 'kept' | 'merged' | 'replaced'

function parseHooks(value: string): string[] | null {
  const agents = value.split(',').map((name) => name.trim()).filter(Boolean)
  return agents.every((name) => (HOOK_AGENTS as readonly string[]).includes(name)) ? agents : null
}

/** Our hook entries added to an agent's existing JSON hook file, keeping everything else in it. */
function mergeJsonHooks(existing: string, ours: string): string | null {
  let current: unknown
  try {
    current = JSON.parse(existing)
  } catch {
    return null
  }
  if (typeof current !== 'object' || current === null || Array.isArray(current)) return null
  const target = current as Record<string, unknown>
  const add = JSON.parse(ours) as { hooks: Record<string, unknown[]>; version?: number }
  if (add.version !== undefined && target['version'] === undefined) target['version'] = add.version
  const hooks = (typeof target['hooks'] === 'object' && target['hooks'] !== null ? target['hooks'] : (target['hooks'] = {})) as Record<string, unknown>
  for (const [event, entries] of Object.entries(add.hooks)) {
    const list = Array.isArray(hooks[event]) ? (hooks[event] as unknown[]) : (hooks[event] = [])
    const known = new Set((list as unknown[]).map((entry) => JSON.stringify(entry)))
    for (const entry of entries) if (!known.has(JSON.stringify(entry))) (list as unknown[]).push(entry)
  }
  return `${JSON.stringify(target, null, 2)}\n`
}

/** Our `repo: local` entry appended to an existing .pre-commit-config.yaml, comments kept. */
function mergePreCommit(existing: string): string | null {
  const document = parseDocument(existing)
  if (document.errors.length > 0) return null
  const ours = parseDocument(preCommitConfig()).get('repos', true)
  const repos = document.get('repos', true) as { add?: (item: unknown) => void } | undefined
  const entry = (ours as { items: unknown[] }).items[0]
  if (repos && typeof repos.add === 'function') repos.add(entry)
  else document.set('repos', ours)
  return document.toString()
}

export async function init(args: readonly string[], io: CliIo): Promise<number> {
  let values: { hooks?: string | undefined; force?: boolean | undefined }
  try {
    values = parseArgs({ args: [...args], strict: true, allowPositionals: false, options: { hooks: { type: 'string' }, force: { type: 'boolean', default: false } } }).values
  } catch (error) {
    io.stderr(`plan-gate: ${error instanceof Error ? error.message : String(error)}\nUsage: plan-gate init [--hooks ${HOOK_AGENTS.join(',')}] [--force]\n`)
    return 2
  }
  const agents = values.hooks === undefined ? [] : parseHooks(values.hooks)
  if (agents === null) {
    io.stderr(`plan-gate: --hooks takes a comma-separated list of ${HOOK_AGENTS.join(', ')}; got "${values.hooks}"\n`)
    return 2
  }
  const root = io.cwd
  const force = values.force === true
  const formats = await detectFormats(root)
  if (formats.length === 0) io.stdout('No plans found yet: the config maps the built-in defaults (spec-dev, SpecFlow, any plan.md).\n')
  for (const format of formats) io.stdout(`Detected ${format.format}: ${format.evidence} → rubric ${format.rubric}\n`)

  const config = configText(formats)
  // What init writes must load: a config error would fail every pull request.
  await loadConfig(DEFAULT_CONFIG_PATH, config, async () => null)

  const files: Array<{ path: string; content: string; why: string; merge?: (existing: string) => string | null; ours?: string }> = [
    { path: DEFAULT_CONFIG_PATH, content: config, why: 'which rubric checks which plans' },
    { path: WORKFLOW_PATH, content: workflowText(), why: 'the check on pull requests and the merge queue (make the job "plan-gate" a required check)' }
  ]
  for (const agent of agents as HookAgent[]) {
    const file = hookFile(agent)
    const marker = agent === 'pre-commit' ? 'plan-gate check --changed' : `plan-gate hook ${agent}`
    files.push({
      ...file,
      ours: marker,
      merge: agent === 'pre-commit' ? mergePreCommit : agent === 'copilot' ? undefined : (existing) => mergeJsonHooks(existing, file.content)
    })
  }

  let kept = 0
  for (const file of files) {
    const absolute = path.join(root, file.path)
    const existing = await readFile(absolute, 'utf8').catch(() => null)
    let result: Result
    let content = file.content
    if (existing === null) result = 'wrote'
    else if (existing === file.content || (file.ours !== undefined && existing.includes(file.ours))) result = 'unchanged'
    else if (!force) result = 'kept'
    else {
      const merged = file.merge?.(existing) ?? null
      result = merged === null ? 'replaced' : 'merged'
      content = merged ?? file.content
    }
    if (result === 'wrote' || result === 'merged' || result === 'replaced') {
      await mkdir(path.dirname(absolute), { recursive: true })
      await writeFile(absolute, content)
    }
    if (result === 'kept') {
      kept++
      io.stdout(`kept      ${file.path}: it exists and differs; rerun with --force to ${file.merge ? 'add plan-gate to it' : 'replace it'}\n`)
    } else {
      io.stdout(`${result.padEnd(9)} ${file.path}: ${file.why}\n`)
    }
  }
  if (agents.length === 0) io.stdout('Agent hooks: rerun with --hooks claude,codex,cursor,copilot,pre-commit (any of them) to check plans before the agent stops or the commit lands.\n')
  if (agents.length > 0) io.stdout('The hooks run the plan-gate installed in the project: npm install --save-dev plan-gate\n')
  if (kept > 0) io.stdout(`${kept} file${kept === 1 ? '' : 's'} left as they were.\n`)
  return 0
}

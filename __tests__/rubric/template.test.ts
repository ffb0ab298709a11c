import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { run } from '../../src/cli/main.js'
import { checkPlan } from '../../src/engine/check.js'
import { loadConfig, rubricFor } from '../../src/rubric/config.js'
import { ConfigError } from '../../src/rubric/errors.js'
import { rubricFromTemplate } from '../../src/rubric/from-template.js'
import { RubricLoader } from '../../src/rubric/load.js'
import { rubricSchema, type Rubric } from '../../src/rubric/schema.js'
import { brief } from '../../test-support/engine.js'

// Templates written for these tests after the shapes real ones take: spec-kit's
// current and older plan templates, community templates marking optional
// parts, and {{MUSTACHE}} blanks.
const FIXTURES = path.resolve('__tests__/rubric/fixtures')
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')

function reader(files: Record<string, string>) {
  return async (repoPath: string): Promise<string | null> => files[repoPath] ?? null
}

async function fromTemplate(name: string): Promise<Rubric> {
  const files = { [`templates/${name}`]: fixture(name), 'rubric.yml': `template: templates/${name}\n` }
  return new RubricLoader(reader(files)).load('rubric.yml', null)
}

const FILLED = `# Delivery Plan: Invoice export

**Owner**: Dana Ruiz | **Target date**: 2027-02-01

**Source**: Specification at \`/docs/invoice-export/spec.md\`

## Summary

Stream a month of invoices as CSV from a read replica, on demand and on a schedule.

## Stack

**Runtime**: Node 22

**Datastore**: Postgres 16 (read replica)

## Principles Review

*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*

Library first: the exporter is a package the endpoint and the job both call.

## Layout

\`\`\`text
packages/export/
\`\`\`
`

describe('rubricFromTemplate', () => {
  it('turns headings into sections, keeping the optional ones optional', () => {
    const rubric = rubricFromTemplate(fixture('plan-template-current.md'), 'templates/plan-template-current.md')
    expect(rubric.sections!.map((section) => [section.title, section.required ?? true])).toEqual([
      ['Summary', true],
      ['Stack', true],
      ['Principles Review', true],
      ['Layout', true],
      ['Packages', false],
      ['Exceptions', false]
    ])
  })

  it('turns tables into required columns, fields meant to be filled into required fields', () => {
    const rubric = rubricFromTemplate(fixture('plan-template-current.md'), 't.md')
    expect(rubric.tables).toEqual([
      expect.objectContaining({ section: 'exceptions', required: false, columns: [{ name: 'Exception' }, { name: 'Reason' }, { name: 'Cheaper Option Rejected Because' }] })
    ])
    expect(rubric.fields!.map((field) => [field.label, field.section])).toEqual([
      // The model reads one field per line, so "**Target date**" after "|" is not a field; its [DATE] is still a leftover.
      ['Owner', undefined],
      ['Source', undefined],
      ['Runtime', 'stack'],
      ['Datastore', 'stack']
    ])
  })

  it('turns checklists into items that must be ticked, and a gate line into a required gate', () => {
    const legacy = rubricFromTemplate(fixture('plan-template-legacy.md'), 't.md')
    expect(legacy.checklists).toEqual([
      { id: 'progress-checklist', section: 'progress', items: ['Research complete', 'Design complete', 'Principles review passed'], allChecked: true }
    ])
    expect(legacy.sections!.find((section) => section.title === 'Complexity')?.required).toBe(false)
    expect(legacy.gate?.required).toBe(false)
    expect(rubricFromTemplate(fixture('plan-template-mustache.md'), 't.md').gate?.required).toBe(true)
  })

  it('skips headings that are themselves blanks and makes parts under an optional heading optional', () => {
    const rubric = rubricFromTemplate(fixture('plan-template-mustache.md'), 't.md')
    expect(rubric.sections!.map((section) => [section.title, section.required ?? true])).toEqual([
      ['Goals', true],
      ['Interfaces', true],
      ['Rollout', false],
      ['Rollback', false]
    ])
    // The field under the blank heading belongs to the nearest kept heading.
    expect(rubric.fields).toEqual([{ id: 'contract-field', label: 'Contract', section: 'interfaces' }])
  })
})

describe('a plan checked against its template', () => {
  it('passes when filled in, keeping the template lines meant to stay (the italic GATE note)', async () => {
    const rubric = await fromTemplate('plan-template-current.md')
    const result = checkPlan({ file: 'plan.md', content: FILLED }, { rubric, rubricSource: 'test' })
    expect(brief(result)).toEqual([])
    expect(result.verdict).toBe('PASS')
  })

  it('reports every placeholder, example value and instruction left as the template wrote it', async () => {
    const rubric = await fromTemplate('plan-template-current.md')
    const leftover = FILLED.replace('Node 22', '[e.g., Node 22, Go 1.23 or NEEDS CLARIFICATION]')
      .replace('Stream a month of invoices as CSV from a read replica, on demand and on a schedule.', '[One paragraph: what ships and the approach chosen]')
      .replace('Dana Ruiz', '[name]')
      .concat('\n## Exceptions\n\n> **Fill ONLY if the Principles Review found violations**\n\n| Exception | Reason | Cheaper Option Rejected Because |\n|---|---|---|\n| [e.g., extra service] | [need] | [why not] |\n')
    const result = checkPlan({ file: 'plan.md', content: leftover }, { rubric, rubricSource: 'test' })
    const placeholders = result.findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => finding.line)
    const lines = leftover.split('\n')
    expect(lines[18]).toBe('*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*')
    expect(lines[30]).toBe('> **Fill ONLY if the Principles Review found violations**')
    // [name]; the example value (one finding: NEEDS CLARIFICATION inside [e.g., …] is the same gap); the example row's three cells.
    expect(placeholders).toEqual([3, 13, 35, 35, 35])
    // A section holding only the template's instruction is empty: one section-empty finding at that line.
    expect(result.findings.filter((finding) => finding.line === 9).map((finding) => finding.ruleId)).toEqual(['section-empty'])
    // Notes the template sets in emphasis or a quote stay: the GATE line, and "Fill ONLY if …".
    expect(result.findings.some((finding) => finding.line === 19 || finding.line === 31)).toBe(false)
    // A token the common placeholders know is reported once, not again as a template leftover, and the
    // NEEDS CLARIFICATION inside the bracketed example is part of that one placeholder.
    expect(result.findings.filter((finding) => finding.line === 13).map((finding) => finding.message)).toEqual([
      'Placeholder "[e.g., Node 22, Go 1.23 or NEEDS CLARIFICATION]" left in the plan'
    ])
    expect(result.verdict).toBe('FAIL')
  })

  it('reports a plain instruction line of the template left in the plan', async () => {
    const rubric = await fromTemplate('plan-template-legacy.md')
    const plan = '# Plan\n\n## Approach\n\nDescribe the technical approach in a few paragraphs.\n\n## Phase 0: Research\n\nDone.\n\n## Progress\n\n- [x] Research complete\n- [x] Design complete\n- [x] Principles review passed\n'
    expect(brief(checkPlan({ file: 'plan.md', content: plan }, { rubric, rubricSource: 'test' }))).toEqual(['section-empty@5'])
  })

  it('reports example entries ("Step 1", "Risk 1") and the instruction of a minimal template, not its quoted note', async () => {
    const rubric = await fromTemplate('plan-template-minimal.md')
    const plan = '# Plan\n\n> Kept short on purpose: four parts.\n\n## Approach\n\nDescribe the implementation approach.\n\n## Steps\n\n1. Step 1\n2. Add the queue\n\n## Risks\n\n- Risk 1\n'
    expect(brief(checkPlan({ file: 'plan.md', content: plan }, { rubric, rubricSource: 'test' }))).toEqual(['section-empty@7', 'placeholder@11', 'section-empty@16'])
  })

  it('keeps an unticked item of a template checklist an error', async () => {
    const rubric = await fromTemplate('plan-template-legacy.md')
    const plan = '# Plan\n\n## Approach\n\nA queue between the API and the workers.\n\n## Phase 0: Research\n\nDone.\n\n## Progress\n\n- [x] Research complete\n- [ ] Design complete\n- [x] Principles review passed\n'
    expect(brief(checkPlan({ file: 'plan.md', content: plan }, { rubric, rubricSource: 'test' }))).toEqual(['checklist-unchecked@14'])
  })

  it('lets the rubric change what the template implies', async () => {
    const files = { 't/plan.md': fixture('plan-template-current.md'), 'rubric.yml': 'template: t/plan.md\nsections:\n  - id: layout\n    required: false\n' }
    const rubric = await new RubricLoader(reader(files)).load('rubric.yml', null)
    expect(rubric.sections.find((section) => section.id === 'layout')?.required).toBe(false)
  })
})

describe('rubric: { template } in a config', () => {
  it('is read through the same reader as rubric files (the base commit in the action)', async () => {
    const read: string[] = []
    const files: Record<string, string> = { '.specify/templates/team-plan.md': fixture('plan-template-current.md') }
    const config = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: ["specs/*/plan.md"]\n    rubric: { template: .specify/templates/team-plan.md }\n', async (repoPath) => {
      read.push(repoPath)
      return files[repoPath] ?? null
    })
    expect(read).toEqual(['.specify/templates/team-plan.md'])
    expect(rubricFor(config, 'specs/001-x/plan.md')!.rubric.sections.map((section) => section.id)).toContain('principles-review')
  })

  it('is a located config error when the template does not exist', async () => {
    const loading = loadConfig('.github/plan-gate.yml', 'plans:\n  - files: ["**/plan.md"]\n    rubric:\n      template: missing.md\n', reader({}))
    await expect(loading).rejects.toThrow(ConfigError)
    await expect(loading).rejects.toMatchObject({ problems: [expect.objectContaining({ line: 4, column: 17, path: 'plans[0].rubric.template', message: 'template "missing.md" not found' })] })
  })

  it('is the default rubric of a spec-kit repository that has .specify/templates/plan-template.md, and the report says so', async () => {
    const config = await loadConfig('.github/plan-gate.yml', null, reader({ '.specify/templates/plan-template.md': fixture('plan-template-current.md') }))
    const choice = rubricFor(config, 'specs/001-export/plan.md')!
    expect(choice.reason).toBe('matched specs/*/plan.md (rubric derived from .specify/templates/plan-template.md, built-in default)')
    expect(choice.rubric.sections.map((section) => section.title)).toContain('Principles Review')
    const without = await loadConfig('.github/plan-gate.yml', null, reader({}))
    expect(rubricFor(without, 'specs/001-export/plan.md')!.rubric.name).toBe('generic')
  })
})

describe('plan-gate rubric --from-template', () => {
  async function cli(args: string[]) {
    let stdout = ''
    let stderr = ''
    const status = await run(args, { cwd: FIXTURES, env: {}, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false })
    return { status, stdout, stderr }
  }

  it('prints the derived rubric as YAML that is a valid rubric', async () => {
    const result = await cli(['rubric', '--from-template', 'plan-template-current.md'])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/^# yaml-language-server: \$schema=/)
    const parsed = rubricSchema().parse(parse(result.stdout))
    expect(parsed.sections!.map((section) => section.id)).toEqual(['summary', 'stack', 'principles-review', 'layout', 'packages', 'exceptions'])
  })

  it('is a usage error without a template or with a missing one', async () => {
    expect((await cli(['rubric'])).status).toBe(2)
    const missing = await cli(['rubric', '--from-template', 'nope.md'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('template "nope.md" not found')
  })
})

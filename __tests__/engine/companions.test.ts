import { run } from '../../src/cli/main.js'
import { checkPlan, companionPaths, type CompanionContent } from '../../src/engine/check.js'
import { idsIn } from '../../src/engine/rules/reference-lookup.js'
import { loadConfig } from '../../src/rubric/config.js'
import { ConfigError } from '../../src/rubric/errors.js'
import { RubricLoader } from '../../src/rubric/load.js'
import type { Rubric } from '../../src/rubric/schema.js'
import { checkPlans } from '../../src/runner/check-plans.js'
import { brief, preset } from '../../test-support/engine.js'

// Numbered blocks, line forms, companion files and references between them:
// the rubric features the OpenSpec and Kiro presets are built from.

async function inline(yaml: string, files: Record<string, string> = {}): Promise<Rubric> {
  return new RubricLoader(async (path) => ({ 'rubric.yml': yaml, ...files })[path] ?? null).load('rubric.yml', null)
}

function check(text: string, rubric: Rubric, companions?: CompanionContent[], file = 'feature/design.md') {
  return checkPlan({ file, content: text }, { rubric, rubricSource: 'test', ...(companions ? { companions } : {}) })
}

const REQUIREMENTS = `# Requirements

## Requirements

### Requirement 1: Upload

#### Acceptance Criteria

1. WHEN a file is uploaded, THE Import Service SHALL store it.
2. IF the file is too large, THEN THE Import Service SHALL reject it.

### Requirement 2: Report

#### Acceptance Criteria

1. WHEN an import ends, THE Import Service SHALL report the rejected rows.
`

describe('blocks', () => {
  const rubric = inline(`blocks:
  - id: groups
    title: group
    heading: '^(\\d+)\\.'
    minCount: 2
    sequential: true
    items: { kind: task, min: 1, numbered: true }
`)

  it('counts numbered blocks and their numbered items', async () => {
    expect(brief(check('## 1. Data\n\n- [ ] 1.1 Table\n\n## 2. API\n\n- [x] 2.1 Endpoint\n', await rubric))).toEqual([])
  })

  it('reports too few blocks, a block without items, a gap, and an item of another block', async () => {
    expect(brief(check('## 1. Data\n\n- [ ] 1.1 Table\n', await rubric))).toEqual(['block-missing@1'])
    const text = '## 1. Data\n\nNothing yet.\n\n## 3. API\n\n- [ ] 2.1 Endpoint\n- [ ] 3.1 Docs\n- [ ] 3.1 Again\n'
    expect(brief(check(text, await rubric))).toEqual(['block-items@1', 'block-numbering@5', 'block-numbering@7', 'block-numbering@9'])
  })

  it('reports one finding per gap, not one per later block', async () => {
    const text = ['## 1. A', '- [ ] 1.1 a', '## 2. B', '- [ ] 2.1 b', '## 4. D', '- [ ] 4.1 d', '## 5. E', '- [ ] 5.1 e'].join('\n\n')
    expect(brief(check(text, await rubric))).toEqual(['block-numbering@9'])
  })
})

describe('lines (EARS acceptance criteria)', () => {
  it('accepts the English EARS forms and the Japanese ones, and reports the rest at their line', async () => {
    const rubric = await preset('kiro-requirements')
    const text = `## Introduction

Import products from CSV.

## Requirements

### Requirement 1

#### Acceptance Criteria

1. WHEN the owner uploads a file THEN the system SHALL store it
2. While an import runs, the Import Service shall show progress.
3. The Import Service shall keep valid rows.
4. ファイルがアップロードされたとき、システムはファイルを保存すること
5. When 設定ページが読み込まれるとき、アプリは設定を表示すること
6. Users can cancel an import.
`
    expect(brief(check(text, rubric, undefined, 'requirements.md'))).toEqual(['line-pattern@16'])
  })

  it('reports a requirement without acceptance criteria', async () => {
    const text = '## Introduction\n\nText here.\n\n## Requirements\n\n### Requirement 1\n\nSome prose only.\n'
    expect(brief(check(text, await preset('kiro-requirements'), undefined, 'requirements.md'))).toEqual(['block-items@7'])
  })
})

describe('companions and references', () => {
  const rubric = inline(
    `companions:
  - { id: requirements, path: requirements.md, rubric: requirements.yml }
  - { id: tasks, path: tasks.md }
sections:
  - { id: traceability, title: Traceability }
references:
  - id: traced
    title: requirement
    defined: { file: requirements, block: requirements }
    cited: { section: traceability, pattern: '(\\d+(?:\\.\\d+)*(?:-\\d+(?:\\.\\d+)*)?)' }
  - id: tasked
    title: requirement
    defined: { file: requirements, block: requirements }
    cited: { file: tasks, pattern: 'Requirements:\\s*([^_\\n]+)' }
`,
    {
      'requirements.yml': `blocks:
  - id: requirements
    heading: '^Requirement\\s+(\\d+)'
    items: { under: '^Acceptance Criteria' }
`
    }
  )
  const companions = (tasks: string | null, requirements: string | null = REQUIREMENTS): CompanionContent[] => [
    { id: 'requirements', file: 'feature/requirements.md', content: requirements },
    { id: 'tasks', file: 'feature/tasks.md', content: tasks }
  ]

  it('finds companions beside the plan', async () => {
    expect(companionPaths('.kiro/specs/x/design.md', await rubric)).toEqual([
      { id: 'requirements', file: '.kiro/specs/x/requirements.md' },
      { id: 'tasks', file: '.kiro/specs/x/tasks.md' }
    ])
  })

  it('passes when every id is traced and tasked (a block citation covers its items, ranges expand)', async () => {
    const design = '# Design\n\n## Traceability\n\n| Requirement | Component |\n|---|---|\n| 1.1-1.2 | Upload |\n| 2 | Report |\n'
    expect(brief(check(design, await rubric, companions('- [ ] 1. Upload\n  - _Requirements: Requirement 1, 2.1_\n')))).toEqual([])
  })

  it('reports untraced and untasked ids, and citations of ids that do not exist', async () => {
    const design = '# Design\n\n## Traceability\n\n| Requirement | Component |\n|---|---|\n| 1.1 | Upload |\n'
    const result = check(design, await rubric, companions('- [ ] 1. Upload\n  - _Requirements: 1.1, 1.2, 7.1_\n'))
    expect(brief(result)).toEqual(['reference-missing@1', 'reference-unknown@1', 'reference-missing@3', 'reference-missing@3'])
    expect(result.findings.map((finding) => finding.message)).toEqual([
      'Requirement 2.1 (Requirement 2: Report, feature/requirements.md:12) is not cited in feature/tasks.md',
      'feature/tasks.md cites requirement 7.1, which feature/requirements.md does not define (feature/tasks.md:2)',
      'Requirement 1.2 (Requirement 1: Upload, feature/requirements.md:5) is not cited in feature/design.md ("Traceability")',
      'Requirement 2.1 (Requirement 2: Report, feature/requirements.md:12) is not cited in feature/design.md ("Traceability")'
    ])
  })

  it('reports a missing companion once, and no reference through it', async () => {
    const design = '# Design\n\n## Traceability\n\n1.1, 1.2, 2.1\n'
    expect(brief(check(design, await rubric, companions(null)))).toEqual(['companion-missing@1'])
  })

  it('stays silent about companions the caller did not pass (the engine reads no files)', async () => {
    expect(brief(check('# Design\n\n## Traceability\n\nNone.\n', await rubric))).toEqual([])
  })

  it('checks each companion with its own rubric as a result of its own, once', async () => {
    const plan = { file: 'feature/design.md', content: '# Design\n\n## Traceability\n\n1.1 1.2 2.1\n', rubric: await rubric, rubricSource: 'test', companions: companions('_Requirements: 1, 2_', '# Requirements\n\n### Requirement 1\n\nNo criteria.\n') }
    const result = await checkPlans([plan, { ...plan }], { failOn: 'error', maxPlanBytes: 1 << 20, workerScript: null })
    expect(result.plans.map((each) => each.file)).toEqual(['feature/design.md', 'feature/design.md', 'feature/requirements.md'])
    const requirements = result.plans.find((each) => each.file === 'feature/requirements.md')!
    expect(requirements.rubricSource).toBe('companion "requirements.md" of feature/design.md (rubric)')
    expect(brief(requirements)).toEqual(['block-items@3'])
  })

  it('splits citations into ids', () => {
    expect(idsIn('1.1, 2.3')).toEqual(['1.1', '2.3'])
    expect(idsIn('Requirement 2, 3')).toEqual(['2', '3'])
    expect(idsIn('1.1-1.3')).toEqual(['1.1', '1.2', '1.3'])
    expect(idsIn('要件 1.2、3.1')).toEqual(['1.2', '3.1'])
  })
})

describe('the kiro preset', () => {
  // A Kiro design without a traceability table: each correctness property names the criteria it validates.
  const propertyDesign = (validates: string) => `# Design: Invoice Archive

## Overview

Archives paid invoices nightly so that the ledger stays small.

## Architecture

A scheduled job moves paid invoices from the ledger table to cold storage.

## Components and Interfaces

- ArchiveJob: selects paid invoices older than ninety days and moves them.

## Data Models

- ArchivedInvoice: id, paidAt, archivedAt.

## Correctness Properties

### Property 1: Nothing unpaid moves

For any invoice that is not paid, the job SHALL leave it in the ledger.

**Validates: Requirements ${validates}**

## Error Handling

A failed move is retried on the next run; the invoice stays in the ledger meanwhile.

## Testing Strategy

Property tests over generated ledgers; one integration test against a scratch database.
`
  const kiroCompanions = (tasks: string): CompanionContent[] => [
    { id: 'requirements', file: 'feature/requirements.md', content: REQUIREMENTS },
    { id: 'tasks', file: 'feature/tasks.md', content: tasks }
  ]

  it('takes Kiro\'s "Validates: Requirements" lines as the traceability, and reads the ids they cite', async () => {
    const rubric = await preset('kiro')
    const tasks = '- [ ] 1. Archive job\n  - _Requirements: 1.1, 1.2, 2.1_\n'
    expect(brief(check(propertyDesign('1.1, 1.2, 2.1'), rubric, kiroCompanions(tasks)))).toEqual([])
    const partial = check(propertyDesign('1.1'), rubric, kiroCompanions(tasks))
    expect(partial.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message}`)).toEqual([
      'reference-missing error Requirement 1.2 (Requirement 1: Upload, feature/requirements.md:5) is not cited in feature/design.md',
      'reference-missing error Requirement 2.1 (Requirement 2: Report, feature/requirements.md:12) is not cited in feature/design.md'
    ])
  })

  it('still misses the traceability when no line names a requirement id', async () => {
    const design = propertyDesign('1.1').replace('**Validates: Requirements 1.1**', 'Validates the payment rule.')
    const missing = check(design, await preset('kiro')).findings.filter((finding) => finding.ruleId === 'section-missing')
    expect(missing.map((finding) => `${finding.severity} ${finding.message.split(":")[0]}`)).toEqual(['error Missing section "Requirements Traceability"'])
  })

  it('warns, without failing, about a design with no Data Models: cc-sdd asks only for the data a feature changes', async () => {
    const design = propertyDesign('1.1, 1.2, 2.1').replace(/## Data Models\n\n.*\n\n/u, '')
    const result = check(design, await preset('kiro'))
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line} ${finding.severity}`)).toEqual(['section-missing@15 warning'])
    expect(result.verdict).toBe('PASS')
  })

  it('fails a requirement no task cites, and only warns about one whose other criteria a task cites', async () => {
    const design = propertyDesign('1.1, 1.2, 2.1')
    const result = check(design, await preset('kiro'), kiroCompanions('- [ ] 1. Archive job\n  - _Requirements: 1.1_\n'))
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.message.split(' (')[0]}`)).toEqual([
      'reference-missing error Requirement 2.1',
      'reference-missing warning Requirement 1.2'
    ])
  })

  it('counts a numbered "Feature Classification & Scope" opening, as cc-sdd designs write it, as the Overview', async () => {
    const design = '# Design\n\n## 1. Feature Classification & Scope\n\n- Extension of the pipeline; out of scope: the logger.\n'
    const missing = check(design, await preset('kiro')).findings.filter((finding) => finding.ruleId === 'section-missing').map((finding) => finding.message)
    expect(missing).toHaveLength(6)
    expect(missing.some((message) => message.includes('"Overview"'))).toBe(false)
  })
})

describe('the openspec preset', () => {
  it('takes task groups under unnumbered headings as tasks, warning only about the numbering its template uses', async () => {
    const tasks = '# Tasks\n\n## Storage\n\n- [ ] Add the exports table\n- [x] Write the migration\n\n## API\n\n- [ ] Add the download endpoint\n'
    const result = check(tasks, await preset('openspec-tasks'), undefined, 'openspec/changes/x/tasks.md')
    expect(result.findings.map((finding) => `${finding.ruleId} ${finding.severity}`)).toEqual(['block-missing warning'])
    expect(result.verdict).toBe('PASS')
  })

  it('still fails a tasks file with no task items at all', async () => {
    const result = check('# Tasks\n\n## 1. Storage\n\nAdd the exports table, then the endpoint.\n', await preset('openspec-tasks'), undefined, 'openspec/changes/x/tasks.md')
    expect(result.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId)).toEqual(['checklist-missing'])
  })

  it('takes an Architecture section whose parts are the choices and their reasons as the Decisions', async () => {
    const design = [
      '# Design',
      '## Context',
      'Exports run inside the request today and time out.',
      '## Goals / Non-Goals',
      'Goal: exports finish for large accounts. Non-goal: new formats.',
      '## Architecture',
      '### A) A queue for exports',
      'A worker takes export jobs from a queue, so that requests return at once; a cron job was rejected because it delays small exports.',
      '## Risks / Trade-offs',
      '- [Queue backlog] → alert on queue age.'
    ].join('\n\n')
    const missing = check(design, await preset('openspec')).findings.filter((finding) => finding.ruleId === 'section-missing')
    expect(missing).toEqual([])
  })
})

describe('config problems', () => {
  async function problems(yaml: string): Promise<string[]> {
    try {
      await loadConfig('.github/plan-gate.yml', yaml, async () => null)
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}: ${problem.message}`)
      throw error
    }
    return []
  }

  it('names unknown blocks and companions, bad patterns and paths outside the plan\'s directory', async () => {
    const yaml = `plans:
  - files: ["**/design.md"]
    rubric:
      companions:
        - { id: tasks, path: ../tasks.md }
      blocks:
        - { id: groups, heading: '^(\\d+' }
      lines:
        - { id: ears, block: group, patterns: [shall] }
      references:
        - { id: r, defined: { file: task, block: groups }, cited: { pattern: x } }
`
    expect(await problems(yaml)).toEqual([
      '7:34 plans[0].rubric.blocks[0].heading: invalid RE2 pattern: error parsing regexp: missing closing ): `^(\\d+`',
      '9:30 plans[0].rubric.lines[0].block: no block list with id "group"; did you mean "groups"?',
      '5:30 plans[0].rubric.companions[0].path: "../tasks.md" must be a path inside the plan\'s directory (no "/" at the start, no "..")',
      '11:37 plans[0].rubric.references[0].defined.file: no companion with id "task"; did you mean "tasks"?'
    ])
  })
})

describe('the openspec and kiro examples, end to end through the CLI', () => {
  it('passes the complete ones and reports exactly the broken ones\' gaps, each in its own file', async () => {
    let stdout = ''
    const status = await run(['check', 'examples/openspec', 'examples/kiro', '--config', 'examples/plan-gate.yml', '--format', 'json'], {
      cwd: process.cwd(),
      env: {},
      stdout: (text) => (stdout += text),
      stderr: () => {},
      isTTY: false
    })
    expect(status).toBe(1)
    const report = JSON.parse(stdout) as { plans: Array<{ file: string; verdict: string; findings: Array<{ ruleId: string; line: number }> }> }
    const summary = Object.fromEntries(report.plans.map((plan) => [plan.file.replace(/^examples\//u, ''), `${plan.verdict} ${plan.findings.map((finding) => `${finding.ruleId}@${finding.line}`).join(' ')}`.trim()]))
    expect(summary).toEqual({
      'kiro/specs/csv-import/design.md': 'PASS',
      'kiro/specs/csv-import/requirements.md': 'PASS',
      'kiro/specs/csv-import/tasks.md': 'PASS',
      'kiro/specs/fail-untraced/design.md': 'FAIL reference-missing@1 reference-unknown@1 reference-missing@27',
      'kiro/specs/fail-untraced/requirements.md': 'FAIL line-pattern@14',
      'kiro/specs/fail-untraced/tasks.md': 'PASS',
      'openspec/changes/add-invoice-export/design.md': 'PASS',
      'openspec/changes/add-invoice-export/proposal.md': 'PASS',
      'openspec/changes/add-invoice-export/tasks.md': 'PASS',
      'openspec/changes/fail-unfinished-change/design.md': 'FAIL companion-missing@1 placeholder@13 section-missing@15',
      'openspec/changes/fail-unfinished-change/tasks.md': 'PASS block-numbering@6 block-numbering@8'
    })
  })
})

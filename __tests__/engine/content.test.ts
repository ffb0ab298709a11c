import { checkPlan } from '../../src/engine/check.js'
import { buildModel } from '../../src/engine/model.js'
import { isBlankText, isDeferral, isFormatIntroduction, isMarkerMention, isSlotDescription, marksChosen } from '../../src/engine/text.js'
import { finalizeRubric } from '../../src/rubric/resolve.js'
import type { RubricFile } from '../../src/rubric/schema.js'
import { brief, checkText, preset } from '../../test-support/engine.js'

// What counts as content, and what only stands in for it.

const lines = (...all: string[]): string => `${all.join('\n')}\n`

function check(text: string, file: RubricFile) {
  return checkPlan({ file: 'plan.md', content: text }, { rubric: finalizeRubric(file, 'test'), rubricSource: 'test', failOn: 'error' })
}

describe('the deferral test', () => {
  it.each([
    'Not yet written; will be described here.',
    'To be decided',
    'TBD',
    '(diagram to come)',
    'see later',
    '?',
    '-',
    'N/A',
    'Pending',
    'Coming soon',
    '[Describe the components here]',
    'Owner: TBD',
    '待定',
    '架构图待补充',
    '未定',
    '추후 작성',
    'A definir.',
    'Por definir',
    'À définir',
    'Wird später beschrieben',
    'Будет описано позже',
    'Sẽ được mô tả sau',
    '<br>',
    '\u200B\u200B'
  ])('takes %j for a stand-in', (text) => {
    expect(isDeferral(text)).toBe(true)
  })

  it.each([
    'N/A — no personal data is stored',
    'Use Postgres 16 with one read replica',
    'Pending legal review of the retention period for audit logs',
    'None',
    'The worker will be deployed later this quarter behind a flag',
    'Later phases add caching and sharding of the index'
  ])('takes %j for content', (text) => {
    expect(isDeferral(text)).toBe(false)
  })

  it('reads a status word as a value in a status column', () => {
    expect(isDeferral('Pending')).toBe(true)
    expect(isDeferral('Pending', { statusColumn: true })).toBe(false)
  })

  it('takes long text for content without scanning it, unless it shows nothing', () => {
    expect(isDeferral('to be decided '.repeat(50_000))).toBe(false)
    expect(isDeferral('- '.repeat(50_000))).toBe(true)
  })

  it('sees nothing in markup and invisible characters', () => {
    expect(isBlankText('<span></span>')).toBe(true)
    expect(isBlankText('\u2060 <br/> \u00AD')).toBe(true)
    expect(isBlankText('Alice')).toBe(false)
  })
})

describe('a marker mentioned is not a marker left', () => {
  const mention = (text: string, marker = 'NEEDS CLARIFICATION') => isMarkerMention(text, text.indexOf(marker), marker.length)

  it.each(['All NEEDS CLARIFICATION resolved', '0 NEEDS CLARIFICATION', 'No NEEDS CLARIFICATION markers remain', 'research.md with all NEEDS CLARIFICATION resolved'])('%j', (text) => {
    expect(mention(text)).toBe(true)
  })

  it.each(['NEEDS CLARIFICATION', '**Storage**: NEEDS CLARIFICATION', '[NEEDS CLARIFICATION: which database?]', 'Remaining work: NEEDS CLARIFICATION'])('%j is a stand-in', (text) => {
    expect(mention(text)).toBe(false)
  })

  it('reports a placeholder inside a placeholder once, and a mention not at all', () => {
    const file: RubricFile = {
      placeholders: [
        { id: 'needs-clarification', text: 'NEEDS CLARIFICATION' },
        { id: 'template-token', regex: String.raw`\[NEEDS CLARIFICATION[^\]\n]*\]`, caseSensitive: true }
      ]
    }
    const result = check(lines('# Plan', '', 'Storage: [NEEDS CLARIFICATION: which database?]', '', '- [x] All NEEDS CLARIFICATION resolved'), file)
    expect(brief(result)).toEqual(['placeholder@3'])
  })
})

describe('the format of another file is not a blank of the plan', () => {
  it.each([
    'Consolidate findings in `research.md` using format:',
    'Each entry of docs/decisions.md follows this structure:',
    'We ran the spikes first. Record each in spikes/log.md with the template:',
    'Registre cada decisão em `research.md` no formato:',
    'Jede Entscheidung in entscheidungen.md nach dieser Vorlage:',
    '每个决定按以下格式写入 research.md：'
  ])('%j introduces a format', (text) => {
    expect(isFormatIntroduction(text, 'specs/001-x/plan.md')).toBe(true)
  })

  it.each([
    ['no file named', 'Fill in the rest using format:'],
    ['only this plan named', 'Complete `plan.md` using format:'],
    ['no word of format', 'Put the answers in `research.md`:'],
    ['no colon at the end', 'Answers go in research.md using the format below.'],
    ['the file in an earlier sentence', 'See research.md. Fill in the rest using format:']
  ])('a sentence with %s does not', (_name, text) => {
    expect(isFormatIntroduction(text, 'specs/001-x/plan.md')).toBe(false)
  })

  it.each(['[what was chosen]', '[why chosen]', '<why it was rejected>', '[e.g., the library picked]'])('%j describes a slot', (text) => {
    expect(isSlotDescription(text)).toBe(true)
  })

  it.each(['[DATE]', '[FEATURE]', '[REMOVE IF UNUSED]', '<reason>', '[link]', 'NEEDS CLARIFICATION', '[what was chosen] and more'])('%j is a token, not a description', (text) => {
    expect(isSlotDescription(text)).toBe(false)
  })

  it('gives each list the paragraph that leads into it, in a list item or above it', () => {
    const model = buildModel(lines('1. Write `notes.md` using format:', '   - Decision: [what]', '', 'Plain words.', '', '- one', '- two', '', '## Next', '', '- alone'))
    expect(model.lists.map((list) => [list.line, list.endLine, list.lead])).toEqual([
      [1, 2, null],
      [2, 2, 'Write notes.md using format:'],
      [6, 7, 'Plain words.'],
      [11, 11, null]
    ])
  })

  it('takes the slots of such a list as mentions under any rubric, and keeps the plan\'s own', async () => {
    const plan = lines(
      '# Plan',
      '',
      '## Approach',
      '',
      'We cache lookups for a day and record each choice in `choices.md` using format:',
      '',
      '- Choice: [e.g., the cache picked]',
      '- Owner: [e.g., the team that runs it]',
      '- Decisions: [e.g., what else was weighed]',
      '',
      'Cache size: [e.g., 512 MB]'
    )
    const placeholders = async (rubric: string) =>
      (await checkText(plan, rubric)).findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => `${finding.line}:${finding.message}`)
    // "Decisions" names a section both rubrics require: a slot labelled with it is the plan's own blank.
    for (const rubric of ['generic', 'spec-dev']) {
      expect(await placeholders(rubric)).toEqual(['9:Placeholder "[e.g., what else was weighed]" left in the plan', '11:Placeholder "[e.g., 512 MB]" left in the plan'])
    }
  })
})

describe('the one alternative a plan kept', () => {
  it.each(['# Option 1: Single service - SELECTED', 'Option 2 (chosen)', 'Option B ✅', 'Opção 3 — selecionada', 'Вариант 2 (выбран)', '方案二（采用）'])('%j is marked chosen', (text) => {
    expect(marksChosen(text)).toBe(true)
  })

  it.each(['# Option 1: Single project (DEFAULT)', 'Option 2 - not selected', 'Option 3 (not yet chosen)', 'Option 1 (unselected)', '方案二（未采用）', '方案三（未被采用）'])('%j is not', (text) => {
    expect(marksChosen(text)).toBe(false)
  })
})

describe('section-empty', () => {
  const file: RubricFile = {
    sections: [
      { id: 'architecture', title: 'Architecture', minWords: 20 },
      { id: 'risks', title: 'Risks' }
    ],
    tables: [{ id: 'risks', title: 'Risks', section: 'risks', minRows: 1, columns: [{ name: 'Risk' }, { name: 'Mitigation', notEmpty: true }] }]
  }

  it('reports a section of deferrals at its first vacuous line, once', () => {
    const result = check(lines('## Architecture', '', 'To be decided.', '', '(diagram to come)', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |'), file)
    expect(brief(result)).toEqual(['section-empty@3'])
    expect(result.findings[0]!.endLine).toBe(5)
  })

  it('takes a section of markup that shows nothing for an empty section', () => {
    expect(brief(check(lines('## Architecture', '', '<span></span>', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |'), file))).toEqual(['section-empty@1'])
  })

  it('reports an empty section at its heading', () => {
    expect(brief(check(lines('## Architecture', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |'), file))).toEqual(['section-empty@1'])
  })

  it('does not let a section borrow the content of another rubric section demoted under it', () => {
    const text = lines('## Architecture', '', 'Not yet written.', '', '### Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry with backoff |')
    expect(brief(check(text, file))).toEqual(['section-empty@3'])
  })

  it('counts code, tables and plain subsections as content and their words as words', () => {
    const code = lines('## Architecture', '', '```ts', 'interface Job { id: string; runAt: Date; attempts: number; owner: string; queue: string; payload: unknown; status: string; error: string; createdAt: Date }', '```', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |')
    expect(brief(check(code, file))).toEqual([])
    const sub = lines('## Architecture', '', '### Components', '', 'A scheduler enqueues jobs; a worker runs them and records the outcome with its owner team, retries and the error text for each job.', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |')
    expect(brief(check(sub, file))).toEqual([])
  })

  it('takes many "None for …" rows with empty cells for an empty table, and one "None" row for an answer', () => {
    const hollow = lines('## Architecture', '', 'A scheduler and a worker, both owned by the billing team, with one queue between them and retries on every failure path.', '', '## Risks', '', 'Reviewed.', '', '| Risk | Mitigation |', '|---|---|', '| None for data | |', '| None for security | |')
    expect(brief(check(hollow, file))).toEqual(['table-min-rows@9'])
    const none = lines('## Architecture', '', 'A scheduler and a worker, both owned by the billing team, with one queue between them and retries on every failure path.', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| None | |')
    expect(brief(check(none, file))).toEqual([])
  })

  it('takes a cell that shows nothing for an empty cell', () => {
    const text = lines('## Architecture', '', 'A scheduler and a worker, both owned by the billing team, with one queue between them and retries on every failure path.', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | <br> |', '| Leak | \u200B |', '| Slow | To be decided |')
    expect(brief(check(text, file))).toEqual(['table-empty-cell@9', 'table-empty-cell@10', 'table-empty-cell@11'])
  })

  it('keeps an error inside a section whose emptiness is only advice', () => {
    const advisory: RubricFile = { sections: [{ id: 'decisions', title: 'Decisions', severity: 'warning' }], placeholders: [{ id: 'nc', text: 'NEEDS CLARIFICATION' }] }
    const result = check(lines('## Decisions', '', 'NEEDS CLARIFICATION'), advisory)
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['placeholder:error', 'section-empty:warning'])
    expect(result.verdict).toBe('FAIL')
  })

  it('makes a thin section a warning, not an error', () => {
    const result = check(lines('## Architecture', '', 'One scheduler, one worker.', '', '## Risks', '', '| Risk | Mitigation |', '|---|---|', '| Outage | Retry |'), file)
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['section-too-short:warning'])
    expect(result.verdict).toBe('PASS')
  })
})

describe('field values', () => {
  it('takes a deferred value for an unfilled field', () => {
    const file: RubricFile = { fields: [{ id: 'storage', label: 'Storage' }, { id: 'testing', label: 'Testing' }] }
    const result = check(lines('# Plan', '', '**Storage**: To be decided', '**Testing**: N/A — covered by the existing contract suite'), file)
    expect(brief(result)).toEqual(['field-placeholder@3'])
  })

  it('takes a value that shows nothing for an empty field', () => {
    const file: RubricFile = { fields: [{ id: 'storage', label: 'Storage' }, { id: 'testing', label: 'Testing' }] }
    const result = check(lines('# Plan', '', '**Storage**: <br>', '**Testing**: <span></span>\u200B'), file)
    expect(result.findings.map((finding) => finding.message)).toEqual(['Field "Storage" is empty', 'Field "Testing" is empty'])
  })
})

describe('one gap, one finding', () => {
  const file: RubricFile = {
    sections: [
      { id: 'overview', title: 'Overview' },
      { id: 'risks', title: 'Risks' },
      { id: 'readiness', title: 'Readiness' },
      { id: 'notes', title: 'Notes' }
    ],
    tables: [{ id: 'risks', title: 'Risks', section: 'risks', columns: [{ name: 'Risk' }] }],
    checklists: [{ id: 'readiness', title: 'Readiness', section: 'readiness' }]
  }

  it('reports a missing section with its table or checklist once, where the section belongs', () => {
    const text = lines('# Plan', '', '## Overview', '', 'What we build.', '', '## Background', '', 'History.', '', '## Notes', '', 'More.', '', '## Appendix', '', 'End.')
    const result = check(text, file)
    expect(brief(result)).toEqual(['section-missing@7', 'section-missing@7'])
    const messages = result.findings.map((finding) => finding.message)
    expect(messages.some((message) => message.startsWith('Missing section "Risks"') && message.includes('before "Background" with the "Risks" table'))).toBe(true)
    expect(messages.some((message) => message.startsWith('Missing section "Readiness"') && message.includes('with the "Readiness" checklist'))).toBe(true)
  })
})

describe('section-mention', () => {
  const file: RubricFile = {
    sections: [
      { id: 'testing', title: 'Testing', mentions: [['rollback'], ['load test']] },
      { id: 'data', title: 'Data', mentions: [['index'], ['logging']] }
    ]
  }

  it('accepts any word form, content in tables and code, and a heading elsewhere that names the topic', () => {
    const text = lines(
      '## Testing',
      '',
      '| Kind | Tool |',
      '|---|---|',
      '| Load testing | k6 |',
      '',
      '## Rollback Plan',
      '',
      'Turn the flag off.',
      '',
      '## Data',
      '',
      '```sql',
      'CREATE INDEX jobs_run_at ON jobs (run_at);',
      '```',
      'Every write is logged.'
    )
    expect(brief(check(text, file))).toEqual([])
  })

  it('is advice by default', () => {
    const result = check(lines('## Testing', '', 'Unit tests only.', '', '## Data', '', 'One table.'), file)
    expect(new Set(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`))).toEqual(new Set(['section-mention:warning']))
    expect(result.verdict).toBe('PASS')
  })
})

describe('markers spoken about, in more forms', () => {
  it.each([
    ['a quantifier before it', '- For each NEEDS CLARIFICATION → research task'],
    ['an instruction to look for it', 'Fill the context (scan for NEEDS CLARIFICATION)'],
    ['a count after CJK punctuation', '**結論**:5 項全解析、0 NEEDS CLARIFICATION。'],
    ['a gloss after the words it names', '- [ ] 全ての未確定事項 (NEEDS CLARIFICATION) が解決済み']
  ])('%s is not a placeholder', async (_what, line) => {
    const result = await checkText(`# Plan\n\n## Notes\n\n${line}\n`, 'generic')
    expect(result.findings.filter((finding) => finding.ruleId === 'placeholder')).toEqual([])
  })

  it.each([
    ['a value', '**Storage**: NEEDS CLARIFICATION'],
    ['a value in parentheses', '**Storage**: (NEEDS CLARIFICATION)'],
    ['a statement that it is still open', 'The storage engine is marked NEEDS CLARIFICATION for now.']
  ])('%s still is', async (_what, line) => {
    const result = await checkText(`# Plan\n\n## Notes\n\n${line}\n`, 'generic')
    expect(result.findings.filter((finding) => finding.ruleId === 'placeholder').length).toBe(1)
  })
})

describe('fields the section writes in a form of its own', () => {
  it('are a warning when the section uses none of the labels, an error when it uses the others', async () => {
    const own = await checkText('# Implementation Plan: X\n\n## Summary\n\nShip the export of invoices as CSV files to each bucket, nightly and on demand, for finance teams.\n\n## Technical Context\n\n- Python 3.12 with FastAPI\n- PostgreSQL 16\n\n## Constitution Check\n\nEvery principle holds; no violation needs a justification in this plan.\n\n## Project Structure\n\n```text\nsrc/\n```\n', 'spec-kit')
    const missing = own.findings.filter((finding) => finding.ruleId === 'field-missing')
    expect(missing.length).toBeGreaterThan(0)
    expect(missing.every((finding) => finding.severity === 'warning')).toBe(true)
    const template = await checkText('# Implementation Plan: X\n\n## Summary\n\nShip the export of invoices as CSV files to each bucket, nightly and on demand, for finance teams.\n\n## Technical Context\n\n**Language/Version**: Python 3.12\n\n## Constitution Check\n\nEvery principle holds; no violation needs a justification in this plan.\n\n## Project Structure\n\n```text\nsrc/\n```\n', 'spec-kit')
    expect(template.findings.filter((finding) => finding.ruleId === 'field-missing' && finding.severity === 'error').length).toBeGreaterThan(0)
  })
})

describe('a deferral in parentheses', () => {
  it('after what it defers is a placeholder, not a gloss', async () => {
    const result = await checkText('# Plan\n\n## Notes\n\n**Testing**: PHPUnit (backend), E2E (TBD)\n', 'generic')
    expect(result.findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => finding.line)).toEqual([5])
  })
})

describe('nested checklist items', () => {
  const plan = (parent: string) => `# Plan\n\n## Readiness Checklist\n\n- [${parent}] Review checklist prepared\n  - [ ] Specs consistent\n  - [ ] Coverage at 80%\n- [ ] Pipeline configured\n`
  const uncheckedLines = async (parent: string) => {
    const specDev = await preset('spec-dev')
    // The readiness checklist with no named items: only the ticking is under test.
    const rubric = { ...specDev, checklists: [{ ...specDev.checklists[0]!, items: [] }] }
    const result = await checkText(plan(parent), rubric)
    return result.findings.filter((finding) => finding.ruleId === 'checklist-unchecked').map((finding) => finding.line)
  }
  it('open under an open parent: one finding, at the parent', async () => {
    expect(await uncheckedLines(' ')).toEqual([5, 8])
  })
  it('open under a ticked parent: each open child is reported', async () => {
    expect(await uncheckedLines('x')).toEqual([6, 7, 8])
  })
})

import { checkPlan } from '../../src/engine/check.js'
import { buildModel } from '../../src/engine/model.js'
import type { PlanResult } from '../../src/engine/types.js'
import { finalizeRubric } from '../../src/rubric/resolve.js'
import type { RubricFile } from '../../src/rubric/schema.js'
import { commonPlaceholders } from '../../src/rubric/presets/placeholders.js'

// Plans written to get a green check without finishing the plan. Each case is
// one trick; each would pass (or lose its finding) if the model read the
// source text instead of what a reader sees.

const lines = (...all: string[]): string => `${all.join('\n')}\n`

function check(text: string, file: RubricFile): PlanResult {
  return checkPlan({ file: 'plan.md', content: text }, { rubric: finalizeRubric(file, 'test'), rubricSource: 'test' })
}

const rulesOf = (result: PlanResult): string[] => result.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)

describe('class 1: Unicode disguises', () => {
  const gated: RubricFile = { gate: { required: true } }

  it.each([
    ['zero-width space', 'Gate: FA\u200BIL — owners missing'],
    ['soft hyphen', 'Gate: FA\u00ADIL — owners missing'],
    ['Cyrillic А and Е', 'Gаtе: FАIL — owners missing'],
    ['fullwidth', 'Ｇａｔｅ： ＦＡＩＬ — owners missing'],
    ['em dashes as separators', 'Gate — FAIL — owners missing'],
    ['equals sign', 'Gate = FAIL — owners missing']
  ])('a last line a reader sees as "Gate: FAIL" wins over an earlier PASS (%s)', (_name, last) => {
    const result = check(lines('# Plan', '', 'Gate: PASS', '', 'Work is under way.', '', last), gated)
    expect(result.verdict).toBe('FAIL')
    expect(result.declaredGate).toMatchObject({ value: 'FAIL', line: 7 })
    expect(rulesOf(result)).toContain('gate-declared-fail@7:1')
  })

  it('reads a look-alike "Blocked" in a table cell as Blocked', () => {
    const rubric: RubricFile = {
      tables: [{ id: 'gaps', title: 'Spec Gaps', columns: [{ name: 'Gap' }, { name: 'Status', forbidden: ['Blocked'] }] }]
    }
    const result = check(lines('# Plan', '', '| Gap | Status |', '|---|---|', '| G-1 | Вlосkеd |', '| G-2 | Blo\u200Bcked |'), rubric)
    expect(result.findings.filter((finding) => finding.ruleId === 'table-forbidden-value').map((finding) => finding.line)).toEqual([5, 6])
  })

  it('reports a disguised placeholder at its original column', () => {
    const rubric: RubricFile = { placeholders: commonPlaceholders }
    const result = check(lines('# Plan', '', 'Owner: \u200B\u200BNЕЕDS CLАRIFICATION here'), rubric)
    expect(rulesOf(result)).toEqual(['placeholder@3:10'])
  })

  it('gives every rule normalised headings, cells, tasks and fields', () => {
    const model = buildModel(lines('## Rі\u200Bsks', '', '**Оwner**: Ｂｉｌｌｉｎｇ', '', '- [x] Оwners\u00AD assigned', '', '| Ｓｔａｔｕｓ |', '|---|', '| Dоne |'))
    expect(model.headings[0]!.normalized).toBe('risks')
    expect(model.fields[0]).toMatchObject({ label: 'Owner', value: 'Billing' })
    expect(model.tasks[0]!.text).toBe('Owners assigned')
    expect(model.tables[0]!.header[0]!.text).toBe('Status')
    expect(model.tables[0]!.rows[0]![0]!.text).toBe('Done')
  })
})

describe('class 2: unfilled gates', () => {
  const gated: RubricFile = { gate: { required: true } }

  it.each(['Gate: PASS / FAIL', 'Gate: PASS | FAIL', 'Gate: PASS or FAIL', 'Gate: [ ] PASS / [ ] FAIL', 'Gate: [ ] PASS', 'Gate: [PASS/FAIL]'])(
    '%s is a template, not a PASS',
    (last) => {
      const result = check(lines('# Plan', '', 'All done.', '', last), gated)
      expect(result.verdict).toBe('FAIL')
      expect(result.declaredGate).toBeNull()
      expect(rulesOf(result)).toEqual(['gate-unfilled@5:1'])
    }
  )

  it('does not let an earlier PASS count past a template gate', () => {
    const result = check(lines('# Plan', '', 'Gate: PASS', '', 'All done.', '', 'Gate: PASS / FAIL'), gated)
    expect(result.verdict).toBe('FAIL')
    expect(result.declaredGate).toBeNull()
    expect(rulesOf(result)).toEqual(['gate-unfilled@7:1'])
  })

  it.each(['Gate: PASS?', 'Gate: P A S S', 'Gate: PASS FAIL'])('%s cannot be read and is an error', (last) => {
    const result = check(lines('# Plan', '', 'Gate: PASS', '', 'All done.', '', last), gated)
    expect(result.verdict).toBe('FAIL')
    expect(result.declaredGate).toBeNull()
    expect(rulesOf(result)).toEqual(['gate-unreadable@7:1'])
  })
})

describe('class 3: checklist evasion', () => {
  const readiness: RubricFile = {
    sections: [{ id: 'readiness', title: 'Readiness Checklist' }],
    checklists: [{ id: 'readiness', title: 'Readiness Checklist', section: 'readiness', items: ['Owners assigned', 'Rollout plan documented'] }]
  }

  it.each([
    ['~~', '- [x] ~~Owners assigned~~'],
    ['single ~', '- [x] ~Owners assigned~'],
    ['<del>', '- [x] <del>Owners assigned</del>'],
    ['<s>', '- [X] <s>Owners assigned</s>']
  ])('a ticked item struck through with %s is not done', (_name, item) => {
    const result = check(lines('## Readiness Checklist', '', item, '- [x] Rollout plan documented'), readiness)
    expect(result.verdict).toBe('FAIL')
    expect(rulesOf(result)).toEqual(['checklist-unchecked@3:3'])
    expect(result.findings[0]!.message).toContain('struck through')
  })

  it('counts open items of a second section with the checklist\'s title', () => {
    const result = check(
      lines('## Readiness Checklist', '', '- [x] Owners assigned', '- [x] Rollout plan documented', '', '## Notes', '', 'Text.', '', '## Readiness Checklist', '', '- [ ] Security review done'),
      readiness
    )
    expect(result.verdict).toBe('FAIL')
    expect(rulesOf(result)).toEqual(['checklist-unchecked@12:3'])
  })

  it('reads an item whose words exist only in an HTML attribute as empty', () => {
    const result = check(lines('## Readiness Checklist', '', '- [x] <span title="Owners assigned"></span>', '- [x] Rollout plan documented'), readiness)
    expect(result.verdict).toBe('FAIL')
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['checklist-item-missing'])
  })

  it('still counts a partly struck item by its remaining words', () => {
    const model = buildModel(lines('- [x] Owners assigned ~~and reviewed~~'))
    expect(model.tasks[0]).toMatchObject({ checked: true, text: 'Owners assigned' })
  })
})

describe('class 4: hollow cells and fields', () => {
  const risks: RubricFile = {
    tables: [{ id: 'risks', title: 'Risks', columns: [{ name: 'Risk' }, { name: 'Mitigation', notEmpty: true }] }],
    fields: [{ id: 'owner', label: 'Owner' }]
  }

  it.each([
    ['<br>', '<br>'],
    ['<br/> twice', '<br/><br />'],
    ['zero-width characters', '\u200B\u200C\u2060'],
    ['an empty span', '<span></span>'],
    ['a span with only a title', '<span title="Rate limit the API"></span>'],
    ['&nbsp;', '&nbsp;'],
    ['a soft hyphen entity', '&shy;'],
    ['a braille blank', '\u2800']
  ])('a cell of only %s is empty', (_name, content) => {
    const result = check(lines('| Risk | Mitigation |', '|---|---|', `| Outage | ${content} |`, '', `**Owner**: ${content}`), risks)
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line}`)).toEqual(['table-empty-cell@3', 'field-placeholder@5'])
  })
})

describe('class 5: placeholders in disguise', () => {
  const rubric: RubricFile = { placeholders: commonPlaceholders }

  it.each([
    ['wrapped across two lines', ['Scale: NEEDS', 'CLARIFICATION on volume.'], 'placeholder@1:8'],
    ['a bracketed one wrapped', ['Scale: [NEEDS CLARIFICATION:', 'expected volume]'], 'placeholder@1:8'],
    ['one word emphasised', ['Scale: NEEDS **CLARIFICATION**.'], 'placeholder@1:8'],
    ['both words emphasised apart', ['Scale: **NEEDS** _CLARIFICATION_.'], 'placeholder@1:10'],
    ['emphasis inside a word', ['Owner: T*B*D'], 'placeholder@1:8'],
    ['an invisible character inside', ['Owner: T\u200BBD'], 'placeholder@1:8'],
    ['a soft hyphen inside', ['Owner: TO\u00ADDO'], 'placeholder@1:8'],
    ['fullwidth', ['Owner: ＴＢＤ'], 'placeholder@1:8'],
    ['an HTML tag inside', ['Owner: T<b>B</b>D'], 'placeholder@1:8'],
    ['inside an indented HTML block', ['<div>', '  <b>Owner: TBD</b>', '</div>'], 'placeholder@2:13']
  ])('%s is still found, once, at its start', (_name, text, expected) => {
    const result = check(lines(...text), rubric)
    // A bracketed NEEDS CLARIFICATION also holds the literal one; which of the two is reported is not this test's concern.
    expect(rulesOf(result).filter((finding) => finding !== 'placeholder@1:9')).toEqual([expected])
  })
})

describe('bold lines as headings, and fields written the other ways', () => {
  it('reads a bold line standing alone as a heading one level below its section', () => {
    const model = buildModel(lines('# Plan', '', '## Feature', '', 'Intro.', '', '**Acceptance Criteria**', '', '- Works.', '', '### Next', '', 'Text.', '', '## Other'))
    expect(model.headings.map((heading) => [heading.title, heading.level, heading.line, heading.endLine, heading.pseudo ?? false])).toEqual([
      ['Plan', 1, 1, 15, false],
      ['Feature', 2, 3, 14, false],
      ['Acceptance Criteria', 3, 7, 10, true],
      ['Next', 3, 11, 14, false],
      ['Other', 2, 15, 15, false]
    ])
  })

  it('satisfies a required section, without taking it from a real heading of the same name', () => {
    const rubric: RubricFile = { sections: [{ id: 'ac', title: 'Acceptance Criteria', level: 2 }] }
    expect(check(lines('# Plan', '', '## Feature', '', '**Acceptance Criteria**', '', '- Works when X.'), rubric).findings).toEqual([])
    const both = buildModel(lines('# Plan', '', '## Feature', '', '**Acceptance Criteria**', '', '## Acceptance Criteria', '', '- Works.'))
    expect(check(lines('# Plan', '', '## Feature', '', '**Acceptance Criteria**', '', '## Acceptance Criteria', '', '- Works.'), rubric).findings).toEqual([])
    expect(both.headings.filter((heading) => heading.pseudo).map((heading) => heading.line)).toEqual([5])
  })

  it('leaves bold words inside a paragraph, a list or before any heading alone', () => {
    const model = buildModel(lines('**Draft**', '', '# Plan', '', 'See **this** now.', '', '- **Item**'))
    expect(model.headings.map((heading) => heading.title)).toEqual(['Plan'])
  })

  it('reads fields with a note after the label, and a label followed by a list', () => {
    const model = buildModel(lines('# Plan', '', '**Storage**（optional）: S3', '**Language** (primary): Go 1.22', '', '**Testing Strategy**', '', '- Unit tests per package'))
    expect(model.fields.map((field) => [field.label, field.value])).toEqual([
      ['Storage', 'S3'],
      ['Language', 'Go 1.22'],
      ['Testing Strategy', 'Unit tests per package']
    ])
  })
})

import { checkPlan } from '../../src/engine/check.js'
import type { Rule } from '../../src/engine/rule.js'
import { rules } from '../../src/engine/rules/index.js'
import { ConfigError } from '../../src/rubric/errors.js'
import { RubricLoader } from '../../src/rubric/load.js'
import { finalizeRubric } from '../../src/rubric/resolve.js'
import type { Rubric, RubricFile } from '../../src/rubric/schema.js'
import { brief, checkText, preset } from '../../test-support/engine.js'

function rubric(file: RubricFile): Rubric {
  return finalizeRubric(file, 'test')
}

function check(text: string, file: RubricFile, failOn: 'error' | 'warning' = 'error') {
  return checkPlan({ file: 'plan.md', content: text }, { rubric: rubric(file), rubricSource: 'test', failOn })
}

const lines = (...all: string[]): string => `${all.join('\n')}\n`

describe('sections', () => {
  const sections: RubricFile = {
    order: true,
    sections: [
      { id: 'overview', title: 'Overview', level: 2, minWords: 3 },
      { id: 'design', title: 'Design', aliases: ['Architecture'], require: ['code'], mentions: [['trade-off', 'tradeoff']] }
    ]
  }

  it('reports a wrong level and sections out of order at the heading', () => {
    const result = check(lines('# Plan', '', '## Architecture', '', '```', 'a -> b', '```', 'The trade-off is speed.', '', '### Overview', '', 'One two three.'), sections)
    expect(brief(result)).toEqual(['section-order@3', 'section-level@10'])
    expect(result.findings[0]!.message).toBe('Section "Architecture" comes before "Overview"; expected it after')
    expect(result.findings[1]!.message).toBe('Section "Overview" is a level-3 heading; expected level 2 (##)')
  })

  it('reports missing content kinds and mentions', () => {
    const result = check(lines('## Overview', '', 'One two three.', '', '## Design', '', 'Plain words only.'), sections)
    expect(result.findings.map((finding) => [finding.ruleId, finding.line, finding.severity, finding.message])).toEqual([
      ['section-content', 5, 'error', 'Section "Design" has no code block'],
      ['section-mention', 5, 'warning', 'Section "Design" does not mention "trade-off" or "tradeoff"']
    ])
  })

  it('does not count placeholders as words: a section of placeholders only is empty', () => {
    const result = check(lines('## Overview', '', 'TBD TBD TBD TBD', '', '## Design', '', '```', 'x', '```', 'tradeoff'), {
      ...sections,
      placeholders: [{ id: 'tbd', text: 'TBD', severity: 'warning' }]
    })
    // One gap, one finding: the placeholders are what makes the section empty.
    expect(brief(result)).toEqual(['section-empty@3'])
    const thin = check(lines('## Overview', '', 'Cache expensive results TBD TBD TBD.', '', '## Design', '', '```', 'x', '```', 'tradeoff'), {
      ...sections,
      sections: [{ ...sections.sections![0]!, minWords: 5 }, sections.sections![1]!],
      placeholders: [{ id: 'tbd', text: 'TBD', severity: 'warning' }]
    })
    expect(thin.findings[0]!.message).toBe('Section "Overview" has 3 words; expected at least 5')
    expect(brief(thin)).toEqual(['section-too-short@1', 'placeholder@3', 'placeholder@3', 'placeholder@3'])
    expect(thin.findings.slice(1).map((finding) => finding.column)).toEqual([25, 29, 33])
  })
})

describe('where a missing section is reported', () => {
  const file: RubricFile = {
    sections: [
      { id: 'context', title: 'Context' },
      { id: 'decisions', title: 'Decisions' },
      { id: 'risks', title: 'Risks' }
    ]
  }

  it('after the part holding a subsection that matched the section before it, not between that part\'s subsections', () => {
    const text = lines('# Plan', '', '## Context', '', 'Two services share a cache.', '', '## Components', '', '### Cache', '', '#### Decisions', '', 'Keep the TTL short.', '', '### Queue', '', 'At least once.', '', '## Rollout', '', 'Behind a flag.')
    const result = check(text, file)
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line} ${finding.message.split(': ')[0]}`)).toEqual(['section-missing@19 Missing section "Risks"'])
    expect(result.findings[0]!.message).toContain('before "Rollout"')
  })

  it('at the end of the plan when no part follows', () => {
    const text = lines('## Context', '', 'Two services share a cache.', '', '## Components', '', '### Decisions', '', 'Keep the TTL short.', '', '### Queue', '', 'At least once.')
    expect(brief(check(text, file))).toEqual(['section-missing@13'])
  })
})

describe('a section spread over the plan (inline)', () => {
  const file: RubricFile = {
    sections: [
      { id: 'summary', title: 'Summary' },
      { id: 'dependencies', title: 'Dependencies', inline: String.raw`^\W*(?:upstream|downstream)\W*:` }
    ]
  }

  it('is present when a line outside code matches its pattern, and missing otherwise', () => {
    expect(brief(check(lines('## Summary', '', 'Adds export.', '', '**Upstream**: the billing feed'), file))).toEqual([])
    expect(brief(check(lines('## Summary', '', 'Adds export.', '', '```', 'Upstream: in code only', '```'), file))).toEqual(['section-missing@7'])
  })

  it('rejects a pattern RE2 cannot compile, naming the field', async () => {
    const loading = new RubricLoader(async () => "sections:\n  - { id: a, title: A, inline: '(' }\n").load('rubric.yml', null)
    await expect(loading).rejects.toThrow(ConfigError)
    await expect(loading).rejects.toMatchObject({ problems: [expect.objectContaining({ path: 'sections[0].inline', message: expect.stringContaining('invalid RE2 pattern') })] })
  })
})

describe('the document title', () => {
  it('is not taken for a section, so a plan titled after a section still needs that section', () => {
    const file: RubricFile = { sections: [{ id: 'plan', title: 'Implementation Plan', aliases: ['Architecture'] }] }
    // Reported where it belongs: no rubric section comes before it, so before the plan's first section.
    expect(brief(check(lines('# Implementation Plan: Exports', '', '## Background', '', 'Text.'), file))).toEqual(['section-missing@3'])
    expect(brief(check(lines('# Implementation Plan: Exports', '', '## Architecture', '', 'Text.'), file))).toEqual([])
    // A plan whose only heading is the H1 has nothing else to offer: the H1 counts.
    expect(brief(check(lines('# Implementation Plan', '', 'Text.'), file))).toEqual([])
  })
})

describe('checklists', () => {
  const readiness: RubricFile = {
    sections: [{ id: 'ready', title: 'Readiness' }],
    checklists: [{ id: 'ready', title: 'Readiness', section: 'ready', items: ['Owners assigned for each component', 'Rollback plan documented'] }]
  }

  it('matches reworded items and reports the one that is missing', () => {
    const result = check(lines('## Readiness', '', '- [x] Each component has owners assigned.', '- [x] Tests written.'), readiness)
    expect(result.findings.map((finding) => [finding.ruleId, finding.line, finding.message])).toEqual([
      ['checklist-item-missing', 1, 'Checklist "Readiness" has no item for "Rollback plan documented"']
    ])
  })

  it('reports a checklist that is missing altogether once, not per item', () => {
    expect(brief(check(lines('## Readiness', '', 'We are ready.'), readiness))).toEqual(['checklist-missing@1'])
  })
})

describe('fields', () => {
  const fields: RubricFile = {
    sections: [{ id: 'context', title: 'Technical Context' }],
    fields: [
      { id: 'language', label: 'Language/Version', section: 'context' },
      { id: 'storage', label: 'Storage', section: 'context' },
      { id: 'testing', label: 'Testing', aliases: ['Test framework'], section: 'context' }
    ],
    placeholders: [{ id: 'needs-clarification', text: 'NEEDS CLARIFICATION' }]
  }

  it('reports missing, empty and template-valued fields', () => {
    const result = check(
      lines('## Technical Context', '', '**Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]', '**Storage**:', '**Test framework**: pytest'),
      fields
    )
    // The value holding NEEDS CLARIFICATION is reported once, by the placeholder rule.
    expect(result.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)).toEqual([
      'placeholder@3:45',
      'field-placeholder@4:1'
    ])
  })

  it('takes the list under a field as its value', () => {
    const result = check(lines('## Technical Context', '', '**Language/Version**:', '- Go 1.23', '- TypeScript 5', '', '**Storage**: S3', '**Testing**: go test'), fields)
    expect(brief(result)).toEqual([])
  })

  it('reports a field that is not in its section', () => {
    const result = check(lines('**Storage**: S3', '', '## Technical Context', '', '**Language/Version**: Go 1.23', '**Testing**: go test'), fields)
    expect(brief(result)).toEqual(['field-missing@3'])
  })
})

describe('severity', () => {
  const text = lines('## Overview', '', 'Short.')
  const base: RubricFile = { sections: [{ id: 'overview', title: 'Overview', minWords: 10 }, { id: 'risks', title: 'Risks', severity: 'warning' }] }

  it('takes the rule default, then the item severity, then the rubric rules map', () => {
    // A thin section is advice (warning) unless the rubric raises it.
    expect(check(text, base).findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['section-too-short:warning', 'section-missing:warning'])
    const raised: RubricFile = { sections: [{ ...base.sections![0]!, minWordsSeverity: 'error' }, base.sections![1]!] }
    expect(check(text, raised).findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['section-too-short:error', 'section-missing:warning'])
    const overridden = check(text, { ...base, rules: { 'section-missing': 'error', 'section-too-short': 'off' } })
    expect(overridden.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['section-missing:error'])
  })

  it('fails on warnings only when asked to', () => {
    const warningsOnly: RubricFile = { sections: [{ id: 'risks', title: 'Risks', severity: 'warning' }] }
    expect(check(text, warningsOnly).verdict).toBe('PASS')
    expect(check(text, warningsOnly, 'warning').verdict).toBe('FAIL')
  })

  it('never lets a rubric switch off input failures', () => {
    const result = checkPlan({ file: 'plan.md', content: 'x'.repeat(2048) }, { rubric: rubric({ rules: { 'plan-too-large': 'off' } }), rubricSource: 'test', maxPlanBytes: 1024 })
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.severity}`)).toEqual(['plan-too-large:error'])
    expect(result.verdict).toBe('FAIL')
  })
})

describe('input the engine refuses', () => {
  it('fails a plan over the size limit without parsing it', async () => {
    const result = await checkText('# Plan\n'.repeat(200_000), 'generic')
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['plan-too-large'])
    expect(result.findings[0]!.message).toMatch(/^The plan is 1\.3 MiB; the limit is 1\.0 MiB/)
  })

  it('fails NUL bytes and invalid UTF-8 at their line', async () => {
    const spec = await preset('generic')
    const binary = checkPlan({ file: 'plan.md', content: new Uint8Array([0x23, 0x20, 0x41, 0x0a, 0x42, 0x00]) }, { rubric: spec, rubricSource: 'test' })
    expect(binary.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)).toEqual(['plan-encoding@2:2'])
    const invalid = checkPlan({ file: 'plan.md', content: new Uint8Array([0x23, 0x0a, 0x0a, 0x41, 0xff, 0x41]) }, { rubric: spec, rubricSource: 'test' })
    expect(invalid.findings.map((finding) => `${finding.ruleId}@${finding.line}:${finding.column}`)).toEqual(['plan-encoding@3:2'])
    expect(invalid.verdict).toBe('FAIL')
  })

  it('refuses pathological nesting before the parser can overflow its stack', async () => {
    const result = await checkText(`# Plan\n\n${'> '.repeat(5000)}deep\n`, 'generic')
    expect(brief(result)).toEqual(['plan-unparseable@3'])
  })

  it('accepts a byte order mark', async () => {
    const result = await checkText('\uFEFFGate: PASS\n', { ...(await preset('generic')), sections: [] })
    expect(result.declaredGate).toEqual({ value: 'PASS', reason: null, line: 1 })
  })
})

describe('a rule that throws', () => {
  it('becomes an internal-error finding that fails the gate, not a crash', async () => {
    const broken: Rule = { id: 'section-missing', title: 't', description: 'd', defaultSeverity: 'error', hint: 'h', check: () => { throw new Error('boom') } }
    const registry = rules as Rule[]
    const index = registry.findIndex((rule) => rule.id === 'section-missing')
    const original = registry[index]!
    registry[index] = broken
    try {
      const result = await checkText('# Plan\n', 'generic')
      expect(result.findings.filter((finding) => finding.ruleId === 'internal-error').map((finding) => finding.message)).toEqual(['Rule section-missing failed: boom'])
      expect(result.verdict).toBe('FAIL')
    } finally {
      registry[index] = original
    }
  })
})

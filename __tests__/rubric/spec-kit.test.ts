import { brief, checkText } from '../../test-support/engine.js'
import { loadConfig } from '../../src/rubric/config.js'
import { ConfigError, formatProblem } from '../../src/rubric/errors.js'

// What spec-kit's plan template asks of a finished plan, checked by the
// spec-kit preset: its own leftovers are errors wherever they hide (prose,
// HTML comments, the example trees in code blocks), Constitution Check gates
// are met or justified in Complexity Tracking, and the older template's
// Progress Tracking is ticked as far as the plan phase goes.

const FINISHED = `# Implementation Plan: Team invitations

**Branch**: \`021-team-invitations\` | **Date**: 2026-05-04 | **Spec**: specs/021-team-invitations/spec.md

## Summary

Workspace owners invite people by e-mail; an invitation is a signed link valid for seven days that adds the person to the team on first sign-in.

## Technical Context

**Language/Version**: Go 1.23
**Primary Dependencies**: chi router, pgx, the existing mail relay client
**Storage**: Postgres 16, one new table for invitations
**Testing**: go test with a disposable Postgres container
**Target Platform**: Linux containers behind the existing load balancer
**Project Type**: web service
**Performance Goals**: accepting an invitation takes under 200 ms at p95
**Constraints**: links must not reveal the workspace name to someone without the link
**Scale/Scope**: about 3,000 invitations a day

## Constitution Check

- [x] Simplicity: one new table and two endpoints, no new service.
- [x] Test-first: the acceptance flow has contract tests before the handlers exist.
- [ ] Single binary: the mail preview tool is a second binary.

## Project Structure

\`\`\`text
internal/invitations/handler.go
internal/invitations/store.go
internal/invitations/store_test.go
\`\`\`

**Structure Decision**: everything lives in internal/invitations next to the other workspace packages.

## Complexity Tracking

| Violation | Why Needed | Simpler Alternative Rejected Because |
|-----------|------------|--------------------------------------|
| Single binary (mail preview tool) | designers check invitation mails without running the server | a flag on the server would ship preview code to production |
`

function without(text: string, from: string, to: string): string {
  return text.replace(from, to)
}

describe('the spec-kit preset', () => {
  it('passes a finished plan whose one open gate is justified in Complexity Tracking', async () => {
    const result = await checkText(FINISHED, 'spec-kit')
    expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([])
    expect(result.verdict).toBe('PASS')
  })

  it('fails an unticked Constitution Check gate that Complexity Tracking does not justify', async () => {
    const unjustified = without(FINISHED, '| Single binary (mail preview tool) |', '| Extra cache layer |')
    const result = await checkText(unjustified, 'spec-kit')
    expect(brief(result)).toContain('checklist-unchecked@25')
    const finding = result.findings.find((item) => item.ruleId === 'checklist-unchecked')!
    expect(finding.message).toContain('Single binary')
    expect(finding.hint).toContain('"Complexity Tracking" table')
    expect(result.verdict).toBe('FAIL')
  })

  it('does not take a template row as a justification', async () => {
    const templateRow = without(FINISHED, '| designers check invitation mails without running the server |', '| [current need] |')
    expect(brief(await checkText(templateRow, 'spec-kit'))).toContain('checklist-unchecked@25')
  })

  it('does not take an empty row as a justification', async () => {
    const emptyRow = without(
      FINISHED,
      '| designers check invitation mails without running the server | a flag on the server would ship preview code to production |',
      '|  |  |'
    )
    expect(brief(await checkText(emptyRow, 'spec-kit'))).toContain('checklist-unchecked@25')
  })

  it.each([
    ['a bracketed instruction in prose', '[Extract from feature spec: the main requirement and the approach]', /Placeholder "\[Extract from feature spec/],
    ['an instruction that wraps to the next line', '[Document the chosen layout and point at the real\ndirectories above]', /Placeholder "\[Document the chosen layout/],
    ['a value hint', '**Notes**: [if applicable, the retention period]', /Placeholder "\[if applicable/],
    ['plan-gate\'s own template token', 'Working title: <feature name>', /Placeholder "<feature name>"/]
  ])('fails %s', async (_name, leftover, message) => {
    const result = await checkText(FINISHED.replace('## Technical Context', `${leftover}\n\n## Technical Context`), 'spec-kit')
    expect(result.findings.some((finding) => finding.ruleId === 'placeholder' && finding.severity === 'error' && message.test(finding.message))).toBe(true)
    expect(result.verdict).toBe('FAIL')
  })

  it('fails an ACTION REQUIRED comment left in, at its line', async () => {
    const comment = '<!--\n  ACTION REQUIRED: put the real technical details here.\n-->\n\n'
    const result = await checkText(FINISHED.replace('**Language/Version**', `${comment}**Language/Version**`), 'spec-kit')
    const found = result.findings.filter((finding) => finding.ruleId === 'placeholder')
    expect(found.map((finding) => [finding.line, finding.column, finding.message])).toEqual([[12, 3, 'Placeholder "ACTION REQUIRED" left in the plan (in an HTML comment)']])
  })

  it('fails the option trees left in the structure code block, in one finding per block', async () => {
    const tree = [
      '```text',
      '# [REMOVE IF UNUSED] Option 1: One project (DEFAULT)',
      'src/',
      '└── lib/',
      '',
      '# Option 2: Server and client',
      'server/',
      '└── [same as the single project above]',
      '```'
    ].join('\n')
    const result = await checkText(FINISHED.replace(/```text\n[\s\S]*?```/, tree), 'spec-kit')
    const found = result.findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => `${finding.line}:${finding.message}`)
    expect(found).toEqual(['30:Placeholders "[REMOVE IF UNUSED]", "# Option 2:", "[same as the single project above]" left in the plan (in a code block)'])
  })

  describe('the option labels of the structure tree', () => {
    const withTree = (lines: string[]) => FINISHED.replace(/```text\n[\s\S]*?```/, ['```text', ...lines, '```'].join('\n'))
    const placeholders = async (lines: string[]) =>
      (await checkText(withTree(lines), 'spec-kit')).findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => `${finding.line}:${finding.message}`)

    it.each([
      ['SELECTED after a dash', '# Option 1: One service - SELECTED'],
      ['(chosen)', '# Option 2: Server and client (chosen)'],
      ['a check mark', '# Option 1: One service ✅'],
      ['a Portuguese word form', '# Option 3: Aplicativo e API — escolhida'],
      ['a German word form', '# Option 1: Ein Dienst (ausgewählt)']
    ])('takes the one option kept and marked chosen with %s as the plan\'s decision', async (_name, label) => {
      expect(await placeholders([label, 'internal/invitations/handler.go', 'internal/invitations/store.go'])).toEqual([])
    })

    it('still fails a single option left without a mark of choice', async () => {
      expect(await placeholders(['# Option 1: One service (DEFAULT)', 'internal/invitations/handler.go'])).toEqual([
        '30:Placeholder "# Option 1:" left in the plan (in a code block)'
      ])
    })

    it.each([
      ['not selected', '# Option 1: One service - not selected'],
      ['not yet chosen', '# Option 1: One service (not yet chosen)']
    ])('does not take "%s" for a choice', async (_name, label) => {
      expect(await placeholders([label, 'internal/invitations/handler.go'])).toEqual(['30:Placeholder "# Option 1:" left in the plan (in a code block)'])
    })

    it('still fails two options left, even when one is marked chosen', async () => {
      expect(await placeholders(['# Option 1: One service - SELECTED', 'internal/', '', '# Option 2: Server and client', 'server/'])).toEqual([
        '30:Placeholders "# Option 1:", "# Option 2:" left in the plan (in a code block)'
      ])
    })

    it('still fails two options left in separate blocks', async () => {
      const second = '\n```text\n# Option 2: Server and client - SELECTED\nserver/\n```\n'
      const result = await checkText(withTree(['# Option 1: One service - SELECTED', 'internal/']).replace('**Structure Decision**', `${second}\n**Structure Decision**`), 'spec-kit')
      expect(result.findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => finding.line)).toEqual([30, 36])
    })

    it('still fails a chosen option beside the template\'s REMOVE IF UNUSED marker or its tree', async () => {
      expect(await placeholders(['# Option 1: One service - SELECTED [REMOVE IF UNUSED]', 'internal/'])).toEqual([
        '30:Placeholders "[REMOVE IF UNUSED]", "# Option 1:" left in the plan (in a code block)'
      ])
      expect(await placeholders(['# Option 1: One service - SELECTED', 'src/', '└── [same as the service above]'])).toEqual([
        '30:Placeholders "# Option 1:", "[same as the service above]" left in the plan (in a code block)'
      ])
    })
  })

  describe('the format the plan gives for another file', () => {
    const withOutline = (outline: string) => FINISHED.replace('## Complexity Tracking', `## Phase 0: Outline & Research\n\n${outline}\n\n## Complexity Tracking`)
    const placeholders = async (outline: string, file = 'specs/021-team-invitations/plan.md') =>
      (await checkText(withOutline(outline), 'spec-kit', file)).findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => finding.message)

    it('takes the slots of a format introduced for a named file as mentions', async () => {
      const outline = [
        '1. Look up each open question.',
        '2. **Write up the answers** in `notes.md` using format:',
        '   - Decision: [what was picked]',
        '   - Rationale: [why it was picked]',
        '   - Alternatives considered: [what else was looked at]',
        '',
        '**Output**: notes.md with every question answered'
      ].join('\n')
      expect(await placeholders(outline)).toEqual([])
    })

    it('takes a format given in a paragraph above a list, and other wordings', async () => {
      expect(await placeholders('Each entry of `decisions/log.md` follows this structure:\n\n- Choice: [what was picked]\n- Why: [why it was picked]')).toEqual([])
      expect(await placeholders('Cada decisão em research.md segue o formato:\n\n- Decisão: [why it was picked]')).toEqual([])
    })

    it('keeps the blanks of a list that names no other file, or only this plan', async () => {
      expect(await placeholders('Fill in the rest using format:\n\n- Owner: [why it was picked]')).toEqual(['Placeholder "[why it was picked]" left in the plan'])
      expect(await placeholders('Complete plan.md using format:\n\n- Owner: [why it was picked]')).toEqual(['Placeholder "[why it was picked]" left in the plan'])
      expect(await placeholders('Put the answers in `notes.md`:\n\n- Owner: [why it was picked]')).toEqual(['Placeholder "[why it was picked]" left in the plan'])
    })

    it('keeps the rubric\'s own fields and sections, template tokens and markers as blanks under a format line', async () => {
      const outline = [
        'Copy the context into `context.md` using format:',
        '',
        '- **Language/Version**: [e.g., Python 3.11 or NEEDS CLARIFICATION]',
        '- Storage: [e.g., a database of some kind]',
        '- Summary: [why it was picked]',
        '- Date: [DATE]',
        '- Question: [NEEDS CLARIFICATION: which queue?]'
      ].join('\n')
      expect(await placeholders(outline)).toEqual([
        'Placeholder "[e.g., Python 3.11 or NEEDS CLARIFICATION]" left in the plan',
        'Placeholder "[e.g., a database of some kind]" left in the plan',
        'Placeholder "[why it was picked]" left in the plan',
        'Placeholder "[DATE]" left in the plan',
        'Placeholder "[NEEDS CLARIFICATION: which queue?]" left in the plan'
      ])
    })

    it('keeps the blanks in the plan\'s own text after the format list', async () => {
      const outline = 'Write `notes.md` in the format:\n\n- Decision: [what was picked]\n\nOur rationale: [why it was picked]'
      expect(await placeholders(outline)).toEqual(['Placeholder "[why it was picked]" left in the plan'])
    })
  })

  it('leaves ordinary code, brackets and comments alone', async () => {
    const code = '```ts\ntype Ops = [Add, Remove]\nconst steps = [Describe, render]\n// Option 1: a comment in code is not a template label\n```\n\n<!-- reviewed by the storage team -->\n\nSee [the spec](./spec.md) and [RFC 12].\n'
    const result = await checkText(FINISHED.replace('## Complexity Tracking', `${code}\n## Complexity Tracking`), 'spec-kit')
    expect(result.findings.filter((finding) => finding.ruleId === 'placeholder')).toEqual([])
  })

  describe('the older template\'s Progress Tracking', () => {
    const progress = (boxes: string[]) =>
      `${FINISHED}\n## Progress Tracking\n\n**Phase Status**:\n${boxes.slice(0, 6).join('\n')}\n\n**Gate Status**:\n${boxes.slice(6).join('\n')}\n`
    const items = [
      'Phase 0: Research complete (/plan command)',
      'Phase 1: Design complete (/plan command)',
      'Phase 2: Task planning complete (/plan command - describe approach only)',
      'Phase 3: Tasks generated (/tasks command)',
      'Phase 4: Implementation complete',
      'Phase 5: Validation passed',
      'Initial Constitution Check: PASS',
      'Post-Design Constitution Check: PASS',
      'All NEEDS CLARIFICATION resolved',
      'Complexity deviations documented'
    ]

    it('passes when the plan phase\'s items are ticked and later phases stay open', async () => {
      const boxes = items.map((item, index) => `- [${[3, 4, 5, 9].includes(index) ? ' ' : 'x'}] ${item}`)
      const result = await checkText(progress(boxes), 'spec-kit')
      expect(result.findings.filter((finding) => finding.ruleId === 'checklist-unchecked')).toEqual([])
    })

    it('fails an open item the plan phase must finish', async () => {
      const boxes = items.map((item, index) => `- [${[2, 3, 4, 5, 7].includes(index) ? ' ' : 'x'}] ${item}`)
      const result = await checkText(progress(boxes), 'spec-kit')
      expect(result.findings.filter((finding) => finding.ruleId === 'checklist-unchecked').map((finding) => finding.message)).toEqual([
        'Unchecked item in "Progress Tracking": "Phase 2: Task planning complete (/plan command - describe approach only)"',
        'Unchecked item in "Progress Tracking": "Post-Design Constitution Check: PASS"'
      ])
    })

    it('is not required', async () => {
      const result = await checkText(FINISHED, 'spec-kit')
      expect(result.findings.filter((finding) => finding.ruleId.startsWith('checklist') || finding.ruleId === 'section-missing')).toEqual([])
    })
  })
})

describe('rubric features behind it', () => {
  it('reports a justifiedIn that names no section, with a suggestion', async () => {
    const config = 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: spec-kit\n      checklists:\n        - id: constitution-gates\n          justifiedIn: complexity-trackin\n'
    const error = await loadConfig('.github/plan-gate.yml', config, async () => null).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems.map(formatProblem)).toEqual([
      '.github/plan-gate.yml:7:24: plans[0].rubric.checklists[0].justifiedIn: no section with id "complexity-trackin"; did you mean "complexity-tracking"?'
    ])
  })

  it('finds placeholders in comments and code only where a rubric asks', async () => {
    const plan = '# Plan\n\n## Approach\n\nWe keep the old job.\n\n<!-- DRAFT-MARK -->\n\n```\nDRAFT-MARK\n```\n'
    const rubric = async (extra: string) => {
      const config = `plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      placeholders:\n        - id: draft\n          text: DRAFT-MARK\n${extra}`
      return (await loadConfig('c.yml', config, async () => null)).mappings[0]!.rubric
    }
    const lines = async (extra: string) => (await checkText(plan, await rubric(extra))).findings.filter((finding) => finding.ruleId === 'placeholder').map((finding) => finding.line)
    expect(await lines('')).toEqual([])
    expect(await lines('          inComments: true\n')).toEqual([7])
    expect(await lines('          inCode: true\n')).toEqual([10])
    expect(await lines('          inComments: true\n          inCode: true\n')).toEqual([7, 10])
  })
})

import { checkPlan } from '../../src/engine/check.js'
import { finalizeRubric } from '../../src/rubric/resolve.js'
import type { RubricFile } from '../../src/rubric/schema.js'
import { checkText } from '../../test-support/engine.js'

// A topic written under another format's name (`coveredBy`) is not missing
// content: the missing section is advice, pointing where the topic is written.

const lines = (...all: string[]): string => `${all.join('\n')}\n`

const rubric: RubricFile = {
  name: 'covered',
  sections: [
    { id: 'summary', title: 'Summary' },
    { id: 'data', title: 'Data Flow & Storage', coveredBy: ['Storage'] },
    { id: 'security', title: 'Security & Privacy', coveredBy: ['Security'] },
    { id: 'risks', title: 'Risks Register', coveredBy: ['Risks'] }
  ],
  tables: [{ id: 'risks', title: 'Risks Register', section: 'risks', columns: [{ name: 'Risk' }, { name: 'Mitigation' }] }]
}

function findings(text: string) {
  return checkPlan({ file: 'plan.md', content: text }, { rubric: finalizeRubric(rubric, 'test'), rubricSource: 'test', failOn: 'error' }).findings.filter(
    (finding) => finding.ruleId === 'section-missing'
  )
}

const summary = ['# Plan', '', '## Summary', '', 'We add an audit log for administrators, written on every change they make.', '']

test('a field with real content under a coveredBy name makes the missing section a warning that points at it', () => {
  const text = lines(...summary, '**Storage**: PostgreSQL, one new append-only audit_log table with an index on actor and time.', '')
  const data = findings(text).find((finding) => finding.message.includes('Data Flow & Storage'))
  expect(data?.severity).toBe('warning')
  expect(data?.message).toContain('under "Storage" (line 7)')
})

test('a list item lead-in and a heading elsewhere count as well', () => {
  const text = lines(
    ...summary,
    '## Constitution Check',
    '',
    '- Security: every admin route requires the admin role; no new secrets; inputs are validated server-side.',
    ''
  )
  expect(findings(text).find((finding) => finding.message.includes('Security & Privacy'))?.severity).toBe('warning')
})

test('a bare value, a deferral or an empty heading is no evidence: the section is missing, an error', () => {
  for (const evidence of ['**Storage**: PostgreSQL', '**Storage**: to be decided', '- Storage: TBD', '### Storage\n\n']) {
    const data = findings(lines(...summary, evidence, '')).find((finding) => finding.message.includes('Data Flow & Storage'))
    expect([evidence, data?.severity]).toEqual([evidence, 'error'])
  }
})

test('a section that holds a required table is an error in any format', () => {
  const text = lines(...summary, '**Risks**: the export may time out on very large tenants, so we page it by month and retry.', '')
  expect(findings(text).find((finding) => finding.message.includes('Risks Register'))?.severity).toBe('error')
})

test('a sentence that merely contains the name is not a lead-in', () => {
  const text = lines(...summary, 'Nothing in this change touches how we think about storage: the audit rows live in the existing database for now.', '')
  expect(findings(text).find((finding) => finding.message.includes('Data Flow & Storage'))?.severity).toBe('error')
})

test('the spec-dev preset reads a spec-kit plan\'s Technical Context and Constitution Check this way', async () => {
  const plan = lines(
    '# Implementation Plan: Audit log',
    '',
    '## Summary',
    '',
    'Administrators get an audit log of every change, with undo for the last action.',
    '',
    '## Technical Context',
    '',
    '**Storage**: PostgreSQL 16; a new audit_logs table written append-only, indexed by actor and created_at, kept 400 days.',
    '',
    '## Constitution Check',
    '',
    '- Security: PASS. Every audit route uses authenticate plus authorize(admin); the actor comes from the session, never the body.',
    ''
  )
  const result = await checkText(plan, 'spec-dev')
  const missing = result.findings.filter((finding) => finding.ruleId === 'section-missing')
  expect(missing.find((finding) => finding.message.includes('"Data Flow & Storage"'))?.severity).toBe('warning')
  expect(missing.find((finding) => finding.message.includes('"Security & Privacy"'))?.severity).toBe('warning')
  // Topics the plan does not write about stay errors, and the plan fails.
  expect(missing.find((finding) => finding.message.includes('"Observability & Operations"'))?.severity).toBe('error')
  expect(result.verdict).toBe('FAIL')
})

// GitHub's limits on what a step shows: 1 MiB of job summary, ten annotations
// of each level. Past them the runner drops the summary whole and hides the
// extra annotations silently, so the reporters must stay within them.
import { finding, plan, runResult } from '../../__fixtures__/github.js'
import { cutToBytes, JOB_SUMMARY_MAX_BYTES, renderJobSummary } from '../../src/report/summary.js'
import { selectAnnotations, toAnnotations } from '../../src/report/annotations.js'

const ctx = { version: '1.0.0', repoUrl: 'https://github.com/o/r', headSha: 'a'.repeat(40), jobSummaryUrl: 'https://github.com/o/r/actions/runs/1' }
const files = { json: '/runner/temp/plan-gate-x/report.json', markdown: '/runner/temp/plan-gate-x/report.md' }
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

function manyFindings(count: number) {
  return runResult([
    plan(
      '.spec-dev/active-dev/active-plan.md',
      Array.from({ length: count }, (_, index) =>
        finding({ message: `Unchecked item in "Readiness Checklist": "Item number ${index} that the author left open for later"`, line: index + 1, section: `Section ${index % 40}` })
      )
    )
  ])
}

function manyPlans(count: number, depth: number) {
  return runResult(
    Array.from({ length: count }, (_, index) =>
      plan(`plans/${String(index).padStart(3, '0')}/${'a-directory-name-that-goes-on/'.repeat(depth)}plan.md`, [
        finding({ message: 'No section "Risks"', line: 1 }),
        finding({ severity: 'warning', ruleId: 'placeholder', message: 'Placeholder `TBD` left', line: 2 })
      ])
    )
  )
}

describe('the job summary stays under 1 MiB', () => {
  test('a report that fits is unchanged', () => {
    const small = manyFindings(10)
    expect(renderJobSummary(small, ctx, { reportFiles: files })).toBe(renderJobSummary(small, ctx, { maxBytes: Number.POSITIVE_INFINITY }))
    expect(renderJobSummary(small, ctx)).not.toContain('This summary is shortened')
  })

  test('5,000 findings: fewer per plan, a note at the top naming what was cut and both report files', () => {
    const result = manyFindings(5000)
    const full = renderJobSummary(result, ctx, { maxBytes: Number.POSITIVE_INFINITY })
    expect(bytes(full)).toBeGreaterThan(JOB_SUMMARY_MAX_BYTES)
    const summary = renderJobSummary(result, ctx, { reportFiles: files })
    expect(bytes(summary)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
    const [heading, note] = summary.split('\n\n')
    expect(heading).toBe('## ❌ plan-gate: the plan fails the gate')
    expect(note).toMatch(/^> \*\*This summary is shortened:\*\* the whole report \(1 plan, 5000 errors\) is larger than the 1 MiB/)
    expect(note).toContain('at most 1000 findings per plan')
    expect(note).toContain('`/runner/temp/plan-gate-x/report.md` (output `report-markdown`)')
    expect(note).toContain('`/runner/temp/plan-gate-x/report.json` (output `report`)')
    expect(summary).toContain('…and 4000 more findings not shown here')
    // It must not send readers to itself for the rest.
    expect(summary).not.toContain('the [job summary](https://github.com/o/r/actions/runs/1) lists them all')
  })

  test('300 plans at long paths: every plan still in the table, findings cut as far as needed', () => {
    const result = manyPlans(300, 30)
    expect(bytes(renderJobSummary(result, ctx, { maxBytes: Number.POSITIVE_INFINITY }))).toBeGreaterThan(JOB_SUMMARY_MAX_BYTES)
    const summary = renderJobSummary(result, ctx, { reportFiles: files })
    expect(bytes(summary)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
    expect(summary).toContain('This summary is shortened')
    expect(summary).toContain('plans/299/')
  })

  test('when even the plans alone are too large, it is cut at a line with a mark, nothing left open', () => {
    const result = manyPlans(300, 30)
    const summary = renderJobSummary(result, ctx, { reportFiles: files, maxBytes: 64 * 1024 })
    expect(bytes(summary)).toBeLessThanOrEqual(64 * 1024)
    expect(summary).toContain('Even without its findings the report is longer than that')
    expect(summary).toMatch(/\*\*The summary is cut off here\*\*[^\n]*\n$/)
    expect(summary).not.toContain('plans/299/')
  })

  test('cutToBytes closes an open code fence and <details>, and never splits a character', () => {
    const text = `<details><summary>x</summary>\n\n\`\`\`sh\n${'é😀 line\n'.repeat(5000)}\`\`\`\n\n</details>\n`
    const cut = cutToBytes(text, 10_000)
    expect(bytes(cut)).toBeLessThanOrEqual(10_000)
    expect(cut).not.toContain('\uFFFD')
    expect(cut).toMatch(/\n```\n\n<\/details>\n\n---\n\n\*\*The summary is cut off here\*\*/)
    expect(cutToBytes('short', 10_000)).toBe('short')
  })
})

describe('annotations within GitHub\'s ten per level', () => {
  test('the first of each level are kept, in order, and the rest counted', () => {
    const result = runResult([
      plan('a.md', [
        ...Array.from({ length: 30 }, (_, index) => finding({ message: `e${index}`, line: index + 2 })),
        finding({ ruleId: 'gate-contradiction', message: 'gate', line: 100 }),
        ...Array.from({ length: 12 }, (_, index) => finding({ severity: 'warning', ruleId: 'placeholder', message: `w${index}`, line: index + 1 }))
      ])
    ])
    const { shown, hidden } = selectAnnotations(toAnnotations(result), { error: 9, warning: 7 })
    expect(shown.filter((a) => a.level === 'error')).toHaveLength(9)
    expect(shown.filter((a) => a.level === 'warning')).toHaveLength(7)
    // What explains the verdict is never among the hidden.
    expect(shown[0]?.startLine).toBe(100)
    expect(hidden).toEqual({ error: 22, warning: 5 })
  })
})

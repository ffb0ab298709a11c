// The bundled action against the fake GitHub on the formats that keep a
// feature in several files, and on a repository whose plan template is its rubric.

import { readFileSync } from 'node:fs'
import { jest } from '@jest/globals'
import type { FakeGitHub } from '../../test-support/fake-github/index.js'
import { pullRequestScenario, session } from '../../test-support/action-run.js'

jest.setTimeout(120_000)

const CONTENTS = '/repos/{owner}/{repo}/contents/{path}'
const KIRO = 'examples/kiro/specs/fail-untraced'
const SPEC = '.kiro/specs/reminders'

function contentReads(gh: FakeGitHub, path: string): Array<string | undefined> {
  return gh.log.find('GET', CONTENTS).filter((entry) => entry.params['path'] === path).map((entry) => entry.query['ref'])
}

interface Report {
  plans: Array<{ file: string; rubricSource: string; verdict: string; findings: Array<{ ruleId: string; line: number }> }>
}

test.concurrent('a Kiro design is checked with the requirements and tasks beside it, read at the head', async () => {
  const file = (name: string): string => readFileSync(`${KIRO}/${name}`, 'utf8')
  const scenario = pullRequestScenario(
    { [`${SPEC}/requirements.md`]: file('requirements.md'), [`${SPEC}/tasks.md`]: file('tasks.md') },
    { [`${SPEC}/design.md`]: file('design.md') }
  )
  await session(scenario, async ({ gh, run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    const report = result.report as Report
    expect(report.plans.map((plan) => `${plan.file} ${plan.verdict} ${plan.findings.map((finding) => `${finding.ruleId}@${finding.line}`).join(' ')}`.trim())).toEqual([
      `${SPEC}/design.md FAIL reference-missing@1 reference-unknown@1 reference-missing@27`,
      `${SPEC}/requirements.md FAIL line-pattern@14`,
      `${SPEC}/tasks.md PASS`
    ])
    expect(report.plans[1]!.rubricSource).toBe(`companion "requirements.md" of ${SPEC}/design.md (kiro)`)
    expect(contentReads(gh, `${SPEC}/tasks.md`)).toEqual([scenario.pr.headSha])
  })
})

test.concurrent('a spec-kit repository\'s plan template, read at the base, is the rubric of its plans', async () => {
  const template = '# Plan: [FEATURE]\n\n## Summary\n\n[What ships and how]\n\n## Risks\n\n| Risk | Mitigation |\n|---|---|\n| [risk] | [mitigation] |\n'
  const plan = '# Plan: Export\n\n## Summary\n\n[What ships and how]\n'
  const scenario = pullRequestScenario({ '.specify/templates/plan-template.md': template }, { 'specs/001-export/plan.md': plan })
  await session(scenario, async ({ gh, run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    const [checked] = (result.report as Report).plans
    expect(checked!.rubricSource).toBe('matched specs/*/plan.md (rubric derived from .specify/templates/plan-template.md, built-in default)')
    // The Summary holds only the template's instruction (section-empty); the missing Risks section covers its table.
    expect(checked!.findings.map((finding) => `${finding.ruleId}@${finding.line}`)).toEqual(['section-empty@5', 'section-missing@5'])
    expect(contentReads(gh, '.specify/templates/plan-template.md')).toEqual([scenario.pr.baseSha])
  })
})

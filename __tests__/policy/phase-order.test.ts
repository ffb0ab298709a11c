import { tasksGuards, tasksResults } from '../../src/runner/phase-order.js'
import { loadConfig } from '../../src/rubric/config.js'
import { checkText } from '../../test-support/engine.js'

// Phase order on its own: which changed files are tasks waiting for a plan,
// and what they report when the plan does not pass.

const CONFIG = 'plans:\n  - files: "specs/*/plan.md"\n    rubric: spec-kit\n  - files: "docs/**/plan.md"\n    rubric: generic\n'

describe('phase order', () => {
  const dirs: Record<string, string[]> = { 'specs/001-a': ['plan.md', 'tasks.md', 'spec.md'], 'docs/x': ['plan.md', 'tasks.md'] }
  const siblings = async (dir: string) => dirs[dir] ?? []

  it('guards a changed tasks file beside a plan whose rubric asks for phase order, and nothing else', async () => {
    const config = await loadConfig('.github/plan-gate.yml', CONFIG, async () => null)
    const guards = await tasksGuards(['specs/001-a/tasks.md', 'specs/001-a/spec.md', 'docs/x/tasks.md', 'specs/002-b/tasks.md'], config, siblings)
    expect(guards.map((guard) => [guard.tasks, guard.plan, guard.rubric.name])).toEqual([['specs/001-a/tasks.md', 'specs/001-a/plan.md', 'spec-kit']])
  })

  it('fails the tasks while the plan fails, names the plan, and passes them once it passes', async () => {
    const config = await loadConfig('.github/plan-gate.yml', CONFIG, async () => null)
    const guards = await tasksGuards(['specs/001-a/tasks.md'], config, siblings)
    const failing = await checkText('# Implementation Plan: A\n\n## Summary\n\nNEEDS CLARIFICATION\n', guards[0]!.rubric, 'specs/001-a/plan.md')
    const [blocked] = tasksResults(guards, new Map([[failing.file, failing]]), 'error')
    expect(blocked).toMatchObject({ file: 'specs/001-a/tasks.md', verdict: 'FAIL' })
    expect(blocked!.findings.map((finding) => finding.ruleId)).toEqual(['phase-order'])
    expect(blocked!.findings[0]!.message).toContain('its plan specs/001-a/plan.md does not pass (FAIL with')
    const [free] = tasksResults(guards, new Map([[failing.file, { ...failing, verdict: 'PASS' as const, findings: [] }]]), 'error')
    expect(free).toMatchObject({ verdict: 'PASS', findings: [] })
    const [unchecked] = tasksResults(guards, new Map(), 'error')
    expect(unchecked!.findings[0]!.message).toContain('it could not be checked')
  })

  it('is configurable: a rubric can turn it off or lower it', async () => {
    const off = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: "specs/*/plan.md"\n    rubric:\n      extends: spec-kit\n      phaseOrder: { tasks: [tasks.md], severity: "off" }\n', async () => null)
    expect(await tasksGuards(['specs/001-a/tasks.md'], off, siblings)).toEqual([])
    const warn = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: "specs/*/plan.md"\n    rubric:\n      extends: spec-kit\n      phaseOrder: { severity: warning }\n', async () => null)
    const guards = await tasksGuards(['specs/001-a/tasks.md'], warn, siblings)
    const [result] = tasksResults(guards, new Map(), 'error')
    expect(result).toMatchObject({ verdict: 'PASS' })
    expect(result!.findings[0]!.severity).toBe('warning')
  })
})

describe('phase order in the OpenSpec and Kiro presets', () => {
  it('holds a change\'s or a feature\'s tasks.md to the design beside it', async () => {
    const { builtInConfig } = await import('../../src/rubric/config.js')
    const config = await builtInConfig()
    const dirs: Record<string, string[]> = { 'openspec/changes/add-x': ['design.md', 'proposal.md', 'tasks.md'], '.kiro/specs/y': ['design.md', 'requirements.md', 'tasks.md'] }
    const guards = await tasksGuards(['openspec/changes/add-x/tasks.md', '.kiro/specs/y/tasks.md'], config, async (dir) => dirs[dir] ?? [])
    expect(guards.map((guard) => [guard.tasks, guard.plan, guard.rubric.name])).toEqual([
      ['.kiro/specs/y/tasks.md', '.kiro/specs/y/design.md', 'kiro'],
      ['openspec/changes/add-x/tasks.md', 'openspec/changes/add-x/design.md', 'openspec']
    ])
  })
})

describe('a tasks file that is also a checked companion', () => {
  it('keeps one entry in the report, with the phase-order finding in it', async () => {
    const { withPhaseOrder } = await import('../../src/runner/phase-order.js')
    const { summarize } = await import('../../src/runner/check-plans.js')
    const { builtInConfig } = await import('../../src/rubric/config.js')
    const config = await builtInConfig()
    const design = await checkText('# Design\n\n## Overview\n\nTBD\n', 'kiro', '.kiro/specs/y/design.md')
    const companion = { ...(await checkText('# Tasks\n\n- [ ] 1. Build it\n', 'kiro-tasks', '.kiro/specs/y/tasks.md')), findings: [], verdict: 'PASS' as const }
    const phase = await withPhaseOrder(['.kiro/specs/y/design.md', '.kiro/specs/y/tasks.md'], [], config, async () => ['design.md', 'tasks.md'], 'error', summarize)
    const result = phase.finish(summarize([design, companion]))
    expect(result.plans.map((plan) => [plan.file, plan.verdict, plan.findings.map((finding) => finding.ruleId).join(' ')]).filter(([file]) => file === '.kiro/specs/y/tasks.md')).toEqual([['.kiro/specs/y/tasks.md', 'FAIL', 'phase-order']])
  })
})

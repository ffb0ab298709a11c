import { choiceWithContent, selectPlans } from '../../src/action/select.js'
import { builtInConfig, loadConfig } from '../../src/rubric/config.js'
import { RubricLoader } from '../../src/rubric/load.js'

const generic = await new RubricLoader(async () => null).load('generic', null)

describe('selectPlans', () => {
  const paths = ['.spec-dev/active-dev/active-plan.md', 'docs/plan.md', 'docs/notes.md', 'rfcs/0001-idea.md', 'README.md']

  test('without globs, the config decides which files are plans and their rubric', async () => {
    const selected = selectPlans(paths, await builtInConfig(), null, generic)
    expect(selected.map((plan) => [plan.path, plan.rubric.name])).toEqual([
      ['.spec-dev/active-dev/active-plan.md', 'spec-dev'],
      ['docs/plan.md', 'generic']
    ])
  })

  test('globs replace the config’s file globs; the config still picks the rubric, else the generic one', async () => {
    const config = await loadConfig('.github/plan-gate.yml', 'plans:\n  - files: "**/active-plan.md"\n    rubric: spec-dev\n', async () => null)
    const selected = selectPlans(paths, config, ['rfcs/*.md', '.spec-dev/**'], generic)
    expect(selected.map((plan) => [plan.path, plan.rubric.name])).toEqual([
      ['.spec-dev/active-dev/active-plan.md', 'spec-dev'],
      ['rfcs/0001-idea.md', 'generic']
    ])
    expect(selected[1]?.reason).toMatch(/files input \(rfcs\/\*\.md\).*generic/)
  })

  test('each path once, in order', async () => {
    const selected = selectPlans(['b/plan.md', 'a/plan.md', 'b/plan.md'], await builtInConfig(), null, generic)
    expect(selected.map((plan) => plan.path)).toEqual(['a/plan.md', 'b/plan.md'])
  })
})

describe('choiceWithContent', () => {
  const specKitPlan = '# Implementation Plan: Exports\n\n## Technical Context\n\n**Language/Version**: Go 1.23\n'

  test('a plan chosen by path gets the rubric its content signs call for once it is read', async () => {
    const config = await builtInConfig()
    const [plan] = selectPlans(['specs/003-exports/plan.md'], config, null, generic)
    expect(plan!.rubric.name).toBe('generic')
    const choice = choiceWithContent(plan!, config, new TextEncoder().encode(specKitPlan))
    expect([choice.rubric.name, choice.reason]).toEqual(['spec-kit', 'matched **/specs/*/plan.md + "Technical Context" heading → spec-kit (built-in default)'])
  })

  test('keeps the files input in the reason, and the generic rubric when no entry maps the path', async () => {
    const config = await builtInConfig()
    const [unmapped, mapped] = selectPlans(['specs/003-exports/plan.md', 'rfcs/1.md'], config, ['specs/**', 'rfcs/*.md'], generic)
    expect(choiceWithContent(mapped!, config, specKitPlan).reason).toMatch(/→ spec-kit \(built-in default\); selected by the files input \(specs\/\*\*\)$/)
    expect(choiceWithContent(unmapped!, config, specKitPlan)).toBe(unmapped)
  })
})

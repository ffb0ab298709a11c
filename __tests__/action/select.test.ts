import { selectPlans } from '../../src/action/select.js'
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

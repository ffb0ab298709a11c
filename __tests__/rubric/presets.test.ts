import { stringify } from 'yaml'
import { builtInConfig } from '../../src/rubric/config.js'
import { RubricLoader } from '../../src/rubric/load.js'
import { presets } from '../../src/rubric/presets/index.js'
import { rubricSchema } from '../../src/rubric/schema.js'
import { checkPlan } from '../../src/engine/check.js'

// The loader trusts built-in presets: it skips their schema parse and layer
// checks at run time. These tests are what earns that trust, so a preset that
// would fail as a file fails here instead of slipping past users' runs.

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child)
  }
  return value
}

describe('built-in presets', () => {
  it.each([...presets.keys()])('%s parses to itself under the rubric schema', (name) => {
    const preset = presets.get(name)!
    // A parse that dropped, defaulted or rewrote a key would make the trusted preset differ from a validated one.
    expect(rubricSchema().parse(preset)).toStrictEqual(preset)
  })

  it.each([...presets.keys()])('%s passes every check a rubric file gets, and loads to the same rubric as when trusted', async (name) => {
    const file = `rubrics/${name}.yml`
    const asFile = await new RubricLoader(async (path) => (path === file ? stringify(presets.get(name)) : null)).load(file, null)
    const trusted = await new RubricLoader(async () => null).load(name, null)
    expect({ ...asFile, name }).toStrictEqual({ ...trusted, name })
  })

  it('are never changed by loading or checking', async () => {
    for (const preset of presets.values()) deepFreeze(preset)
    const config = await builtInConfig()
    const plan = '# Plan\n\n## Summary\n\nTODO\n\n## Risks\n\n| Risk | Mitigation |\n|---|---|\n| a | b |\n\n- [ ] done\n\nGate: PASS\n'
    for (const mapping of config.mappings) {
      expect(() => checkPlan({ file: 'plan.md', content: plan }, { rubric: mapping.rubric, rubricSource: mapping.rubric.name, failOn: 'error', maxPlanBytes: 1 << 20 })).not.toThrow()
    }
  })
})

describe('the built-in defaults', () => {
  it('have content signatures that all compile (they compile lazily, at the first plan that needs one)', async () => {
    const config = await builtInConfig()
    const signed = config.mappings.filter((mapping) => mapping.when)
    expect(signed.length).toBeGreaterThan(0)
    for (const mapping of signed) expect(() => mapping.when!.test('# A plan\n\n## Summary\n\nText.\n')).not.toThrow()
  })
})

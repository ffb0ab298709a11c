import { loadConfig, rubricFor } from '../../src/rubric/config.js'
import { ConfigError, formatProblem } from '../../src/rubric/errors.js'

// Every config or rubric mistake is reported as file:line:col: field path: problem,
// and loading never yields a config that could pass a gate by accident.

async function problems(text: string, files: Record<string, string> = {}): Promise<string[]> {
  try {
    await loadConfig('.github/plan-gate.yml', text, async (path) => files[path] ?? null)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem)
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('config errors', () => {
  it('locates an unknown key and suggests the right one', async () => {
    expect(await problems('plans:\n  - file: ["**/plan.md"]\n    rubric: generic\n')).toEqual([
      '.github/plan-gate.yml:2:5: plans[0].file: unknown key "file"; did you mean "files"?',
      '.github/plan-gate.yml:2:5: plans[0].files: is required (string)'
    ])
  })

  it('locates a wrong type deep inside an inline rubric', async () => {
    const text = ['plans:', '  - files: "**/plan.md"', '    rubric:', '      sections:', '        - id: intro', '          title: Intro', '          minWords: many', ''].join('\n')
    expect(await problems(text)).toEqual(['.github/plan-gate.yml:7:21: plans[0].rubric.sections[0].minWords: expected number, got string "many"'])
  })

  it('rejects a severity that does not exist', async () => {
    const text = 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: spec-dev\n      rules:\n        placeholder: fatal\n'
    expect(await problems(text)).toEqual(['.github/plan-gate.yml:6:22: plans[0].rubric.rules.placeholder: expected one of "error", "warning", "off"'])
  })

  it('rejects an unknown rule id with a suggestion', async () => {
    const text = 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: spec-dev\n      rules:\n        placeholders: off\n'
    expect(await problems(text)).toEqual(['.github/plan-gate.yml:6:9: plans[0].rubric.rules.placeholders: unknown rule "placeholders"; did you mean "placeholder"?'])
  })

  it('names an unknown preset with a suggestion', async () => {
    expect(await problems('plans:\n  - files: "**/plan.md"\n    rubric: spec-devv\n')).toEqual([
      '.github/plan-gate.yml:3:13: plans[0].rubric: unknown preset "spec-devv"; did you mean "spec-dev"? (a rubric file path ends in .yml or .yaml)'
    ])
  })

  it('reports a missing rubric file at the reference', async () => {
    expect(await problems('plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n')).toEqual([
      '.github/plan-gate.yml:3:13: plans[0].rubric: rubric file "rubrics/team.yml" not found'
    ])
  })

  it('reports problems inside an extended rubric file at their own file and line', async () => {
    const team = 'extends: spec-dev\nsections:\n  - id: security\n    minWords: -5\n'
    expect(await problems('plans:\n  - files: "**/plan.md"\n    rubric: rubrics/team.yml\n', { 'rubrics/team.yml': team })).toEqual([
      'rubrics/team.yml:4:15: sections[0].minWords: Too small: expected number to be >=0'
    ])
  })

  it('detects an extends cycle', async () => {
    const files = { 'a.yml': 'extends: b.yml\n', 'b.yml': 'extends: a.yml\n' }
    expect(await problems('plans:\n  - files: "**/plan.md"\n    rubric: a.yml\n', files)).toEqual(['b.yml:1:10: extends: "extends" cycle: a.yml → b.yml → a.yml'])
  })

  it('refuses rubric paths outside the repository', async () => {
    expect(await problems('plans:\n  - files: "**/plan.md"\n    rubric: ../../etc/passwd.yml\n')).toEqual([
      '.github/plan-gate.yml:3:13: plans[0].rubric: "../../etc/passwd.yml" is outside the repository; rubric paths are relative to the repository root'
    ])
    expect(await problems('plans:\n  - files: "/etc/**/plan.md"\n    rubric: generic\n')).toEqual([
      '.github/plan-gate.yml:2:12: plans[0].files: "/etc/**/plan.md" is outside the repository; globs are relative to the repository root'
    ])
  })

  it('requires a title for a new section and a known section id for a table', async () => {
    const text = [
      'plans:',
      '  - files: "**/plan.md"',
      '    rubric:',
      '      extends: generic',
      '      sections:',
      '        - id: rollout',
      '      tables:',
      '        - id: owners',
      '          section: rolout',
      ''
    ].join('\n')
    expect(await problems(text)).toEqual([
      '.github/plan-gate.yml:6:11: plans[0].rubric.sections[0]: "title" is required for a new item (id "rollout" is not defined by the rubric this one extends)',
      '.github/plan-gate.yml:9:20: plans[0].rubric.tables[0].section: no section with id "rolout"; did you mean "rollout"?'
    ])
  })

  it('rejects a placeholder pattern RE2 cannot compile', async () => {
    const text = 'plans:\n  - files: "**/plan.md"\n    rubric:\n      placeholders:\n        - id: backref\n          regex: "(a)\\\\1"\n'
    const [problem] = await problems(text)
    expect(problem).toMatch(/^\.github\/plan-gate\.yml:6:18: plans\[0\]\.rubric\.placeholders\[0\]\.regex: invalid RE2 pattern: /)
  })

  it('reports invalid YAML with its position', async () => {
    expect(await problems('plans:\n  - files: [unclosed\n')).toEqual([expect.stringMatching(/^\.github\/plan-gate\.yml:3:1: invalid YAML: /)])
  })

  it('refuses an empty config instead of gating nothing', async () => {
    expect(await problems('# nothing here\n')).toEqual([
      '.github/plan-gate.yml:1:1: the config file is empty; it needs a "plans" list (or delete it to use the built-in defaults)'
    ])
  })
})

describe('config mapping', () => {
  it('applies the built-in defaults when there is no config file', async () => {
    const config = await loadConfig('.github/plan-gate.yml', null, async () => null)
    expect(rubricFor(config, '.spec-dev/active-dev/active-plan.md')?.rubric.name).toBe('spec-dev')
    expect(rubricFor(config, '.specify/specs/f-12/plan.md')?.rubric.name).toBe('specflow')
    expect(rubricFor(config, 'docs/features/x/plan.md')).toMatchObject({ rubric: { name: 'generic' }, reason: 'matched **/plan.md (built-in default)' })
    expect(rubricFor(config, 'docs/design.md')).toBeNull()
  })

  it('uses the first matching entry, honours exclude, and merges extends by id', async () => {
    const text = [
      'plans:',
      '  - files: ["docs/**/plan.md"]',
      '    exclude: ["docs/archive/**"]',
      '    rubric:',
      '      name: team',
      '      extends: spec-dev',
      '      sections:',
      '        - id: security',
      '          minWords: 100',
      '      rules:',
      '        gate-not-last: off',
      '  - files: ["**/*.md"]',
      '    rubric: generic',
      ''
    ].join('\n')
    const config = await loadConfig('.github/plan-gate.yml', text, async () => null)
    const team = rubricFor(config, 'docs/a/plan.md')!.rubric
    expect(team.name).toBe('team')
    expect(team.sections.find((section) => section.id === 'security')).toMatchObject({ title: 'Security & Privacy', minWords: 100 })
    expect(team.sections).toHaveLength(13)
    expect(team.rules['gate-not-last']).toBe('off')
    expect(rubricFor(config, 'docs/archive/plan.md')?.rubric.name).toBe('generic')
  })
})

describe('content signatures in a config', () => {
  it('locates a line pattern RE2 cannot compile when the config loads, not when a plan is checked', async () => {
    const text = 'plans:\n  - files: "**/plan.md"\n    when:\n      anyOf:\n        - line: "(unclosed"\n    rubric: generic\n'
    expect(await problems(text)).toEqual([expect.stringMatching(/^\.github\/plan-gate\.yml:5:\d+: plans\[0\]\.when\.anyOf\[0\]\.line: invalid RE2 pattern/)])
  })
})

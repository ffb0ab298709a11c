// The action reads the config where the CLI finds it: `.github/plan-gate.yml`
// or `.github/plan-gate.yaml`. A `.yaml` config ignored would check the plans
// with the built-in defaults instead of the team's own rubric.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { example, PLAN_PATH, pullRequestScenario, session } from '../../test-support/action-run.js'
import { loadConfig } from '../../src/api.js'
import { ConfigError } from '../../src/rubric/errors.js'

const MAPPING = 'plans:\n  - files: ".spec-dev/**/active-plan.md"\n    rubric: spec-dev\n'
const WAIVER = `${MAPPING}waivers:\n  - files: "${PLAN_PATH}"\n    rule: placeholder\n    reason: clarified in the kickoff; the text follows\n`
const unfinished = (): string => example('pass-complete').replace(/\n## 12. Risks Register/, '\nNEEDS CLARIFICATION: the retention period.\n\n## 12. Risks Register')

interface Report {
  plans: Array<{ waived?: Array<{ ruleId: string }> }>
}

test.concurrent('a config at .github/plan-gate.yaml is the config: its waiver applies', async () => {
  const scenario = pullRequestScenario({ '.github/plan-gate.yaml': WAIVER }, { [PLAN_PATH]: unfinished() })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect((result.report as Report).plans[0]!.waived?.map((finding) => finding.ruleId)).toContain('placeholder')
  })
})

test.concurrent('without any config the same plan fails on the built-in defaults', async () => {
  const scenario = pullRequestScenario({}, { [PLAN_PATH]: unfinished() })
  await session(scenario, async ({ run }) => {
    expect((await run()).exitCode).toBe(1)
  })
})

test.concurrent('both .yml and .yaml in the base: a config error that says to keep one, never a pass', async () => {
  const scenario = pullRequestScenario({ '.github/plan-gate.yml': MAPPING, '.github/plan-gate.yaml': WAIVER }, { [PLAN_PATH]: example('pass-complete') })
  await session(scenario, async ({ run }) => {
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(scenario.repo.commentsOnIssue(7)[0]?.body).toContain('keep one of them')
  })
})

test.concurrent('a whole-checkout scan reads the checkout\'s .yaml config too', async () => {
  await session(null, async ({ run }) => {
    const scan = (workspace: Record<string, string>) =>
      run({ eventName: 'push', payload: { before: 'e'.repeat(40), after: 'f'.repeat(40) }, inputs: { scan: 'all' }, workspace })
    expect((await scan({ [PLAN_PATH]: unfinished() })).exitCode).toBe(1)
    expect((await scan({ '.github/plan-gate.yaml': WAIVER, [PLAN_PATH]: unfinished() })).exitCode).toBe(0)
  })
})

test('the API reads .github/plan-gate.yaml when no config is named, and refuses both', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'plan-gate-config-file-'))
  try {
    await mkdir(path.join(root, '.github'))
    await writeFile(path.join(root, '.github/plan-gate.yaml'), 'plans:\n  - files: "docs/**/plan.md"\n    rubric: spec-kit\n')
    const config = await loadConfig({ cwd: root })
    expect(config.source).toContain('plan-gate.yaml')
    expect(config.plans.map((plan) => plan.rubric)).toContain('spec-kit')
    await writeFile(path.join(root, '.github/plan-gate.yml'), 'plans: []\n')
    await expect(loadConfig({ cwd: root })).rejects.toBeInstanceOf(ConfigError)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
})

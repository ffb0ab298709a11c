import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

// The "reproduce locally" commands must give CI's verdict when run in the
// repository: the exact version, the config when it is not the default, a
// rubric file by its path and the fail-on level.

useFakeRegistry()
const { renderComment } = await import('../../src/report/comment.js')
const { renderJobSummary } = await import('../../src/report/summary.js')
const { checkCommand, rubricRef, templateCommand } = await import('../../src/report/context.js')
const { canonical, ctx, FAILING_FILE } = await import('../../__fixtures__/report/results.js')

function commands(markdown: string): string[] {
  const block = /<summary>How to reproduce and fix locally<\/summary>[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(markdown)
  return block === null ? [] : block[1]!.split('\n')
}

describe('reproduce commands', () => {
  it('pin the version that gave the verdict', () => {
    expect(commands(renderComment(canonical, { ...ctx, version: '1.2.3' }))).toEqual([
      `npx plan-gate@1.2.3 check ${FAILING_FILE}`,
      'npx plan-gate@1.2.3 template spec-dev'
    ])
  })

  it('name a non-default config, the fail-on level and a rubric file by its path, in the comment and the job summary', () => {
    const reproduce = { config: 'ci/plan-gate.yml', failOn: 'warning' as const, rubricRefs: { [FAILING_FILE]: '.github/rubrics/team.yml' } }
    const expected = [
      `npx plan-gate@1.0.0 check --config ci/plan-gate.yml --fail-on warning ${FAILING_FILE}`,
      'npx plan-gate@1.0.0 template .github/rubrics/team.yml'
    ]
    expect(commands(renderComment(canonical, { ...ctx, reproduce }))).toEqual(expected)
    expect(commands(renderJobSummary(canonical, { ...ctx, reproduce }))).toEqual(expected)
  })

  it('leave out a template command for an inline rubric, and say why', () => {
    const markdown = renderComment(canonical, { ...ctx, reproduce: { rubricRefs: { [FAILING_FILE]: null } } })
    expect(commands(markdown)).toEqual([`npx plan-gate@1.0.0 check ${FAILING_FILE}`])
    expect(markdown).toContain('An inline rubric in the config has no name a command line can use')
  })

  it('repeat a --rubric override for check and template alike', () => {
    const run = { ...ctx, reproduce: { rubric: 'rubrics/rfc.yml', rubricRefs: { [FAILING_FILE]: 'spec-dev' } } }
    expect(checkCommand(run, ['a.md'])).toBe('npx plan-gate@1.0.0 check --rubric rubrics/rfc.yml a.md')
    expect(rubricRef(run, { file: FAILING_FILE, rubric: 'spec-dev' })).toBe('rubrics/rfc.yml')
  })

  it('keep paths that start with a dash from reading as options', () => {
    expect(checkCommand({ version: '1.0.0', reproduce: { config: '-c.yml' } }, ['-plan.md'])).toBe('npx plan-gate@1.0.0 check --config ./-c.yml ./-plan.md')
    expect(templateCommand({ version: '1.0.0' }, '-r.yml')).toBe('npx plan-gate@1.0.0 template ./-r.yml')
  })
})

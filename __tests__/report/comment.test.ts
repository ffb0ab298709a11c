import type { Root } from 'mdast'
import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const { renderComment, renderPlanFindingsMarkdown, COMMENT_MAX_FINDINGS_PER_PLAN } = await import(
  '../../src/report/comment.js'
)
const { renderJobSummary } = await import('../../src/report/summary.js')
const { renderMarkdown } = await import('../../src/report/markdown.js')
const { mdToString, nodesOfType, parseMarkdown } = await import('../../__fixtures__/report/markdown.js')
const fixtures = await import('../../__fixtures__/report/results.js')
const { canonical, ctx, offlineCtx, variants, manyFindings, FAILING_FILE, PASSING_FILE, HEAD_SHA } = fixtures

const BLOB = `https://github.com/acme/widgets/blob/${HEAD_SHA}`
const DOCS = 'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/'

function headings(tree: Root, depth: number): string[] {
  return nodesOfType(tree, 'heading')
    .filter((heading) => heading.depth === depth)
    .map((heading) => mdToString(heading))
}

function tableRows(tree: Root): string[][] {
  return nodesOfType(tree, 'tableRow').map((row) => row.children.map((cell) => mdToString(cell)))
}

/** Bold paragraph labels that head each group of findings. */
function groupLabels(tree: Root): string[] {
  return nodesOfType(tree, 'paragraph')
    .filter((paragraph) => paragraph.children[0]?.type === 'strong' && paragraph.children.length <= 2)
    .map((paragraph) => mdToString(paragraph.children[0]!))
}

describe('renderComment', () => {
  it('renders the canonical run', () => {
    expect(renderComment(canonical, ctx)).toMatchInlineSnapshot(`
"## ❌ plan-gate: 1 of 2 plans fail the gate

| Plan | Rubric | Declared gate | Verdict | Errors | Warnings |
|---|---|---|---|---:|---:|
| [\`.spec-dev/active-dev/active-plan.md\`](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md) | spec-dev | [PASS](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L98) | ❌ FAIL | 4 | 1 |
| [\`.specify/specs/f-12-vector-configuration/plan.md\`](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.specify/specs/f-12-vector-configuration/plan.md) | specflow | — (not required) | ✅ PASS | 0 | 0 |

### ❌ [\`.spec-dev/active-dev/active-plan.md\`](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md)

The plan declares **Gate: PASS** ([line 98](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L98)), but 3 errors contradict it. Fix the findings listed, or declare \`Gate: FAIL — <reason>\` until they are fixed. · [\`gate-contradiction\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/gate-contradiction.md)

**Observability \\& Operations**
- ⚠️ [L61](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L61) Placeholder "TBD" left in the plan · [\`placeholder\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/placeholder.md)\\
  Replace the placeholder with the real content, or remove it.

**Risks Register**
- ❌ [L80](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L80) Table "Risks" has no row for the security area (one row each needed for architecture, data, security, operations) · [\`table-coverage\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/table-coverage.md)\\
  Add a row whose Area is security.

**Readiness Checklist**
- ❌ [L92](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L92) Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified." · [\`checklist-unchecked\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/checklist-unchecked.md)\\
  Do what the item asks and tick it (\`- [x]\`), or declare \`Gate: FAIL — <reason>\` until it is done.
- ❌ [L94](https://github.com/acme/widgets/blob/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d/.spec-dev/active-dev/active-plan.md#L94) Unchecked item in "Readiness Checklist": "Security controls tied to identified threats." · [\`checklist-unchecked\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/checklist-unchecked.md)\\
  Do what the item asks and tick it (\`- [x]\`), or declare \`Gate: FAIL — <reason>\` until it is done.

<details><summary>How to reproduce and fix locally</summary>

In a checkout of this branch, \`check\` prints the same findings and \`template\` prints a skeleton with every part the rubric asks for:

\`\`\`sh
npx plan-gate@1.0.0 check .spec-dev/active-dev/active-plan.md
npx plan-gate@1.0.0 template spec-dev
\`\`\`

</details>

<sub>plan-gate 1\\.0.0 · rubrics from .github/plan-gate.yml at base 3f2a1c0 · checked [\`9be41d7\`](https://github.com/acme/widgets/commit/9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d) · [full report](https://github.com/acme/widgets/actions/runs/42) · [rules](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/)</sub>
"
`)
  })

  it('opens with the verdict', () => {
    expect(renderComment(canonical, ctx).split('\n')[0]).toBe('## ❌ plan-gate: 1 of 2 plans fail the gate')
    expect(renderComment(variants.passingWithWarning, ctx).split('\n')[0]).toBe(
      '## ✅ plan-gate: all 2 plans pass the gate'
    )
  })

  it('has one table row per plan with gate, verdict and counts', () => {
    const tree = parseMarkdown(renderComment(canonical, ctx))
    expect(tableRows(tree)).toEqual([
      ['Plan', 'Rubric', 'Declared gate', 'Verdict', 'Errors', 'Warnings'],
      [FAILING_FILE, 'spec-dev', 'PASS', '❌ FAIL', '4', '1'],
      [PASSING_FILE, 'specflow', '— (not required)', '✅ PASS', '0', '0']
    ])
    const links = nodesOfType(nodesOfType(tree, 'table')[0]!, 'link').map((link) => link.url)
    expect(links).toEqual([`${BLOB}/${FAILING_FILE}`, `${BLOB}/${FAILING_FILE}#L98`, `${BLOB}/${PASSING_FILE}`])
  })

  it('gives failing plans a section and leaves passing ones in the table', () => {
    const tree = parseMarkdown(renderComment(canonical, ctx))
    expect(headings(tree, 2)).toHaveLength(1)
    expect(headings(tree, 3)).toEqual([`❌ ${FAILING_FILE}`])
  })

  it('explains the contradicted PASS once, with its line, hint and rule', () => {
    const out = renderComment(canonical, ctx)
    expect(out).toContain(
      `The plan declares **Gate: PASS** ([line 98](${BLOB}/${FAILING_FILE}#L98)), but 3 errors contradict it. ` +
        'Fix the findings listed, or declare `Gate: FAIL — <reason>` until they are fixed. · ' +
        `[\`gate-contradiction\`](${DOCS}gate-contradiction.md)`
    )
    // The finding that says the same is not listed again.
    expect(out).not.toContain('[L98]')
  })

  it('groups findings by section in plan order, each linked to its line and rule, hint below', () => {
    const tree = parseMarkdown(renderComment(canonical, ctx))
    expect(groupLabels(tree)).toEqual(['Observability & Operations', 'Risks Register', 'Readiness Checklist'])
    const items = nodesOfType(tree, 'listItem')
    expect(items).toHaveLength(4)
    const first = items[2]!
    const [lineLink, ruleLink] = nodesOfType(first, 'link')
    expect(mdToString(lineLink!)).toBe('L92')
    expect(lineLink!.url).toBe(`${BLOB}/${FAILING_FILE}#L92`)
    expect(mdToString(ruleLink!)).toBe('checklist-unchecked')
    expect(ruleLink!.url).toBe(`${DOCS}checklist-unchecked.md`)
    // The hint follows a hard line break, so it shows on its own line.
    const paragraph = nodesOfType(first, 'paragraph')[0]!
    const breakAt = paragraph.children.findIndex((child) => child.type === 'break')
    expect(breakAt).toBeGreaterThan(0)
    expect(mdToString({ type: 'paragraph', children: paragraph.children.slice(breakAt + 1) })).toBe(
      'Do what the item asks and tick it (- [x]), or declare Gate: FAIL — <reason> until it is done.'
    )
    expect(nodesOfType(first, 'inlineCode').map((code) => code.value)).toContain('Gate: FAIL — <reason>')
  })

  it('says how to reproduce locally, then closes with the footer', () => {
    const out = renderComment(canonical, ctx)
    const tree = parseMarkdown(out)
    expect(nodesOfType(tree, 'code').map((code) => code.value)).toEqual([
      `npx plan-gate@1.0.0 check ${FAILING_FILE}\nnpx plan-gate@1.0.0 template spec-dev`
    ])
    expect(out).toContain('<details><summary>How to reproduce and fix locally</summary>')
    const footer = out.trimEnd().split('\n').at(-1)!
    expect(footer).toMatch(/^<sub>plan-gate 1\\\.0\.0 · .*<\/sub>$/)
    expect(footer).toContain('rubrics from .github/plan-gate.yml at base 3f2a1c0')
    expect(footer).toContain(`checked [\`9be41d7\`](https://github.com/acme/widgets/commit/${HEAD_SHA})`)
    expect(footer).toContain('[full report](https://github.com/acme/widgets/actions/runs/42)')
  })

  it('is short when everything passes: verdict, table, footer', () => {
    const out = renderComment(variants.allPass, ctx)
    const tree = parseMarkdown(out)
    expect(tree.children.map((node) => node.type)).toEqual(['heading', 'table', 'paragraph'])
    expect(out).not.toContain('<details>')
    expect(out).not.toContain('Readiness')
  })

  it('lists the warnings of a passing plan without calling it failed', () => {
    const tree = parseMarkdown(renderComment(variants.passingWithWarning, ctx))
    expect(headings(tree, 3)).toEqual([`⚠️ ${FAILING_FILE}`])
    expect(mdToString(tree)).toContain('and passes, with 1 warning to consider.')
    expect(nodesOfType(tree, 'listItem')).toHaveLength(1)
  })

  it('drops line links when the repository or commit is unknown', () => {
    const out = renderComment(canonical, offlineCtx)
    expect(out).not.toContain('github.com/acme')
    expect(out).toContain('- ❌ L92 Unchecked item')
    expect(out).toContain('(line 98)')
    expect(out.trimEnd().split('\n').at(-1)).toBe(`<sub>plan-gate 1\\.0.0 · [rules](${DOCS})</sub>`)
    // Rule docs do not depend on the repository.
    expect(out).toContain(`[\`table-coverage\`](${DOCS}table-coverage.md)`)
  })

  it('puts findings without a section under General', () => {
    const tree = parseMarkdown(renderComment(variants.noSection, ctx))
    expect(groupLabels(tree)).toEqual(['General'])
    expect(nodesOfType(tree, 'listItem')).toHaveLength(4)
  })

  it('does not depend on end lines', () => {
    expect(renderComment(variants.noEndLine, ctx)).toBe(renderComment(canonical, ctx))
  })

  it('says when a required gate is missing, folding in the finding’s hint', () => {
    const out = renderComment(variants.noDeclaredGate, ctx)
    const tree = parseMarkdown(out)
    expect(tableRows(tree)[1]?.[2]).toBe('—')
    expect(out).toContain(
      'The plan does not declare a gate, and this rubric requires one. End the plan with `Gate: PASS` once every requirement is met, or `Gate: FAIL — <reason>`. · '
    )
    expect(nodesOfType(tree, 'listItem')).toHaveLength(4)
  })

  it('quotes the reason of a declared FAIL', () => {
    const out = renderComment(variants.declaredFailWithReason, ctx)
    expect(tableRows(parseMarkdown(out))[1]?.[2]).toBe('FAIL')
    expect(out).toContain(
      `The plan declares **Gate: FAIL** ([line 98](${BLOB}/${FAILING_FILE}#L98)): “Waiting on the security review of the token service” Resolve what the reason names`
    )
  })

  it('notes a declared FAIL without a reason', () => {
    const out = renderComment(variants.declaredFailWithoutReason, ctx)
    expect(out).toContain(`([line 98](${BLOB}/${FAILING_FILE}#L98)) without giving a reason. `)
    expect(out).toContain('`gate-declared-fail`')
    expect(out).toContain('`gate-fail-reason`')
    expect(nodesOfType(parseMarkdown(out), 'listItem')).toHaveLength(4)
  })

  it('says so when no plan matched', () => {
    const out = renderComment(variants.zeroPlans, ctx)
    expect(out.split('\n')[0]).toBe('## ✅ plan-gate: no plan files matched')
    expect(nodesOfType(parseMarkdown(out), 'table')).toHaveLength(0)
  })

  it('caps a long list, keeping errors, and points to the full report', () => {
    const run = manyFindings(80)
    const tree = parseMarkdown(renderComment(run, ctx))
    const items = nodesOfType(tree, 'listItem')
    expect(items).toHaveLength(COMMENT_MAX_FINDINGS_PER_PLAN)
    // 64 errors and 16 warnings: the 50 places all go to errors.
    expect(items.every((item) => mdToString(item).startsWith('❌'))).toBe(true)
    expect(mdToString(tree)).toContain('…and 30 more findings not shown here; the job summary lists them all.')
    const withoutSummary = renderComment(run, { ...ctx, jobSummaryUrl: undefined })
    expect(withoutSummary).toContain(`\`npx plan-gate@1.0.0 check ${FAILING_FILE}\` lists them all.`)
  })
})

describe('renderJobSummary', () => {
  it('lists every finding, with the reason each rubric applied', () => {
    const run = manyFindings(80)
    const tree = parseMarkdown(renderJobSummary(run, ctx))
    expect(nodesOfType(tree, 'listItem')).toHaveLength(80)
    expect(mdToString(tree)).not.toContain('not shown here')
    expect(mdToString(tree)).toContain('Rubric spec-dev: matched .spec-dev/**/active-plan.md in .github/plan-gate.yml.')
  })

  it('includes passing plans’ warnings', () => {
    const tree = parseMarkdown(renderJobSummary(variants.passingWithWarning, ctx))
    expect(headings(tree, 3)).toEqual([`⚠️ ${FAILING_FILE}`])
    const items = nodesOfType(tree, 'listItem').map((item) => mdToString(item))
    expect(items).toHaveLength(1)
    expect(items[0]).toMatch(/^⚠️ L61 Placeholder "TBD" left in the plan · placeholder/)
  })

  it('renders each variant with the same verdict heading as the comment', () => {
    for (const result of [canonical, ...Object.values(variants)]) {
      expect(renderJobSummary(result, ctx).split('\n')[0]).toBe(renderComment(result, ctx).split('\n')[0])
    }
  })
})

describe('renderMarkdown (CLI)', () => {
  it('is the complete report, linking lines only when the repository is known', () => {
    const offline = renderMarkdown(canonical, offlineCtx)
    expect(offline).not.toContain('github.com/acme')
    expect(nodesOfType(parseMarkdown(offline), 'listItem')).toHaveLength(4)
    expect(renderMarkdown(canonical, ctx)).toContain(`[L92](${BLOB}/${FAILING_FILE}#L92)`)
    expect(nodesOfType(parseMarkdown(renderMarkdown(manyFindings(80), offlineCtx)), 'listItem')).toHaveLength(80)
  })
})

describe('renderPlanFindingsMarkdown', () => {
  it('renders one plan’s section on its own', () => {
    const section = renderPlanFindingsMarkdown(canonical.plans[0]!, ctx, {
      maxFindingsPerPlan: Number.POSITIVE_INFINITY,
      showRubricSource: false
    })
    expect(section.startsWith(`### ❌ [\`${FAILING_FILE}\`](${BLOB}/${FAILING_FILE})\n\nThe plan declares`)).toBe(true)
  })
})

import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const { renderInlineComment, renderResolvedInlineComment } = await import('../../src/report/inline.js')
const { ctx, failingFindings, HEAD_SHA } = await import('../../__fixtures__/report/results.js')
const { nodesOfType, parseMarkdown } = await import('../../__fixtures__/report/markdown.js')

const unchecked = failingFindings[1]!
const placeholder = failingFindings[4]!

describe('renderInlineComment', () => {
  it('leads with icon, rule title and message; hint and linked rule id below', () => {
    expect(renderInlineComment(unchecked, ctx)).toMatchInlineSnapshot(`
"❌ **Unchecked checklist item** — Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified."
Do what the item asks and tick it (\`- [x]\`), or declare \`Gate: FAIL — <reason>\` until it is done. · [\`checklist-unchecked\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/checklist-unchecked.md)"
`)
  })

  it('falls back to the rule id as title for rules the registry does not know', () => {
    const body = renderInlineComment(placeholder, ctx)
    expect(body.split('\n')[0]).toBe('⚠️ **placeholder** — Placeholder "TBD" left in the plan')
    const links = nodesOfType(parseMarkdown(body), 'link')
    expect(links.map((link) => link.url)).toEqual([placeholder.url])
  })

  it('puts the rule link on the second line when there is no hint', () => {
    const body = renderInlineComment({ ...unchecked, hint: '' }, ctx)
    expect(body.split('\n')[1]).toBe(`[\`checklist-unchecked\`](${unchecked.url})`)
  })
})

describe('renderResolvedInlineComment', () => {
  const marker = '<!-- plan-gate fingerprint 0123abcd -->'
  const body = `${renderInlineComment(unchecked, ctx)}\n${marker}`

  it('strikes the old text, names the fixing commit and keeps the marker', () => {
    const resolved = renderResolvedInlineComment(body, HEAD_SHA)
    expect(resolved).toMatchInlineSnapshot(`
"~~❌ **Unchecked checklist item** — Unchecked item in "Readiness Checklist": "Telemetry, alerting, and runbook updates specified."~~
~~Do what the item asks and tick it (\`- [x]\`), or declare \`Gate: FAIL — <reason>\` until it is done. · [\`checklist-unchecked\`](https://github.com/plan-gate/plan-gate/blob/main/docs/rules/checklist-unchecked.md)~~

✅ Resolved in \`9be41d7\`.
<!-- plan-gate fingerprint 0123abcd -->"
`)
    const tree = parseMarkdown(resolved)
    expect(nodesOfType(tree, 'delete')).toHaveLength(2)
    expect(resolved.endsWith(`\n${marker}`)).toBe(true)
  })

  it('leaves an already resolved body alone, so the first fix is the one named', () => {
    const once = renderResolvedInlineComment(body, HEAD_SHA)
    expect(renderResolvedInlineComment(once, 'ffffffffffffffffffffffffffffffffffffffff')).toBe(once)
  })

  it('handles older bodies: hard breaks, CRLF, a marker on the text line', () => {
    const old = `❌ **Old title** — message\\\r\nhint · [\`rule\`](https://x.example/r) ${marker}`
    expect(renderResolvedInlineComment(old, HEAD_SHA)).toBe(
      `~~❌ **Old title** — message~~\n~~hint · [\`rule\`](https://x.example/r)~~\n\n✅ Resolved in \`9be41d7\`.\n${marker}`
    )
  })

  it('does not trust the commit id to be a plain hex string', () => {
    expect(renderResolvedInlineComment('text', 'a`b <!-- x')).toBe('~~text~~\n\n✅ Resolved in ``a`b <\u200D!-- x``.')
  })
})

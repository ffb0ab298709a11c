// Against the real rule registry: SARIF must describe every rule users can
// meet, and titles must come from the rules themselves.
import { rules } from '../../src/engine/rules/index.js'
import { ruleDocsUrl } from '../../src/engine/docs-url.js'
import { renderInlineComment, renderSarif, toAnnotations } from '../../src/report/index.js'
import { canonical, ctx, failingFindings } from '../../__fixtures__/report/results.js'

describe('reports over the real rule registry', () => {
  it('list every registered rule in SARIF, in registry order, with its docs page', () => {
    const driverRules = JSON.parse(renderSarif(canonical, ctx)).runs[0].tool.driver.rules as Array<{
      id: string
      helpUri: string
      defaultConfiguration: { level: string }
    }>
    const registered = driverRules.slice(0, rules.length)
    expect(registered.map((rule) => rule.id)).toEqual(rules.map((rule) => rule.id))
    for (const [index, rule] of registered.entries()) {
      expect(rule.helpUri).toBe(ruleDocsUrl(rule.id))
      expect(rule.defaultConfiguration.level).toBe(rules[index]!.defaultSeverity)
    }
    // Every id in the fixture is a real rule, so nothing is appended.
    expect(driverRules).toHaveLength(rules.length)
  })

  it('title inline comments and annotations with the rule’s own title', () => {
    const finding = failingFindings[1]!
    const rule = rules.find((candidate) => candidate.id === finding.ruleId)!
    expect(renderInlineComment(finding, ctx).startsWith(`❌ **${rule.title}** — `)).toBe(true)
    const annotation = toAnnotations(canonical).find((a) => a.startLine === finding.line)!
    expect(annotation.title).toBe(`${rule.title} (${rule.id})`)
  })
})

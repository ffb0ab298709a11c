// Plan text is written by whoever opens the pull request. These tests feed
// every renderer text built to abuse it and check what the reader would get.
import type { Root } from 'mdast'
import { useFakeRegistry } from '../../__fixtures__/report/registry.js'

useFakeRegistry()
const report = await import('../../src/report/index.js')
const { blankNodes, LIVE_MENTION, mdToString, nodesOfType, parseMarkdown, proseTexts, withoutCode } = await import(
  '../../__fixtures__/report/markdown.js'
)
const { ctx, offlineCtx } = await import('../../__fixtures__/report/results.js')
const { hostileRun, hostileFindings, HOSTILE, HOSTILE_FILE, LINKABLE_HOSTILE_FILE } = await import(
  '../../__fixtures__/report/hostile.js'
)

const ALLOWED_HTML = new Set([
  '<details><summary>How to reproduce and fix locally</summary>',
  '</details>',
  '<sub>',
  '</sub>'
])
const ALLOWED_LINK_PREFIXES = [
  'https://github.com/acme/widgets/',
  'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/'
]
const RAW_DANGER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]/

/** What must hold for any Markdown plan-gate posts, whatever the plans said. */
function expectSafeMarkdown(markdown: string): Root {
  const tree = parseMarkdown(markdown)

  // No live mention, in the rendered text or in the source outside code.
  for (const text of proseTexts(tree)) expect(text).not.toMatch(LIVE_MENTION)
  const outsideCode = withoutCode(markdown, tree)
  expect(outsideCode).not.toMatch(LIVE_MENTION)

  // No HTML, images or links of the plan's making.
  for (const html of nodesOfType(tree, 'html')) expect(ALLOWED_HTML).toContain(html.value)
  expect(nodesOfType(tree, 'image')).toHaveLength(0)
  // A backslash-escaped `<` is text; only an unescaped one could open a tag,
  // and the only tags are plan-gate's own, checked above.
  const outsideCodeAndOurHtml = blankNodes(markdown, tree, ['inlineCode', 'code', 'html'])
  expect(outsideCodeAndOurHtml.replace(/\\[\s\S]/g, '')).not.toMatch(/<[a-z!/]/i)
  expect(markdown).not.toContain('<!--')
  for (const link of nodesOfType(tree, 'link')) {
    expect(ALLOWED_LINK_PREFIXES.some((prefix) => link.url.startsWith(prefix))).toBe(true)
  }
  // Footnote and definition syntax would pull text out of place.
  expect(nodesOfType(tree, 'footnoteReference')).toHaveLength(0)
  expect(nodesOfType(tree, 'definition')).toHaveLength(0)

  // Invisible and control characters are shown, not passed through.
  expect(markdown).not.toMatch(RAW_DANGER)

  // Long text is cut.
  expect(markdown).not.toMatch(/A{301}|B{301}/)
  return tree
}

function headingTexts(tree: Root): string[] {
  return nodesOfType(tree, 'heading').map((heading) => `${'#'.repeat(heading.depth)} ${mdToString(heading)}`)
}

describe.each([
  ['comment', () => report.renderComment(hostileRun, ctx)],
  ['job summary', () => report.renderJobSummary(hostileRun, ctx)],
  ['CLI markdown', () => report.renderMarkdown(hostileRun, offlineCtx)]
])('%s with hostile plan text', (_name, render) => {
  const markdown = render()
  const tree = parseMarkdown(markdown)

  it('is safe to post', () => {
    expectSafeMarkdown(markdown)
  })

  it('has exactly the headings, rows and bullets plan-gate wrote', () => {
    expect(headingTexts(tree)).toEqual([
      '## ❌ plan-gate: 2 of 3 plans fail the gate',
      expect.stringMatching(/^### ❌ plans\//),
      expect.stringMatching(/^### ❌ plans\/@/)
    ])
    const rows = nodesOfType(tree, 'tableRow')
    expect(rows).toHaveLength(4)
    for (const row of rows) expect(row.children).toHaveLength(6)
    expect(nodesOfType(tree, 'list')).toHaveLength(3)
    expect(nodesOfType(tree, 'listItem')).toHaveLength(4)
    expect(nodesOfType(tree, 'code')).toHaveLength(1)
    expect(nodesOfType(tree, 'table')).toHaveLength(1)
    expect(nodesOfType(tree, 'blockquote')).toHaveLength(0)
    expect(nodesOfType(tree, 'thematicBreak')).toHaveLength(0)
  })

  it('shows the hostile text as text, escapes visible', () => {
    const text = mdToString(tree)
    expect(text).toContain('<img src=x onerror=alert(1)>')
    expect(text).toContain('## ✅ plan-gate: PASS')
    expect(text).toContain('\\u202E')
    expect(text).toContain('\\u0007')
    expect(text).toContain('\\u001B[31m')
    expect(text).toContain('…')
  })

  it('keeps the table cells of the hostile paths intact', () => {
    const cells = nodesOfType(tree, 'tableRow').map((row) => mdToString(row.children[0]!))
    expect(cells[2]!.replace(/\u200D/g, '')).toBe(LINKABLE_HOSTILE_FILE)
  })

  it('gives reproduce commands that are one shell word per path', () => {
    const [code] = nodesOfType(tree, 'code')
    const lines = code!.value.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^npx plan-gate@1\.0\.0 check \$'plans\/.*' \$'plans\/@octocat .*\.md'$/)
    expect(lines[1]).toBe('npx plan-gate@1.0.0 template spec-dev')
  })
})

describe('inline comments with hostile plan text', () => {
  it.each(hostileFindings.map((finding, index) => [index, finding] as const))('finding %i renders safely', (_i, finding) => {
    const body = report.renderInlineComment(finding, ctx)
    const tree = expectSafeMarkdown(body)
    expect(headingTexts(tree)).toEqual([])
    expect(nodesOfType(tree, 'list')).toHaveLength(0)
    expect(body.split('\n')).toHaveLength(2)
    const resolved = report.renderResolvedInlineComment(body, 'abcdef0123456789')
    const resolvedTree = expectSafeMarkdown(resolved)
    expect(nodesOfType(resolvedTree, 'delete')).toHaveLength(2)
    expect(headingTexts(resolvedTree)).toEqual([])
  })
})

describe('text output with hostile plan text', () => {
  const plain = report.renderText(hostileRun, { color: false })
  const coloured = report.renderText(hostileRun, { color: true })

  it('lets no escape sequence or control character through', () => {
    expect(plain).not.toContain('\u001B')
    expect(plain).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
    // With colour on, the only escapes are plan-gate's own SGR codes.
    expect(coloured.replace(/\u001B\[\d+m/g, '')).toBe(plain)
    expect(plain).toContain('\\u001B[31m')
  })

  it('prints exactly the lines plan-gate wrote', () => {
    // Per plan: header, one row per finding, verdict, optional note, blank; then the tally.
    const expected = 1 + 3 + 1 + 1 + 1 + (1 + 1 + 1 + 1 + 1) + (1 + 1 + 1) + 1
    expect(plain.trimEnd().split('\n')).toHaveLength(expected)
    expect(plain).not.toMatch(/A{301}|B{301}/)
  })
})

describe('plain-text outputs with hostile plan text', () => {
  it('annotations keep titles on one line and text free of control characters', () => {
    for (const annotation of report.toAnnotations(hostileRun)) {
      expect(annotation.title).not.toContain('\n')
      expect(annotation.message.split('\n').length).toBeLessThanOrEqual(2)
      expect(annotation.message).not.toMatch(RAW_DANGER)
      expect(annotation.message.length).toBeLessThan(2_200)
    }
  })

  it('SARIF stays valid and carries no raw control characters', () => {
    const text = report.renderSarif(hostileRun, ctx)
    expect(text).not.toMatch(RAW_DANGER)
    const log = JSON.parse(text)
    expect(log.runs[0].results).toHaveLength(4)
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).not.toMatch(/[\s<>|`]/)
  })

  it('JSON round-trips the hostile text exactly, printing nothing raw', () => {
    const text = report.renderJson(hostileRun)
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E]/)
    const { version: _version, ...parsed } = JSON.parse(text)
    expect(parsed).toEqual(hostileRun)
    expect(parsed.plans[0].file).toBe(HOSTILE_FILE)
    expect(parsed.plans[0].declaredGate.reason).toBe(HOSTILE)
  })
})

// The engine parses with remark-parse plus only the GFM tables and task lists
// (src/engine/parse/markdown.ts), not all of remark-gfm: autolink literals,
// strikethrough and footnotes cost a third of the parse and the model reads
// none of them. This checks the claim where it matters, on findings: every
// plan, under every preset, must come out the same as with full remark-gfm.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified, type Processor } from 'unified'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import { checkModel, checkPlan, decodePlan } from '../../src/engine/check.js'
import { buildModel } from '../../src/engine/model.js'
import { parseMarkdown } from '../../src/engine/parse/markdown.js'
import type { Rubric } from '../../src/rubric/schema.js'
import { corpusEntries, hasCorpus, skipNotice } from '../../test-support/shared.js'
import { preset } from '../../test-support/engine.js'

const fullGfm = unified().use(remarkParse).use(remarkGfm)
const parseWithFullGfm = (text: string): Root => fullGfm.parse(text)
const PRESETS = ['spec-dev', 'specflow', 'generic', 'spec-kit']

function examplePlans(): Array<{ file: string; text: string }> {
  const root = path.resolve('examples')
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({ file: `examples/${file}`, text: readFileSync(path.join(root, file), 'utf8') }))
}

/** Findings with the subset parser and with full GFM, per preset, for the ones that differ. */
async function differences(plans: Array<{ file: string; text: string }>): Promise<string[]> {
  const rubrics = new Map<string, Rubric>()
  for (const name of PRESETS) rubrics.set(name, await preset(name))
  const out: string[] = []
  for (const plan of plans) {
    const decoded = decodePlan(plan.text, Number.MAX_SAFE_INTEGER)
    if (!decoded.ok) continue
    for (const [name, rubric] of rubrics) {
      const options = { rubric, rubricSource: 'test' }
      const shipped = checkPlan({ file: plan.file, content: plan.text }, options)
      const reference = checkModel(plan.file, buildModel(decoded.text, parseWithFullGfm), options)
      if (JSON.stringify(shipped.findings) !== JSON.stringify(reference.findings) || shipped.verdict !== reference.verdict) out.push(`${plan.file} under ${name}`)
    }
  }
  return out
}

test('a text without "|" or without "[" parses exactly as with both extensions (which are then left out)', () => {
  const both = unified()
    .use(remarkParse)
    .use(function (this: Processor) {
      const data = this.data()
      ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem())
      ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
    })
  const texts = examplePlans().flatMap(({ text }) => [text.replace(/\|/g, '/'), text.replace(/\[/g, '('), text.replace(/[|[]/g, '-')])
  texts.push('a | b\n- [ ] x\n', 'no pipes\n- [x] done\n', '| a |\n| - |\n| 1 |\n')
  for (const text of texts) expect(parseMarkdown(text)).toEqual(both.parse(text))
  // The extensions still apply where their character is: a table without "[", a task list without "|".
  expect(parseMarkdown('| A |\n|---|\n| 1 |\n').children.map((node) => node.type)).toEqual(['table'])
  expect(JSON.stringify(parseMarkdown('- [x] done\n'))).toContain('"checked":true')
})

test('the parser still reads GFM tables and task lists', () => {
  const tree = parseMarkdown('| A | B |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] open\n')
  expect(tree.children.map((node) => node.type)).toEqual(['table', 'list'])
  const list = tree.children[1]
  expect(list?.type === 'list' ? list.children.map((item) => item.checked) : null).toEqual([true, false])
})

const planWith = (architecture: string[]): string =>
  [
    '# Plan',
    '',
    '## Architecture',
    '',
    ...architecture,
    '',
    '## Risks',
    '',
    '| Risk | Mitigation |',
    '|---|---|',
    '| ~~Outage~~ Latency | Cache at https://cdn.example.com |',
    '',
    '- [x] ~~Load test~~ replaced by soak test www.example.com/soak',
    '',
    'Gate: PASS'
  ].join('\n')

test('autolink literals and strikethrough change no finding', async () => {
  const plan = planWith([
    'Requests go to https://api.example.com/v1 and www.example.org through ~~the old proxy~~ the gateway.',
    'Contact ops@example.com; ~~TBD~~ owner is the platform team.'
  ])
  expect(await differences([{ file: 'extras.md', text: plan }])).toEqual([])
})

test("footnotes: the note's words still count (and a TBD in it is still found); only the [^1] markers count as words too", async () => {
  const plan = planWith(['The gateway fronts every request.[^1]', '', '[^1]: The gateway is described in the platform handbook, owner TBD.'])
  const rubric = await preset('spec-dev')
  const words = (parse?: (text: string) => Root): string[] =>
    checkModel('notes.md', buildModel(plan, parse), { rubric, rubricSource: 'test' })
      .findings.filter((finding) => finding.ruleId === 'section-too-short' || finding.ruleId === 'placeholder')
      .map((finding) => `${finding.ruleId}@${finding.line}: ${finding.message}`)
  expect(words()).toEqual(['section-too-short@3: Section "Architecture" has 16 words; expected at least 40', expect.stringMatching(/^placeholder@7: /)])
  expect(words(parseWithFullGfm)).toEqual(['section-too-short@3: Section "Architecture" has 14 words; expected at least 40', expect.stringMatching(/^placeholder@7: /)])
})

test('every example plan gets the same findings as with full remark-gfm, under every preset', async () => {
  const plans = examplePlans()
  expect(plans.length).toBeGreaterThan(10)
  expect(await differences(plans)).toEqual([])
})

const corpusTest = hasCorpus ? test : test.skip
if (!hasCorpus) skipNotice('the parser comparison on the corpus')

corpusTest('every corpus plan gets the same findings as with full remark-gfm, under every preset', async () => {
  const plans = corpusEntries().map((entry) => ({ file: entry.file, text: readFileSync(entry.absolute, 'utf8') }))
  expect(plans.length).toBeGreaterThan(40)
  expect(await differences(plans)).toEqual([])
})

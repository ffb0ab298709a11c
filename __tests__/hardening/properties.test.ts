// Properties that must hold for any plan, checked over generated Markdown
// (headings, tables, task lists, fences, quotes, comments, gate lines, fields)
// and over real plans with random mutations, against every built-in preset.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { checkPlan } from '../../src/engine/check.js'
import type { PlanResult, RunResult } from '../../src/engine/types.js'
import { renderComment } from '../../src/report/comment.js'
import type { Rubric } from '../../src/rubric/schema.js'
import { corpusEntries, hasCorpus, skipNotice } from '../../test-support/shared.js'
import { blankNodes, LIVE_MENTION, nodesOfType, parseMarkdown, proseTexts, withoutCode } from '../../__fixtures__/report/markdown.js'
import { presetRubrics, ROOT } from './support.js'

const RUNS = 200
const CTX = { version: 'test', repoUrl: 'https://github.com/acme/widgets', headSha: '9be41d7c0ffee5a1b2c3d4e5f60718293a4b5c6d' }
// The only HTML plan-gate writes into a comment itself.
const OWN_HTML = new Set(['<details><summary>How to reproduce and fix locally</summary>', '</details>', '<sub>', '</sub>'])

let rubrics: Map<string, Rubric>
beforeAll(async () => {
  rubrics = await presetRubrics()
})

/** Words rubrics look for, so generated plans reach deep into the rules, mixed with text built to abuse renderers. */
function vocabulary(all: Iterable<Rubric>): { titles: string[]; columns: string[]; items: string[]; labels: string[] } {
  const titles = new Set<string>()
  const columns = new Set<string>()
  const items = new Set<string>()
  const labels = new Set<string>()
  for (const rubric of all) {
    for (const section of rubric.sections) [section.title, ...section.aliases].forEach((title) => titles.add(title))
    for (const table of rubric.tables) for (const column of table.columns) [column.name, ...column.aliases, ...(column.values ?? [])].forEach((name) => columns.add(name))
    for (const checklist of rubric.checklists) for (const item of checklist.items) items.add(item.text)
    for (const field of rubric.fields) [field.label, ...field.aliases].forEach((label) => labels.add(label))
  }
  return { titles: [...titles], columns: [...columns], items: [...items], labels: [...labels] }
}

const HOSTILE_WORDS = [
  '@octocat', '@org/team', 'cc @admin', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<details>', '<!-- hidden -->', '<!--', '-->',
  '#12', 'www.evil.example', 'https://evil.example/a', '[link](javascript:alert(1))', '![x](http://e/x.png)', '`code`', '``', '**bold**', '_em_',
  '~~gone~~', '|', '\\', '$$', '[^1]', '&#64;', '&lt;', '→', '✅', '❌', '😀', '\u202E', '\u2066', '\u0007', '\u001b[31m', '\u00A0', '\uFEFF', '\t'
]
const PLAIN_WORDS = ['plan', 'owner', 'risk', 'data', 'security', 'rollback', 'migration', 'N/A', 'None', 'Blocked', 'Resolved', 'High', 'Low', 'TBD', 'TODO', 'NEEDS CLARIFICATION', '[e.g., x]', '<reason>', 'é', '中文', 'Gate:', 'PASS', 'FAIL']

function markdownArbitrary(all: Iterable<Rubric>): fc.Arbitrary<string> {
  const vocab = vocabulary(all)
  const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PLAIN_WORDS) }, { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) })
  const text = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(' '))
  const title = fc.oneof(fc.constantFrom(...vocab.titles), text)
  const heading = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('', '1. ', '2.3 ', 'Step 4: ', 'Phase 1 - ', '✅ '), title)
    .map(([level, numbering, words]) => `${'#'.repeat(level)} ${numbering}${words}`)
  const paragraph = fc.array(text, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'))
  const cell = fc.oneof(fc.constantFrom(...vocab.columns, '', '-', 'TBD'), text).map((value) => value.replace(/\|/g, '/').replace(/[\r\n]/g, ' '))
  const table = fc
    .tuple(fc.array(fc.constantFrom(...vocab.columns, 'Notes'), { minLength: 1, maxLength: 6 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 5 }))
    .map(([header, rows]) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n'))
  const tasks = fc
    .array(fc.tuple(fc.boolean(), fc.oneof(fc.constantFrom(...vocab.items), text)), { minLength: 1, maxLength: 8 })
    .map((items) => items.map(([checked, item]) => `- [${checked ? 'x' : ' '}] ${item}`).join('\n'))
  const fence = fc.tuple(fc.constantFrom('', 'mermaid', 'json', 'bash'), paragraph).map(([lang, body]) => `\`\`\`${lang}\n${body}\n\`\`\``)
  const quote = paragraph.map((body) => body.split('\n').map((line) => `> ${line}`).join('\n'))
  const comment = text.map((body) => `<!-- ${body} -->`)
  const gate = fc.oneof(
    fc.constantFrom('Gate: PASS', 'Gate: FAIL', '**Gate**: ✅ PASS', 'Gate: [x] PASS', '- Gate: FAIL', 'GATE: passed', '## Gate: PASS'),
    text.map((reason) => `Gate: FAIL — ${reason}`)
  )
  const field = fc.tuple(fc.constantFrom(...vocab.labels, 'Owner'), fc.oneof(text, fc.constant(''))).map(([label, value]) => `**${label}**: ${value}`)
  const list = fc.array(fc.tuple(fc.boolean(), text), { minLength: 1, maxLength: 6 }).map((items) => items.map(([nested, item]) => `${nested ? '  ' : ''}- ${item}`).join('\n'))
  const block = fc.oneof(heading, heading, paragraph, table, tasks, fence, quote, comment, gate, field, list)
  return fc
    .tuple(fc.boolean(), fc.array(block, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([frontMatter, blocks, eol, finalNewline]) => `${frontMatter ? '---\ntitle: x\n---\n\n' : ''}${blocks.join('\n\n')}${finalNewline ? '\n' : ''}`.replace(/\n/g, eol))
}

/** Lines as the finding positions count them: the model's for parsed plans, raw `\n` lines for refused input. */
function linesFor(content: string | Uint8Array, finding: { ruleId: string }): string[] {
  let text: string
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content)
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  } catch {
    return Buffer.from(content).toString('latin1').split('\n')
  }
  if (finding.ruleId === 'plan-encoding') return text.split('\n')
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Everything that must hold for one plan and one rubric; returns the result for further checks. */
function checkInvariants(content: string | Uint8Array, rubric: Rubric): PlanResult {
  const options = { rubric, rubricSource: 'property' }
  const result = checkPlan({ file: 'plans/plan.md', content }, options)
  // Deterministic: the same input gives the same result, to the byte.
  expect(JSON.stringify(checkPlan({ file: 'plans/plan.md', content }, options))).toBe(JSON.stringify(result))
  // Every position exists in the file.
  for (const finding of result.findings) {
    const lines = linesFor(content, finding)
    expect(finding.line).toBeGreaterThanOrEqual(1)
    expect(finding.line).toBeLessThanOrEqual(Math.max(1, lines.length))
    expect(finding.column).toBeGreaterThanOrEqual(1)
    expect(finding.column).toBeLessThanOrEqual((lines[finding.line - 1] ?? '').length + 1)
    if (finding.endLine !== undefined) expect(finding.endLine).toBeLessThanOrEqual(Math.max(1, lines.length))
  }
  // PASS means no error is left.
  if (result.verdict === 'PASS') expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([])
  else expect(result.findings.length).toBeGreaterThan(0)
  return result
}

/** The PR comment on a run holding the plan: nothing in it pings anyone or is HTML from the plan. */
function expectSafeComment(result: PlanResult): void {
  const run: RunResult = { verdict: result.verdict, plans: [result] }
  const markdown = renderComment(run, CTX)
  const tree = parseMarkdown(markdown)
  for (const text of proseTexts(tree)) expect(text).not.toMatch(LIVE_MENTION)
  expect(withoutCode(markdown, tree)).not.toMatch(LIVE_MENTION)
  for (const html of nodesOfType(tree, 'html')) expect(OWN_HTML.has(html.value)).toBe(true)
  // An escaped `<` is text; an unescaped one outside code and our own tags could open a tag.
  expect(blankNodes(markdown, tree, ['inlineCode', 'code', 'html']).replace(/\\[\s\S]/g, '')).not.toMatch(/<[a-z!/?]/i)
  expect(markdown).not.toContain('<!--')
}

describe('over generated Markdown', () => {
  it.each(['spec-dev', 'specflow', 'generic', 'spec-kit'])('for the %s preset: never throws, positions exist, deterministic, PASS has no errors, the comment is safe', (name) => {
    const rubric = rubrics.get(name)
    if (!rubric) throw new Error(`no preset ${name}`)
    fc.assert(
      fc.property(markdownArbitrary(rubrics.values()), (plan) => {
        expectSafeComment(checkInvariants(plan, rubric))
      }),
      { numRuns: RUNS }
    )
  }, 300_000)

  it('covers every built-in preset', () => {
    expect([...rubrics.keys()].sort()).toEqual(['generic', 'kiro', 'kiro-requirements', 'kiro-tasks', 'openspec', 'openspec-proposal', 'openspec-tasks', 'spec-dev', 'spec-kit', 'specflow'])
  })
})

/** Real plans to mutate: the examples always, the corpus when it is there. */
function seedPlans(): string[] {
  const seeds: string[] = []
  for (const dir of ['examples/spec-dev', 'examples/specflow', 'examples/spec-kit']) {
    let names: string[]
    try {
      names = readdirSync(path.join(ROOT, dir))
    } catch {
      continue
    }
    for (const name of names) if (name.endsWith('.md')) seeds.push(readFileSync(path.join(ROOT, dir, name), 'utf8'))
  }
  if (!hasCorpus) skipNotice('the corpus seeds of the mutation properties (the examples are still used)')
  for (const entry of corpusEntries()) seeds.push(readFileSync(entry.absolute, 'utf8'))
  return seeds
}

const INSERTED_LINES = [
  'Gate: PASS', 'Gate: FAIL — @octocat please look', '# @octocat <img src=x onerror=alert(1)>', '- [ ] <script>alert(1)</script>', '| a | b |', '|---|---|',
  '```', '> quoted @admin', '<!-- plan-gate:sticky -->', '**Owner**:', 'TBD', 'NEEDS CLARIFICATION', '---', '\t- nested', `${'- '.repeat(150)}deep`, '\r', ''
]

type Mutation =
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }

function mutate(seed: string, mutations: readonly Mutation[]): string | Uint8Array {
  let lines = seed.split('\n')
  let bytes: Buffer | null = null
  for (const mutation of mutations) {
    if (mutation.kind === 'bytes') {
      const current = bytes ?? Buffer.from(lines.join('\n'))
      const at = mutation.at % (current.length + 1)
      bytes = Buffer.concat([current.subarray(0, at), mutation.bytes, current.subarray(at)])
      continue
    }
    if (bytes) {
      lines = bytes.toString('utf8').split('\n')
      bytes = null
    }
    const at = mutation.at % Math.max(1, lines.length)
    if (mutation.kind === 'insert') lines.splice(at, 0, mutation.line)
    else if (mutation.kind === 'delete') lines.splice(at, 1)
    else lines.splice(at, 0, lines[at] ?? '')
  }
  return bytes ? new Uint8Array(bytes) : lines.join('\n')
}

describe('over real plans with random mutations', () => {
  it('never throws, positions exist, deterministic, PASS has no errors, the comment is safe', () => {
    const seeds = seedPlans()
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line: fc.oneof(fc.constantFrom(...INSERTED_LINES), fc.string({ maxLength: 40 })) }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) })
    )
    fc.assert(
      fc.property(fc.nat(seeds.length - 1), fc.constantFrom(...rubrics.keys()), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, name, mutations) => {
        const content = mutate(seeds[seed]!, mutations)
        expectSafeComment(checkInvariants(content, rubrics.get(name)!))
      }),
      { numRuns: RUNS }
    )
  }, 600_000)
})

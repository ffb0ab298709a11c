// Every pattern applied to plan text must run in linear time. Each input here
// is 100 KB or more, built against the pattern it targets: a backtracking
// pattern would need minutes or hours on it and trip the Jest timeout (no
// timing is asserted). The patterns rewritten for linear time are also checked
// against their old, backtracking form on short inputs, where that form is
// still fast, to show that they match exactly the same text.
import fc from 'fast-check'
import { checkPlan, decodePlan, nestingGuard } from '../../src/engine/check.js'
import { parseGateLine, readGateLine } from '../../src/engine/gate-line.js'
import { buildModel } from '../../src/engine/model.js'
import { literalPattern, regexPattern } from '../../src/engine/patterns.js'
import { isNoneRow } from '../../src/engine/rules/table-cells.js'
import { countWords, excerpt, mentions, normalizeText, normalizeTitle, similarity } from '../../src/engine/text.js'
import { codeBlock, codeSpan, markdownText, markdownWithCode, plainText, shellArg } from '../../src/report/sanitize.js'
import { ConfigError } from '../../src/rubric/errors.js'
import { loadConfig } from '../../src/rubric/config.js'
import { RubricLoader } from '../../src/rubric/load.js'
import { suspectLine } from '../../src/runner/suspect.js'
import { preset } from './support.js'

const KB100 = 100_000
const fill = (unit: string, length = KB100): string => unit.repeat(Math.ceil(length / unit.length))

/** Runs of the characters backtracking patterns trip on, around the tokens they look for. */
const ADVERSARIAL: Array<[string, string]> = [
  ['spaces', fill(' ') + 'x'],
  ['tabs', fill('\t') + 'x'],
  ['no-break spaces', fill('\u00A0') + 'x'],
  ['spaces and newlines', fill(' \n') + 'x'],
  ['spaces then CR', fill(' ') + '\r'],
  ['"Gate:" then spaces', `Gate:${fill(' ')}x`],
  ['"Gate" then spaces', `Gate${fill(' ')}:`],
  ['bullet then spaces', `-${fill(' ')}gate`],
  ['gate marks', fill('✅ ') + 'gate'],
  ['digits', fill('1') + 'x'],
  ['dotted numbers', fill('1.') + 'x'],
  ['numbering words', `step${fill(' ')}1`],
  ['brackets', `[${fill(']')}x`],
  ['open brackets', fill('[')],
  ['backticks', fill('`a')],
  ['backtick runs', fill('``````x')],
  ['HTML comment openers', fill('<!--')],
  ['angle brackets', fill('<')],
  ['at signs', fill('@')],
  ['hashes and digits', fill('#1')],
  ['backslashes', fill('\\')],
  ['pipes', fill('|')],
  ['arrows', fill('-<=')],
  ['emphasis', fill('*_~')],
  ['near placeholders', fill('NEEDS CLARIFICATIO')],
  ['template brackets', fill('[e.g.')],
  ['closing paren then spaces', `)${fill(' ')}x`],
  ['controls', fill('\u0000\u001b\u202e\uFEFF')],
  ['lone surrogates', fill('\uD800')],
  ['emoji', fill('👨‍👩‍👧')]
]

describe.each(ADVERSARIAL)('plan text of %s (100 KB)', (_name, text) => {
  it('goes through the engine text functions', () => {
    expect(parseGateLine(text, 1, 1)).toBeNull()
    expect(typeof normalizeText(text)).toBe('string')
    expect(typeof normalizeTitle(text)).toBe('string')
    expect(countWords(text)).toBeGreaterThanOrEqual(0)
    expect(excerpt(text).length).toBeLessThanOrEqual(80)
    expect(typeof mentions(text, 'rollback plan')).toBe('boolean')
    expect(similarity('owner for every component', text)).toBeLessThanOrEqual(1)
    expect(typeof isNoneRow([{ text, line: 1, column: 1 }])).toBe('boolean')
    expect(suspectLine(text).line).toBeGreaterThanOrEqual(1)
    expect(nestingGuard(text)).toBeNull()
  })

  it('goes through the sanitiser', () => {
    expect(plainText(text).length).toBeLessThan(2_000)
    expect(markdownText(text).length).toBeLessThan(4_000)
    expect(markdownWithCode(text).length).toBeLessThan(4_000)
    expect(codeSpan(text, { inTable: true }).length).toBeLessThan(4_000)
    expect(shellArg(text).length).toBeLessThan(4_000)
    expect(codeBlock([text]).length).toBeGreaterThan(text.length / 2)
  })

  it('goes through the placeholder patterns', () => {
    for (const pattern of [literalPattern('NEEDS CLARIFICATION', false), literalPattern('TBD', true), regexPattern(String.raw`\[e\.g\.,?[^\]\n]*\]`, true)]) {
      expect(pattern.findAll(text)).toEqual([])
    }
  })
})

// The Markdown parser itself is quadratic in runs of brackets, backticks and
// emphasis (the worker budget is what bounds those); whole plans here use
// the inputs it parses in linear time, so the test measures our code.
const PARSER_FRIENDLY = new Set([
  'spaces', 'tabs', 'no-break spaces', 'spaces and newlines', 'spaces then CR', '"Gate:" then spaces', '"Gate" then spaces', 'bullet then spaces',
  'digits', 'dotted numbers', 'numbering words', 'closing paren then spaces', 'near placeholders', 'at signs', 'hashes and digits', 'emoji', 'lone surrogates'
])

describe('whole plans built to make patterns backtrack', () => {
  it.each(ADVERSARIAL.filter(([name]) => PARSER_FRIENDLY.has(name)))('checks a plan whose heading, field, cell and paragraph are %s', async (_name, text) => {
    const line = text.replace(/[\r\n]/g, ' ')
    const plan = [
      `# ${line}`,
      '',
      `**Owner**: ${line}`,
      '',
      `| Area | Risk |`,
      '|---|---|',
      `| ${line.replace(/\|/g, '/')} | x |`,
      '',
      line,
      '',
      `Gate: FAIL — ${line}`
    ].join('\n')
    const result = checkPlan({ file: 'plan.md', content: plan }, { rubric: await preset('generic'), rubricSource: 'test', maxPlanBytes: 4 * 1024 * 1024 })
    expect(result.verdict).toBe('FAIL')
  }, 60_000)
})

describe('the rewritten gate-line pattern', () => {
  // The pattern as it was, with backtracking whitespace runs: the reference for what a gate line is.
  const MARK = String.raw`(?:[\u2705\u274C\u2714\u2716\u2611\u2612\u{1F7E2}\u{1F534}\u26A0]\uFE0F?|\[[ xX]\])`
  const BACKTRACKING = new RegExp(String.raw`^\s*(?:[-*+]\s+)?${MARK}?\s*gate\s*[:：]\s*${MARK}?\s*(pass(?:ed)?|fail(?:ed)?)(?![\p{L}\p{N}])\s*(.*)$`, 'iu')
  const TOKENS = [' ', '  ', '\t', '\u00A0', '\u3000', '\u2028', '-', '*', '+', '✅', '❌\uFE0F', '[x]', '[ ]', 'gate', 'GATE', 'Gate', ':', '：', 'pass', 'PASSED', 'fail', 'Failed', 'passes', 'x', '—', '(', ')', '.', 'reason']

  // The reader since learned what the pattern did not know: dashes and `=` as
  // separators, a template's `[ ] PASS`, two verdicts on one line, a mark that
  // contradicts its verdict. So the property is: where the pattern read a
  // gate, the reader reads the same one or reports the line as a gate it
  // cannot read (never silence, never the other verdict); where the pattern
  // read none, any gate the reader reads is the first verdict word on the line.
  it('reads every line the backtracking pattern read, the same way or as a finding', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 16 }), (parts) => {
        const text = parts.join('')
        const old = BACKTRACKING.exec(text)
        const reading = readGateLine(text, 4, 2)
        const gate = reading?.kind === 'gate' ? reading.gate : null
        if (!old) {
          if (!gate) return true
          const first = /(?<![\p{L}\p{N}])(pass(?:ed)?|fail(?:ed)?)(?![\p{L}\p{N}])/iu.exec(text)
          return first !== null && gate.value === (first[1]!.toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL')
        }
        if (reading === null) return false
        if (reading.kind !== 'gate') return /\[ \]|(?:pass|fail)[\s\S]*(?:pass|fail)|✅|❌/iu.test(text)
        const reason = (old[2] ?? '').trim().replace(/^(?:[-–—:]+|\(|,|;|\.)\s*/u, '').replace(/\)\s*\.?$/, '').trim()
        return reading.gate.value === (old[1]!.toLowerCase().startsWith('pass') ? 'PASS' : 'FAIL') && (reading.gate.reason === (reason === '' ? null : reason) || /\[[ xX]\]|✅|❌/u.test(text))
      }),
      { numRuns: 20_000 }
    )
  })

  it('reads a gate past 100 KB of whitespace on either side of the colon', () => {
    expect(parseGateLine(`${fill(' ')}Gate${fill(' ')}:${fill('\u00A0')}FAIL${fill(' ')}— blocked`, 1, 1)).toEqual({ value: 'FAIL', reason: 'blocked', line: 1, column: 1 })
  })
})

describe('the rewritten plainText', () => {
  // The old implementation: `[ \t]*` before a newline and ` +$` backtrack quadratically on long runs.
  const old = (s: string): string =>
    s
      .replace(/[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*/g, ' ')
      .replace(/\t/g, ' ')
      .replace(/^ +| +$/g, '')

  it('shows exactly what the old one showed', () => {
    const pieces = fc.constantFrom(' ', '  ', '\t', '\r', '\n', '\r\n', 'a', 'b c', '\u00A0', '\u2028', '`', '<!--', '@x')
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 24 }), fc.integer({ min: 1, max: 30 }), (parts, max) => {
        const text = parts.join('')
        return plainText(text, max) === plainText(old(text), max)
      }),
      { numRuns: 20_000 }
    )
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => plainText(text) === plainText(old(text))), { numRuns: 5_000 })
  })
})

describe('input checks on megabyte inputs', () => {
  it('finds the first invalid UTF-8 byte of a 4 MiB buffer', () => {
    const bytes = new Uint8Array(4 * 1024 * 1024).fill(0x61)
    bytes[3_000_000] = 0xff
    const decoded = decodePlan(bytes, 8 * 1024 * 1024)
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.finding).toMatchObject({ ruleId: 'plan-encoding', line: 1, column: 3_000_001 })
  })

  it('scans a megabyte of list and quote markers for nesting once', () => {
    expect(nestingGuard(fill(`${'- '.repeat(99)}x\n`, 1_000_000))).toBeNull()
    expect(nestingGuard(fill(`${'>'.repeat(4_000)}\n`, 1_000_000))).toMatchObject({ line: 1 })
  })

  it('builds the model of a plan that is one 1 MB paragraph of placeholders', () => {
    const model = buildModel(fill('TBD ', 1_000_000))
    expect(model.spans).toHaveLength(1)
  }, 120_000)
})

describe('rubric patterns', () => {
  it('run on RE2, so a pattern that backtracks catastrophically elsewhere stays linear', () => {
    const pattern = regexPattern('(a+)+$', true)
    expect(pattern.findAll(`${fill('a')}b`)).toEqual([])
    expect(regexPattern('(x+x+)+y', false).test(fill('x'))).toBe(false)
  })

  it('that RE2 cannot compile are a config error at the pattern, in a rubric file', async () => {
    const files: Record<string, string> = { 'rubrics/team.yml': 'extends: generic\nplaceholders:\n  - id: ticket\n    regex: "(TICKET-[0-9]+"\n' }
    const loader = new RubricLoader(async (file) => files[file] ?? null)
    const error = await loader.load('rubrics/team.yml', null).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({ file: 'rubrics/team.yml', line: 4, column: 12, path: 'placeholders[0].regex', message: expect.stringMatching(/^invalid RE2 pattern: .*missing closing \)/) })
    ])
  })

  it('that RE2 cannot compile are a config error at the pattern, inline in the config', async () => {
    const config = 'plans:\n  - files: "**/plan.md"\n    rubric:\n      extends: generic\n      placeholders:\n        - id: lookbehind\n          regex: "(?<=x)TBD"\n'
    const error = await loadConfig('.github/plan-gate.yml', config, async () => null).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({ file: '.github/plan-gate.yml', line: 7, column: 18, path: 'plans[0].rubric.placeholders[0].regex', message: expect.stringMatching(/^invalid RE2 pattern/) })
    ])
  })
})

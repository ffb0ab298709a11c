import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import {
  LIVE_MENTION,
  mdToString,
  nodesOfType,
  parseMarkdown,
  proseTexts
} from '../../__fixtures__/report/markdown.js'
import {
  codeBlock,
  codeSpan,
  markdownText,
  markdownWithCode,
  plainText,
  shellArg,
  shorten,
  terminalText
} from '../../src/report/sanitize.js'

const ZWJ = /\u200D/g
const visible = (text: string) => text.replace(ZWJ, '')

// Pieces that mean something to Markdown, GitHub or a terminal, so random
// strings built from them hit the interesting cases far more often than
// uniformly random text would.
const TOKENS = [
  '@', '@octocat', '@org/team', '#', '#12', '<', '>', '<!--', '-->', '<img src=x>', '<details>', '&', '&#64;', '&lt;',
  '`', '``', '```', '~~~', '\\', '\\|', '|', '[', ']', '(', ')', '![x](http://e/x.png)', '[a](javascript:x)', '*', '_',
  '~', '$', '$$', ':', '://', 'https://evil.example/a', 'www.evil.example', 'a@b.co', '-', '+', '=', '===', '---',
  '1.', '1)', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u0000', '\u0007', '\u001b[31m', '\u009b', '\u202E', '\u2066',
  '\u200E', '\u2028', '\uFEFF', '\uD800', '\uDC00', '😀', '👨‍👩‍👧', 'x', 'plan', 'é', 'ß', '\u00A0', '[^1]', '[ ]', '> [!NOTE]'
]

const hostileString = fc.oneof(
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 24 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 })
)

/** Each `ch` is preceded by an odd number of backslashes, i.e. escaped. */
function everyEscaped(text: string, ch: string): boolean {
  const units = text.split('')
  return units.every((unit, index) => {
    if (unit !== ch) return true
    let backslashes = 0
    for (let i = index - 1; i >= 0 && units[i] === '\\'; i--) backslashes++
    return backslashes % 2 === 1
  })
}

describe('shorten', () => {
  it('keeps short text and marks a cut with an ellipsis', () => {
    expect(shorten('abc', 3)).toBe('abc')
    expect(shorten('abcdef', 4)).toBe('abc…')
    expect(Array.from(shorten('x'.repeat(10_000), 300))).toHaveLength(300)
  })

  it('never splits a surrogate pair', () => {
    const cut = shorten('😀'.repeat(10), 4)
    expect(cut).toBe('😀😀😀…')
  })
})

describe('plainText', () => {
  it('joins lines, trims, and shows invisible characters as escapes', () => {
    expect(plainText('  a\r\n  b\tc \n')).toBe('a b c')
    expect(plainText('x\u202Ey\u0007z\u001b[31m')).toBe('x\\u202Ey\\u0007z\\u001B[31m')
    expect(plainText('lone \uD800 surrogate')).toBe('lone \\uD800 surrogate')
    expect(plainText('emoji 👨‍👩‍👧 stays')).toBe('emoji 👨‍👩‍👧 stays')
  })

  it('is what terminalText shows: no escape sequence survives', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const out = terminalText(s)
        expect(out).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
      }),
      { numRuns: 300 }
    )
  })
})

describe('markdownText', () => {
  it('escapes Markdown and defuses GitHub autolinking', () => {
    expect(markdownText('Use *bold* and `code` <b>')).toBe('Use \\*bold\\* and \\`code\\` \\<b\\>')
    expect(visible(markdownText('ping @octocat about #12'))).toBe('ping @octocat about \\#12')
    expect(markdownText('@octocat')).toMatch(/^@\u200Doctocat$/)
    expect(markdownText('- not a list')).toBe('\\- not a list')
    expect(markdownText('1. not a list')).toBe('1\\. not a list')
    expect(markdownText('x'.repeat(400))).toHaveLength(300)
  })

  it('renders as plainText, with nothing live, for arbitrary input', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const out = markdownText(s)
        // Raw source: every character that could start markup is escaped,
        // and every @ is followed by a zero-width joiner.
        for (const ch of ['<', '`', '|', '[', ']', '&', '*', '_', '~', '$', '>', '#']) {
          expect(everyEscaped(out, ch)).toBe(true)
        }
        expect(out).not.toMatch(/@(?!\u200D)/)
        expect(out).not.toContain('<!--')
        expect(out).not.toMatch(LIVE_MENTION)
        expect(out).not.toContain('\n')

        // Rendered, in a paragraph: plain text only, reading as plainText.
        const paragraph = parseMarkdown(`x ${out} y`)
        expect(paragraph.children).toHaveLength(1)
        expect(paragraph.children[0]?.type).toBe('paragraph')
        for (const node of nodesOfType(paragraph, 'paragraph')) {
          expect(node.children.every((child) => child.type === 'text')).toBe(true)
        }
        expect(visible(mdToString(paragraph))).toBe(visible(`x ${plainText(s)} y`))
        for (const text of proseTexts(paragraph)) expect(text).not.toMatch(LIVE_MENTION)

        // At the start of a list item's continuation line: still one item of plain text.
        const list = parseMarkdown(`- first\\\n  ${out}`)
        expect(list.children).toHaveLength(1)
        expect(nodesOfType(list, 'listItem')).toHaveLength(1)
        expect(nodesOfType(list, 'heading')).toHaveLength(0)

        // In a table cell: the row keeps its two cells.
        const table = parseMarkdown(`| a | b |\n|---|---|\n| ${out} | z |`)
        const rows = nodesOfType(table, 'tableRow')
        expect(rows).toHaveLength(2)
        expect(rows[1]?.children).toHaveLength(2)
        expect(mdToString(rows[1]!.children[1]!)).toBe('z')
      }),
      { numRuns: 300 }
    )
  })
})

describe('markdownWithCode', () => {
  it('turns backtick pairs into code spans and escapes the rest', () => {
    const out = markdownWithCode('Tick it (`- [x]`), or declare `Gate: FAIL — <reason>` @octocat')
    const tree = parseMarkdown(out)
    expect(nodesOfType(tree, 'inlineCode').map((node) => node.value)).toEqual(['- [x]', 'Gate: FAIL — <reason>'])
    expect(nodesOfType(tree, 'html')).toHaveLength(0)
    expect(proseTexts(tree).join('')).not.toMatch(LIVE_MENTION)
  })

  it('never lets arbitrary input produce markup other than code spans', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const tree = parseMarkdown(`x ${markdownWithCode(s)} y`)
        expect(tree.children).toHaveLength(1)
        const paragraph = tree.children[0]!
        expect(paragraph.type).toBe('paragraph')
        if (paragraph.type !== 'paragraph') return
        expect(paragraph.children.every((child) => child.type === 'text' || child.type === 'inlineCode')).toBe(true)
        for (const text of proseTexts(tree)) expect(text).not.toMatch(LIVE_MENTION)
        for (const code of nodesOfType(tree, 'inlineCode')) expect(code.value).not.toContain('<!--')
        expect(visible(mdToString(tree)).replace(/`/g, '')).toBe(visible(`x ${plainText(s)} y`).replace(/`/g, ''))
      }),
      { numRuns: 300 }
    )
  })
})

describe('codeSpan', () => {
  it('picks a fence longer than any backtick run', () => {
    expect(codeSpan('a ``` b')).toBe('````a ``` b````')
    expect(codeSpan('`edge`')).toBe('`` `edge` ``')
    expect(codeSpan('')).toBe('` `')
  })

  it('is one code span showing plainText, whatever the input', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const tree = parseMarkdown(`x ${codeSpan(s)} y`)
        const paragraph = tree.children[0]
        expect(tree.children).toHaveLength(1)
        expect(paragraph?.type).toBe('paragraph')
        if (paragraph?.type !== 'paragraph') return
        expect(paragraph.children.map((child) => child.type)).toEqual(['text', 'inlineCode', 'text'])
        const code = paragraph.children[1]
        if (code?.type !== 'inlineCode') return
        const expected = plainText(s) === '' ? ' ' : plainText(s)
        expect(visible(code.value)).toBe(visible(expected))
        expect(code.value).not.toContain('<!--')
        expect(code.value).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
      }),
      { numRuns: 500 }
    )
  })

  it('keeps a table row intact in table mode', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const tree = parseMarkdown(`| a | b |\n|---|---|\n| ${codeSpan(s, { inTable: true })} | z |`)
        const rows = nodesOfType(tree, 'tableRow')
        expect(rows).toHaveLength(2)
        expect(rows[1]?.children).toHaveLength(2)
        expect(visible(mdToString(rows[1]!.children[0]!))).toBe(visible(plainText(s)) || ' ')
      }),
      { numRuns: 500 }
    )
  })
})

describe('codeBlock', () => {
  it('holds any lines as one code block that none of them can close', () => {
    fc.assert(
      fc.property(fc.array(hostileString, { maxLength: 5 }), (lines) => {
        const tree = parseMarkdown(`before\n\n${codeBlock(lines, 'sh')}\n\nafter`)
        expect(tree.children.map((node) => node.type)).toEqual(['paragraph', 'code', 'paragraph'])
        const code = tree.children[1]
        if (code?.type !== 'code') return
        expect(code.lang).toBe('sh')
        expect(code.value).not.toContain('<!--')
        expect(code.value).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/)
      }),
      { numRuns: 300 }
    )
  })

  it('shows visible single-line content verbatim', () => {
    const oneLine = hostileString.map((line) =>
      line.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]/g, ' ')
    )
    fc.assert(
      fc.property(fc.array(oneLine, { minLength: 1, maxLength: 5 }), (lines) => {
        const code = parseMarkdown(codeBlock(lines)).children[0]
        expect(code?.type).toBe('code')
        if (code?.type !== 'code') return
        // CommonMark drops the last line when it is blank, so compare up to it.
        expect(visible(code.value).replace(/\n+$/, '')).toBe(visible(lines.join('\n')).replace(/\n+$/, ''))
      }),
      { numRuns: 300 }
    )
  })
})

describe('shellArg', () => {
  it('leaves plain paths alone and quotes the rest', () => {
    expect(shellArg('.spec-dev/active-dev/plan.md')).toBe('.spec-dev/active-dev/plan.md')
    expect(shellArg("it's here.md")).toBe(`'it'\\''s here.md'`)
    expect(shellArg('a\nb')).toBe("$'a\\u000Ab'")
    expect(shellArg('=ls')).toBe("'=ls'")
  })

  it('gives bash back exactly one argument equal to the input', () => {
    const inputs = [
      'plain.md', 'with space.md', "quote'd.md", 'dollar $HOME.md', 'back`tick`.md', 'semi;rm -rf ~.md',
      'new\nline.md', 'bell\u0007.md', 'rtl\u202Egnp.md', '<!-- plan-gate:sticky -->.md', 'back\\slash.md', '-dash.md',
      '"double".md', 'ümlaut.md', '=cmd.md', '~user.md'
    ]
    const script = inputs.map((input) => `printf '%s\\0' ${shellArg(input)}`).join('\n')
    const output = execFileSync('bash', ['-c', script], { encoding: 'utf8' })
    expect(output.split('\0').slice(0, -1)).toEqual(inputs)
  })
})

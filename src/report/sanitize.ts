/**
 * The one place where untrusted text becomes safe to print.
 *
 * Finding messages, hints, section titles, gate reasons and file paths can all
 * carry text that a pull request author wrote into a plan. plan-gate posts that
 * text under its own name, so a plan must not be able to make the bot ping
 * people, show images or deceptive links, forge a verdict or a hidden marker,
 * hide other findings, or drive the reader's terminal. Renderers never
 * interpolate such text directly; they go through one of these functions.
 *
 * Guarantees, for any input string:
 *
 * - `plainText` returns a single line of at most `max` code points (plus the
 *   visible escapes below): line breaks and tabs become one space, the ends are
 *   trimmed, and every C0/C1 control character, DEL, bidirectional or otherwise
 *   invisible formatting character (U+061C, U+200E/F, U+202A–U+202E,
 *   U+2066–U+206F, U+2028/9, U+FEFF, U+FFF9–U+FFFB) and lone surrogate is
 *   written as a visible `\uXXXX`. Nothing in it can reorder, hide or recolour
 *   the text around it.
 * - `terminalText` is `plainText`: since ESC (U+001B) and CSI (U+009B) are
 *   escaped, no ANSI or OSC sequence survives.
 * - `markdownText` renders (CommonMark + GFM, as on GitHub) as exactly
 *   `plainText` of the input, apart from zero-width joiners, anywhere inline:
 *   in a paragraph, a list item, a continuation line, a heading, link text or a
 *   table cell. Every character with Markdown meaning is backslash-escaped, so
 *   it cannot open emphasis, code, links, images, footnotes, HTML (comments
 *   included), math, tables or block structure, and the source never contains
 *   `<!--`. A zero-width joiner after `@`, after `#` before a digit, inside
 *   `://` and after `www` stops GitHub from turning the text into mentions,
 *   issue references or autolinks, which backslash escapes cannot prevent
 *   because GitHub finds those in the rendered text.
 * - `markdownWithCode` is `markdownText` except that text between single
 *   backticks renders as a code span made by the same rules as `codeSpan`.
 * - `codeSpan` returns one code span that shows `plainText` of the input
 *   verbatim (mentions do not fire inside code); its fence is longer than any
 *   backtick run in the text, so the text cannot close it, and `<!--` gets a
 *   zero-width joiner so nothing that looks for plan-gate's hidden markers can
 *   find a forged one. With `inTable` it also survives inside a GFM table cell.
 * - `codeBlock` fences lines so that none of them can end the block.
 * - `shellArg` quotes a word for bash so that pasting the command runs exactly
 *   one argument, whatever the path contains.
 * - `visiblePath` is `plainText` for a file path, except that line breaks and
 *   tabs are shown as `\uXXXX` too, so that `a\nb/plan.md` and `a b/plan.md`
 *   read differently and a path cannot start a new log line.
 * - `shorten` never splits a surrogate pair and marks the cut with `…`.
 */

/** How much untrusted text one mention of it may take, in code points. */
export const DEFAULT_MAX_LENGTH = 300

const ELLIPSIS = '…'
const ZWJ = '\u200D'

// Controls that survive normalisation (tab and line breaks are handled first),
// invisible formatting and bidirectional controls, and unpaired surrogates.
const UNSAFE_CHARS =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function hex4(char: string): string {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
}

/** Cuts `s` to at most `max` code points, ending in `…` when something was cut. */
export function shorten(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  const limit = Math.max(1, Math.floor(max))
  // Counting code units first keeps the common short case cheap.
  if (s.length <= limit) return s
  const points = Array.from(s)
  if (points.length <= limit) return s
  return points.slice(0, limit - 1).join('').trimEnd() + ELLIPSIS
}

/**
 * Untrusted text as one visible line: what every other function here shows.
 * Suitable as is for plain-text sinks (annotations, SARIF, logs).
 */
export function plainText(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  // Each whitespace run is matched once and never backtracked into: the
  // obvious `[ \t]*\n` and ` +$` take quadratic time on a long run of spaces,
  // and a heading or gate line can hold a megabyte of them.
  const oneLine = trimSpaces(s.replace(/[ \t\r\n]+/g, (run) => (/[\r\n]/.test(run) ? ' ' : run)).replace(/\t/g, ' '))
  return shorten(oneLine, max).replace(UNSAFE_CHARS, (char) => `\\u${hex4(char)}`)
}

/** A file path as one visible line in which no character is hidden or merged with another. */
export function visiblePath(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  return plainText(s.replace(/[\t\n\r]/g, (char) => `\\u${hex4(char)}`), max)
}

function trimSpaces(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && s.charCodeAt(start) === 32) start++
  while (end > start && s.charCodeAt(end - 1) === 32) end--
  return s.slice(start, end)
}

/** Untrusted text for a terminal: no escape sequence can reach it. */
export function terminalText(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  return plainText(s, max)
}

// `-` `+` `=` only matter at the start of a line (lists, setext underlines,
// thematic breaks); escaping them everywhere would make the source unreadable.
const MARKDOWN_SPECIAL = /[\\`*_~[\]<>&|#$]/g

// Escapes text that plainText has already made safe to show.
function escapeInline(text: string, atLineStart: boolean): string {
  let out = text.replace(MARKDOWN_SPECIAL, '\\$&')
  if (atLineStart) out = out.replace(/^[-+=]/, '\\$&').replace(/^(\d{1,9})([.)])/, '$1\\$2')
  // `\<!--` already renders as text, but a tool scanning the raw body for
  // plan-gate's hidden markers would still find it; `\!` hides it from them.
  return out
    .replace(/\\<!/g, '\\<\\!')
    .replace(/@/g, `@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/:(?=\/\/)/g, `:${ZWJ}`)
    .replace(/(www)(?=\.)/gi, `$1${ZWJ}`)
}

/**
 * Untrusted text for any inline Markdown position, table cells included.
 * The result renders as `plainText(s, max)`.
 */
export function markdownText(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  // The caller may put this at the start of a line, e.g. a hint under a bullet.
  return escapeInline(plainText(s, max), true)
}

/**
 * Like `markdownText`, but text between a pair of single backticks becomes a
 * code span, so messages can quote plan text the way lint messages do
 * (“Placeholder `TBD` left”). Not for table cells: a `|` inside code would
 * split the cell.
 */
export function markdownWithCode(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  const text = plainText(s, max)
  let out = ''
  let last = 0
  // A pair touching another backtick is left as text: `` ``x`` `` was meant
  // as one span, and two adjacent spans' fences would merge into one run.
  for (const match of text.matchAll(/(?<!`)`([^`]+)`(?!`)/g)) {
    const content = match[1] ?? ''
    // Only spans with something visible in them; "` `" reads better as text.
    if (content.trim() === '') continue
    out += escapeInline(text.slice(last, match.index), last === 0)
    out += fenceCode(content)
    last = match.index + match[0].length
  }
  return out + escapeInline(text.slice(last), last === 0)
}

export interface CodeSpanOptions {
  max?: number
  /**
   * The span goes into a GFM table cell, where `|` ends the cell even inside
   * code; GitHub un-escapes `\|` there, and only there.
   */
  inTable?: boolean
}

/** Untrusted text as one code span that it cannot break out of. */
export function codeSpan(s: string, options: CodeSpanOptions = {}): string {
  const max = options.max ?? DEFAULT_MAX_LENGTH
  const text = plainText(s, max)
  if (options.inTable) {
    // A backslash right before a pipe would pair with the escape we add and
    // let the pipe split the cell; plain escaped text has no such corner.
    if (/\\\|/.test(text)) return escapeInline(text, true)
    return fenceCode(text.replace(/\|/g, '\\|'))
  }
  return fenceCode(text)
}

// `text` has been through plainText: one line, nothing invisible.
function fenceCode(text: string): string {
  const content = text.replace(/<!--/g, `<${ZWJ}!--`)
  if (content === '') return '` `'
  const fence = '`'.repeat(longestBacktickRun(content) + 1)
  // CommonMark strips one space from each side when both are present, and a
  // backtick at an edge would merge with the fence; a space on each side
  // answers both.
  const pad = /^[` ]|[` ]$/.test(content) ? ' ' : ''
  return `${fence}${pad}${content}${pad}${fence}`
}

/**
 * A fenced code block around `lines`. The fence is longer than any backtick
 * run in them, so no line can close it early; `<!--` gets a zero-width joiner
 * as in `codeSpan`, and invisible characters other than tabs are shown as
 * `\uXXXX`, since a bidi override could make a command read differently from
 * what it runs. Otherwise lines are verbatim: quote untrusted parts first
 * (`shellArg` leaves nothing here to alter).
 */
export function codeBlock(lines: readonly string[], info = ''): string {
  const body = lines
    .flatMap((line) => line.split(/\r\n|\r|\n/))
    .join('\n')
    .replace(UNSAFE_CHARS, (char) => (char === '\t' || char === '\n' ? char : `\\u${hex4(char)}`))
    .replace(/<!--/g, `<${ZWJ}!--`)
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1))
  return `${fence}${info.replace(/[`\s]/g, '')}\n${body}\n${fence}`
}

// Counted in a loop: spreading one argument per backtick run into Math.max
// overflows the stack once there are a hundred thousand runs.
function longestBacktickRun(text: string): number {
  let longest = 0
  let run = 0
  for (let i = 0; i < text.length; i++) {
    run = text.charCodeAt(i) === 96 ? run + 1 : 0
    if (run > longest) longest = run
  }
  return longest
}

// No `=` or `~`: zsh and bash expand them at the start of a word.
const SHELL_SAFE = /^[A-Za-z0-9_@%+:,./-]+$/
// Anything a terminal or a Markdown marker scanner should not see raw.
const SHELL_ESCAPE = new RegExp(`${UNSAFE_CHARS.source}|<(?=!--)`, 'g')
const NEEDS_SHELL_ESCAPE = new RegExp(SHELL_ESCAPE.source)

/**
 * One bash word that expands to exactly `s` (shortened to `max`). Words with
 * control or invisible characters use `$'…'` with escapes, so that pasting the
 * command shows and runs what it says.
 */
export function shellArg(s: string, max: number = DEFAULT_MAX_LENGTH): string {
  const text = shorten(s, max)
  if (SHELL_SAFE.test(text)) return text
  if (!NEEDS_SHELL_ESCAPE.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`
  const escaped = text
    .replace(/[\\']/g, '\\$&')
    .replace(SHELL_ESCAPE, (char) => `\\u${hex4(char)}`)
  return `$'${escaped}'`
}

import { RE2JS } from 're2js'

// Every pattern that touches plan text runs in linear time: rubric regexes on
// RE2, literals as escaped text. Neither a hostile plan nor a careless rubric
// can make the gate backtrack for minutes.

export interface TextMatch {
  index: number
  length: number
  text: string
}

export interface TextPattern {
  findAll(text: string): TextMatch[]
  test(text: string): boolean
}

export class PatternError extends Error {}

// Unicode classes cost a regex its first run: 1 to 3 ms each to build.
// Literals and rubric patterns almost always begin and end in ASCII,
// where the classes below are plain ranges.
const WORD_CHAR = /[\p{L}\p{N}_]/u
const ASCII_WORD_CHAR = /[A-Za-z0-9_]/
const LETTER_NUMBER_OR_SPACE = /[\p{L}\p{N}\s]/u
const ASCII_LETTER_NUMBER_OR_SPACE = /[A-Za-z0-9\s]/

/** One UTF-16 unit, as `literal.at()` gives it: a lone surrogate is no word character. */
function isWordChar(char: string): boolean {
  return char < '\x80' ? ASCII_WORD_CHAR.test(char) : WORD_CHAR.test(char)
}

const ASCII_ONLY = /^[\x00-\x7F]*$/
// With the i and u flags, the only characters outside ASCII that match an
// ASCII letter are ſ (s) and the Kelvin sign (k): a text without them holds a
// case-insensitive ASCII literal only if its lower case does.
const FOLDS_TO_ASCII_LETTER = /[\u017F\u212A]/u

// The case-insensitive literals of a rubric are tried on the same text one after another.
let lastText = ''
let lastLower = ''
function lowerCased(text: string): string {
  if (text !== lastText) {
    lastText = text
    lastLower = text.toLowerCase()
  }
  return lastLower
}

/**
 * A literal matched as whole words: `TBD` matches in "TBD." but not in "TBDs"
 * or "OUTBD". An escaped literal between one-character lookarounds cannot
 * backtrack, so V8's own engine is safe here, and much faster than RE2 in JS.
 */
export function literalPattern(literal: string, caseSensitive: boolean): TextPattern {
  const before = isWordChar(literal.at(0) ?? '') ? String.raw`(?<![\p{L}\p{N}_])` : ''
  const after = isWordChar(literal.at(-1) ?? '') ? String.raw`(?![\p{L}\p{N}_])` : ''
  const escaped = literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
  // Built at first use: most literals never meet a text that holds them, and a Unicode regex costs its construction.
  let native: RegExp | null = null
  const regex = (): RegExp => (native ??= new RegExp(`${before}${escaped}${after}`, caseSensitive ? 'gu' : 'giu'))
  const mustContain = caseSensitive ? literal : null
  const mustContainLower = !caseSensitive && ASCII_ONLY.test(literal) ? literal.toLowerCase() : null
  return {
    findAll(text: string): TextMatch[] {
      if (mustContain !== null && !text.includes(mustContain)) return []
      if (mustContainLower !== null && !lowerCased(text).includes(mustContainLower) && !FOLDS_TO_ASCII_LETTER.test(text)) return []
      return [...text.matchAll(regex())].map((match) => ({ index: match.index, length: match[0].length, text: match[0] }))
    },
    test(text: string): boolean {
      if (mustContain !== null && !text.includes(mustContain)) return false
      const pattern = regex()
      pattern.lastIndex = 0
      return pattern.test(text)
    }
  }
}

// Compiling RE2 in JavaScript is slow (milliseconds a pattern), and the same
// pattern is compiled when a rubric is validated, again when a plan is checked,
// and once per preset that shares it: compiled patterns are immutable, so one
// per source and flag serves them all.
const compiledRegexes = new Map<string, TextPattern>()

function compiledRegex(source: string, caseSensitive: boolean): TextPattern {
  const key = `${caseSensitive ? 'c' : 'i'}${source}`
  let pattern = compiledRegexes.get(key)
  if (pattern === undefined) compiledRegexes.set(key, (pattern = compile(`(${source})`, caseSensitive)))
  return pattern
}

/** Compiles a user pattern in RE2 syntax now; throws PatternError with RE2's reason when it does not compile. */
export function checkRegex(source: string, caseSensitive: boolean): void {
  compiledRegex(source, caseSensitive)
}

/**
 * A user pattern in RE2 syntax, compiled when a text first needs it: when it
 * holds the pattern's leading literal, if it has one. Rubric and config
 * patterns are checked when they load (`checkRegex`), the built-in ones by
 * their tests, so compiling late never turns a bad pattern into a passing
 * gate; and a plan without `[` never pays for the `\[…` placeholders.
 */
export function regexPattern(source: string, caseSensitive: boolean): TextPattern {
  const literal = leadingLiteral(source)
  return {
    findAll(text: string): TextMatch[] {
      if (literal !== null && !text.includes(literal)) return []
      return compiledRegex(source, caseSensitive).findAll(text)
    },
    test(text: string): boolean {
      if (literal !== null && !text.includes(literal)) return false
      return compiledRegex(source, caseSensitive).test(text)
    }
  }
}

/**
 * A character every match must start with, when the pattern says so plainly
 * (`\[...`, `<...`): texts without it are skipped without running RE2 at all.
 */
function leadingLiteral(source: string): string | null {
  if (hasTopLevelAlternation(source)) return null
  const escaped = source.startsWith('\\')
  const char = codePointAt(source, escaped ? 1 : 0)
  if (char === '' || isLetterNumberOrSpace(char)) return null
  if (!escaped && '\\^$.|?*+()[]{}'.includes(char)) return null
  return /^[?*+{]/.test(source.slice((escaped ? 1 : 0) + char.length)) ? null : char
}

function codePointAt(text: string, index: number): string {
  const point = text.codePointAt(index)
  return point === undefined ? '' : String.fromCodePoint(point)
}

function isLetterNumberOrSpace(char: string): boolean {
  return char < '\x80' ? ASCII_LETTER_NUMBER_OR_SPACE.test(char) : LETTER_NUMBER_OR_SPACE.test(char)
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0
  let inClass = false
  for (let i = 0; i < source.length; i++) {
    const char = source[i]
    if (char === '\\') i++
    else if (inClass) inClass = char !== ']'
    else if (char === '[') inClass = true
    else if (char === '(') depth++
    else if (char === ')') depth--
    else if (char === '|' && depth === 0) return true
  }
  return false
}

function compile(source: string, caseSensitive: boolean): TextPattern {
  let compiled: RE2JS
  try {
    compiled = RE2JS.compile(source, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE)
  } catch (error) {
    throw new PatternError(error instanceof Error ? error.message : String(error))
  }
  return {
    findAll(text: string): TextMatch[] {
      const found: TextMatch[] = []
      const matcher = compiled.matcher(text)
      let from = 0
      while (from <= text.length && matcher.find(from)) {
        const start = matcher.start(1)
        const end = matcher.end(1)
        if (end > start) found.push({ index: start, length: end - start, text: text.slice(start, end) })
        // Resume right after the captured text, not the whole match: the word
        // boundary after one placeholder is the boundary before the next.
        from = Math.max(end, from + 1)
      }
      return found
    },
    test(text: string): boolean {
      return compiled.matcher(text).find()
    }
  }
}

export interface CaptureMatch {
  index: number
  /** The whole match. */
  text: string
  /** The pattern's first capture group, or the whole match when it has none or the group did not take part. */
  capture: string
}

/** Every match of a user pattern with its first capture group (block numbers, cited ids); validated like any rubric pattern. */
export function captureAll(source: string, caseSensitive: boolean, text: string): CaptureMatch[] {
  const key = `${caseSensitive ? 'c' : 'i'}${source}`
  let compiled = compiledCaptures.get(key)
  if (compiled === undefined) {
    try {
      compiled = RE2JS.compile(source, caseSensitive ? 0 : RE2JS.CASE_INSENSITIVE)
    } catch (error) {
      throw new PatternError(error instanceof Error ? error.message : String(error))
    }
    compiledCaptures.set(key, compiled)
  }
  const found: CaptureMatch[] = []
  const matcher = compiled.matcher(text)
  const groups = matcher.groupCount()
  let from = 0
  while (from <= text.length && matcher.find(from)) {
    const start = matcher.start()
    const end = matcher.end()
    const whole = text.slice(start, end)
    const group = groups >= 1 && matcher.start(1) >= 0 ? text.slice(matcher.start(1), matcher.end(1)) : whole
    found.push({ index: start, text: whole, capture: group })
    from = Math.max(end, from + 1)
  }
  return found
}

const compiledCaptures = new Map<string, RE2JS>()

import { RE2JS } from 're2js'

// Every pattern that touches plan text runs on RE2 (linear time), so neither a
// hostile plan nor a careless rubric can make the gate backtrack for minutes.

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

const WORD_CHAR = /[\p{L}\p{N}_]/u

/** A literal matched as whole words: `TBD` matches in "TBD." but not in "TBDs" or "OUTBD". */
export function literalPattern(literal: string, caseSensitive: boolean): TextPattern {
  const first = literal.at(0) ?? ''
  const last = literal.at(-1) ?? ''
  const before = WORD_CHAR.test(first) ? String.raw`(?:^|[^\p{L}\p{N}_])` : ''
  const after = WORD_CHAR.test(last) ? String.raw`(?:$|[^\p{L}\p{N}_])` : ''
  return compile(`${before}(${RE2JS.quote(literal)})${after}`, caseSensitive)
}

/** A user pattern in RE2 syntax; throws PatternError with RE2's reason when it does not compile. */
export function regexPattern(source: string, caseSensitive: boolean): TextPattern {
  return compile(`(${source})`, caseSensitive)
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

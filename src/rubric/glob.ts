// How plan-gate matches paths against globs, in one place so that the config,
// the `files` input and the CLI's operands agree on which files are plans.
import picomatch from 'picomatch'

/**
 * `dot`: plans live under dot-directories such as .spec-dev and .specify.
 * `flags: 's'`: picomatch compiles `*` and `**` to `.`, which without the
 * dotAll flag does not match a line break (LF, CR, U+2028, U+2029), so a plan
 * under a directory named with one would not be matched and would go unchecked.
 */
export const GLOB_OPTIONS = { dot: true, flags: 's' } as const

// Compiling a glob costs far more than matching it, and the same few globs are asked about every file.
const compiled = new Map<string, (path: string) => boolean>()
const MAX_COMPILED = 1000

export function globMatcher(patterns: string | readonly string[]): (path: string) => boolean {
  if (typeof patterns !== 'string') return picomatch(patterns as string[], GLOB_OPTIONS)
  let matcher = compiled.get(patterns)
  if (matcher === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear()
    compiled.set(patterns, (matcher = picomatch(patterns, GLOB_OPTIONS)))
  }
  return matcher
}

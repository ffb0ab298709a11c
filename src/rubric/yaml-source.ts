import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml'
import type { z } from 'zod'
import { closest, ConfigError, formatPath, type ConfigProblem } from './errors.js'

// YAML with positions: every config or rubric problem is reported at the
// file, line and column of the offending node, with its field path.

export const MAX_CONFIG_BYTES = 256 * 1024
const MAX_ALIAS_COUNT = 50
const MAX_PROBLEMS = 100

export interface YamlSource {
  file: string
  doc: Document.Parsed
  lineCounter: LineCounter
}

export function parseYamlSource(file: string, text: string): { source: YamlSource; value: unknown } {
  const size = Buffer.byteLength(text, 'utf8')
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `file is ${size} bytes; the limit is ${MAX_CONFIG_BYTES} bytes` }])
  }
  const lineCounter = new LineCounter()
  let doc: Document.Parsed
  try {
    // Duplicate keys are found below: yaml's own check compares each key with
    // every other one, and 20,000 keys in a mapping took 40 s.
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false })
  } catch (error) {
    // The parser recurses per nesting level; a file of thousands of `[` must be a config error, not a crash.
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: `invalid YAML: ${reason(error)}` }])
  }
  const source: YamlSource = { file, doc, lineCounter }
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0])
        return { file, line: position.line, column: position.col, path: '', message: `invalid YAML: ${reason(error)}` }
      })
    )
  }
  const duplicates = duplicateKeys(source)
  if (duplicates.length > 0) throw new ConfigError(duplicates)
  let value: unknown
  try {
    // An alias bomb expands exponentially; the alias budget stops it before memory does.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    throw new ConfigError([{ file, ...firstAliasPosition(source), path: '', message: `invalid YAML: ${reason(error)}` }])
  }
  return { source, value }
}

function reason(error: unknown): string {
  if (error instanceof RangeError || (error instanceof Error && /call stack/i.test(error.message))) return 'it is nested too deeply to read'
  const message = error instanceof Error ? error.message : String(error)
  if (/alias count/i.test(message)) return `its aliases expand too far (more than ${MAX_ALIAS_COUNT} alias uses; a YAML "billion laughs" bomb?)`
  return firstLine(message)
}

/** Keys repeated in one mapping, with one set per mapping. */
function duplicateKeys(source: YamlSource): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  visit(source.doc, {
    Map(_key, map) {
      const seen = new Set<string>()
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue
        const value: unknown = pair.key.value
        const name = `${typeof value}:${String(value)}`
        if (seen.has(name) && pair.key.range) {
          problems.push({ file: source.file, ...toPosition(source.lineCounter, pair.key.range[0]), path: '', message: 'invalid YAML: Map keys must be unique' })
        }
        seen.add(name)
      }
    }
  })
  return problems.slice(0, MAX_PROBLEMS)
}

/** Where the aliases start, for the one error that has no position of its own: too many of them. */
function firstAliasPosition(source: YamlSource): { line: number; column: number } {
  let offset: number | undefined
  visit(source.doc, {
    Alias(_key, node) {
      offset = node.range?.[0]
      return visit.BREAK
    }
  })
  return offset === undefined ? { line: 1, column: 1 } : toPosition(source.lineCounter, offset)
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim()
}

/** Line and column of the node at `path`, or of its nearest existing ancestor. */
export function positionAt(source: YamlSource, path: readonly PropertyKey[], key?: string): { line: number; column: number } {
  const { doc, lineCounter } = source
  if (key !== undefined) {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true)
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === key)
      const range = pair && isNode(pair.key) ? pair.key.range : undefined
      if (range) return toPosition(lineCounter, range[0])
    }
  }
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length) as unknown[], true)
    if (isNode(node) && node.range) return toPosition(lineCounter, node.range[0])
  }
  return { line: 1, column: 1 }
}

function toPosition(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const position = lineCounter.linePos(offset)
  return { line: position.line, column: position.col }
}

export function problemAt(source: YamlSource, path: readonly PropertyKey[], message: string, key?: string): ConfigProblem {
  const displayPath = key === undefined ? path : [...path, key]
  return { file: source.file, ...positionAt(source, path, key), path: formatPath(displayPath), message }
}

type Issue = z.core.$ZodIssue

/** Validates `value` (found at `basePath` in the source) with a zod schema; throws ConfigError with located problems. */
export function validateAt<S extends z.ZodType>(schema: S, source: YamlSource, basePath: readonly PropertyKey[], value: unknown): z.output<S> {
  const smuggled = prototypeKeys(value)
  if (smuggled.length > 0) {
    throw new ConfigError(
      sortProblems(
        smuggled.slice(0, MAX_PROBLEMS).map(({ path, key }) => {
          if (key === MERGE_KEY) {
            return problemAt(source, [...basePath, ...path], '"<<" (a YAML merge key) is not supported here: write the keys out, or use a rubric file with "extends"', key)
          }
          const what = path.at(-1) === 'rules' ? `unknown rule "${key}"` : `"${key}" is not allowed as a key`
          return problemAt(source, [...basePath, ...path], `${what}: it would change how every object behaves instead of setting a value`, key)
        })
      )
    )
  }
  const result = schema.safeParse(value, { reportInput: true })
  if (result.success) return result.data
  const problems: ConfigProblem[] = []
  let truncated = false
  for (const issue of flattenIssues(result.error.issues, value)) {
    // Locating a problem scans its parent mapping, so 50,000 bad keys would take
    // quadratic time to list, and nobody reads past the first screen anyway.
    if (problems.length >= MAX_PROBLEMS) {
      truncated = true
      break
    }
    const path = [...basePath, ...issue.path]
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, issue.path, value)
      const keys = issue.keys.slice(0, MAX_PROBLEMS - problems.length)
      if (keys.length < issue.keys.length) truncated = true
      for (const key of keys) {
        const suggestion = closest(key, allowed)
        problems.push(problemAt(source, path, `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : allowed.length > 0 ? `; expected one of ${allowed.join(', ')}` : ''}`, key))
      }
    } else {
      problems.push(problemAt(source, path, describeIssue(issue)))
    }
  }
  const listed = sortProblems(dedupe(problems))
  if (truncated) listed.push({ file: source.file, line: 1, column: 1, path: '', message: `more problems follow; only the first ${MAX_PROBLEMS} are listed` })
  throw new ConfigError(listed)
}

/**
 * Own `__proto__` keys (and YAML merge keys) anywhere in a parsed value. The YAML parser keeps them
 * as plain keys, but any later copy (a zod record, a spread) assigns them, and
 * that replaces the copy's prototype: the key vanishes silently, or its value
 * becomes inherited settings no check ever sees.
 */
const MERGE_KEY = '<<'

function prototypeKeys(root: unknown): Array<{ path: PropertyKey[]; key: string }> {
  const found: Array<{ path: PropertyKey[]; key: string }> = []
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: root, path: [] }]
  while (pending.length > 0) {
    const { value, path } = pending.pop()!
    if (value === null || typeof value !== 'object') continue
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }))
      continue
    }
    for (const key of Object.keys(value)) {
      // YAML 1.2 has no merge keys, so "<<" stays a plain key; reading it as one would be a guess either way.
      if (key === '__proto__' || key === MERGE_KEY) found.push({ path, key })
      else pending.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] })
    }
  }
  return found
}

export function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort(
    (a, b) => a.line - b.line || a.column - b.column || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.message < b.message ? -1 : 1)
  )
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>()
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.column}:${problem.path}:${problem.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A union error lists one issue list per alternative; report the alternative the value was closest to. */
function flattenIssues(issues: readonly Issue[], root: unknown): Issue[] {
  const out: Issue[] = []
  for (const issue of issues) {
    if (issue.code !== 'invalid_union' || !('errors' in issue) || issue.errors.length === 0) {
      out.push(issue)
      continue
    }
    const here = valueAt(root, issue.path)
    const ranked = issue.errors
      .map((branch) => branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }) as Issue))
      .map((branch) => ({ branch, score: branchScore(branch, issue.path.length, here) }))
      .sort((a, b) => a.score - b.score)
    const best = ranked[0]
    // A loop, not push(...): a branch can hold an issue per element of a 100,000-element list.
    if (best && best.score < Number.POSITIVE_INFINITY) for (const inner of flattenIssues(best.branch, root)) out.push(inner)
    else out.push({ ...issue, message: 'has the wrong type' } as Issue)
  }
  return out
}

/** Lower is better: an alternative that rejects the value's very type is the worst fit. */
function branchScore(branch: readonly Issue[], depth: number, value: unknown): number {
  const rejectsType = branch.some((issue) => issue.path.length === depth && issue.code === 'invalid_type')
  if (rejectsType) return typeof value === 'object' && value !== null ? 1000 + branch.length : 100 + branch.length
  return branch.length
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${typeName(issue.input)}`
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`
    default:
      return issue.message
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} ${JSON.stringify(value)}`
}

interface Def {
  type: string
  innerType?: z.ZodType
  element?: z.ZodType
  options?: z.ZodType[]
  valueType?: z.ZodType
  shape?: Record<string, z.ZodType>
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def
}

/** Keys an object schema accepts at `path`, for did-you-mean suggestions. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], root: unknown): string[] {
  const candidates = schemasAt(schema, path, root, 0)
  const keys = new Set<string>()
  for (const candidate of candidates) {
    const def = defOf(candidate)
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key)
  }
  return [...keys]
}

function schemasAt(schema: z.ZodType, path: readonly PropertyKey[], root: unknown, depth: number): z.ZodType[] {
  const def = defOf(schema)
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'readonly') {
    return def.innerType ? schemasAt(def.innerType, path, root, depth) : []
  }
  if (def.type === 'union') {
    const here = valueAt(root, path.slice(0, depth))
    const options = (def.options ?? []).filter((option) => {
      const optionType = defOf(option).type
      return typeof here === 'object' && here !== null ? optionType === 'object' || optionType === 'array' || optionType === 'record' : true
    })
    return options.flatMap((option) => schemasAt(option, path, root, depth))
  }
  if (depth === path.length) return [schema]
  const key = path[depth]
  if (def.type === 'object' && def.shape && typeof key === 'string' && def.shape[key]) return schemasAt(def.shape[key], path, root, depth + 1)
  if (def.type === 'array' && def.element) return schemasAt(def.element, path, root, depth + 1)
  if (def.type === 'record' && def.valueType) return schemasAt(def.valueType, path, root, depth + 1)
  return []
}

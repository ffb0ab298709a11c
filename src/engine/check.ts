import type { Rubric } from '../rubric/schema.js'
import { ruleDocsUrl } from './docs-url.js'
import { buildModel, type PlanModel } from './model.js'
import type { CompanionView, Rule, RuleReport } from './rule.js'
import { ruleById, rules } from './rules/index.js'
import type { DeclaredGate, FailOn, Finding, PlanResult, Severity, Verdict } from './types.js'

export const DEFAULT_MAX_PLAN_BYTES = 1024 * 1024
/** Container markers (quotes, list bullets) on one line beyond which the parser's recursion is at risk. */
export const MAX_NESTING = 100

export interface PlanInput {
  /** Repository-relative path, forward slashes. */
  file: string
  /** Raw bytes as stored, or text already decoded. */
  content: string | Uint8Array
}

/** A sibling file read by the caller; `content: null` when it does not exist. */
export interface CompanionContent {
  /** The rubric's companion id. */
  id: string
  /** Repository-relative path. */
  file: string
  content: string | Uint8Array | null
}

export interface CheckOptions {
  rubric: Rubric
  /** The plan's sibling files the rubric names (see companionPaths); without them companion and reference rules have nothing to read and stay silent. */
  companions?: readonly CompanionContent[]
  rubricSource: string
  failOn?: FailOn
  maxPlanBytes?: number
}

/** Outcome of reading the plan as text: the text, or the finding that stops the check. */
export type DecodedPlan = { ok: true; text: string } | { ok: false; finding: RawFinding }

interface RawFinding extends RuleReport {
  ruleId: string
}

/**
 * Checks one plan against one rubric. Pure and synchronous: no I/O, no clock.
 * The gate fails closed: anything that prevents a full check becomes an error
 * finding, never a pass.
 */
export function checkPlan(input: PlanInput, options: CheckOptions): PlanResult {
  const prepared = preparePlan(input, options)
  if (!prepared.ok) return prepared.result
  let model: PlanModel
  try {
    model = buildModel(prepared.text)
  } catch (error) {
    return finish(input.file, options, null, [unparseable(error)])
  }
  return checkModel(input.file, model, options)
}

/** The plan as text, or its result when it is refused before parsing (size, encoding, nesting); cheap and linear. */
export type PreparedPlan = { ok: true; text: string } | { ok: false; result: PlanResult }

/** The checks that need no parser; the worker pool runs them in the main thread so refused plans never cost a worker. */
export function preparePlan(input: PlanInput, options: CheckOptions): PreparedPlan {
  const decoded = decodePlan(input.content, options.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES)
  if (!decoded.ok) return { ok: false, result: finish(input.file, options, null, [decoded.finding]) }
  const guard = nestingGuard(decoded.text)
  if (guard) return { ok: false, result: finish(input.file, options, null, [guard]) }
  return { ok: true, text: decoded.text }
}

/** A plan that could not be checked at all (e.g. its worker timed out or crashed): the one finding says why, and the plan fails. */
export function inputFailure(file: string, options: CheckOptions, finding: { ruleId: 'plan-unparseable' | 'internal-error'; line: number; column: number; message: string }): PlanResult {
  return finish(file, options, null, [finding])
}

/** Runs every rule over an already-built model; exported for the worker pool, which builds models under a deadline. */
export function checkModel(file: string, model: PlanModel, options: CheckOptions): PlanResult {
  const { rubric } = options
  const raw: RawFinding[] = []
  const companions = companionViews(rubric, options)
  const run = (rule: Rule, findings: readonly Finding[]): void => {
    try {
      rule.check({ file, model, companions, rubric, findings, report: (report) => raw.push({ ...report, ruleId: rule.id }) })
    } catch (error) {
      raw.push({
        ruleId: 'internal-error',
        line: 1,
        column: 1,
        message: `Rule ${rule.id} failed: ${error instanceof Error ? error.message : String(error)}`
      })
    }
  }
  const active = rules.filter((rule) => rubric.rules[rule.id] !== 'off')
  for (const rule of active) if (rule.phase !== 'verdict') run(rule, [])
  const checked = stamp(raw, rubric, model)
  for (const rule of active) if (rule.phase === 'verdict') run(rule, checked)
  return finish(file, options, model, raw)
}

function companionViews(rubric: Rubric, options: CheckOptions): Map<string, CompanionView> {
  const views = new Map<string, CompanionView>()
  for (const given of options.companions ?? []) {
    const spec = rubric.companions.find((companion) => companion.id === given.id)
    if (!spec) continue
    let model: PlanModel | null = null
    if (given.content !== null) {
      const decoded = decodePlan(given.content, options.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES)
      // A sibling that cannot be read is reported in its own result; here it only has no ids to offer.
      if (decoded.ok && !nestingGuard(decoded.text)) {
        try {
          model = buildModel(decoded.text)
        } catch {
          model = null
        }
      }
    }
    views.set(given.id, { spec, file: given.file, model, present: given.content !== null })
  }
  return views
}

/** Repository paths of a plan's companions: relative to the plan's directory, forward slashes. */
export function companionPaths(planFile: string, rubric: Rubric): Array<{ id: string; file: string }> {
  const slash = planFile.lastIndexOf('/')
  const directory = slash >= 0 ? planFile.slice(0, slash + 1) : ''
  return rubric.companions.map((companion) => ({ id: companion.id, file: `${directory}${companion.path.replace(/^\.\//u, '')}` }))
}

export function decodePlan(content: string | Uint8Array, maxBytes: number): DecodedPlan {
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength
  if (size > maxBytes) {
    return {
      ok: false,
      finding: {
        ruleId: 'plan-too-large',
        line: 1,
        column: 1,
        message: `The plan is ${formatBytes(size)}; the limit is ${formatBytes(maxBytes)}, so it was not checked`
      }
    }
  }
  let text: string
  if (typeof content === 'string') {
    text = content
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content)
    } catch {
      const offset = firstInvalidUtf8(content)
      return { ok: false, finding: { ruleId: 'plan-encoding', ...positionOfByte(content, offset), message: `The plan is not valid UTF-8 (byte ${offset + 1})` } }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const nul = text.indexOf('\u0000')
  if (nul >= 0) {
    return { ok: false, finding: { ruleId: 'plan-encoding', ...positionOf(text, nul), message: 'The plan contains a NUL byte: it looks like binary data, not text' } }
  }
  return { ok: true, text }
}

/**
 * The parser recurses once per container, so thousands of quote or list
 * markers on one line overflow its stack, and even 2,000 take it seconds.
 * Refusing them up front turns a crash into a clear finding, without a worker.
 * Real plans use one or two markers per line (the corpus never more than one);
 * the limit stays high because this scan does not know about code blocks,
 * where a line of `>` can be ASCII art. Deeper nesting built from indentation
 * across lines is left to the worker's stack and time limits.
 */
export function nestingGuard(text: string): RawFinding | null {
  // Sticky, so each marker is matched where the previous one ended: one pass per line, no slicing.
  const marker = /[ \t]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?/uy
  const lineEnd = /\r\n?|\n/g
  let lineStart = 0
  let lineNumber = 1
  while (lineStart <= text.length) {
    let depth = 0
    marker.lastIndex = lineStart
    while (depth <= MAX_NESTING && marker.exec(text)) depth++
    if (depth > MAX_NESTING) {
      return {
        ruleId: 'plan-unparseable',
        line: lineNumber,
        column: 1,
        message: `Line ${lineNumber} nests more than ${MAX_NESTING} quotes or lists; the plan was not parsed`
      }
    }
    // Lines end where the model's do (\r\n, \r or \n), so the line reported is the line shown.
    lineEnd.lastIndex = lineStart
    const end = lineEnd.exec(text)
    if (!end) break
    lineStart = end.index + end[0].length
    lineNumber++
  }
  return null
}

function unparseable(error: unknown): RawFinding {
  const reason = error instanceof RangeError ? 'its nesting is too deep for the parser' : `the parser failed (${error instanceof Error ? error.message : String(error)})`
  return { ruleId: 'plan-unparseable', line: 1, column: 1, message: `The plan could not be parsed: ${reason}` }
}

function severityOf(raw: RawFinding, rubric: Rubric): Severity | null {
  const rule = ruleById(raw.ruleId)
  const configured = rubric.rules[raw.ruleId]
  // Input and internal failures always fail the gate: a rubric cannot switch off failing closed.
  if (raw.ruleId.startsWith('plan-') || raw.ruleId === 'internal-error') return 'error'
  if (configured === 'off') return null
  return configured ?? raw.severity ?? rule?.defaultSeverity ?? 'error'
}

function stamp(raw: readonly RawFinding[], rubric: Rubric, model: PlanModel | null): Finding[] {
  const seen = new Set<string>()
  const findings: Finding[] = []
  // Without a model (the input was refused) the positions come from the raw input and are kept as they are.
  const lastLine = model ? Math.max(1, model.lines.length) : Number.MAX_SAFE_INTEGER
  for (const report of raw) {
    const severity = severityOf(report, rubric)
    if (!severity) continue
    const rule = ruleById(report.ruleId)
    // Rules are trusted to report real places, but a bad position must never reach a PR comment.
    const line = clamp(Math.trunc(report.line) || 1, 1, lastLine)
    const lineLength = model ? (model.lines[line - 1]?.length ?? 0) : Number.MAX_SAFE_INTEGER - 1
    const column = clamp(Math.trunc(report.column) || 1, 1, lineLength + 1)
    const finding: Finding = {
      ruleId: report.ruleId,
      severity,
      message: report.message,
      line,
      column,
      hint: report.hint ?? rule?.hint ?? '',
      url: ruleDocsUrl(report.ruleId)
    }
    if (report.endLine !== undefined && report.endLine > line) finding.endLine = clamp(report.endLine, line, lastLine)
    const sectionIndex = model?.sectionAt(line)
    const section = sectionIndex === null || sectionIndex === undefined ? undefined : model?.headings[sectionIndex]?.title
    if (section) finding.section = section
    const key = `${finding.ruleId}\u0000${line}\u0000${column}\u0000${finding.message}`
    if (seen.has(key)) continue
    seen.add(key)
    findings.push(finding)
  }
  return findings.sort(compareFindings)
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  )
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function finish(file: string, options: CheckOptions, model: PlanModel | null, raw: readonly RawFinding[]): PlanResult {
  const findings = stamp(raw, options.rubric, model)
  const last = model?.declaredGate
  const declaredGate: DeclaredGate | null = last ? { value: last.value, reason: last.value === 'FAIL' ? last.reason : null, line: last.line } : null
  return {
    file,
    rubric: options.rubric.name,
    rubricSource: options.rubricSource,
    verdict: verdictOf(findings, options.failOn ?? 'error'),
    declaredGate,
    gateRequired: options.rubric.gate.required,
    findings
  }
}

/**
 * PASS only when no finding at the failing level remains. A required gate that
 * is missing or declared FAIL is itself an error finding, so it is covered here.
 * `never` reports the same verdict as `error`; only the exit status ignores it.
 */
export function verdictOf(findings: readonly Finding[], failOn: FailOn): Verdict {
  const failing = failOn === 'warning' ? findings : findings.filter((finding) => finding.severity === 'error')
  return failing.length === 0 ? 'PASS' : 'FAIL'
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${bytes} bytes`
}

function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < index; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: index - lineStart + 1 }
}

function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let low = 0
  let high = bytes.length
  // The longest valid prefix ends near the first bad byte; binary search on prefix validity.
  while (low < high) {
    const middle = (low + high + 1) >> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true })
      low = middle
    } catch {
      high = middle - 1
    }
  }
  return low
}

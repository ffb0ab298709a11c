// Check-run annotations. GitHub shows only the first 10 errors and 10 warnings
// of a step, so order decides what people see: whatever explains the verdict
// (the gate line, a plan that could not be read) before everything else.
import type { Finding, RunResult } from '../engine/types.js'
import { byPosition, compareText, ruleTitle } from './common.js'
import { plainText } from './sanitize.js'

export interface Annotation {
  level: 'error' | 'warning'
  /** Plain text; may span lines. */
  message: string
  /** Plain text on one line. */
  title: string
  file: string
  startLine: number
  startColumn?: number
  endLine?: number
}

// Annotations are plain text and roomier than a table cell, but still capped
// so one hostile plan cannot flood the step log.
const MESSAGE_MAX = 1000
const TITLE_MAX = 120

// internal-error is here because a rule that crashed explains a failure no other finding does.
const VERDICT_RULES: ReadonlySet<string> = new Set([
  'gate-contradiction',
  'gate-declared-fail',
  'gate-missing',
  'internal-error'
])

function explainsVerdict(finding: Finding): boolean {
  return VERDICT_RULES.has(finding.ruleId) || finding.ruleId.startsWith('plan-')
}

export function toAnnotations(result: RunResult): Annotation[] {
  const entries = result.plans.flatMap((plan) => plan.findings.map((finding) => ({ file: plan.file, finding })))
  entries.sort(
    (a, b) =>
      rank(a.finding) - rank(b.finding) || compareText(a.file, b.file) || byPosition(a.finding, b.finding)
  )
  return entries.map(({ file, finding }) => {
    const message = plainText(finding.message, MESSAGE_MAX)
    const hint = plainText(finding.hint, MESSAGE_MAX)
    const name = ruleTitle(finding.ruleId)
    const title = plainText(name === finding.ruleId ? name : `${name} (${finding.ruleId})`, TITLE_MAX)
    return {
      level: finding.severity,
      message: hint === '' ? message : `${message}\n${hint}`,
      title,
      file,
      startLine: Math.max(1, finding.line),
      ...(finding.column >= 1 ? { startColumn: finding.column } : {}),
      ...(finding.endLine !== undefined && finding.endLine >= finding.line ? { endLine: finding.endLine } : {})
    }
  })
}

// 0: errors that explain the verdict, 1: other errors, 2: warnings.
function rank(finding: Finding): number {
  if (finding.severity === 'warning') return 2
  return explainsVerdict(finding) ? 0 : 1
}

/**
 * GitHub shows at most this many annotations of each level (error, warning,
 * notice) per step, and 50 per job, dropping the rest silently (the toolkit's
 * docs/problem-matchers.md, "Limitations").
 */
export const ANNOTATIONS_PER_LEVEL = 10
export const ANNOTATIONS_PER_JOB = 50

export interface AnnotationSelection {
  shown: Annotation[]
  /** Left out, by level: said in one line instead, so nobody takes the shown ones for all. */
  hidden: { error: number; warning: number }
}

/** The first `room[level]` annotations of each level (they come most important first). */
export function selectAnnotations(annotations: readonly Annotation[], room: { error: number; warning: number }): AnnotationSelection {
  const shown: Annotation[] = []
  const hidden = { error: 0, warning: 0 }
  const used = { error: 0, warning: 0 }
  for (const annotation of annotations) {
    if (used[annotation.level] < room[annotation.level]) {
      used[annotation.level]++
      shown.push(annotation)
    } else {
      hidden[annotation.level]++
    }
  }
  return { shown, hidden }
}

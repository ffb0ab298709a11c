// Everything the run reports through the runner: job summary, annotations,
// outputs and the JSON report file. These need no token permission, so they
// are written before any comment is attempted and survive a read-only token.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import type { RunResult } from '../engine/types.js'
import { ANNOTATIONS_PER_LEVEL, renderJobSummary, renderJson, renderSarif, selectAnnotations, toAnnotations, type ReportContext } from '../report/index.js'
import { formatProblem, type ConfigProblem } from '../rubric/errors.js'

export type Gate = 'PASS' | 'FAIL' | 'SKIPPED'

// Of the ten annotations per level GitHub shows for a step, the ones the run
// may still need after the findings: the step's failure message (an error),
// and the warnings about the comment, the review and the summary.
const RESERVED_ERRORS = 1
const RESERVED_WARNINGS = 3

export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    // Outside a runner there is no summary file; the log and the exit status still tell.
    core.warning(`plan-gate could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/**
 * One annotation per finding, on its plan line, most important first, as many
 * as GitHub shows; one notice says how many more there are and where.
 */
export function annotate(result: RunResult): void {
  const { shown, hidden } = selectAnnotations(toAnnotations(result), {
    error: ANNOTATIONS_PER_LEVEL - RESERVED_ERRORS,
    warning: ANNOTATIONS_PER_LEVEL - RESERVED_WARNINGS
  })
  for (const annotation of shown) {
    const properties: core.AnnotationProperties = { title: annotation.title, file: annotation.file, startLine: annotation.startLine }
    // GitHub accepts a column only on a one-line annotation.
    if (annotation.endLine !== undefined && annotation.endLine !== annotation.startLine) properties.endLine = annotation.endLine
    else if (annotation.startColumn !== undefined) properties.startColumn = annotation.startColumn
    if (annotation.level === 'error') core.error(annotation.message, properties)
    else core.warning(annotation.message, properties)
  }
  const more = [hidden.error > 0 ? plural(hidden.error, 'more error') : '', hidden.warning > 0 ? plural(hidden.warning, 'more warning') : ''].filter(Boolean)
  if (more.length > 0) {
    core.notice(
      `plan-gate: ${more.join(' and ')} ${hidden.error + hidden.warning === 1 ? 'is' : 'are'} not shown as annotations ` +
        `(GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step); the job summary and the JSON report (output \`report\`) list every finding.`,
      { title: 'plan-gate: more findings than annotations' }
    )
  }
}

export function annotateConfigProblems(problems: readonly ConfigProblem[]): void {
  const room = ANNOTATIONS_PER_LEVEL - RESERVED_ERRORS
  for (const problem of problems.slice(0, room)) {
    core.error(formatProblem(problem), { title: 'plan-gate configuration', file: problem.file, startLine: problem.line, startColumn: problem.column })
  }
  if (problems.length > room) {
    core.notice(`plan-gate: ${plural(problems.length - room, 'more configuration problem')} not shown as annotations; the job summary lists them all.`, {
      title: 'plan-gate: more configuration problems than annotations'
    })
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

export interface ReportFiles {
  /** The JSON report (same shape as `plan-gate check --format json`). */
  json: string
  /** The job summary in full, however long: the summary itself may have to be shortened. */
  markdown: string
  /** The SARIF 2.1.0 report for code scanning. */
  sarif: string
}

/**
 * The JSON, full Markdown and SARIF reports, in a fresh directory under
 * RUNNER_TEMP (SARIF where the `sarif-file` input says, if it does), and the
 * job summary: the full report, shortened to GitHub's limit if need be. Written
 * on SKIPPED runs too, so that a SARIF upload closes the alerts of plans that
 * no longer fail.
 */
export async function writeReports(result: RunResult, ctx: ReportContext, runnerTemp: string, sarifFile: string | null = null): Promise<{ files: ReportFiles; summary: string }> {
  const directory = await mkdtemp(path.join(runnerTemp, 'plan-gate-'))
  const files = { json: path.join(directory, 'report.json'), markdown: path.join(directory, 'report.md'), sarif: sarifFile ?? path.join(directory, 'report.sarif') }
  const full = renderJobSummary(result, ctx, { maxBytes: Number.POSITIVE_INFINITY })
  await writeFile(files.json, renderJson(result), 'utf8')
  await writeFile(files.markdown, full, 'utf8')
  await mkdir(path.dirname(files.sarif), { recursive: true })
  await writeFile(files.sarif, renderSarif(result, ctx), 'utf8')
  return { files, summary: renderJobSummary(result, ctx, { full, reportFiles: files }) }
}

export function countFindings(result: RunResult | null): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const plan of result?.plans ?? []) {
    for (const finding of plan.findings) {
      if (finding.severity === 'error') errors++
      else warnings++
    }
  }
  return { errors, warnings }
}

export function setResultOutputs(gate: Gate, result: RunResult | null, reports: ReportFiles | null): void {
  const { errors, warnings } = countFindings(result)
  core.setOutput('gate', gate)
  core.setOutput('plans', result?.plans.length ?? 0)
  core.setOutput('errors', errors)
  core.setOutput('warnings', warnings)
  core.setOutput('report', reports?.json ?? '')
  core.setOutput('report-markdown', reports?.markdown ?? '')
  core.setOutput('sarif', reports?.sarif ?? '')
}

// Everything the run reports through the runner: job summary, annotations,
// outputs and the JSON report file. These need no token permission, so they
// are written before any comment is attempted and survive a read-only token.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as core from '@actions/core'
import type { RunResult } from '../engine/types.js'
import { renderJson, renderSarif, toAnnotations, type ReportContext } from '../report/index.js'
import { formatProblem, type ConfigProblem } from '../rubric/errors.js'

export type Gate = 'PASS' | 'FAIL' | 'SKIPPED'

export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    // Outside a runner there is no summary file; the log and the exit status still tell.
    core.warning(`plan-gate could not write the job summary: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** One annotation per finding, on its plan line, most important first (GitHub shows the first ten of each level). */
export function annotate(result: RunResult): void {
  for (const annotation of toAnnotations(result)) {
    const properties: core.AnnotationProperties = { title: annotation.title, file: annotation.file, startLine: annotation.startLine }
    // GitHub accepts a column only on a one-line annotation.
    if (annotation.endLine !== undefined && annotation.endLine !== annotation.startLine) properties.endLine = annotation.endLine
    else if (annotation.startColumn !== undefined) properties.startColumn = annotation.startColumn
    if (annotation.level === 'error') core.error(annotation.message, properties)
    else core.warning(annotation.message, properties)
  }
}

export function annotateConfigProblems(problems: readonly ConfigProblem[]): void {
  for (const problem of problems) {
    core.error(formatProblem(problem), { title: 'plan-gate configuration', file: problem.file, startLine: problem.line, startColumn: problem.column })
  }
}

/** The JSON report (same shape as `plan-gate check --format json`) in a fresh directory under RUNNER_TEMP. */
export async function writeJsonReport(result: RunResult, runnerTemp: string): Promise<string> {
  const directory = await mkdtemp(path.join(runnerTemp, 'plan-gate-'))
  const file = path.join(directory, 'report.json')
  await writeFile(file, renderJson(result), 'utf8')
  return file
}

/**
 * The SARIF report for code scanning: at `sarifFile` when the input names one,
 * else beside the JSON report. Written on SKIPPED runs too, with no results, so
 * that an upload closes the alerts of plans that no longer fail.
 */
export async function writeSarifReport(result: RunResult, ctx: ReportContext, jsonReportPath: string, sarifFile: string | null): Promise<string> {
  const file = sarifFile ?? path.join(path.dirname(jsonReportPath), 'report.sarif')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, renderSarif(result, ctx), 'utf8')
  return file
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

export function setResultOutputs(gate: Gate, result: RunResult | null, reportPath: string | null, sarifPath: string | null = null): void {
  const { errors, warnings } = countFindings(result)
  core.setOutput('gate', gate)
  core.setOutput('plans', result?.plans.length ?? 0)
  core.setOutput('errors', errors)
  core.setOutput('warnings', warnings)
  core.setOutput('report', reportPath ?? '')
  core.setOutput('sarif', sarifPath ?? '')
}

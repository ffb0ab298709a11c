// The job summary ($GITHUB_STEP_SUMMARY): the comment's layout without its
// cap, so every finding of every plan is there, passing plans' warnings too,
// along with why each rubric applied. The caller writes it; this only renders.
//
// The runner uploads at most 1 MiB of summary per step and drops a larger one
// whole (with an error annotation), so a report that would be larger is
// shortened here instead: fewer findings per plan first, then, if even the
// plans alone do not fit, cut at a line. Either way its top says what was
// left out and where the full report is.
import type { RunResult } from '../engine/types.js'
import { countFindings, describeCounts, plural } from './common.js'
import { renderMarkdownReport } from './comment.js'
import type { ReportContext } from './context.js'
import { codeSpan } from './sanitize.js'
import { closeOpenBlocks } from './open-blocks.js'

/**
 * GitHub's limit on one step's summary, in bytes: "The size limit for a job
 * summary is 1 MiB per step" (docs.github.com, Workflow commands for GitHub
 * Actions › Adding a job summary; the runner's check is on the file's size).
 */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024

// Room for the line break the toolkit appends, and for any rounding here.
const SAFETY_BYTES = 1024

// Findings per plan tried, most first, when the whole report does not fit.
const FINDINGS_PER_PLAN_STEPS = [1000, 200, 50, 10, 0]

export interface JobSummaryOptions {
  /** Bytes the summary may take; GitHub's limit unless a test says otherwise. */
  maxBytes?: number
  /** Where the whole report was written, for the note on a shortened summary. */
  reportFiles?: { json?: string; markdown?: string }
  /** The whole report, when the caller has rendered it already (for its file). */
  full?: string
}

export function renderJobSummary(result: RunResult, ctx: ReportContext, options: JobSummaryOptions = {}): string {
  const full = options.full ?? render(result, ctx, Number.POSITIVE_INFINITY)
  const budget = (options.maxBytes ?? JOB_SUMMARY_MAX_BYTES) - SAFETY_BYTES
  if (bytes(full) <= budget) return full
  // The comment's "lists them all" would point back at this very summary.
  const { jobSummaryUrl: _self, ...local } = ctx
  void _self
  // A cap no plan reaches would render the whole report again.
  const most = Math.max(0, ...result.plans.map((plan) => plan.findings.length))
  for (const perPlan of FINDINGS_PER_PLAN_STEPS.filter((step) => step < most)) {
    const what = perPlan === 0 ? 'It lists the plans, and none of their findings' : `It lists at most ${plural(perPlan, 'finding')} per plan`
    const note = cutNote(result, options, `${what}; each plan's section says how many more it has.`)
    const shortened = withNote(render(result, local, perPlan), note)
    if (bytes(shortened) <= budget) return shortened
  }
  const note = cutNote(result, options, 'Even without its findings the report is longer than that, so it is cut off where it says so.')
  return cutToBytes(withNote(render(result, local, 0), note), budget)
}

function render(result: RunResult, ctx: ReportContext, maxFindingsPerPlan: number): string {
  return renderMarkdownReport(result, ctx, { maxFindingsPerPlan, showRubricSource: true })
}

function cutNote(result: RunResult, options: JobSummaryOptions, what: string): string {
  const findings = result.plans.flatMap((plan) => plan.findings)
  const where: string[] = []
  const files = options.reportFiles ?? {}
  if (files.markdown) where.push(`this report in full is ${codeSpan(files.markdown, { max: 4096 })} (output \`report-markdown\`)`)
  if (files.json) where.push(`every finding is in the JSON report ${codeSpan(files.json, { max: 4096 })} (output \`report\`)`)
  const whereText =
    where.length > 0
      ? `On the runner, ${where.join(', and ')}; upload them with \`actions/upload-artifact\` to keep them after the job.`
      : '`npx plan-gate check` in a checkout lists every finding.'
  return (
    `> **This summary is shortened:** the whole report (${plural(result.plans.length, 'plan')}, ` +
    `${describeCounts(countFindings(findings))}) is larger than the ${JOB_SUMMARY_MAX_BYTES / 1024 / 1024} MiB GitHub keeps of a step's summary. ` +
    `${what} ${whereText}`
  )
}

// After the verdict heading, so it is the first thing read.
function withNote(report: string, note: string): string {
  const split = report.indexOf('\n\n')
  return split < 0 ? `${report}\n\n${note}\n` : `${report.slice(0, split)}\n\n${note}${report.slice(split)}`
}

const CUT_MARK = '\n\n---\n\n**The summary is cut off here** to stay within GitHub\'s limit; the note at its top says where the full report is.\n'

/** `text` cut at a line break to fit `budget` bytes, open code fences and `<details>` closed, with a mark where it ends. */
export function cutToBytes(text: string, budget: number): string {
  if (bytes(text) <= budget) return text
  let room = budget - bytes(CUT_MARK) - 64
  for (;;) {
    let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, room)).toString('utf8')
    // A code point split by the byte cut decodes as U+FFFD; drop it.
    cut = cut.replace(/\uFFFD$/, '')
    const lastBreak = cut.lastIndexOf('\n')
    if (lastBreak > 0) cut = cut.slice(0, lastBreak)
    const fitted = `${closeOpenBlocks(cut)}${CUT_MARK}`
    const over = bytes(fitted) - budget
    if (over <= 0) return fitted
    room -= over
  }
}


function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

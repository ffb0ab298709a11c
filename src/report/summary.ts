// The job summary ($GITHUB_STEP_SUMMARY): the comment's layout without its
// cap, so every finding of every plan is there, passing plans' warnings too,
// along with why each rubric applied. The caller writes it; this only renders.
import type { RunResult } from '../engine/types.js'
import { renderMarkdownReport } from './comment.js'
import type { ReportContext } from './context.js'

export function renderJobSummary(result: RunResult, ctx: ReportContext): string {
  return renderMarkdownReport(result, ctx, {
    maxFindingsPerPlan: Number.POSITIVE_INFINITY,
    showRubricSource: true
  })
}

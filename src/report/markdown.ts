// `plan-gate check --format markdown`: the PR comment as the CLI would post it,
// complete, and with links only when the caller knows the repository and commit.
import type { RunResult } from '../engine/types.js'
import { renderMarkdownReport } from './comment.js'
import type { ReportContext } from './context.js'

export function renderMarkdown(result: RunResult, ctx: ReportContext): string {
  return renderMarkdownReport(result, ctx, {
    maxFindingsPerPlan: Number.POSITIVE_INFINITY,
    showRubricSource: false
  })
}

// What the action says for the two outcomes the report renderers do not
// cover: no plan changed, and a configuration that cannot be loaded. Plan
// gate results themselves are rendered by src/report.
import { codeSpan, commitUrl, markdownText, safeHref, shortSha, type ReportContext } from '../report/index.js'
import { formatProblem, type ConfigProblem } from '../rubric/errors.js'

const PROBLEM_MAX_CHARS = 1000

/**
 * When there is no plan to check. On a pull request this also replaces an
 * older comment, which must not keep showing gaps that are no longer there.
 */
export function skippedMarkdown(ctx: ReportContext, scope: 'pull-request' | 'workspace'): string {
  return [
    scope === 'pull-request' ? '## ✅ plan-gate: no plan changed' : '## ✅ plan-gate: no plan to check',
    '',
    scope === 'pull-request'
      ? 'This pull request changes no file that plan-gate checks, so there is nothing to gate.'
      : 'The checkout holds no file that plan-gate checks, so there is nothing to gate.',
    '',
    footer(ctx)
  ].join('\n')
}

export function configErrorMarkdown(problems: readonly ConfigProblem[], ctx: ReportContext): string {
  return [
    '## ❌ plan-gate: the configuration is invalid',
    '',
    `No plan was checked, and the gate fails until the configuration${ctx.configSource ? ` (${markdownText(ctx.configSource)})` : ''} is fixed:`,
    '',
    ...problems.map((problem) => `- ${markdownText(formatProblem(problem), PROBLEM_MAX_CHARS)}`),
    '',
    footer(ctx)
  ].join('\n')
}

function footer(ctx: ReportContext): string {
  const parts = [`plan-gate ${markdownText(ctx.version)}`]
  if (ctx.headSha) {
    const sha = codeSpan(shortSha(ctx.headSha))
    const href = commitUrl(ctx)
    parts.push(`checked ${href ? `[${sha}](${href})` : sha}`)
  }
  const summary = safeHref(ctx.jobSummaryUrl)
  if (summary) parts.push(`[run](${summary})`)
  return `<sub>${parts.join(' · ')}</sub>\n`
}

// The sticky PR comment, and the Markdown report the job summary and the CLI
// share with it. Verdict first, then one table row per plan, then only the
// plans that need attention, each gap linked to its line with its fix. The
// comment is rewritten in full on every run, so nothing stale can linger.
//
// All text that came from a plan goes through sanitize.ts; only our own fixed
// wording and numbers are written raw.
import type { Finding, PlanResult, RunResult, WaivedFinding } from '../engine/types.js'
import { DOCS_BASE_URL, ruleDocsUrl } from '../engine/docs-url.js'
import {
  byPosition,
  contradiction,
  countFindings,
  describeCounts,
  plansWithFindings,
  plural,
  severityRank,
  tallyGate,
  waiverNote
} from './common.js'
import { checkCommand, commitUrl, lineUrl, rubricRef, safeHref, shortSha, templateCommand, type ReportContext } from './context.js'
import { codeBlock, codeSpan, markdownText, markdownWithCode, shellArg, visiblePath } from './sanitize.js'

export interface MarkdownReportOptions {
  /**
   * Findings listed per plan before the rest are summarised in one line.
   * Keeps a comment on a badly broken plan readable; the job summary lists all.
   */
  maxFindingsPerPlan: number
  /** Say, per plan, why its rubric applied (worth the space in the job summary). */
  showRubricSource: boolean
}

/** How many findings per plan the PR comment lists before pointing elsewhere. */
export const COMMENT_MAX_FINDINGS_PER_PLAN = 50

const GENERAL_SECTION = 'General'

export function renderComment(result: RunResult, ctx: ReportContext): string {
  return renderMarkdownReport(result, ctx, {
    maxFindingsPerPlan: COMMENT_MAX_FINDINGS_PER_PLAN,
    showRubricSource: false
  })
}

/** The whole report; `renderComment`, the job summary and the CLI differ only in options. */
export function renderMarkdownReport(
  result: RunResult,
  ctx: ReportContext,
  options: MarkdownReportOptions
): string {
  const blocks: string[] = [verdictHeading(result)]
  if (result.plans.length > 0) blocks.push(renderPlanTable(result.plans, ctx))
  const attention = plansWithFindings(result)
  for (const plan of attention) blocks.push(renderPlanFindingsMarkdown(plan, ctx, options))
  if (attention.length > 0) blocks.push(renderReproduce(attention, ctx))
  blocks.push(renderFooter(ctx))
  return `${blocks.join('\n\n')}\n`
}

export function verdictHeading(result: RunResult): string {
  const icon = result.verdict === 'FAIL' ? '❌' : '✅'
  return `## ${icon} plan-gate: ${tallyGate(result).text}`
}

export function renderPlanTable(plans: readonly PlanResult[], ctx: ReportContext): string {
  const rows = plans.map((plan) => {
    const counts = countFindings(plan.findings)
    const cells = [
      link(codeSpan(visiblePath(plan.file), { inTable: true }), lineUrl(ctx, plan.file)),
      markdownText(plan.rubric),
      declaredGateCell(plan, ctx),
      plan.verdict === 'FAIL' ? '❌ FAIL' : '✅ PASS',
      String(counts.errors),
      String(counts.warnings)
    ]
    return `| ${cells.join(' | ')} |`
  })
  return [
    '| Plan | Rubric | Declared gate | Verdict | Errors | Warnings |',
    '|---|---|---|---|---:|---:|',
    ...rows
  ].join('\n')
}

function declaredGateCell(plan: PlanResult, ctx: ReportContext): string {
  const gate = plan.declaredGate
  if (gate === null) return plan.gateRequired ? '—' : '— (not required)'
  return link(gate.value === 'FAIL' ? 'FAIL' : 'PASS', lineUrl(ctx, plan.file, gate.line))
}

/** One plan's section: heading, how its declared gate compares, grouped findings. */
export function renderPlanFindingsMarkdown(
  plan: PlanResult,
  ctx: ReportContext,
  options: MarkdownReportOptions
): string {
  const icon = plan.verdict === 'FAIL' ? '❌' : '⚠️'
  const parts: string[] = [`### ${icon} ${link(codeSpan(visiblePath(plan.file)), lineUrl(ctx, plan.file))}`]

  // The opening sentence already says what the gate findings say; listing them
  // again as bullets would repeat it, so their hints and rule links join it.
  const restated = restatedRules(plan)
  const folded = plan.findings.filter((finding) => restated.has(finding.ruleId))
  const listed = plan.findings.filter((finding) => !restated.has(finding.ruleId))
  const intro = [gateSentence(plan, ctx)]
  for (const hint of new Set(folded.map((finding) => finding.hint))) {
    const text = markdownWithCode(hint)
    if (text !== '') intro.push(text)
  }
  const foldedRules = [...new Map(folded.map((finding) => [finding.ruleId, finding])).values()]
  if (foldedRules.length > 0) intro.push(`· ${foldedRules.map(ruleLink).join(' · ')}`)
  if (options.showRubricSource) {
    intro.push(`Rubric ${codeSpan(plan.rubric)}: ${markdownText(plan.rubricSource)}.`)
  }
  parts.push(intro.join(' '))

  // When the list is capped, errors win the places: they are what blocks the merge.
  const limit = Math.max(0, options.maxFindingsPerPlan)
  const chosen = new Set(
    [...listed].sort((a, b) => severityRank(a) - severityRank(b) || byPosition(a, b)).slice(0, limit)
  )
  for (const [section, findings] of groupBySection(listed.filter((finding) => chosen.has(finding)))) {
    parts.push(
      `**${section === undefined ? GENERAL_SECTION : markdownText(section)}**\n` +
        findings.map((finding) => findingBullet(plan, finding, ctx)).join('\n')
    )
  }
  const hidden = listed.length - chosen.size
  if (hidden > 0) parts.push(hiddenNote(plan, hidden, ctx))
  const waived = plan.waived ?? []
  if (waived.length > 0) {
    // Waived findings are listed, never hidden, but capped like the rest: they block nothing.
    const shown = [...waived].sort(byPosition).slice(0, limit)
    const more = waived.length - shown.length
    parts.push(
      `**Waived** (${plural(waived.length, 'finding')}, not counted in the verdict)\n` +
        shown.map((finding) => waivedBullet(plan, finding, ctx)).join('\n') +
        (more > 0 ? `\n- …and ${more} more` : '')
    )
  }
  return parts.join('\n\n')
}

function waivedBullet(plan: PlanResult, finding: WaivedFinding, ctx: ReportContext): string {
  const where = lineLink(ctx, plan.file, finding.line, `L${finding.line}`)
  return `- ⏸️ ${where} ${markdownWithCode(finding.message)} · ${ruleLink(finding)} · ${markdownText(waiverNote(finding))}`
}

/** Gate findings whose statement `gateSentence` makes for this plan. */
function restatedRules(plan: PlanResult): ReadonlySet<string> {
  const gate = plan.declaredGate
  if (gate === null) return new Set(plan.gateRequired ? ['gate-missing'] : [])
  if (gate.value === 'PASS') return new Set(plan.verdict === 'FAIL' ? ['gate-contradiction'] : [])
  return new Set(gate.reason?.trim() ? ['gate-declared-fail'] : ['gate-declared-fail', 'gate-fail-reason'])
}

function gateSentence(plan: PlanResult, ctx: ReportContext): string {
  const gate = plan.declaredGate
  const counts = countFindings(plan.findings)
  if (gate === null) {
    if (plan.verdict === 'PASS') return `The plan passes, with ${describeCounts(counts, ' and ')} to consider.`
    return plan.gateRequired
      ? 'The plan does not declare a gate, and this rubric requires one.'
      : 'This rubric does not ask the plan to declare a gate; the findings below decide the verdict.'
  }
  const where = lineLink(ctx, plan.file, gate.line, `line ${gate.line}`)
  if (gate.value === 'FAIL') {
    const reason = gate.reason?.trim() ? gate.reason : null
    return reason === null
      ? `The plan declares **Gate: FAIL** (${where}) without giving a reason.`
      : `The plan declares **Gate: FAIL** (${where}): “${markdownWithCode(reason)}”`
  }
  if (plan.verdict === 'FAIL') return `The plan declares **Gate: PASS** (${where}), but ${contradiction(plan)}.`
  return `The plan declares **Gate: PASS** (${where}) and passes, with ${describeCounts(counts, ' and ')} to consider.`
}

/** Findings by section, sections in plan order, section-less findings first. */
function groupBySection(findings: readonly Finding[]): Array<[string | undefined, Finding[]]> {
  const groups = new Map<string | undefined, Finding[]>()
  const sorted = [...findings].sort(byPosition)
  // A section title that is blank once sanitised would render as `****`, a thematic break.
  const key = (finding: Finding) =>
    finding.section !== undefined && markdownText(finding.section) !== '' ? finding.section : undefined
  if (sorted.some((finding) => key(finding) === undefined)) groups.set(undefined, [])
  for (const finding of sorted) {
    const section = key(finding)
    const group = groups.get(section)
    if (group) group.push(finding)
    else groups.set(section, [finding])
  }
  return [...groups.entries()]
}

function ruleLink(finding: Finding): string {
  return link(codeSpan(finding.ruleId), safeHref(finding.url) ?? safeHref(ruleDocsUrl(finding.ruleId)))
}

function findingBullet(plan: PlanResult, finding: Finding, ctx: ReportContext): string {
  const icon = finding.severity === 'error' ? '❌' : '⚠️'
  const where = lineLink(ctx, plan.file, finding.line, `L${finding.line}`)
  const first = `- ${icon} ${where} ${markdownWithCode(finding.message)} · ${ruleLink(finding)}`
  const hint = markdownWithCode(finding.hint)
  // A backslash hard break shows the hint on its own line in comments and in
  // summaries alike (only comments turn plain newlines into breaks).
  return hint === '' ? first : `${first}\\\n  ${hint}`
}

function hiddenNote(plan: PlanResult, hidden: number, ctx: ReportContext): string {
  const summary = safeHref(ctx.jobSummaryUrl)
  const where = summary
    ? `the [job summary](${summary}) lists them all`
    : `${codeSpan(checkCommand(ctx, [plan.file]))} lists them all`
  return `…and ${plural(hidden, 'more finding')} not shown here; ${where}.`
}

function renderReproduce(plans: readonly PlanResult[], ctx: ReportContext): string {
  const refs = [...new Set(plans.map((plan) => rubricRef(ctx, plan)))]
  const named = refs.filter((ref): ref is string => ref !== null)
  const commands = [checkCommand(ctx, plans.map((plan) => plan.file)), ...named.map((ref) => templateCommand(ctx, ref))]
  const what = named.length > 0
    ? '`check` prints the same findings and `template` prints a skeleton with every part the rubric asks for:'
    : '`check` prints the same findings:'
  const inline = named.length < refs.length ? ['', 'An inline rubric in the config has no name a command line can use, so it has no `template` command.'] : []
  return [
    '<details><summary>How to reproduce and fix locally</summary>',
    '',
    `In a checkout of this branch, ${what}`,
    '',
    codeBlock(commands, 'sh'),
    ...inline,
    '',
    '</details>'
  ].join('\n')
}

function renderFooter(ctx: ReportContext): string {
  const parts = [`plan-gate ${markdownText(ctx.version)}`]
  if (ctx.configSource) parts.push(`rubrics from ${markdownText(ctx.configSource)}`)
  if (ctx.headSha) parts.push(`checked ${link(codeSpan(shortSha(ctx.headSha)), commitUrl(ctx))}`)
  const summary = safeHref(ctx.jobSummaryUrl)
  if (summary) parts.push(`[full report](${summary})`)
  parts.push(`[rules](${safeHref(DOCS_BASE_URL) ?? DOCS_BASE_URL})`)
  return `<sub>${parts.join(' · ')}</sub>`
}

function link(text: string, href: string | undefined): string {
  return href === undefined ? text : `[${text}](${href})`
}

function lineLink(ctx: ReportContext, file: string, line: number, text: string): string {
  return link(text, lineUrl(ctx, file, line))
}

// The CLI's report for people at a terminal: one block per plan, rows aligned
// so the eye can run down positions, severities and rule ids.
import type { Finding, PlanResult, RunResult } from '../engine/types.js'
import { byPosition, contradiction, countFindings, describeCounts, tallyGate, waiverNote } from './common.js'
import { terminalText, visiblePath } from './sanitize.js'

export interface TextOptions {
  /** ANSI colour; the CLI decides (TTY, `NO_COLOR`), this module never looks. */
  color: boolean
}

type Paint = (text: string) => string

interface Palette {
  bold: Paint
  dim: Paint
  red: Paint
  yellow: Paint
  green: Paint
}

function sgr(open: number, close: number): Paint {
  return (text) => `\u001B[${open}m${text}\u001B[${close}m`
}

const COLORS: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39)
}

const identity: Paint = (text) => text
const PLAIN: Palette = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity }

// Messages longer than this do not set the rule-id column; they run on past it,
// which reads better than padding every row out to the longest message.
const MESSAGE_COLUMN_CAP = 72

function width(text: string): number {
  return Array.from(text).length
}

function padEnd(text: string, to: number): string {
  return text + ' '.repeat(Math.max(0, to - width(text)))
}

export function renderText(result: RunResult, options: TextOptions): string {
  const paint = options.color ? COLORS : PLAIN
  const tally = tallyGate(result)
  if (tally.total === 0) {
    const mark = result.verdict === 'FAIL' ? paint.red('✖') : paint.dim('ℹ')
    return `${mark} No plan files matched, so there was nothing to check.\n`
  }
  const blocks = result.plans.map((plan) => renderPlan(plan, paint))
  const final =
    result.verdict === 'FAIL' ? paint.red(`✖ ${tally.text}`) : paint.green(`✔ ${tally.text}`)
  return `${blocks.join('\n')}\n${paint.bold(final)}\n`
}

function renderPlan(plan: PlanResult, paint: Palette): string {
  const lines: string[] = []
  const source = plan.rubricSource ? `: ${terminalText(plan.rubricSource)}` : ''
  lines.push(
    `${paint.bold(terminalText(visiblePath(plan.file)))}  ${paint.dim(`(rubric ${terminalText(plan.rubric)}${source})`)}`
  )

  const findings = [...plan.findings].sort(byPosition)
  const rows = findings.map((finding) => ({
    finding,
    position: `${finding.line}:${finding.column}`,
    message: terminalText(finding.message)
  }))
  // A loop, not Math.max(...rows): a plan with 200,000 findings would overflow the stack with that many arguments.
  let positionWidth = 0
  let messageWidth = 0
  for (const row of rows) {
    positionWidth = Math.max(positionWidth, width(row.position))
    const messageLength = width(row.message)
    if (messageLength <= MESSAGE_COLUMN_CAP) messageWidth = Math.max(messageWidth, messageLength)
  }
  for (const row of rows) {
    lines.push(
      `  ${paint.dim(padEnd(row.position, positionWidth))}  ${severityLabel(row.finding, paint)}  ` +
        `${padEnd(row.message, messageWidth)}  ${paint.dim(terminalText(row.finding.ruleId))}`
    )
  }

  for (const finding of [...(plan.waived ?? [])].sort(byPosition)) {
    lines.push(
      `  ${paint.dim(padEnd(`${finding.line}:${finding.column}`, positionWidth))}  ${paint.dim(padEnd('waived', 7))}  ` +
        `${padEnd(terminalText(finding.message), messageWidth)}  ${paint.dim(terminalText(finding.ruleId))}  ${paint.dim(`(${terminalText(waiverNote(finding))})`)}`
    )
  }

  const counts = countFindings(plan.findings)
  if (plan.verdict === 'PASS') {
    const note = plan.findings.length > 0 ? ` (${describeCounts(counts)})` : ''
    lines.push(`  ${paint.green('✔ PASS')}${note}`)
  } else {
    lines.push(`  ${paint.red('✖ FAIL')} (${describeCounts(counts)})`)
  }
  const gateNote = declaredGateNote(plan)
  if (gateNote) lines.push(`    ${gateNote}`)
  return `${lines.join('\n')}\n`
}

function severityLabel(finding: Finding, paint: Palette): string {
  // Padded before painting: escape codes have no width on screen.
  return finding.severity === 'error' ? paint.red(padEnd('error', 7)) : paint.yellow(padEnd('warning', 7))
}

// The finding that states the same thing, with its line, makes the note redundant.
function declaredGateNote(plan: PlanResult): string | undefined {
  const gate = plan.declaredGate
  if (gate === null) return undefined
  const restated = gate.value === 'FAIL' ? ['gate-declared-fail', 'gate-fail-reason'] : ['gate-contradiction']
  if (plan.findings.some((finding) => restated.includes(finding.ruleId))) return undefined
  if (gate.value === 'FAIL') {
    return gate.reason !== null && gate.reason.trim() !== ''
      ? `the plan declares Gate: FAIL (line ${gate.line}): “${terminalText(gate.reason)}”`
      : `the plan declares Gate: FAIL (line ${gate.line}) without a reason`
  }
  if (plan.verdict === 'FAIL') {
    return `the plan declares Gate: PASS (line ${gate.line}), but ${contradiction(plan)}`
  }
  return undefined
}

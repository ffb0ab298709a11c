// Bodies of inline review comments. The github layer appends the hidden
// fingerprint and decides where to post; this only says what the finding is.
import type { Finding } from '../engine/types.js'
import { ruleDocsUrl } from '../engine/docs-url.js'
import { ruleTitle } from './common.js'
import { safeHref, shortSha, type ReportContext } from './context.js'
import { codeSpan, markdownText, markdownWithCode } from './sanitize.js'

const RESOLVED_PREFIX = '✅ Resolved in '

/**
 * `❌ **Title** — message`, then the hint and the linked rule id on the next
 * line (review comments turn a newline into a line break).
 */
export function renderInlineComment(finding: Finding, ctx: ReportContext): string {
  // The context carries nothing an inline comment needs yet; taking it keeps
  // this signature in line with the other renderers.
  void ctx
  const icon = finding.severity === 'error' ? '❌' : '⚠️'
  const title = markdownText(ruleTitle(finding.ruleId))
  const href = safeHref(finding.url) ?? safeHref(ruleDocsUrl(finding.ruleId))
  const rule = codeSpan(finding.ruleId)
  const ruleLink = href === undefined ? rule : `[${rule}](${href})`
  const hint = markdownWithCode(finding.hint)
  const second = hint === '' ? ruleLink : `${hint} · ${ruleLink}`
  return `${icon} **${title}** — ${markdownWithCode(finding.message)}\n${second}`
}

/**
 * The body after the finding is gone: the old text struck through and the
 * commit that fixed it. Hidden markers (HTML comments, which plan text can
 * never produce because it is escaped) are kept, unstruck, at the end, so the
 * github layer still recognises the comment. Idempotent: a body that already
 * says it was resolved comes back unchanged, so re-runs keep the first fix.
 */
export function renderResolvedInlineComment(previousBody: string, headSha: string): string {
  const body = previousBody.replace(/\r\n?/g, '\n')
  if (body.split('\n').some((line) => line.startsWith(RESOLVED_PREFIX))) return previousBody
  const markers = body.match(/<!--[\s\S]*?-->/g) ?? []
  const visible = body.replace(/<!--[\s\S]*?-->/g, '')
  const struck = visible
    .split('\n')
    // A trailing backslash (hard break) or spaces would escape or split `~~`.
    .map((line) => line.replace(/(?:\\|\s)+$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => (/^~~.*~~$/.test(line) ? line : `~~${line}~~`))
  const sha = shortSha(headSha.trim())
  const shaText = /^[0-9a-f]{7}$/i.test(sha) ? `\`${sha}\`` : codeSpan(sha, { max: 40 })
  const lines = [...struck, '', `${RESOLVED_PREFIX}${shaText}.`]
  if (markers.length > 0) lines.push(...markers)
  return lines.join('\n')
}

/**
 * What renderers know about the run beyond the engine's result: where the
 * repository lives (for links), which commits were compared, and where the
 * configuration came from. Everything is optional except the version, so the
 * CLI can render the same reports offline, just without links.
 */
export interface ReportContext {
  /** plan-gate's own version, shown in footers and SARIF. */
  version: string
  /** Web address of the repository, e.g. `https://github.com/o/r`. */
  repoUrl?: string
  /** Commit the plans were read from; links point here so they never go stale. */
  headSha?: string
  baseSha?: string
  /** Where the rubric configuration came from, e.g. `.github/plan-gate.yml at base 3f2a1c0`. */
  configSource?: string
  /** Link to the job summary that holds the full report. */
  jobSummaryUrl?: string
}

/**
 * `value` when it is an absolute http(s) address, made safe to place in a
 * Markdown link destination; otherwise undefined so callers drop the link
 * rather than emit a broken or dangerous one.
 */
export function safeHref(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
  // Parentheses, brackets, pipes and the like would end the destination or
  // split a table cell; the URL parser leaves them alone, so encode them here.
  return url.href.replace(/[()[\]|<>"'`\\{}^]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}

function repoBase(ctx: ReportContext): string | undefined {
  const href = safeHref(ctx.repoUrl)
  return href?.replace(/\/+$/, '')
}

function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/**
 * `${repoUrl}/blob/${headSha}/${path}#L${line}`, with each path segment
 * encoded; the whole file when `line` is omitted. Undefined when the context
 * lacks the repository or commit, or when the path could not name a file in a
 * commit (empty, `.` or `..` segments would let the browser resolve the link
 * somewhere else on the host).
 */
export function lineUrl(ctx: ReportContext, file: string, line?: number): string | undefined {
  const base = repoBase(ctx)
  if (base === undefined || !ctx.headSha) return undefined
  const segments = file.split('/')
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return undefined
  }
  const path = segments.map(encodeSegment).join('/')
  const anchor = line !== undefined && Number.isInteger(line) && line >= 1 ? `#L${line}` : ''
  return `${base}/blob/${encodeSegment(ctx.headSha)}/${path}${anchor}`
}

/** Link to the checked commit, when the context knows it. */
export function commitUrl(ctx: ReportContext): string | undefined {
  const base = repoBase(ctx)
  if (base === undefined || !ctx.headSha) return undefined
  return `${base}/commit/${encodeSegment(ctx.headSha)}`
}

/** The usual 7-character abbreviation of a hex commit id; other text is returned as given. */
export function shortSha(sha: string): string {
  return /^[0-9a-f]{7,64}$/i.test(sha) ? sha.slice(0, 7) : sha
}

/**
 * What renderers know about the run beyond the engine's result: where the
 * repository lives (for links), which commits were compared, and where the
 * configuration came from. Everything is optional except the version, so the
 * CLI can render the same reports offline, just without links.
 */
import { shellArg } from './sanitize.js'

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
  /** What the local command needs to give the verdict this run gave; without it, a plain `check`. */
  reproduce?: Reproduce
}

/**
 * The options of the run that a bare `plan-gate check <plans>` would not
 * repeat. Leaving one out makes the local verdict differ from CI's.
 */
export interface Reproduce {
  /** The config file the run read, when it is not the CLI's default (`--config`). */
  config?: string
  /** A rubric that replaced the config's mapping (`--rubric`). */
  rubric?: string
  /** `--fail-on`, when not `error`. */
  failOn?: 'error' | 'warning' | 'never'
  /**
   * Per plan file, how a command line names its rubric: a preset name or a
   * rubric file's path. Null for an inline rubric, which only its config names.
   */
  rubricRefs?: Readonly<Record<string, string | null>>
}

/** `npx plan-gate@<version>`: the version that gave this verdict, not whatever is newest. */
export function npxCommand(ctx: ReportContext): string {
  return `npx ${shellArg(`plan-gate@${ctx.version}`)}`
}

/** The `check` command that repeats this run on `files` in a checkout. */
export function checkCommand(ctx: ReportContext, files: readonly string[]): string {
  const options: string[] = []
  const reproduce = ctx.reproduce ?? {}
  if (reproduce.config !== undefined) options.push('--config', shellArg(commandPath(reproduce.config)))
  if (reproduce.rubric !== undefined) options.push('--rubric', shellArg(reproduce.rubric))
  if (reproduce.failOn !== undefined && reproduce.failOn !== 'error') options.push('--fail-on', reproduce.failOn)
  return [npxCommand(ctx), 'check', ...options, ...files.map((file) => shellArg(commandPath(file)))].join(' ')
}

/**
 * How `template` names the rubric a plan was checked with: the `--rubric`
 * override, the config's reference, or (without one) the rubric's name, which
 * is a preset's. Null for an inline rubric: no command line can name it.
 */
export function rubricRef(ctx: ReportContext, plan: { file: string; rubric: string }): string | null {
  const reproduce = ctx.reproduce ?? {}
  if (reproduce.rubric !== undefined) return reproduce.rubric
  const ref = reproduce.rubricRefs?.[plan.file]
  return ref === undefined ? plan.rubric : ref
}

export function templateCommand(ctx: ReportContext, ref: string): string {
  return `${npxCommand(ctx)} template ${shellArg(commandPath(ref))}`
}

// A path starting with `-` would be read as an option.
function commandPath(file: string): string {
  return file.startsWith('-') ? `./${file}` : file
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

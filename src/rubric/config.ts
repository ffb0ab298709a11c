import { z } from 'zod'
import { DEFAULT_MAX_PLAN_BYTES } from '../engine/check.js'
import { ruleById, rules } from '../engine/rules/index.js'
import type { BaselineEntry, Waiver, WaiverPolicy } from '../engine/waivers.js'
import { closest, ConfigError, type ConfigProblem } from './errors.js'
import { globMatcher } from './glob.js'
import { RubricLoader, type ReadFile } from './load.js'
import { rubricSchema, type Rubric } from './schema.js'
import { parseYamlSource, problemAt, validateAt } from './yaml-source.js'

export const DEFAULT_PARSE_TIMEOUT_MS = 10_000

const globs = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)])

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    plans: z
      .array(
        z.strictObject({
          files: globs.describe('Globs of plan files, relative to the repository root.'),
          exclude: globs.optional().describe('Globs of files to leave out.'),
          rubric: z
            .union([z.string().trim().min(1), rubricSchema])
            .describe('A preset name, a path to a rubric file (relative to the repository root), or an inline rubric.')
        })
      )
      .min(1)
      .describe('Which rubric checks which plan files; the first entry that matches a file wins.'),
    waivers: z
      .array(
        z.strictObject({
          files: globs.describe('Globs of the plans the waiver covers, relative to the repository root.'),
          rule: z.string().trim().min(1).describe('Id of the rule whose findings it excuses.'),
          section: z.string().trim().min(1).optional().describe('Only findings in the plan section with this heading.'),
          match: z.string().trim().min(1).optional().describe('Only findings whose message contains this text (case-insensitive).'),
          reason: z.string().trim().min(1, 'a waiver needs a reason').describe('Why the findings are accepted; shown next to each waived finding.'),
          expires: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'write the date as YYYY-MM-DD')
            .refine((date) => !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date), 'not a real date')
            .optional()
            .describe('Last day the waiver holds (YYYY-MM-DD); after it, the waiver is an error and its findings count again.')
        })
      )
      .optional()
      .describe('Findings accepted for now, each with a reason; read from the base commit on pull requests, so a pull request cannot waive its own findings.'),
    baseline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe('A baseline file written by `plan-gate baseline` (relative to the repository root): findings it lists are shown as waived, so only new findings fail.'),
    limits: z
      .strictObject({
        maxPlanBytes: z.number().int().min(1024).max(64 * 1024 * 1024).optional().describe('Plans larger than this fail with plan-too-large (default 1 MiB).'),
        parseTimeoutMs: z.number().int().min(100).max(600_000).optional().describe('Time one plan may take to parse and check before it fails with plan-unparseable (default 10000).')
      })
      .optional()
  })
  .describe('plan-gate configuration (.github/plan-gate.yml).')

export type ConfigFile = z.infer<typeof configSchema>

export interface PlanMapping {
  files: string[]
  exclude: string[]
  rubric: Rubric
  matches(path: string): boolean
}

export interface ResolvedConfig {
  /** Where the mapping came from, for reports: the config path or "built-in defaults". */
  source: string
  mappings: PlanMapping[]
  maxPlanBytes: number
  parseTimeoutMs: number
  /** Waivers and baseline; empty lists when the config has none. */
  policy: WaiverPolicy
}

export interface RubricChoice {
  rubric: Rubric
  /** Why this rubric applies, shown next to each plan. */
  reason: string
}

const BUILT_IN: Array<{ files: string; rubric: string }> = [
  { files: '**/.spec-dev/**/*plan.md', rubric: 'spec-dev' },
  { files: '**/.specify/specs/**/plan.md', rubric: 'specflow' },
  { files: '**/plan.md', rubric: 'generic' }
]

function matcher(include: string[], exclude: string[]): (path: string) => boolean {
  const included = globMatcher(include)
  const excluded = exclude.length > 0 ? globMatcher(exclude) : () => false
  return (path) => included(path) && !excluded(path)
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

export async function builtInConfig(): Promise<ResolvedConfig> {
  const loader = new RubricLoader(async () => null)
  const mappings: PlanMapping[] = []
  for (const entry of BUILT_IN) {
    mappings.push({ files: [entry.files], exclude: [], rubric: await loader.load(entry.rubric, null), matches: matcher([entry.files], []) })
  }
  return { source: 'built-in defaults', mappings, maxPlanBytes: DEFAULT_MAX_PLAN_BYTES, parseTimeoutMs: DEFAULT_PARSE_TIMEOUT_MS, policy: emptyPolicy('built-in defaults') }
}

/**
 * Loads a config from its text; `text === null` means there is no config file
 * and the built-in defaults apply. Every problem is a located ConfigError.
 */
export async function loadConfig(file: string, text: string | null, readFile: ReadFile): Promise<ResolvedConfig> {
  if (text === null) return builtInConfig()
  const { source, value } = parseYamlSource(file, text)
  if (value === null || value === undefined) {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: 'the config file is empty; it needs a "plans" list (or delete it to use the built-in defaults)' }])
  }
  const config = validateAt(configSchema, source, [], value)
  const loader = new RubricLoader(readFile)
  const mappings: PlanMapping[] = []
  const problems: ConfigProblem[] = []
  for (const [index, entry] of config.plans.entries()) {
    const files = toList(entry.files)
    const exclude = toList(entry.exclude)
    const site = { source, path: ['plans', index, 'rubric'] }
    for (const [globIndex, glob] of files.entries()) {
      if (glob.startsWith('/') || glob.split('/').includes('..')) {
        problems.push(problemAt(source, Array.isArray(entry.files) ? ['plans', index, 'files', globIndex] : ['plans', index, 'files'], `"${glob}" is outside the repository; globs are relative to the repository root`))
      }
    }
    try {
      const rubric =
        typeof entry.rubric === 'string'
          ? await loader.load(entry.rubric, site)
          : await loader.loadInline((value as { plans: Array<{ rubric: unknown }> }).plans[index]!.rubric, site, `inline rubric of plans[${index}]`)
      mappings.push({ files, exclude, rubric, matches: matcher(files, exclude) })
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  const waivers = checkWaivers(config.waivers ?? [], source, problems)
  const baseline = config.baseline === undefined ? [] : await loadBaseline(config.baseline, readFile, source, problems)
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    source: file,
    mappings,
    maxPlanBytes: config.limits?.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES,
    parseTimeoutMs: config.limits?.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS,
    policy: { waivers, baseline, source: file, ...(config.baseline !== undefined ? { baselineFile: config.baseline } : {}) }
  }
}

export function emptyPolicy(source: string): WaiverPolicy {
  return { waivers: [], baseline: [], source }
}

type ParsedWaiver = NonNullable<ConfigFile['waivers']>[number]

function checkWaivers(entries: readonly ParsedWaiver[], source: Parameters<typeof problemAt>[0], problems: ConfigProblem[]): Waiver[] {
  const waivers: Waiver[] = []
  for (const [index, entry] of entries.entries()) {
    if (!ruleById(entry.rule)) {
      const suggestion = closest(entry.rule, rules.map((rule) => rule.id))
      problems.push(problemAt(source, ['waivers', index, 'rule'], `"${entry.rule}" is not a rule id${suggestion ? `; did you mean "${suggestion}"?` : ''}`))
      continue
    }
    const files = toList(entry.files)
    for (const [globIndex, glob] of files.entries()) {
      if (glob.startsWith('/') || glob.split('/').includes('..')) {
        problems.push(problemAt(source, Array.isArray(entry.files) ? ['waivers', index, 'files', globIndex] : ['waivers', index, 'files'], `"${glob}" is outside the repository; globs are relative to the repository root`))
      }
    }
    waivers.push({
      files,
      rule: entry.rule,
      reason: entry.reason,
      ...(entry.section !== undefined ? { section: entry.section } : {}),
      ...(entry.match !== undefined ? { match: entry.match } : {}),
      ...(entry.expires !== undefined ? { expires: entry.expires } : {})
    })
  }
  return waivers
}

const baselineSchema = z.strictObject({
  version: z.literal(1),
  findings: z.array(z.strictObject({ file: z.string().min(1), rule: z.string().min(1), fingerprint: z.string().regex(/^[0-9a-f]{20}$/) }))
})

/** The baseline named by the config; a missing or malformed one fails the check rather than silently waiving nothing. */
async function loadBaseline(file: string, readFile: ReadFile, source: Parameters<typeof problemAt>[0], problems: ConfigProblem[]): Promise<BaselineEntry[]> {
  if (file.startsWith('/') || file.split('/').includes('..')) {
    problems.push(problemAt(source, ['baseline'], `"${file}" is outside the repository; the path is relative to the repository root`))
    return []
  }
  const text = await readFile(file)
  if (text === null) {
    problems.push(problemAt(source, ['baseline'], `the baseline file "${file}" does not exist; write it with "plan-gate baseline", or remove the "baseline" key`))
    return []
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    problems.push({ file, line: 1, column: 1, path: '', message: `not valid JSON (${error instanceof Error ? error.message : String(error)}); regenerate it with "plan-gate baseline"` })
    return []
  }
  const parsed = baselineSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    problems.push({ file, line: 1, column: 1, path: issue.path.map(String).join('.'), message: `not a plan-gate baseline (${issue.message}); regenerate it with "plan-gate baseline"` })
    return []
  }
  return parsed.data.findings
}

/** The rubric for a repository-relative path: the first mapping that matches, or null when none does. */
export function rubricFor(config: ResolvedConfig, path: string): RubricChoice | null {
  for (const mapping of config.mappings) {
    if (!mapping.matches(path)) continue
    const glob = mapping.files.find((pattern) => globMatcher(pattern)(path)) ?? mapping.files[0]
    const where = config.source === 'built-in defaults' ? 'built-in default' : `in ${config.source}`
    return { rubric: mapping.rubric, reason: `matched ${glob} (${where})` }
  }
  return null
}

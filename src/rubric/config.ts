import picomatch from 'picomatch'
import { z } from 'zod'
import { DEFAULT_MAX_PLAN_BYTES } from '../engine/check.js'
import { ConfigError, type ConfigProblem } from './errors.js'
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
  /** The rubric as the config names it, a preset or a rubric file's path; null for an inline rubric. */
  ref: string | null
  matches(path: string): boolean
}

export interface ResolvedConfig {
  /** Where the mapping came from, for reports: the config path or "built-in defaults". */
  source: string
  mappings: PlanMapping[]
  maxPlanBytes: number
  parseTimeoutMs: number
}

export interface RubricChoice {
  rubric: Rubric
  /** How a command line names this rubric (see PlanMapping.ref); null when only the config can. */
  ref?: string | null
  /** Why this rubric applies, shown next to each plan. */
  reason: string
}

const BUILT_IN: Array<{ files: string; rubric: string }> = [
  { files: '**/.spec-dev/**/*plan.md', rubric: 'spec-dev' },
  { files: '**/.specify/specs/**/plan.md', rubric: 'specflow' },
  { files: '**/plan.md', rubric: 'generic' }
]

function matcher(include: string[], exclude: string[]): (path: string) => boolean {
  // dot: plans live under dot-directories such as .spec-dev and .specify.
  const options = { dot: true }
  const included = picomatch(include, options)
  const excluded = exclude.length > 0 ? picomatch(exclude, options) : () => false
  return (path) => included(path) && !excluded(path)
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

export async function builtInConfig(): Promise<ResolvedConfig> {
  const loader = new RubricLoader(async () => null)
  const mappings: PlanMapping[] = []
  for (const entry of BUILT_IN) {
    mappings.push({ files: [entry.files], exclude: [], rubric: await loader.load(entry.rubric, null), ref: entry.rubric, matches: matcher([entry.files], []) })
  }
  return { source: 'built-in defaults', mappings, maxPlanBytes: DEFAULT_MAX_PLAN_BYTES, parseTimeoutMs: DEFAULT_PARSE_TIMEOUT_MS }
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
      mappings.push({ files, exclude, rubric, ref: typeof entry.rubric === 'string' ? entry.rubric : null, matches: matcher(files, exclude) })
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    source: file,
    mappings,
    maxPlanBytes: config.limits?.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES,
    parseTimeoutMs: config.limits?.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS
  }
}

/** The rubric for a repository-relative path: the first mapping that matches, or null when none does. */
export function rubricFor(config: ResolvedConfig, path: string): RubricChoice | null {
  for (const mapping of config.mappings) {
    if (!mapping.matches(path)) continue
    const glob = mapping.files.find((pattern) => picomatch(pattern, { dot: true })(path)) ?? mapping.files[0]
    const where = config.source === 'built-in defaults' ? 'built-in default' : `in ${config.source}`
    return { rubric: mapping.rubric, ref: mapping.ref, reason: `matched ${glob} (${where})` }
  }
  return null
}

import { z } from 'zod'
import { DEFAULT_MAX_PLAN_BYTES } from '../engine/check.js'
import { ruleById, rules } from '../engine/rules/index.js'
import type { BaselineEntry, Waiver, WaiverPolicy } from '../engine/waivers.js'
import { closest, ConfigError, type ConfigProblem } from './errors.js'
import { globMatcher } from './glob.js'
import { RubricLoader, type ReadFile } from './load.js'
import { builtOnce, rubricSchema, type Rubric } from './schema.js'
import { checkSignal, compileSignature, whenSchema, type Signature, type WhenInput } from './signature.js'
import { PatternError } from '../engine/patterns.js'
import { parseYamlSource, problemAt, validateAt } from './yaml-source.js'

export const DEFAULT_PARSE_TIMEOUT_MS = 10_000

// Built at first use, as the rubric schemas are (builtOnce, schema.ts): a repository without a config file never needs it.
function defineConfigSchema() {
  const globs = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)])

  const configSchema = z
    .strictObject({
      $schema: z.string().optional(),
      plans: z
        .array(
          z.strictObject({
            files: globs.describe('Globs of plan files, relative to the repository root.'),
            exclude: globs.optional().describe('Globs of files to leave out.'),
            when: whenSchema().optional(),
            rubric: z
              .union([z.string().trim().min(1), rubricSchema()])
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
  return configSchema
}

/** The schema of `.github/plan-gate.yml`. */
export const configSchema = builtOnce(defineConfigSchema)

export type ConfigFile = z.infer<ReturnType<typeof configSchema>>

export interface PlanMapping {
  files: string[]
  exclude: string[]
  rubric: Rubric
  /** The rubric as the config names it, a preset or a rubric file's path; null for an inline rubric. */
  ref: string | null
  /** Whether the path is one this entry's globs take (its signature aside). */
  matches(path: string): boolean
  /** Content signatures the file must show for this entry to apply. */
  when?: Signature
  /** Why this mapping's rubric, when more than its glob says (a derived rubric). */
  reason?: string
}

export interface ResolvedConfig {
  /** Where the mapping came from, for reports: the config path or "built-in defaults". */
  source: string
  mappings: PlanMapping[]
  /** The rubric for a file some entry's globs take although no entry's signature holds for it. */
  fallback: Rubric
  maxPlanBytes: number
  parseTimeoutMs: number
  /** Waivers and baseline; empty lists when the config has none. */
  policy: WaiverPolicy
}

export interface RubricChoice {
  rubric: Rubric
  /** How a command line names this rubric (see PlanMapping.ref); null when only the config can. */
  ref?: string | null
  /** Why this rubric applies, shown next to each plan. */
  reason: string
}

// The built-in mapping, written as a config would be. Paths decide where they
// can (.spec-dev is spec-dev's own directory); where a directory is shared by
// formats (`specs/` by spec-kit and its offshoots, `.specify/specs/` by
// spec-kit and SpecFlow) the plan's own headings and header lines decide.
// Signs are kept to what each format's template writes, with the translations
// its users write. A spec-kit section heading is enough; the title alone is
// not (offshoots of spec-kit keep "# Implementation Plan:" and nothing else of
// its template), so it counts together with spec-kit's header line.
const SPEC_KIT_HEADINGS: WhenInput = {
  anyOf: [
    'Technical Context',
    'Constitution Check',
    'Contexto Técnico',
    'Contexte technique',
    'Technischer Kontext',
    '技術コンテキスト',
    '技术背景',
    '技术上下文',
    '기술 컨텍스트',
    'Bối cảnh Kỹ thuật',
    'Verificação constitucional',
    'Verificación de la Constitución',
    '憲法準拠チェック',
    '宪法检查',
    'Kiểm tra Hiến pháp'
  ].map((heading) => ({ heading }))
}

const SPEC_KIT_HEADER: WhenInput = {
  allOf: [
    {
      line: String.raw`^#\s+(?:implementation plan|plano de implementa[cç][aã]o|plan de implementaci[oó]n|plan d'impl[eé]mentation|implementierungsplan|実装計画|实施计划|實施計劃|实现计划|구현 계획|kế hoạch triển khai)\s*[:：]`,
      name: '"# Implementation Plan:" title'
    }
  ],
  anyOf: [
    // spec-kit's header: the branch in backticks or followed by "| **Date**: …", and the spec it was planned from.
    { line: String.raw`^\*\*(?:Branch|Rama|Ramo|ブランチ|分支|브랜치)\*\*\s*[:：]\s*(?:` + '`' + String.raw`|.*\|)`, name: '"**Branch**:" header line' },
    { line: String.raw`^\*\*(?:Input|Entrada|入力|输入|입력)\*\*\s*[:：].*(?:spec|仕様|规格|规范|명세|especifica)`, name: '"**Input**:" header line' }
  ]
}

// SpecFlow's Step 2 plan: the parts its playbook names, as its plans write them.
// Tried after spec-kit's signs, whose Technical Context SpecFlow plans lack.
const SPECFLOW_SIGNS: WhenInput = {
  anyOf: ['Failure Modes', 'Failure Mode Analysis', 'Error Handling Strategy', 'Design Principles', 'API/Interface Design', 'API Contracts', 'Requirement Mapping', 'Implementation Phases'].map(
    (heading) => ({ heading })
  ),
  atLeast: 2
}

export const BUILT_IN_MAPPING: ReadonlyArray<{ files: string[]; when?: WhenInput; rubric: string; exclude?: string[] }> = [
  { files: ['**/.spec-dev/**/*plan.md'], rubric: 'spec-dev' },
  { files: ['**/specs/*/plan.md', '**/.specify/specs/**/plan.md'], when: SPEC_KIT_HEADINGS, rubric: 'spec-kit' },
  { files: ['**/specs/*/plan.md', '**/.specify/specs/**/plan.md'], when: SPEC_KIT_HEADER, rubric: 'spec-kit' },
  { files: ['**/.specify/specs/**/plan.md'], when: SPECFLOW_SIGNS, rubric: 'specflow' },
  // SpecFlow's own directory: a plan there that shows neither format's signs keeps SpecFlow's stricter checks.
  { files: ['**/.specify/specs/**/plan.md'], rubric: 'specflow' },
  // Archived changes are history: moving a change into the archive must not re-judge it.
  { files: ['**/openspec/changes/*/design.md'], rubric: 'openspec', exclude: ['**/openspec/changes/archive/**'] },
  { files: ['**/.kiro/specs/*/design.md'], rubric: 'kiro' },
  { files: ['**/plan.md'], rubric: 'generic' }
]

function matcher(include: string[], exclude: string[]): (path: string) => boolean {
  const included = globMatcher(include)
  const excluded = exclude.length > 0 ? globMatcher(exclude) : () => false
  return (path) => included(path) && !excluded(path)
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** spec-kit's plan template: a repository that has one gets it as the rubric of its spec-kit plans. */
export const SPEC_KIT_TEMPLATE = '.specify/templates/plan-template.md'
const SPEC_KIT_PLANS = 'specs/*/plan.md'

/**
 * The defaults. With `readFile`, a spec-kit repository's own plan template
 * (read like any rubric file: from the base commit on pull requests) becomes
 * the rubric of its plans, and the report says so.
 */
export async function builtInConfig(readRepoFile: ReadFile = async () => null): Promise<ResolvedConfig> {
  // The template is looked for, then loaded: one read (one API request in the action) serves both.
  const read = new Map<string, Promise<string | null>>()
  const readFile: ReadFile = (path) => {
    let text = read.get(path)
    if (!text) read.set(path, (text = readRepoFile(path)))
    return text
  }
  const loader = new RubricLoader(readFile)
  const mappings: PlanMapping[] = []
  const template = await readFile(SPEC_KIT_TEMPLATE)
  if (template !== null) {
    const rubric = await loader.loadInline({ template: SPEC_KIT_TEMPLATE }, { source: parseYamlSource('plan-gate', '{}').source, path: [] }, 'plan-template')
    mappings.push({ files: [SPEC_KIT_PLANS], exclude: [], rubric, matches: matcher([SPEC_KIT_PLANS], []), ref: null, reason: `rubric derived from ${SPEC_KIT_TEMPLATE}` })
  }
  for (const entry of BUILT_IN_MAPPING) {
    const exclude = entry.exclude ?? []
    mappings.push({
      files: entry.files,
      exclude,
      rubric: await loader.load(entry.rubric, null),
      ref: entry.rubric,
      matches: matcher(entry.files, exclude),
      ...(entry.when ? { when: compileSignature(entry.when) } : {})
    })
  }
  return {
    source: 'built-in defaults',
    mappings,
    fallback: await loader.load('generic', null),
    maxPlanBytes: DEFAULT_MAX_PLAN_BYTES,
    parseTimeoutMs: DEFAULT_PARSE_TIMEOUT_MS,
    policy: emptyPolicy('built-in defaults')
  }
}

/**
 * Loads a config from its text; `text === null` means there is no config file
 * and the built-in defaults apply. Every problem is a located ConfigError.
 */
export async function loadConfig(file: string, text: string | null, readFile: ReadFile): Promise<ResolvedConfig> {
  if (text === null) return builtInConfig(readFile)
  const { source, value } = parseYamlSource(file, text)
  if (value === null || value === undefined) {
    throw new ConfigError([{ file, line: 1, column: 1, path: '', message: 'the config file is empty; it needs a "plans" list (or delete it to use the built-in defaults)' }])
  }
  const config = validateAt(configSchema(), source, [], value)
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
    let when: Signature | undefined
    if (entry.when) {
      const at = ['plans', index, 'when']
      if (!entry.when.anyOf && !entry.when.allOf) problems.push(problemAt(source, at, 'needs "anyOf" or "allOf": the signs a file must show'))
      if (entry.when.atLeast !== undefined && entry.when.atLeast > (entry.when.anyOf?.length ?? 0)) {
        problems.push(problemAt(source, [...at, 'atLeast'], `asks for ${entry.when.atLeast} signs but "anyOf" lists ${entry.when.anyOf?.length ?? 0}`))
      }
      for (const list of ['anyOf', 'allOf'] as const) {
        entry.when[list]?.forEach((signal, signalIndex) => {
          if (!('line' in signal)) return
          try {
            checkSignal(signal)
          } catch (error) {
            if (!(error instanceof PatternError)) throw error
            problems.push(problemAt(source, [...at, list, signalIndex, 'line'], `invalid RE2 pattern: ${error.message}`))
          }
        })
      }
      if (problems.length === 0) when = compileSignature(entry.when)
    }
    try {
      const rubric =
        typeof entry.rubric === 'string'
          ? await loader.load(entry.rubric, site)
          : await loader.loadInline((value as { plans: Array<{ rubric: unknown }> }).plans[index]!.rubric, site, `inline rubric of plans[${index}]`)
      mappings.push({ files, exclude, rubric, ref: typeof entry.rubric === 'string' ? entry.rubric : null, matches: matcher(files, exclude), ...(when ? { when } : {}) })
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
    fallback: await loader.load('generic', null),
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

function baselineSchema() {
  return z.strictObject({
    version: z.literal(1),
    findings: z.array(z.strictObject({ file: z.string().min(1), rule: z.string().min(1), fingerprint: z.string().regex(/^[0-9a-f]{20}$/) }))
  })
}

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
  const parsed = baselineSchema().safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    problems.push({ file, line: 1, column: 1, path: issue.path.map(String).join('.'), message: `not a plan-gate baseline (${issue.message}); regenerate it with "plan-gate baseline"` })
    return []
  }
  return parsed.data.findings
}

/** Whether some entry's globs take the path: such a file is a plan, whatever its content. */
export function isPlanPath(config: ResolvedConfig, path: string): boolean {
  return config.mappings.some((mapping) => mapping.matches(path))
}

/**
 * The rubric for a repository-relative path: the first entry whose globs take
 * it and whose signature (if any) its content shows. Without content, entries
 * with a signature cannot apply. A path some entry takes but whose signs match
 * no entry is still a plan, checked with the generic rubric (never skipped);
 * null only when no entry's globs take the path.
 */
export function rubricFor(config: ResolvedConfig, path: string, content: string | Uint8Array | null = null): RubricChoice | null {
  const where = config.source === 'built-in defaults' ? 'built-in default' : `in ${config.source}`
  let text: string | null = null
  let candidate: PlanMapping | null = null
  for (const mapping of config.mappings) {
    if (!mapping.matches(path)) continue
    const glob = mapping.files.find((pattern) => globMatcher(pattern)(path)) ?? mapping.files[0]
    if (!mapping.when) return { rubric: mapping.rubric, ref: mapping.ref, reason: `matched ${glob} (${mapping.reason ? `${mapping.reason}, ` : ''}${where})` }
    candidate ??= mapping
    if (content === null) continue
    text ??= typeof content === 'string' ? content : new TextDecoder().decode(content)
    const signs = mapping.when.test(text)
    if (signs) return { rubric: mapping.rubric, ref: mapping.ref, reason: `matched ${glob} + ${signs[0]} → ${mapping.rubric.name} (${where})` }
  }
  if (!candidate) return null
  const glob = candidate.files.find((pattern) => globMatcher(pattern)(path)) ?? candidate.files[0]
  return {
    rubric: config.fallback,
    ref: 'generic',
    reason: `matched ${glob} (${where}) without the content signs that entry asks for${content === null ? ' (content not read)' : ''}; no other entry matches, so the generic rubric applies`
  }
}

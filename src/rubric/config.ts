import picomatch from 'picomatch'
import { z } from 'zod'
import { DEFAULT_MAX_PLAN_BYTES } from '../engine/check.js'
import { ConfigError, type ConfigProblem } from './errors.js'
import { RubricLoader, type ReadFile } from './load.js'
import { rubricSchema, type Rubric } from './schema.js'
import { compileSignature, whenSchema, type Signature, type WhenInput } from './signature.js'
import { PatternError } from '../engine/patterns.js'
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
          when: whenSchema.optional(),
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
  /** Whether the path is one this entry's globs take (its signature aside). */
  matches(path: string): boolean
  /** Content signatures the file must show for this entry to apply. */
  when?: Signature
}

export interface ResolvedConfig {
  /** Where the mapping came from, for reports: the config path or "built-in defaults". */
  source: string
  mappings: PlanMapping[]
  /** The rubric for a file some entry's globs take although no entry's signature holds for it. */
  fallback: Rubric
  maxPlanBytes: number
  parseTimeoutMs: number
}

export interface RubricChoice {
  rubric: Rubric
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

export const BUILT_IN_MAPPING: ReadonlyArray<{ files: string[]; when?: WhenInput; rubric: string }> = [
  { files: ['**/.spec-dev/**/*plan.md'], rubric: 'spec-dev' },
  { files: ['**/specs/*/plan.md', '**/.specify/specs/**/plan.md'], when: SPEC_KIT_HEADINGS, rubric: 'spec-kit' },
  { files: ['**/specs/*/plan.md', '**/.specify/specs/**/plan.md'], when: SPEC_KIT_HEADER, rubric: 'spec-kit' },
  { files: ['**/.specify/specs/**/plan.md'], when: SPECFLOW_SIGNS, rubric: 'specflow' },
  // SpecFlow's own directory: a plan there that shows neither format's signs keeps SpecFlow's stricter checks.
  { files: ['**/.specify/specs/**/plan.md'], rubric: 'specflow' },
  { files: ['**/plan.md'], rubric: 'generic' }
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
  for (const entry of BUILT_IN_MAPPING) {
    mappings.push({
      files: entry.files,
      exclude: [],
      rubric: await loader.load(entry.rubric, null),
      matches: matcher(entry.files, []),
      ...(entry.when ? { when: compileSignature(entry.when) } : {})
    })
  }
  return {
    source: 'built-in defaults',
    mappings,
    fallback: await loader.load('generic', null),
    maxPlanBytes: DEFAULT_MAX_PLAN_BYTES,
    parseTimeoutMs: DEFAULT_PARSE_TIMEOUT_MS
  }
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
            compileSignature({ allOf: [signal] })
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
      mappings.push({ files, exclude, rubric, matches: matcher(files, exclude), ...(when ? { when } : {}) })
    } catch (error) {
      if (error instanceof ConfigError) problems.push(...error.problems)
      else throw error
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    source: file,
    mappings,
    fallback: await loader.load('generic', null),
    maxPlanBytes: config.limits?.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES,
    parseTimeoutMs: config.limits?.parseTimeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS
  }
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
    const glob = mapping.files.find((pattern) => picomatch(pattern, { dot: true })(path)) ?? mapping.files[0]
    if (!mapping.when) return { rubric: mapping.rubric, reason: `matched ${glob} (${where})` }
    candidate ??= mapping
    if (content === null) continue
    text ??= typeof content === 'string' ? content : new TextDecoder().decode(content)
    const signs = mapping.when.test(text)
    if (signs) return { rubric: mapping.rubric, reason: `matched ${glob} + ${signs[0]} → ${mapping.rubric.name} (${where})` }
  }
  if (!candidate) return null
  const glob = candidate.files.find((pattern) => picomatch(pattern, { dot: true })(path)) ?? candidate.files[0]
  return {
    rubric: config.fallback,
    reason: `matched ${glob} (${where}) without the content signs that entry asks for${content === null ? ' (content not read)' : ''}; no other entry matches, so the generic rubric applies`
  }
}

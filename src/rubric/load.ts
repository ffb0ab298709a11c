import { closest, ConfigError, type ConfigProblem } from './errors.js'
import { presets } from './presets/index.js'
import { finalizeRubric, layerProblems, mergeLayers, type Locate } from './resolve.js'
import { rubricSchema, type Rubric, type RubricFile } from './schema.js'
import { parseYamlSource, problemAt, validateAt, type YamlSource } from './yaml-source.js'
import { normalizeRepoPath } from './repo-path.js'
import { rubricFromTemplate } from './from-template.js'

/**
 * Reads a repository file by repository-relative path; null when it does not
 * exist. The CLI reads the working tree, the action the base commit through
 * the API: loading never touches the file system itself.
 */
export type ReadFile = (path: string) => Promise<string | null>

const MAX_EXTENDS_DEPTH = 10

/** Where a rubric reference was written, for locating problems with it. */
export interface RefSite {
  source: YamlSource
  path: readonly PropertyKey[]
}

export class RubricLoader {
  private readonly cache = new Map<string, Promise<RubricFile>>()

  constructor(private readonly readFile: ReadFile) {}

  /** A rubric named in a config (`rubric: spec-dev` or `rubric: rubrics/team.yml`). */
  async load(ref: string, site: RefSite | null): Promise<Rubric> {
    const file = await this.layerFor(ref, site, [])
    return this.withCompanions(finalizeRubric(file, rubricNameOf(ref)), site)
  }

  /** An inline rubric object written inside the config file. */
  async loadInline(value: unknown, site: RefSite, fallbackName: string): Promise<Rubric> {
    const file = await this.resolveLayer(value, site.source, site.path, [`${site.source.file}#inline`])
    return this.withCompanions(finalizeRubric(file, fallbackName), site)
  }

  /**
   * Loads the rubric each companion names. A companion's own companions are
   * not followed: siblings are checked once, beside the plan that names them.
   */
  private async withCompanions(rubric: Rubric, site: RefSite | null): Promise<Rubric> {
    for (const companion of rubric.companions) {
      if (!companion.rubricRef) continue
      const file = await this.layerFor(companion.rubricRef, site, [])
      companion.rubric = { ...finalizeRubric(file, rubricNameOf(companion.rubricRef)), companions: [], references: [] }
    }
    return rubric
  }

  private layerFor(ref: string, site: RefSite | null, stack: readonly string[]): Promise<RubricFile> {
    const key = isPath(ref) ? normalizeRepoPath(ref) ?? ref : ref
    if (stack.includes(key)) {
      return Promise.reject(new ConfigError([locateRef(site, `"extends" cycle: ${[...stack, key].join(' → ')}`)]))
    }
    if (stack.length >= MAX_EXTENDS_DEPTH) {
      return Promise.reject(new ConfigError([locateRef(site, `"extends" is nested more than ${MAX_EXTENDS_DEPTH} levels deep`)]))
    }
    // Cycles are detected above before the cache could hand back a pending load of the same chain.
    const cached = this.cache.get(key)
    if (cached) return cached
    const loading = this.loadLayer(ref, key, site, [...stack, key])
    this.cache.set(key, loading)
    return loading
  }

  private async loadLayer(ref: string, key: string, site: RefSite | null, stack: readonly string[]): Promise<RubricFile> {
    if (!isPath(ref)) {
      const preset = presets.get(ref)
      if (!preset) {
        const suggestion = closest(ref, [...presets.keys()])
        throw new ConfigError([
          locateRef(site, `unknown preset "${ref}"${suggestion ? `; did you mean "${suggestion}"?` : `; presets are ${[...presets.keys()].join(', ')}`} (a rubric file path ends in .yml or .yaml)`)
        ])
      }
      return this.resolveLayer(preset, null, [], stack, { trusted: true })
    }
    const path = normalizeRepoPath(ref)
    if (path === null) {
      throw new ConfigError([locateRef(site, `"${ref}" is outside the repository; rubric paths are relative to the repository root`)])
    }
    let text: string | null
    try {
      text = await this.readFile(path)
    } catch (error) {
      throw new ConfigError([locateRef(site, `cannot read rubric file "${path}": ${error instanceof Error ? error.message : String(error)}`)])
    }
    if (text === null) throw new ConfigError([locateRef(site, `rubric file "${path}" not found`)])
    const { source, value } = parseYamlSource(path, text)
    return this.resolveLayer(value, source, [], stack)
  }

  /** The rubric a plan template implies, read like any rubric file (from the base commit in the action). */
  private async templateLayer(ref: string, site: RefSite | null): Promise<RubricFile> {
    const path = normalizeRepoPath(ref)
    if (path === null) throw new ConfigError([locateRef(site, `"${ref}" is outside the repository; template paths are relative to the repository root`)])
    let text: string | null
    try {
      text = await this.readFile(path)
    } catch (error) {
      throw new ConfigError([locateRef(site, `cannot read template "${path}": ${error instanceof Error ? error.message : String(error)}`)])
    }
    if (text === null) throw new ConfigError([locateRef(site, `template "${path}" not found`)])
    const derived = rubricFromTemplate(text, path)
    // Derived rubrics are checked like any other layer, so a template that yields a bad pattern is a located problem.
    return this.resolveLayer(derived, null, [], [`template:${path}`])
  }

  /**
   * A trusted layer is a built-in preset: its schema parse and layer checks are
   * skipped, because the preset test runs both on every preset and requires the
   * parse to return the preset unchanged and the checks to find nothing. That
   * validation, with the RE2 compile of every pattern of every preset, was a
   * sixth of a one-plan run.
   */
  private async resolveLayer(value: unknown, source: YamlSource | null, basePath: readonly PropertyKey[], stack: readonly string[], { trusted = false } = {}): Promise<RubricFile> {
    const layer: RubricFile = trusted ? (value as RubricFile) : source ? validateAt(rubricSchema(), source, basePath, value) : rubricSchema().parse(value)
    const parents = layer.extends === undefined ? [] : Array.isArray(layer.extends) ? layer.extends : [layer.extends]
    let base: RubricFile = {}
    for (const [index, parent] of parents.entries()) {
      const parentPath = Array.isArray(layer.extends) ? [...basePath, 'extends', index] : [...basePath, 'extends']
      base = mergeLayers(base, await this.layerFor(parent, source ? { source, path: parentPath } : null, stack))
    }
    if (layer.template !== undefined) {
      const templatePath = [...basePath, 'template']
      base = mergeLayers(base, await this.templateLayer(layer.template, source ? { source, path: templatePath } : null))
    }
    const merged = mergeLayers(base, layer)
    const locate: Locate = (path, message, key) =>
      source ? problemAt(source, [...basePath, ...path], message, key) : { file: `preset:${layer.name ?? 'unknown'}`, line: 1, column: 1, path: '', message }
    const problems = trusted ? [] : layerProblems(base, layer, merged, locate)
    if (problems.length > 0) throw new ConfigError(problems)
    return merged
  }
}

function locateRef(site: RefSite | null, message: string): ConfigProblem {
  return site ? problemAt(site.source, site.path, message) : { file: 'plan-gate', line: 1, column: 1, path: '', message }
}

/** A rubric reference is a file path when it names a YAML file or a directory; otherwise a preset name. */
export function isPath(ref: string): boolean {
  return /\.ya?ml$/i.test(ref) || ref.includes('/') || ref.includes('\\')
}

export function rubricNameOf(ref: string): string {
  if (!isPath(ref)) return ref
  const base = ref.split(/[\\/]/).pop() ?? ref
  return base.replace(/\.ya?ml$/i, '')
}


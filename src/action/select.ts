// Which of the given paths are plans, and which rubric checks each: the
// config's mapping, or the `files` input's globs in its place.
import { globMatcher } from '../rubric/glob.js'
import { rubricFor, type ResolvedConfig, type RubricChoice } from '../rubric/config.js'
import { RubricLoader } from '../rubric/load.js'
import type { Rubric } from '../rubric/schema.js'

export interface SelectedPlan extends RubricChoice {
  path: string
}

/**
 * With `globs`, a path is a plan when a glob matches it; its rubric is still
 * the config's choice for it, or `fallback` (the generic preset) when the
 * config maps it to none. Without globs the config alone decides.
 */
export function selectPlans(paths: readonly string[], config: ResolvedConfig, globs: readonly string[] | null, fallback: Rubric | null): SelectedPlan[] {
  const selected: SelectedPlan[] = []
  const matchers = globs?.map((glob) => ({ glob, matches: globMatcher(glob) })) ?? null
  for (const path of [...new Set(paths)].sort()) {
    if (matchers === null) {
      const choice = rubricFor(config, path)
      if (choice) selected.push({ path, ...choice })
      continue
    }
    const glob = matchers.find((matcher) => matcher.matches(path))?.glob
    if (glob === undefined) continue
    const choice = rubricFor(config, path)
    if (choice) selected.push({ path, rubric: choice.rubric, ref: choice.ref ?? null, reason: `${choice.reason}; selected by the files input (${glob})` })
    else if (fallback) selected.push({ path, rubric: fallback, ref: fallback.name, reason: `selected by the files input (${glob}); no entry in ${config.source} matches it, so the generic rubric applies` })
    else throw new Error(`${path} is selected by the files input but has no rubric, and no fallback rubric was given`)
  }
  return selected
}

/**
 * The rubric once the plan's content is known: entries with content
 * signatures can only decide then. Keeps the choice made by path when no
 * entry of the config maps the path (a plan selected by the files input).
 */
export function choiceWithContent(plan: SelectedPlan, config: ResolvedConfig, content: string | Uint8Array): RubricChoice {
  if (!config.mappings.some((mapping) => mapping.when)) return plan
  const choice = rubricFor(config, plan.path, content)
  if (!choice) return plan
  const selectedBy = plan.reason.match(/; selected by the files input \(.*\)$/)?.[0] ?? ''
  return { rubric: choice.rubric, ref: choice.ref ?? null, reason: `${choice.reason}${selectedBy}` }
}

/** The rubric for plans the files input selects but the config does not map. */
export function genericRubric(): Promise<Rubric> {
  return new RubricLoader(async () => null).load('generic', null)
}

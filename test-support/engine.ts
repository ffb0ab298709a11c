import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { checkPlan } from '../src/engine/check.js'
import type { PlanResult } from '../src/engine/types.js'
import { builtInConfig } from '../src/rubric/config.js'
import { RubricLoader } from '../src/rubric/load.js'
import type { Rubric } from '../src/rubric/schema.js'

export async function preset(name: string): Promise<Rubric> {
  return new RubricLoader(async () => null).load(name, null)
}

/** Checks Markdown text against a preset, as the CLI would. */
export async function checkText(text: string, rubric: string | Rubric = 'spec-dev', file = 'plan.md'): Promise<PlanResult> {
  const resolved = typeof rubric === 'string' ? await preset(rubric) : rubric
  return checkPlan({ file, content: text }, { rubric: resolved, rubricSource: 'test' })
}

/** `ruleId@line` per finding: compact, exact, and readable in a failing assertion. */
export function brief(result: PlanResult): string[] {
  return result.findings.map((finding) => `${finding.ruleId}@${finding.line}`)
}

export async function readRepoFile(relative: string): Promise<string> {
  return readFile(path.resolve(process.cwd(), relative), 'utf8')
}

export { builtInConfig }

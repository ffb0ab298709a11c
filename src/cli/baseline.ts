import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Finding, PlanResult } from '../engine/types.js'
import { baselineOf } from '../engine/waivers.js'
import type { CliIo } from './main.js'

export const DEFAULT_BASELINE_PATH = '.github/plan-gate-baseline.json'

interface JsonPlan {
  file: string
  findings: Finding[]
  waived?: Finding[]
}

/**
 * `plan-gate baseline [paths…] [--output FILE]`: records the fingerprints of
 * today's findings, so that a config naming the file fails only on new ones.
 * It runs `check` itself, through the same command a user runs, so the
 * baseline holds exactly the findings that command reports.
 */
export async function baseline(
  args: readonly string[],
  io: CliIo,
  check: (args: readonly string[], io: CliIo) => Promise<number>,
  usage: (message: string) => Error
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { output: { type: 'string' }, config: { type: 'string' }, rubric: { type: 'string' } } })
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  let json = ''
  const passOn = [...(values.config ? ['--config', values.config] : []), ...(values.rubric ? ['--rubric', values.rubric] : [])]
  const status = await check([...passOn, ...positionals, '--format', 'json', '--fail-on', 'never'], { ...io, stdout: (text) => (json += text) })
  if (status !== 0) return status
  const report = JSON.parse(json) as { plans: JsonPlan[] }
  const plans = report.plans.map((plan) => ({ file: plan.file, findings: [...plan.findings, ...(plan.waived ?? [])] }) as unknown as PlanResult)
  const entries = baselineOf(plans)
  const output = values.output ?? DEFAULT_BASELINE_PATH
  const absolute = path.resolve(io.cwd, output)
  await mkdir(path.dirname(absolute), { recursive: true })
  await writeFile(absolute, `${JSON.stringify({ version: 1, findings: entries }, null, 2)}\n`)
  const shown = path.relative(io.cwd, absolute).split(path.sep).join('/')
  io.stdout(
    `Wrote ${entries.length} finding fingerprint${entries.length === 1 ? '' : 's'} of ${report.plans.length} plan${report.plans.length === 1 ? '' : 's'} to ${shown}.\n` +
      `With "baseline: ${shown}" in the config, these findings show as waived and only new ones fail. Commit the file; on pull requests it is read from the base commit.\n`
  )
  return 0
}

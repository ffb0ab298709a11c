// Types for hostile-plans.mjs, which the hardening tests import.

export const PLAN_PATH: string

export interface HostileCase {
  name: string
  /** What the plan contains, for tables and test names. */
  what: string
  /** The correct outcome: the verdict and the rule ids among the findings. */
  expect: { verdict: 'PASS' | 'FAIL'; rules: string[] }
  /** A slow machine may not finish it within the budget; plan-unparseable is then accepted too. */
  mayTimeOut?: boolean
  /** The size cap the case needs (default 1 MiB). */
  maxPlanBytes?: number
  generate(): string | Buffer
}

export const hostileCases: readonly HostileCase[]
export function hostileCase(name: string): HostileCase
export function passingPlan(): string
export function inject(section: string, block: string): string
export function writeCase(dir: string, hostile: HostileCase, parseTimeoutMs?: number): { dir: string; bytes: number }
export function measureCase(dir: string, cli: string): { status: number | null; seconds: number; peakMiB: number; verdict: string; rules: string[] }

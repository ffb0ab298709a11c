import path from 'node:path'
import * as core from '@actions/core'
import type { FailOn } from '../engine/types.js'
import type { CommentMode } from '../github/sticky-comment.js'
import { DEFAULT_CONFIG_PATH, normalizeRepoPath } from '../rubric/repo-path.js'

export type { CommentMode }
export type ConfigRef = 'base' | 'head'

/** How long the action waits for GitHub; tests shrink these through PLAN_GATE_* variables. */
export interface Timing {
  /** Multiplies every wait: retry back-off, `retry-after`, the spacing between writes. */
  delayScale: number
  /** One request, answer and body included. */
  requestTimeoutMs: number
}

export interface Inputs {
  token: string
  config: string
  configRef: ConfigRef
  /** Globs that replace the config's file globs; null when the input is empty. */
  files: string[] | null
  comment: CommentMode
  review: boolean
  failOn: FailOn
  maxInlineComments: number
  /** On merge_group and push: `changed` checks the plans the commits change, `all` every plan in the checkout. */
  scan: 'changed' | 'all'
  /** Where to write the SARIF report (absolute); null: beside the JSON report under RUNNER_TEMP. */
  sarifFile: string | null
  timing: Timing
}

export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
export const MAX_INLINE_COMMENTS_LIMIT = 1000

/**
 * Every input, read and validated once. The runner fills in action.yml's
 * defaults; they are repeated here so that a run without them (a local run,
 * a test) behaves the same.
 */
export function getInputs(env: Record<string, string | undefined> = process.env): Inputs {
  const token = core.getInput('token')
  if (token === '') {
    throw new InputError('Input "token" is empty; pass a token with `contents: read` and `pull-requests: write` (the default, ${{ github.token }}, works)')
  }
  return {
    token,
    config: configPath(core.getInput('config')),
    configRef: oneOf('config-ref', ['base', 'head'] as const, 'base'),
    files: globs(core.getMultilineInput('files')),
    comment: oneOf('comment', ['always', 'on-failure', 'never'] as const, 'always'),
    review: boolean('review', true),
    failOn: oneOf('fail-on', ['error', 'warning', 'never'] as const, 'error'),
    maxInlineComments: integer('max-inline-comments', 30, 0, MAX_INLINE_COMMENTS_LIMIT),
    scan: oneOf('scan', ['changed', 'all'] as const, 'changed'),
    sarifFile: sarifFile(core.getInput('sarif-file'), env),
    timing: timing(env)
  }
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = core.getInput(name).toLowerCase()
  if (value === '') return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(`Input "${name}" must be one of ${allowed.map((option) => `"${option}"`).join(', ')}; got "${core.getInput(name)}"`)
}

function boolean(name: string, fallback: boolean): boolean {
  const value = core.getInput(name)
  if (value === '') return fallback
  // The YAML 1.2 core schema's spellings, as core.getBooleanInput accepts them.
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(`Input "${name}" must be true or false; got "${value}"`)
}

function integer(name: string, fallback: number, min: number, max: number): number {
  const value = core.getInput(name)
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new InputError(`Input "${name}" must be a whole number from ${min} to ${max}; got "${value}"`)
  }
  return Number(value)
}

function configPath(value: string): string {
  if (value === '') return DEFAULT_CONFIG_PATH
  const normalized = normalizeRepoPath(value)
  if (normalized === null) throw new InputError(`Input "config" must be a path inside the repository, such as ${DEFAULT_CONFIG_PATH}; got "${value}"`)
  return normalized
}

// Relative to the workspace, as upload-sarif reads its sarif_file.
function sarifFile(value: string, env: Record<string, string | undefined>): string | null {
  if (value.trim() === '') return null
  if (value.endsWith('/') || value.endsWith(path.sep)) throw new InputError(`Input "sarif-file" must name a file, not a directory; got "${value}"`)
  return path.resolve(env['GITHUB_WORKSPACE'] || process.cwd(), value.trim())
}

function globs(lines: string[]): string[] | null {
  const patterns = lines.map((line) => line.trim()).filter((line) => line !== '')
  for (const pattern of patterns) {
    if (pattern.startsWith('/') || pattern.split('/').includes('..')) {
      throw new InputError(`Input "files": "${pattern}" is outside the repository; globs are relative to the repository root`)
    }
  }
  return patterns.length > 0 ? patterns.map((pattern) => pattern.replace(/^\.\//, '')) : null
}

// Undocumented on purpose: only the end-to-end tests need anything but the defaults.
function timing(env: Record<string, string | undefined>): Timing {
  const scale = env['PLAN_GATE_DELAY_SCALE']
  const timeout = env['PLAN_GATE_REQUEST_TIMEOUT_MS']
  const delayScale = scale === undefined || scale === '' ? 1 : Number(scale)
  const requestTimeoutMs = timeout === undefined || timeout === '' ? DEFAULT_REQUEST_TIMEOUT_MS : Number(timeout)
  if (!Number.isFinite(delayScale) || delayScale < 0 || delayScale > 1) {
    throw new InputError(`PLAN_GATE_DELAY_SCALE must be a number from 0 to 1; got "${scale}"`)
  }
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
    throw new InputError(`PLAN_GATE_REQUEST_TIMEOUT_MS must be a positive whole number; got "${timeout}"`)
  }
  return { delayScale, requestTimeoutMs }
}

import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { UsageError } from './common.js'

// Where the CLI finds the repository and its config. People run plan-gate
// from wherever they are in a checkout; a config they cannot see being
// ignored would check their plans with the wrong rubrics and pass them.

export const CONFIG_NAMES = ['.github/plan-gate.yml', '.github/plan-gate.yaml'] as const

async function exists(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => null)) !== null
}

/** The repository's top level: the nearest directory at or above `cwd` holding `.git` (a directory, or a file in a worktree). */
export async function findRepositoryTop(cwd: string): Promise<string | null> {
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    if (await exists(path.join(directory, '.git'))) return directory
    if (path.dirname(directory) === directory) return null
  }
}

export interface Discovered {
  /** The directory config globs and reported paths are relative to. */
  root: string
  /** Absolute path of the config, or null when there is none (built-in defaults). */
  config: string | null
}

/**
 * Looks for `.github/plan-gate.yml` or `.yaml` in `cwd` and every directory
 * above it up to the repository's top level (only in `cwd` outside a
 * repository). The directory holding the config is the root; without one,
 * the repository's top level (or `cwd`).
 */
export async function discoverConfig(cwd: string): Promise<Discovered> {
  const top = await findRepositoryTop(cwd)
  for (let directory = path.resolve(cwd); ; directory = path.dirname(directory)) {
    const present: string[] = []
    for (const name of CONFIG_NAMES) if (await exists(path.join(directory, name))) present.push(name)
    if (present.length > 1) {
      throw new UsageError(`both ${present.join(' and ')} exist in ${directory}; plan-gate reads one config: keep one of them`)
    }
    if (present.length === 1) return { root: directory, config: path.join(directory, present[0]!) }
    if (top === null || directory === top || path.dirname(directory) === directory) break
  }
  return { root: top ?? path.resolve(cwd), config: null }
}

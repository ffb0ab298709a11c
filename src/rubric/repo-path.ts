// Where configs live in a repository. Kept apart from the loaders (zod, YAML)
// because the action reads its inputs before it loads any of those.

export const DEFAULT_CONFIG_PATH = '.github/plan-gate.yml'

/**
 * Repository-relative path with forward slashes, or null when it would leave
 * the repository (absolute, drive-letter or `..` beyond the root).
 */
export function normalizeRepoPath(path: string): string | null {
  const slashed = path.replace(/\\/g, '/')
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.includes('\u0000')) return null
  const parts: string[] = []
  for (const part of slashed.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') {
      if (parts.length === 0) return null
      parts.pop()
    } else {
      parts.push(part)
    }
  }
  return parts.length === 0 ? null : parts.join('/')
}

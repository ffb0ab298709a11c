import { createRequire } from 'node:module'

// node:crypto costs a process 4 to 7 ms to load, and most runs hash nothing:
// a text report of one plan, with no cache and no baseline, never does. So it
// is loaded at the first digest.

let crypto: typeof import('node:crypto') | null = null
export const nodeCrypto = (): typeof import('node:crypto') => (crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto'))

/** The SHA-256 of the parts, one after another, in hex. */
export function sha256Hex(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = nodeCrypto().createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

// The engine's finding fingerprint, carried in inline comments so that a re-run
// recognises the comment it already made.
export { fingerprint } from '../engine/fingerprint.js'

// Hidden in the comment; the key keeps two workflows or jobs on one pull
// request from resolving each other's comments.
const FINGERPRINT_MARKER = /<!-- plan-gate:finding key=(\S+) fp=([0-9a-f]{20}) -->/

export function fingerprintMarker(key: string, hash: string): string {
  return `<!-- plan-gate:finding key=${key} fp=${hash} -->`
}

/** The fingerprint in a comment body that carries this key's marker, else null. */
export function readFingerprint(body: string, key: string): string | null {
  const match = FINGERPRINT_MARKER.exec(body)
  return match !== null && match[1] === key ? (match[2] ?? null) : null
}

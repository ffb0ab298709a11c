// A finding's identity across pushes. Line numbers move whenever text is
// added above a finding, so they are left out: the same gap in the same plan
// keeps its fingerprint, and a re-run recognises the comment it already made.
import { createHash } from 'node:crypto'

export function fingerprint(file: string, ruleId: string, message: string): string {
  return createHash('sha256').update([file, ruleId, message].join('\u0000')).digest('hex').slice(0, 20)
}

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

// The engine's finding fingerprint, carried in inline comments so that a re-run
// recognises the comment it already made.
export { fingerprint } from '../engine/fingerprint.js'

// Hidden in the comment; the key keeps two workflows or jobs on one pull
// request from resolving each other's comments.
const FINGERPRINT_MARKER = /^<!-- plan-gate:finding key=(\S+) fp=([0-9a-f]{20}) -->$/
const MARKER_START = '<!-- plan-gate:finding '

export function fingerprintMarker(key: string, hash: string): string {
  return `<!-- plan-gate:finding key=${key} fp=${hash} -->`
}

/**
 * The fingerprint of a comment plan-gate wrote for this key, else null. Every
 * workflow's GITHUB_TOKEN writes as the same bot, and another workflow's
 * comment may quote text a pull request's author chose, marker included; so
 * only the form plan-gate writes counts: the marker alone on the body's last
 * line, and nowhere else in it.
 */
export function readFingerprint(body: string, key: string): string | null {
  const text = body.replace(/\r\n?/g, '\n').replace(/\n+$/, '')
  const lastLine = text.slice(text.lastIndexOf('\n') + 1)
  const match = FINGERPRINT_MARKER.exec(lastLine)
  if (match === null || match[1] !== key) return null
  if (text.indexOf(MARKER_START) !== text.length - lastLine.length) return null
  return match[2] ?? null
}

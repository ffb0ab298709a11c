// A finding's identity across pushes and edits. Line numbers move whenever text
// is added above a finding, so they are left out: the same gap in the same plan
// keeps its fingerprint, which is what inline comments and baselines key on.
import { sha256Hex } from './digest.js'

export function fingerprint(file: string, ruleId: string, message: string): string {
  return sha256Hex([file, ruleId, message].join('\u0000')).slice(0, 20)
}

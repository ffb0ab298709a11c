// A finding's identity across pushes and edits. Line numbers move whenever text
// is added above a finding, so they are left out: the same gap in the same plan
// keeps its fingerprint, which is what inline comments and baselines key on.
import { createHash } from 'node:crypto'

export function fingerprint(file: string, ruleId: string, message: string): string {
  return createHash('sha256').update([file, ruleId, message].join('\u0000')).digest('hex').slice(0, 20)
}

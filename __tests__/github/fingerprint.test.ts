import { fingerprint, fingerprintMarker, readFingerprint } from '../../src/github/fingerprint.js'

describe('fingerprint', () => {
  test('depends on file, rule and message, not on anything else', () => {
    const base = fingerprint('plan.md', 'placeholder', 'Placeholder "TBD" left in the plan')
    expect(base).toMatch(/^[0-9a-f]{20}$/)
    expect(fingerprint('plan.md', 'placeholder', 'Placeholder "TBD" left in the plan')).toBe(base)
    expect(fingerprint('other.md', 'placeholder', 'Placeholder "TBD" left in the plan')).not.toBe(base)
    expect(fingerprint('plan.md', 'section-missing', 'Placeholder "TBD" left in the plan')).not.toBe(base)
    expect(fingerprint('plan.md', 'placeholder', 'Placeholder "TODO" left in the plan')).not.toBe(base)
    // Field boundaries count: moving text from one field to the next is another finding.
    expect(fingerprint('a', 'bc', 'd')).not.toBe(fingerprint('ab', 'c', 'd'))
  })

  test('the marker is read back only under the same key', () => {
    const hash = fingerprint('plan.md', 'placeholder', 'x')
    const body = `❌ **Placeholder** — x\n${fingerprintMarker('Plans/gate', hash)}`
    expect(readFingerprint(body, 'Plans/gate')).toBe(hash)
    expect(readFingerprint(body, 'Plans/other-job')).toBeNull()
    expect(readFingerprint('no marker here', 'Plans/gate')).toBeNull()
  })
})

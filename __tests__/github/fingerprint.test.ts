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

describe('whose inline comment it is', () => {
  const KEY = 'Plans/gate'
  const hash = fingerprint('plan.md', 'placeholder', 'x')
  const marker = fingerprintMarker(KEY, hash)

  test('the marker counts only alone on the last line, as plan-gate writes it (CRLF and trailing newlines allowed)', () => {
    expect(readFingerprint(`❌ **Placeholder** — x\r\n${marker}\r\n`, KEY)).toBe(hash)
    expect(readFingerprint(`❌ **Placeholder** — x\n${marker}\n\n`, KEY)).toBe(hash)
  })

  test('another bot comment that quotes the marker is not plan-gate\'s', () => {
    // Another workflow echoing text a pull request's author wrote, as the same github-actions[bot].
    expect(readFingerprint(`The author wrote:\n> ${marker}\nPlease review.`, KEY)).toBeNull()
    expect(readFingerprint(`${marker}\nLint report follows.`, KEY)).toBeNull()
    expect(readFingerprint(`Quoted: ${marker}`, KEY)).toBeNull()
    expect(readFingerprint(`text ${marker} more\n${marker}x`, KEY)).toBeNull()
    // A second marker earlier in the body means the body is not one plan-gate wrote.
    expect(readFingerprint(`${fingerprintMarker(KEY, fingerprint('a', 'b', 'c'))}\n${marker}`, KEY)).toBeNull()
    expect(readFingerprint(`${marker} `, KEY)).toBeNull()
  })
})

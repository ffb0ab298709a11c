import fc from 'fast-check'
import { commentableLines } from '../../src/github/diff-lines.js'
import { hunkIndexOf, parsePatch, unifiedPatch } from '../../test-support/fake-github/diff.js'

describe('commentableLines', () => {
  test('added and context lines of every hunk, on the new side', () => {
    const patch = [
      '@@ -1,4 +1,5 @@ # Plan',
      ' one',
      '-two',
      '+TWO',
      '+two and a half',
      ' three',
      ' four',
      '@@ -20,2 +21,3 @@ ## Risks',
      ' twenty',
      '+new',
      ' twenty-one',
      '\\ No newline at end of file'
    ].join('\n')
    expect([...commentableLines(patch)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 21, 22, 23])
  })

  test('a one-line hunk header without counts, and an empty patch', () => {
    expect([...commentableLines('@@ -0,0 +1 @@\n+only line')]).toEqual([1])
    expect(commentableLines('').size).toBe(0)
  })

  test('agrees with where GitHub (the fake) lets a comment sit, for any edit', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', '', '- [ ] item', 'Gate: PASS'), { maxLength: 40 }).map((lines) => lines.join('\n'))
    fc.assert(
      fc.property(text, text, fc.boolean(), (before, after, finalNewline) => {
        const patch = unifiedPatch(before, finalNewline ? `${after}\n` : after).text
        const hunks = parsePatch(patch)
        const lines = commentableLines(patch)
        const newLength = after.split('\n').length + 2
        for (let line = 1; line <= newLength; line++) {
          expect(lines.has(line)).toBe(hunkIndexOf(hunks, line, 'RIGHT') >= 0)
        }
      }),
      { numRuns: 300 }
    )
  })
})

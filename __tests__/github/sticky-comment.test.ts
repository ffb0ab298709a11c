import { stickyComment } from '../../__fixtures__/github.js'
import { decideSticky, fitBody, isStickyBody, jobKey, MAX_BODY_CHARS, stickyMarker, type CommentMode, type StickyState } from '../../src/github/sticky-comment.js'

const BODY = `${stickyMarker('Plans/plan-gate')}\n## ❌ plan-gate: the plan fails the gate`

describe('jobKey and stickyMarker', () => {
  test('a workflow or job name cannot end the hidden comment', () => {
    const key = jobKey('Plans --> <b>x</b>', 'gate job')
    expect(key).not.toMatch(/\s|>/)
    expect(stickyMarker(key)).toMatch(/^<!-- plan-gate:sticky key=\S+ -->$/)
    expect(jobKey('Plans', 'a')).not.toBe(jobKey('Plans', 'b'))
  })
})

describe('decideSticky', () => {
  const states: StickyState[] = ['PASS', 'FAIL', 'SKIPPED']
  const modes: CommentMode[] = ['always', 'on-failure', 'never']

  test.each(
    states.flatMap((state) => modes.map((mode) => [state, mode] as const))
  )('no comment yet, %s, comment: %s', (state, mode) => {
    const { actions } = decideSticky([], BODY, state, mode)
    const creates = (state === 'FAIL' && mode !== 'never') || (state === 'PASS' && mode === 'always')
    expect(actions).toEqual(creates ? [{ kind: 'create', body: BODY }] : [])
  })

  test.each(states)('an existing comment is brought up to date whatever the state (%s), unless comment is never', (state) => {
    const old = stickyComment({ body: 'old' })
    for (const mode of ['always', 'on-failure'] as const) {
      expect(decideSticky([old], BODY, state, mode)).toEqual({ keep: old, actions: [{ kind: 'update', id: old.id, body: BODY }] })
    }
    expect(decideSticky([old], BODY, state, 'never').actions).toEqual([])
  })

  test('nothing is written when the comment already says it', () => {
    const current = stickyComment({ body: BODY })
    expect(decideSticky([current], BODY, 'FAIL', 'always').actions).toEqual([])
  })

  test('duplicates: the oldest stays, the rest are deleted', () => {
    const [oldest, second, third] = [stickyComment({ body: BODY }), stickyComment({ body: 'x' }), stickyComment({ body: 'y' })]
    const decision = decideSticky([oldest, second, third], BODY, 'FAIL', 'always')
    expect(decision.keep).toBe(oldest)
    expect(decision.actions).toEqual([
      { kind: 'delete', id: second.id },
      { kind: 'delete', id: third.id }
    ])
  })
})

describe('fitBody', () => {
  const url = 'https://github.com/o/r/actions/runs/1'
  const chars = (text: string) => Array.from(text).length

  test('a body within the limit is unchanged', () => {
    expect(fitBody(BODY, url)).toBe(BODY)
    const exact = 'x'.repeat(MAX_BODY_CHARS)
    expect(fitBody(exact, url)).toBe(exact)
  })

  test('a long body is cut at a line break, keeps the marker and points to the job summary', () => {
    const long = `${BODY}\n${Array.from({ length: 5000 }, (_, i) => `- ❌ finding ${i} with some words`).join('\n')}`
    const fitted = fitBody(long, url)
    expect(chars(fitted)).toBeLessThanOrEqual(MAX_BODY_CHARS)
    expect(fitted.startsWith(BODY)).toBe(true)
    expect(fitted).toMatch(/- ❌ finding \d+ with some words\n\n---\n\n\*\*This report was cut short:\*\*/)
    expect(fitted).toContain(`[job summary](${url})`)
    expect(fitBody(fitted, url)).toBe(fitted)
  })

  test('counts characters as GitHub does: astral emoji are one each', () => {
    const emoji = '😀'.repeat(MAX_BODY_CHARS)
    expect(emoji.length).toBe(2 * MAX_BODY_CHARS)
    expect(fitBody(emoji, url)).toBe(emoji)
    const fitted = fitBody(`${emoji}😀`, url)
    expect(chars(fitted)).toBeLessThanOrEqual(MAX_BODY_CHARS)
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
  })

  test('a cut inside a code fence or <details> closes them, so the note shows', () => {
    const body = `<details><summary>more</summary>\n\n\`\`\`sh\n${'npx plan-gate check x\n'.repeat(5000)}\`\`\`\n</details>\n`
    const fitted = fitBody(body, undefined)
    expect(chars(fitted)).toBeLessThanOrEqual(MAX_BODY_CHARS)
    expect(fitted).toMatch(/```\n\n<\/details>\n\n---\n\n\*\*This report was cut short:\*\* .* the job summary has all of it\.\n$/)
  })
})

describe('isStickyBody: whose summary comment it is', () => {
  const marker = stickyMarker('Plans/plan-gate')

  test('the marker as the whole first line is ours (LF or CRLF)', () => {
    expect(isStickyBody(`${marker}\n## ❌ plan-gate: the plan fails the gate`, marker)).toBe(true)
    expect(isStickyBody(`${marker}\r\n## ❌ plan-gate`, marker)).toBe(true)
    expect(isStickyBody(marker, marker)).toBe(true)
  })

  test('a comment that merely contains the marker is someone else\'s, even by the same bot', () => {
    expect(isStickyBody(`Quoting the pull request:\n${marker}\n## ✅ plan-gate: all good`, marker)).toBe(false)
    expect(isStickyBody(`> ${marker}\n## ✅`, marker)).toBe(false)
    expect(isStickyBody(` ${marker}\n`, marker)).toBe(false)
    expect(isStickyBody(`${marker} and more\n`, marker)).toBe(false)
    // Another job's marker does not name this job.
    expect(isStickyBody(`${stickyMarker('Plans/other')}\n## ❌`, marker)).toBe(false)
    expect(isStickyBody(`${stickyMarker('Plans/plan-gate-2')}\n`, marker)).toBe(false)
  })
})

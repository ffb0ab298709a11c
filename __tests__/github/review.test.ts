import { existingInline, finding, inline, plan, runResult } from '../../__fixtures__/github.js'
import { fingerprint } from '../../src/github/fingerprint.js'
import { inlineCandidates, planReview } from '../../src/github/review.js'
import { renderResolvedInlineComment } from '../../src/report/index.js'

const KEY = 'Plans/plan-gate'
const HEAD = 'c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ff'

describe('inlineCandidates', () => {
  const result = runResult([
    plan('a.md', [
      finding({ ruleId: 'placeholder', severity: 'warning', message: 'TBD', line: 2 }),
      finding({ ruleId: 'checklist-unchecked', message: 'Unchecked one', line: 10 }),
      finding({ ruleId: 'gate-contradiction', message: 'Gate says PASS', line: 40 }),
      finding({ ruleId: 'section-missing', message: 'No Risks', line: 1 })
    ]),
    plan('b.md', [finding({ ruleId: 'checklist-unchecked', message: 'Unchecked two', line: 3 })])
  ])

  test('only findings on diff lines, the gate and errors first, each with its fingerprint marker', () => {
    const { candidates, current } = inlineCandidates(result, new Map([['a.md', new Set([2, 10, 40])]]), { version: '1' }, KEY)
    expect(candidates.map((comment) => `${comment.path}:${comment.line}`)).toEqual(['a.md:40', 'a.md:10', 'a.md:2'])
    const first = candidates[0]!
    expect(first.fingerprint).toBe(fingerprint('a.md', 'gate-contradiction', 'Gate says PASS'))
    expect(first.body).toMatch(new RegExp(`\\n<!-- plan-gate:finding key=${KEY.replace('/', '\\/')} fp=${first.fingerprint} -->$`))
    // Findings that cannot be placed (line 1 of a.md, all of b.md) still count as open.
    expect(current.size).toBe(5)
    expect(current.has(fingerprint('b.md', 'checklist-unchecked', 'Unchecked two'))).toBe(true)
  })

  test('the same gap twice in one plan is one comment', () => {
    const twice = runResult([plan('a.md', [finding({ line: 3, message: 'same' }), finding({ line: 5, message: 'same' })])])
    const { candidates } = inlineCandidates(twice, new Map([['a.md', new Set([3, 5])]]), { version: '1' }, KEY)
    expect(candidates.map((comment) => comment.line)).toEqual([3])
  })
})

describe('planReview', () => {
  test('posts what is new, up to the limit counting what is already there', () => {
    const candidates = [inline('f1', 1), inline('f2', 2), inline('f3', 3), inline('f4', 4)]
    const existing = [existingInline({ fingerprint: 'f2' })]
    const plan = planReview(candidates, new Set(['f1', 'f2', 'f3', 'f4']), existing, 3, HEAD)
    expect(plan.post.map((comment) => comment.fingerprint)).toEqual(['f1', 'f3'])
    expect(plan.resolve).toEqual([])
    expect(plan.remove).toEqual([])
  })

  test('a re-run with the same findings changes nothing', () => {
    const candidates = [inline('f1'), inline('f2')]
    const existing = candidates.map((comment) => existingInline({ fingerprint: comment.fingerprint }))
    expect(planReview(candidates, new Set(['f1', 'f2']), existing, 30, HEAD)).toEqual({ post: [], resolve: [], remove: [] })
  })

  test('a fixed gap: resolved in place when someone replied, deleted otherwise', () => {
    const replied = existingInline({ fingerprint: 'gone1', replied: true })
    const lonely = existingInline({ fingerprint: 'gone2' })
    const plan = planReview([], new Set(), [replied, lonely], 30, HEAD)
    expect(plan.resolve).toEqual([{ id: replied.id, body: renderResolvedInlineComment(replied.body, HEAD) }])
    expect(plan.resolve[0]?.body).toContain('c0ffee0')
    expect(plan.remove).toEqual([lonely.id])
  })

  test('an already resolved comment is left alone, and a gap that comes back gets a new comment', () => {
    const resolved = existingInline({ fingerprint: 'f1', replied: true, resolved: true })
    const plan = planReview([inline('f1')], new Set(['f1']), [resolved], 30, HEAD)
    expect(plan).toEqual({ post: [inline('f1')], resolve: [], remove: [] })
  })

  test('duplicates of one fingerprint keep the oldest; replied-to duplicates stay', () => {
    const oldest = existingInline({ fingerprint: 'f1', createdAt: '2026-01-01T00:00:00Z' })
    const newer = existingInline({ fingerprint: 'f1', createdAt: '2026-01-02T00:00:00Z' })
    const answered = existingInline({ fingerprint: 'f1', createdAt: '2026-01-03T00:00:00Z', replied: true })
    const plan = planReview([inline('f1')], new Set(['f1']), [answered, newer, oldest], 30, HEAD)
    expect(plan).toEqual({ post: [], resolve: [], remove: [newer.id] })
  })

  test('a limit of 0 posts nothing but still clears fixed gaps', () => {
    const gone = existingInline({ fingerprint: 'gone' })
    expect(planReview([inline('f1')], new Set(['f1']), [gone], 0, HEAD)).toEqual({ post: [], resolve: [], remove: [gone.id] })
  })
})

describe('nothing lost when nothing was checked', () => {
  test.each(['plan-too-large', 'plan-encoding', 'plan-unparseable', 'internal-error'])(
    'a plan that now fails with %s keeps its earlier inline comments, replied to or not',
    (ruleId) => {
      const result = runResult([
        plan('unreadable.md', [finding({ ruleId, message: 'cannot read it', line: 1 })]),
        plan('fixed.md', [])
      ])
      const { candidates, current, unchecked } = inlineCandidates(result, new Map([['unreadable.md', new Set([1])]]), { version: '1' }, KEY)
      expect([...unchecked]).toEqual(['unreadable.md'])
      const earlier = existingInline({ path: 'unreadable.md', fingerprint: fingerprint('unreadable.md', 'placeholder', 'TBD') })
      const answered = existingInline({ path: 'unreadable.md', fingerprint: fingerprint('unreadable.md', 'section-missing', 'No Risks'), replied: true })
      const onFixed = existingInline({ path: 'fixed.md', fingerprint: fingerprint('fixed.md', 'placeholder', 'TBD') })
      const review = planReview(candidates, current, [earlier, answered, onFixed], 30, HEAD, unchecked)
      expect(review.resolve).toEqual([])
      // Only the plan that was checked, and passed, loses its comment.
      expect(review.remove).toEqual([onFixed.id])
      expect(review.post.map((comment) => comment.path)).toEqual(['unreadable.md'])
    }
  )

  test('a plan checked in full is judged as before', () => {
    const result = runResult([plan('a.md', [finding({ ruleId: 'placeholder', message: 'TODO', line: 2 })])])
    const { unchecked } = inlineCandidates(result, new Map(), { version: '1' }, KEY)
    expect(unchecked.size).toBe(0)
  })
})

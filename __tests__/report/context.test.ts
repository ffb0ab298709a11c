import { commitUrl, lineUrl, safeHref, shortSha } from '../../src/report/context.js'
import { ctx, HEAD_SHA, offlineCtx } from '../../__fixtures__/report/results.js'

describe('lineUrl', () => {
  it('points at the checked commit, encoding each path segment', () => {
    expect(lineUrl(ctx, 'docs/my plan (v2)#1.md', 92)).toBe(
      `https://github.com/acme/widgets/blob/${HEAD_SHA}/docs/my%20plan%20%28v2%29%231.md#L92`
    )
    expect(lineUrl(ctx, 'plan.md')).toBe(`https://github.com/acme/widgets/blob/${HEAD_SHA}/plan.md`)
  })

  it('tolerates a trailing slash on the repository address', () => {
    expect(lineUrl({ ...ctx, repoUrl: 'https://github.com/acme/widgets/' }, 'a.md', 1)).toBe(
      `https://github.com/acme/widgets/blob/${HEAD_SHA}/a.md#L1`
    )
  })

  it('gives no link without repository and commit, or for paths a browser would resolve elsewhere', () => {
    expect(lineUrl(offlineCtx, 'plan.md', 1)).toBeUndefined()
    expect(lineUrl({ ...ctx, headSha: undefined }, 'plan.md', 1)).toBeUndefined()
    expect(lineUrl({ ...ctx, repoUrl: 'javascript:alert(1)' }, 'plan.md', 1)).toBeUndefined()
    expect(lineUrl(ctx, '../../settings/plan.md', 1)).toBeUndefined()
    expect(lineUrl(ctx, 'a//b.md', 1)).toBeUndefined()
  })
})

describe('safeHref', () => {
  it('accepts http(s) only and encodes what would end a Markdown destination', () => {
    expect(safeHref('https://example.com/a(b)|c')).toBe('https://example.com/a%28b%29%7Cc')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref('not a url')).toBeUndefined()
    expect(safeHref(undefined)).toBeUndefined()
  })
})

describe('commitUrl and shortSha', () => {
  it('link and abbreviate the checked commit', () => {
    expect(commitUrl(ctx)).toBe(`https://github.com/acme/widgets/commit/${HEAD_SHA}`)
    expect(commitUrl(offlineCtx)).toBeUndefined()
    expect(shortSha(HEAD_SHA)).toBe('9be41d7')
    expect(shortSha('main')).toBe('main')
  })
})

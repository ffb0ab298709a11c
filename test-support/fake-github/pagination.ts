// GitHub's list pagination: per_page defaults to 30 and is silently clamped
// to 100, and the Link header is the only way a client learns that more
// pages exist. An action that ignores it sees just the first 30 items.

export const DEFAULT_PER_PAGE = 30
export const MAX_PER_PAGE = 100

export interface PageRequest {
  page: number
  perPage: number
}

function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined
  const value = Number(raw)
  return value >= 1 ? value : undefined
}

export function readPage(query: Record<string, string>): PageRequest {
  return {
    page: positiveInteger(query['page']) ?? 1,
    perPage: Math.min(positiveInteger(query['per_page']) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE)
  }
}

export interface Page<T> {
  items: T[]
  link: string | undefined
}

export interface LinkTarget {
  // Absolute URL of this server, without a trailing slash.
  baseUrl: string
  path: string
  query: Record<string, string>
}

// GitHub's order is prev, next, last, first; each relation appears only when
// it points somewhere other than the current page, and a single page of
// results has no Link header at all.
export function linkHeader(target: LinkTarget, page: number, lastPage: number): string | undefined {
  const urlFor = (n: number): string => {
    const params = new URLSearchParams({ ...target.query, page: String(n) })
    return `<${target.baseUrl}${target.path}?${params.toString()}>`
  }
  const parts: string[] = []
  if (page > 1) parts.push(`${urlFor(Math.min(page - 1, lastPage))}; rel="prev"`)
  if (page < lastPage) parts.push(`${urlFor(page + 1)}; rel="next"`, `${urlFor(lastPage)}; rel="last"`)
  if (page > 1) parts.push(`${urlFor(1)}; rel="first"`)
  return parts.length === 0 ? undefined : parts.join(', ')
}

// `cap` is the most items GitHub will ever list for the resource; pages past
// it come back empty even though more items exist.
export function paginate<T>(items: readonly T[], request: PageRequest, target: LinkTarget, cap = Infinity): Page<T> {
  const visible = Math.min(items.length, cap)
  const lastPage = Math.max(1, Math.ceil(visible / request.perPage))
  const start = (request.page - 1) * request.perPage
  const end = Math.min(start + request.perPage, visible)
  return {
    items: start < visible ? items.slice(start, end) : [],
    link: linkHeader(target, request.page, lastPage)
  }
}

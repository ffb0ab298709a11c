// Where GitHub lets a review comment sit. A comment must land on a line that
// the file's patch shows; the whole review is refused otherwise, which is the
// failure inline-annotating actions most often hit in production.

import type { ChangedFile } from './changes.js'
import { diffHunkUpTo, hunkIndexOf, lineAtPosition, parsePatch, type Side } from './diff.js'

export interface DraftComment {
  path: string
  body: string
  line?: number
  side?: string
  start_line?: number
  start_side?: string
  position?: number
}

export interface PlacedComment {
  path: string
  body: string
  line: number
  side: Side
  startLine: number | null
  startSide: Side | null
  position: number | null
  diffHunk: string
}

export type Placement = { ok: true; comment: PlacedComment } | { ok: false; error: string }

// GitHub's wording for these refusals (create-review answers with plain strings).
export const PLACEMENT_ERRORS = {
  path: 'Path could not be resolved',
  line: 'Line could not be resolved',
  position: 'Position could not be resolved',
  startLine: 'Pull request review thread start line must be part of the diff',
  sameHunk: 'Pull request review thread start line must be part of the same hunk as the line.',
  order: 'Pull request review thread start line must precede the end line.'
} as const

function asSide(value: string | undefined, fallback: Side): Side | undefined {
  if (value === undefined) return fallback
  return value === 'LEFT' || value === 'RIGHT' ? value : undefined
}

export function placeComment(files: readonly ChangedFile[], draft: DraftComment): Placement {
  const file = files.find((candidate) => candidate.filename === draft.path)
  if (file === undefined) return { ok: false, error: PLACEMENT_ERRORS.path }
  // No patch (binary, too large, pure rename) means no line can be addressed.
  const hunks = parsePatch(file.patch ?? '')

  if (draft.line === undefined) {
    if (draft.position === undefined) return { ok: false, error: PLACEMENT_ERRORS.line }
    const target = lineAtPosition(hunks, draft.position)
    if (target === undefined) return { ok: false, error: PLACEMENT_ERRORS.position }
    const hunk = hunks[hunkIndexOf(hunks, target.line, target.side)]
    return {
      ok: true,
      comment: {
        path: draft.path,
        body: draft.body,
        line: target.line,
        side: target.side,
        startLine: null,
        startSide: null,
        position: draft.position,
        diffHunk: hunk === undefined ? '' : diffHunkUpTo(hunk, target.line, target.side)
      }
    }
  }

  const side = asSide(draft.side, 'RIGHT')
  if (side === undefined) return { ok: false, error: PLACEMENT_ERRORS.line }
  const hunkIndex = hunkIndexOf(hunks, draft.line, side)
  const hunk = hunks[hunkIndex]
  if (hunk === undefined) return { ok: false, error: PLACEMENT_ERRORS.line }

  let startLine: number | null = null
  let startSide: Side | null = null
  if (draft.start_line !== undefined) {
    startSide = asSide(draft.start_side, side) ?? null
    if (startSide === null) return { ok: false, error: PLACEMENT_ERRORS.startLine }
    const startHunk = hunkIndexOf(hunks, draft.start_line, startSide)
    if (startHunk < 0) return { ok: false, error: PLACEMENT_ERRORS.startLine }
    if (startHunk !== hunkIndex) return { ok: false, error: PLACEMENT_ERRORS.sameHunk }
    if (startSide === side && draft.start_line >= draft.line) return { ok: false, error: PLACEMENT_ERRORS.order }
    startLine = draft.start_line
  }

  return {
    ok: true,
    comment: {
      path: draft.path,
      body: draft.body,
      line: draft.line,
      side,
      startLine,
      startSide,
      position: null,
      diffHunk: diffHunkUpTo(hunk, draft.line, side)
    }
  }
}

// Unified diffs in the shape GitHub puts in a pull-request file's `patch`
// field (hunks only, no file headers, no trailing newline), and the reverse:
// parsing such a patch to learn which lines a review comment may target.

export const DEFAULT_CONTEXT = 3

// Beyond this many edits the exact shortest script costs quadratic memory;
// a delete-all/add-all script is still a valid diff, just not a minimal one.
const MAX_EDIT_DISTANCE = 1500

interface Line {
  text: string
  // False only for a last line without a trailing newline; git prints a
  // "\ No newline at end of file" marker after such a line.
  eol: boolean
}

type Op = { kind: '='; old: number; new: number } | { kind: '-'; old: number } | { kind: '+'; new: number }

export interface Patch {
  // Empty when the two texts are equal or both empty.
  text: string
  additions: number
  deletions: number
}

export function splitLines(text: string): Line[] {
  if (text === '') return []
  const parts = text.split('\n')
  const endsWithNewline = parts[parts.length - 1] === ''
  if (endsWithNewline) parts.pop()
  return parts.map((part, index) => ({ text: part, eol: endsWithNewline || index < parts.length - 1 }))
}

function key(line: Line): string {
  return line.eol ? `${line.text}\n` : line.text
}

// Myers' O(ND) algorithm on the region left after trimming the common prefix
// and suffix; returns the edit script for that region with absolute indexes.
function middleScript(a: string[], b: string[], offsetA: number, offsetB: number): Op[] {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, MAX_EDIT_DISTANCE)
  const trace: Int32Array[] = []
  // v[k + max + 1] is the furthest x reached on diagonal k.
  let v = new Int32Array(2 * max + 3)
  let found = -1
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    const next = v.slice()
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[k - 1 + max + 1] ?? 0) < (v[k + 1 + max + 1] ?? 0))
      let x = down ? (v[k + 1 + max + 1] ?? 0) : (v[k - 1 + max + 1] ?? 0) + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      next[k + max + 1] = x
      if (x >= n && y >= m) {
        found = d
        break
      }
    }
    v = next
    if (found >= 0) {
      trace.push(v)
      break
    }
  }
  if (found < 0) return replaceAll(n, m, offsetA, offsetB)

  const ops: Op[] = []
  let x = n
  let y = m
  for (let d = found; d > 0; d--) {
    const prev = trace[d] ?? new Int32Array(0)
    const k = x - y
    const down = k === -d || (k !== d && (prev[k - 1 + max + 1] ?? 0) < (prev[k + 1 + max + 1] ?? 0))
    const prevK = down ? k + 1 : k - 1
    const prevX = prev[prevK + max + 1] ?? 0
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      x--
      y--
      ops.push({ kind: '=', old: x + offsetA, new: y + offsetB })
    }
    if (down) {
      y--
      ops.push({ kind: '+', new: y + offsetB })
    } else {
      x--
      ops.push({ kind: '-', old: x + offsetA })
    }
  }
  while (x > 0 && y > 0) {
    x--
    y--
    ops.push({ kind: '=', old: x + offsetA, new: y + offsetB })
  }
  return ops.reverse()
}

function replaceAll(n: number, m: number, offsetA: number, offsetB: number): Op[] {
  const ops: Op[] = []
  for (let i = 0; i < n; i++) ops.push({ kind: '-', old: i + offsetA })
  for (let j = 0; j < m; j++) ops.push({ kind: '+', new: j + offsetB })
  return ops
}

function editScript(a: string[], b: string[]): Op[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const ops: Op[] = []
  for (let i = 0; i < start; i++) ops.push({ kind: '=', old: i, new: i })
  ops.push(...middleScript(a.slice(start, endA), b.slice(start, endB), start, start))
  for (let i = 0; i < a.length - endA; i++) ops.push({ kind: '=', old: endA + i, new: endB + i })
  return ops
}

// Within each run of changes git prints all deletions before all additions.
function groupChanges(ops: Op[]): Op[] {
  const out: Op[] = []
  let removed: Op[] = []
  let added: Op[] = []
  const flush = (): void => {
    out.push(...removed, ...added)
    removed = []
    added = []
  }
  for (const op of ops) {
    if (op.kind === '-') removed.push(op)
    else if (op.kind === '+') added.push(op)
    else {
      flush()
      out.push(op)
    }
  }
  flush()
  return out
}

function range(start: number, count: number): string {
  // git omits a count of one, and an empty range names the line before it.
  if (count === 1) return `${start + 1}`
  return count === 0 ? `${start},0` : `${start + 1},${count}`
}

export function unifiedPatch(oldText: string, newText: string, context = DEFAULT_CONTEXT): Patch {
  const a = splitLines(oldText)
  const b = splitLines(newText)
  const ops = groupChanges(editScript(a.map(key), b.map(key)))
  const changeIndexes = ops.flatMap((op, index) => (op.kind === '=' ? [] : [index]))
  if (changeIndexes.length === 0) return { text: '', additions: 0, deletions: 0 }

  // Each hunk is a window of the script: changes plus up to `context` equal
  // lines around them, merged when the gap between changes is small enough.
  const windows: Array<[number, number]> = []
  for (const index of changeIndexes) {
    const from = Math.max(0, index - context)
    const to = Math.min(ops.length, index + context + 1)
    const last = windows[windows.length - 1]
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to)
    else windows.push([from, to])
  }

  const out: string[] = []
  let additions = 0
  let deletions = 0
  for (const [from, to] of windows) {
    const slice = ops.slice(from, to)
    let oldStart = -1
    let newStart = -1
    let oldCount = 0
    let newCount = 0
    const body: string[] = []
    const emit = (prefix: string, line: Line | undefined): void => {
      if (line === undefined) return
      body.push(`${prefix}${line.text}`)
      if (!line.eol) body.push('\\ No newline at end of file')
    }
    for (const op of slice) {
      if (op.kind !== '+' && oldStart < 0) oldStart = op.old
      if (op.kind !== '-' && newStart < 0) newStart = op.new
      if (op.kind === '=') {
        oldCount++
        newCount++
        emit(' ', b[op.new])
      } else if (op.kind === '-') {
        oldCount++
        deletions++
        emit('-', a[op.old])
      } else {
        newCount++
        additions++
        emit('+', b[op.new])
      }
    }
    // A side with no lines in the hunk starts where the other side's first
    // line sits in the script.
    if (oldStart < 0) oldStart = countBefore(ops, from, '+')
    if (newStart < 0) newStart = countBefore(ops, from, '-')
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@${sectionHeading(a, oldStart)}`, ...body)
  }
  return { text: out.join('\n'), additions, deletions }
}

// git's default "function name" after the @@: the nearest earlier line of
// the old file that starts with a letter, '_' or '$'. GitHub keeps it, so a
// client must not expect the header to end at the second @@.
function sectionHeading(oldLines: Line[], linesBefore: number): string {
  for (let i = linesBefore - 1; i >= 0; i--) {
    const text = oldLines[i]?.text ?? ''
    if (/^[A-Za-z_$]/.test(text)) return ` ${text.trimEnd().slice(0, 80)}`
  }
  return ''
}

// Lines of the side that `skip` does not touch, before script index `end`.
function countBefore(ops: Op[], end: number, skip: '+' | '-'): number {
  let count = 0
  for (let i = 0; i < end; i++) if (ops[i]?.kind !== skip) count++
  return count
}

export interface HunkLine {
  kind: ' ' | '+' | '-'
  // The line as it appears in the patch, prefix included.
  raw: string
  oldLine: number | null
  newLine: number | null
  // GitHub's legacy `position`: 1 is the line under the first @@ header;
  // later @@ headers take a position of their own.
  position: number
}

export interface Hunk {
  oldStart: number
  oldCount: number
  newStart: number
  newCount: number
  header: string
  lines: HunkLine[]
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = []
  let current: Hunk | undefined
  let oldLine = 0
  let newLine = 0
  let position = 0
  for (const raw of patch.split('\n')) {
    const header = HUNK_HEADER.exec(raw)
    if (header !== null) {
      if (current !== undefined) position++
      current = {
        oldStart: Number(header[1]),
        oldCount: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newCount: header[4] === undefined ? 1 : Number(header[4]),
        header: raw,
        lines: []
      }
      hunks.push(current)
      oldLine = current.oldStart
      newLine = current.newStart
      continue
    }
    if (current === undefined || raw.startsWith('\\')) continue
    position++
    const kind = raw[0] === '+' ? '+' : raw[0] === '-' ? '-' : ' '
    current.lines.push({
      kind,
      raw,
      oldLine: kind === '+' ? null : oldLine,
      newLine: kind === '-' ? null : newLine,
      position
    })
    if (kind !== '+') oldLine++
    if (kind !== '-') newLine++
  }
  return hunks
}

export type Side = 'LEFT' | 'RIGHT'

// Index of the hunk in which `line` on `side` can carry a review comment:
// RIGHT means added or context lines of the new file, LEFT deleted or
// context lines of the old file. -1 when the line is outside every hunk.
export function hunkIndexOf(hunks: Hunk[], line: number, side: Side): number {
  return hunks.findIndex((hunk) =>
    hunk.lines.some((entry) =>
      side === 'RIGHT' ? entry.kind !== '-' && entry.newLine === line : entry.kind !== '+' && entry.oldLine === line
    )
  )
}

export function lineAtPosition(hunks: Hunk[], position: number): { line: number; side: Side } | undefined {
  for (const hunk of hunks) {
    const entry = hunk.lines.find((candidate) => candidate.position === position)
    if (entry === undefined) continue
    if (entry.newLine !== null) return { line: entry.newLine, side: 'RIGHT' }
    if (entry.oldLine !== null) return { line: entry.oldLine, side: 'LEFT' }
  }
  return undefined
}

// The part of a hunk up to and including the commented line, which GitHub
// returns as a review comment's `diff_hunk`.
export function diffHunkUpTo(hunk: Hunk, line: number, side: Side): string {
  const rendered: string[] = [hunk.header]
  for (const entry of hunk.lines) {
    rendered.push(entry.raw)
    const hit = side === 'RIGHT' ? entry.kind !== '-' && entry.newLine === line : entry.kind !== '+' && entry.oldLine === line
    if (hit) break
  }
  return rendered.join('\n')
}

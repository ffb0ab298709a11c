// The changed-file list GitHub derives from two snapshots, as served by the
// pull-request files and compare endpoints.

import { unifiedPatch } from './diff.js'
import { blobSha } from './git-objects.js'

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied'

export interface ChangedFile {
  filename: string
  status: FileStatus
  previousFilename?: string
  additions: number
  deletions: number
  changes: number
  // Absent like on GitHub for binary files, over-large diffs and changes
  // without any line difference (pure renames, empty files).
  patch?: string
  // Blob of the new version; of the old one for a removed file.
  sha: string
}

export interface ChangeOptions {
  // old path -> new path, for renames whose content also changed (identical
  // content is paired up automatically, as git's rename detection would).
  renames?: Record<string, string>
  // source path -> new path: the new file is reported as copied from the source.
  copies?: Record<string, string>
}

// GitHub stops rendering a file's patch somewhere around these sizes; the
// exact limits are not published, so these only need to be plausible.
export const MAX_PATCH_CHARS = 1_000_000
export const MAX_PATCH_LINES = 20_000

function isBinary(content: string): boolean {
  return content.includes('\0')
}

function describe(
  filename: string,
  status: FileStatus,
  oldContent: string,
  newContent: string,
  previousFilename?: string
): ChangedFile {
  const binary = isBinary(oldContent) || isBinary(newContent)
  const diff = binary ? { text: '', additions: 0, deletions: 0 } : unifiedPatch(oldContent, newContent)
  const tooLarge = diff.text.length > MAX_PATCH_CHARS || diff.additions + diff.deletions > MAX_PATCH_LINES
  const file: ChangedFile = {
    filename,
    status,
    additions: diff.additions,
    deletions: diff.deletions,
    changes: diff.additions + diff.deletions,
    sha: blobSha(status === 'removed' ? oldContent : newContent)
  }
  if (previousFilename !== undefined) file.previousFilename = previousFilename
  if (diff.text !== '' && !tooLarge) file.patch = diff.text
  return file
}

function byPath(a: ChangedFile, b: ChangedFile): number {
  return Buffer.compare(Buffer.from(a.filename, 'utf8'), Buffer.from(b.filename, 'utf8'))
}

export function changedFiles(
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
  options: ChangeOptions = {}
): ChangedFile[] {
  const removed = new Set([...base.keys()].filter((path) => !head.has(path)))
  const added = new Set([...head.keys()].filter((path) => !base.has(path)))
  const files: ChangedFile[] = []

  const pairs = new Map<string, string>()
  for (const [from, to] of Object.entries(options.renames ?? {})) {
    if (!removed.has(from) || !added.has(to)) {
      throw new Error(`rename ${from} -> ${to} needs ${from} only in base and ${to} only in head`)
    }
    pairs.set(to, from)
    removed.delete(from)
    added.delete(to)
  }
  // Exact-content renames, as git detects them without any hint.
  const removedByBlob = new Map<string, string>()
  for (const path of removed) removedByBlob.set(blobSha(base.get(path) ?? ''), path)
  for (const path of [...added].sort()) {
    const from = removedByBlob.get(blobSha(head.get(path) ?? ''))
    if (from === undefined || !removed.has(from)) continue
    pairs.set(path, from)
    removed.delete(from)
    added.delete(path)
  }
  for (const [to, from] of pairs) {
    files.push(describe(to, 'renamed', base.get(from) ?? '', head.get(to) ?? '', from))
  }

  for (const [from, to] of Object.entries(options.copies ?? {})) {
    if (!base.has(from) || !added.has(to)) {
      throw new Error(`copy ${from} -> ${to} needs ${from} in base and ${to} only in head`)
    }
    added.delete(to)
    files.push(describe(to, 'copied', base.get(from) ?? '', head.get(to) ?? '', from))
  }

  for (const path of added) files.push(describe(path, 'added', '', head.get(path) ?? ''))
  for (const path of removed) files.push(describe(path, 'removed', base.get(path) ?? '', ''))
  for (const [path, content] of head) {
    const before = base.get(path)
    if (before !== undefined && before !== content) files.push(describe(path, 'modified', before, content))
  }
  return files.sort(byPath)
}

// N small distinct files to spread into a commit, so a scenario can exceed
// GitHub's 3000-file listing cap without building content by hand. Names sort
// under `dir/`, which lets a test put its interesting file before or after them.
export function syntheticFiles(
  count: number,
  options: { dir?: string; content?: (index: number) => string } = {}
): Record<string, string> {
  const dir = options.dir ?? 'generated'
  const width = String(Math.max(count - 1, 0)).length
  const files: Record<string, string> = {}
  for (let i = 0; i < count; i++) {
    files[`${dir}/file-${String(i).padStart(width, '0')}.txt`] = options.content?.(i) ?? `synthetic file ${i}\n`
  }
  return files
}

// Which lines of a file a review comment may sit on. GitHub refuses a whole
// review when one comment names a line outside the diff, so only lines the
// patch shows on the new side (added or context lines) are offered.

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/

/** New-side line numbers (RIGHT) that appear in `patch`, added and context lines alike. */
export function commentableLines(patch: string): Set<number> {
  const lines = new Set<number>()
  let newLine = 0
  // Lines of the current hunk still to come on each side; the header says how
  // many, which keeps a stray line after the hunk from being counted.
  let oldLeft = 0
  let newLeft = 0
  for (const raw of patch.split(/\r?\n/)) {
    const header = HUNK_HEADER.exec(raw)
    if (header) {
      newLine = Number(header[1])
      newLeft = header[2] === undefined ? 1 : Number(header[2])
      oldLeft = Number(/^@@ -\d+(?:,(\d+))?/.exec(raw)?.[1] ?? 1)
      continue
    }
    if (oldLeft <= 0 && newLeft <= 0) continue
    // "\ No newline at end of file" belongs to the line before it.
    if (raw.startsWith('\\')) continue
    const kind = raw[0] ?? ' '
    if (kind === '+') {
      lines.add(newLine++)
      newLeft--
    } else if (kind === '-') {
      oldLeft--
    } else {
      // A context line; some tools strip the leading space of an empty one.
      lines.add(newLine++)
      newLeft--
      oldLeft--
    }
  }
  return lines
}

// When the parser runs out of time or memory it cannot say where it was, so
// the finding points at the line most likely to blame: the parser's worst
// cases are long runs of inline markup (emphasis, links, code) on one line and
// containers nested deep by markers or indentation.

/** Below this many markers on its busiest line a plan has no single culprit: it is just big. */
export const SUSPECT_MIN_MARKERS = 64

export interface Suspect {
  line: number
  column: number
  /** Inline markup characters plus container markers and indentation levels on that line. */
  markers: number
}

const INLINE_MARKUP = new Set([...'*_[]()`~<>|!\\'].map((char) => char.charCodeAt(0)))
const SPACE = 32
const TAB = 9
const NEWLINE = 10
const RETURN = 13

/** One linear pass; the first line wins a tie. */
export function suspectLine(text: string): Suspect {
  const best: Suspect = { line: 1, column: 1, markers: 0 }
  let line = 1
  let markers = 0
  let firstMarker = -1
  let lineStart = 0
  let indent = 0
  let leading = true
  for (let index = 0; index <= text.length; index++) {
    const code = index < text.length ? text.charCodeAt(index) : NEWLINE
    if (code === NEWLINE || code === RETURN) {
      // Two columns of indentation open one more list level.
      const score = markers + (indent >> 1)
      if (score > best.markers) {
        best.line = line
        best.column = firstMarker >= 0 ? firstMarker - lineStart + 1 : 1
        best.markers = score
      }
      if (code === RETURN && text.charCodeAt(index + 1) === NEWLINE) index++
      line++
      lineStart = index + 1
      markers = 0
      firstMarker = -1
      indent = 0
      leading = true
      continue
    }
    if (leading && (code === SPACE || code === TAB)) {
      indent += code === TAB ? 4 : 1
      continue
    }
    leading = false
    const previous = index > lineStart ? text.charCodeAt(index - 1) : SPACE
    const listMarker = (code === 45 || code === 43) && (previous === SPACE || previous === TAB) && isBlank(text.charCodeAt(index + 1))
    if (INLINE_MARKUP.has(code) || listMarker) {
      markers++
      if (firstMarker < 0) firstMarker = index
    }
  }
  return best
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB
}

import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { parseMarkdown } from './parse/markdown.js'
import { readGateLine, readVerdictLine, type GateLine, type GateProblem } from './gate-line.js'
import { normalizeVisible, normalizeWithOrigin } from './normalize.js'
import { normalizeText, normalizeTitle } from './text.js'

// The plan model: the document parsed once into the pieces rules read.
// Every position is 1-based and points into the original text, so a rule
// that reports a model position reports an exact place in the file. Every
// text is what a reader sees (normalize.ts: NFKC, invisible characters
// removed, look-alike letters folded, HTML tags that render as nothing
// dropped), so rules compare visible text without knowing how it was hidden.

export interface Heading {
  index: number
  level: number
  /** Heading text without Markdown markup. */
  title: string
  /** `title` normalised for matching (no numbering, emoji, case, punctuation). */
  normalized: string
  line: number
  column: number
  /** Last line of the section: up to the next heading of the same or a higher level. */
  endLine: number
  parent: number | null
  /**
   * A bold line standing alone as a paragraph (`**Acceptance Criteria**`),
   * read as a heading one level below the real heading it stands under. It
   * never closes a real heading's section (its level is always deeper than
   * every open one); a real heading or another bold line of its level closes it.
   */
  pseudo?: boolean
}

export interface Cell {
  text: string
  line: number
  column: number
}

export interface Table {
  line: number
  column: number
  endLine: number
  header: Cell[]
  rows: Cell[][]
  section: number | null
}

export interface TaskItem {
  /** False for an item whose whole text is struck through (`- [x] ~~item~~`): a reader sees it withdrawn, not done. */
  checked: boolean
  /** True when the box is ticked but the item's text is struck through. */
  struck?: boolean
  text: string
  line: number
  /** Column of the `[ ]` box. */
  column: number
  section: number | null
}

export interface Field {
  label: string
  normalizedLabel: string
  value: string
  line: number
  column: number
  section: number | null
}

export interface CodeBlock {
  lang: string | null
  value: string
  line: number
  endLine: number
  section: number | null
}

/** One source line of prose (or inline code) outside code blocks and HTML comments. */
export interface TextSpan {
  text: string
  line: number
  column: number
  section: number | null
  code: boolean
  heading: boolean
  /** Source offset (from `column`) of each index of `text`, when normalising moved characters. */
  offsets?: readonly number[]
}

/**
 * The visible text of one paragraph, heading, table cell or HTML block, its
 * source lines joined by spaces and its emphasis gone, so that text a reader
 * sees as one phrase (`NEEDS **CLARIFICATION**`, `T*B*D`, a phrase wrapped
 * onto the next line) is matched as one. Inline code is a space.
 */
export interface ProseBlock {
  text: string
  line: number
  column: number
  section: number | null
  heading: boolean
  /** Original line and column of an index of `text`. */
  positionAt(index: number): { line: number; column: number }
}

export interface ListBlock {
  line: number
  endLine: number
  nested: boolean
  /**
   * The paragraph right before the list in the same container (the item that
   * holds a nested list, or the paragraph above a list), visible text: the
   * sentence that says what the list is ("… using format:").
   */
  lead: string | null
  section: number | null
}

export interface ImageRef {
  line: number
  column: number
  section: number | null
}

/** Every list in the model is sorted by line, so lookups can binary-search a section's range. */
export interface PlanModel {
  lines: readonly string[]
  headings: Heading[]
  tables: Table[]
  tasks: TaskItem[]
  fields: Field[]
  codeBlocks: CodeBlock[]
  spans: TextSpan[]
  prose: ProseBlock[]
  /** Every readable gate line, in order. */
  gates: GateLine[]
  /** Lines a reader takes for gate lines that declare no single verdict (templates, unreadable ones). */
  gateProblems: GateProblem[]
  /**
   * The plan's declared gate: its last gate line, when that line is readable.
   * A template's gate or an unreadable one after it leaves the plan with none.
   */
  declaredGate: GateLine | null
  lists: ListBlock[]
  images: ImageRef[]
  /** Index of the innermost heading whose section holds the line, or null before the first heading. */
  sectionAt(line: number): number | null
}

export type { GateLine, GateProblem }

/**
 * Builds the model; `text` must already be valid text (encoding and size are
 * checked before). `parse` is for tests that compare parsers.
 */
export function buildModel(text: string, parse: (markdown: string) => Root = parseMarkdown): PlanModel {
  const lines = text.split(/\r\n|\r|\n/)
  // A final newline ends the last line; it does not start another one.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  const tree = parse(blankFrontMatter(text, lines))
  const collector = new Collector(lines)
  collector.walk(tree)
  return collector.finish()
}

/**
 * YAML front matter would otherwise parse as a thematic break plus a setext
 * heading; blanking it keeps every later line number intact.
 */
function blankFrontMatter(text: string, lines: readonly string[]): string {
  const fence = lines[0]?.trim()
  if (fence !== '---' && fence !== '+++') return text
  const closers = fence === '---' ? ['---', '...'] : ['+++']
  for (let i = 1; i < Math.min(lines.length, 500); i++) {
    if (closers.includes(lines[i]!.trim())) {
      return [...lines.slice(0, i + 1).map(() => ''), ...lines.slice(i + 1)].join('\n')
    }
  }
  return text
}

// What introduces a list is its lead paragraph's last sentence: the end of a long paragraph is enough.
const LEAD_LIMIT = 400

interface Frame {
  node: Nodes
  inQuote: boolean
  /** Inside a list, quote or other container: a bold line there is not a heading. */
  nested: boolean
}

interface PendingPseudo {
  title: string
  line: number
  column: number
}

/** A span as pushed, with the length of source text it covers (to find the gap to the next one). */
type RawSpan = Omit<TextSpan, 'section'> & { sourceLength: number }

interface BlockRange {
  from: number
  to: number
  heading: boolean
}

class Collector {
  private readonly headingsInOrder: Heading[] = []
  private readonly pseudoHeadings: PendingPseudo[] = []
  private readonly tables: Array<Omit<Table, 'section'>> = []
  private readonly tasks: Array<Omit<TaskItem, 'section'>> = []
  private readonly fields: Array<Omit<Field, 'section'> & { needsList?: boolean }> = []
  private readonly codeBlocks: Array<Omit<CodeBlock, 'section'>> = []
  private readonly spans: RawSpan[] = []
  private readonly blocks: BlockRange[] = []
  private readonly gates: GateLine[] = []
  private readonly gateProblems: GateProblem[] = []
  private readonly lists: Array<Omit<ListBlock, 'section'>> = []
  private readonly images: Array<Omit<ImageRef, 'section'>> = []
  /** Each list's lead paragraph, found when its container is walked: a node does not know its siblings. */
  private readonly listLeads = new Map<Nodes, string>()
  /** First lines of unticked task items: `- [ ] Gate: PASS` is a box still to tick, not a verdict. */
  private readonly openTaskLines = new Set<number>()
  /** Set right after a `## Gate` heading: the paragraph that follows it may hold the verdict alone. */
  private afterGateHeading = false

  constructor(private readonly lines: readonly string[]) {}

  // Iterative on purpose: hostile plans nest lists and quotes thousands deep.
  walk(root: Root): void {
    const stack: Frame[] = [{ node: root, inQuote: false, nested: false }]
    while (stack.length > 0) {
      const { node, inQuote, nested } = stack.pop()!
      const descend = this.visit(node, inQuote, nested)
      if (descend && 'children' in node) {
        const childQuote = inQuote || node.type === 'blockquote'
        const childNested = nested || node.type !== 'root'
        const children = (node as Parent).children as RootContent[]
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i]!
          const before = children[i - 1]
          if (child.type === 'list' && before?.type === 'paragraph') this.listLeads.set(child, visibleText(before.children).slice(-LEAD_LIMIT))
          stack.push({ node: child, inQuote: childQuote, nested: childNested })
        }
      }
    }
  }

  /** Records what the node contributes; returns whether to visit its children. */
  private visit(node: Nodes, inQuote: boolean, nested: boolean): boolean {
    const start = node.position?.start
    const underGateHeading = this.afterGateHeading
    if (node.type !== 'root') this.afterGateHeading = false
    switch (node.type) {
      case 'heading': {
        if (!start) return false
        const title = visibleText(node.children)
        if (!inQuote) {
          this.headingsInOrder.push({
            index: this.headingsInOrder.length,
            level: node.depth,
            title,
            normalized: normalizeTitle(title),
            line: start.line,
            column: start.column,
            endLine: start.line,
            parent: null
          })
          this.addGate(title, start.line, start.column)
          this.afterGateHeading = GATE_HEADING.test(normalizeText(title))
        }
        this.addBlock(node.children, true)
        return false
      }
      case 'table': {
        if (!start || inQuote) return true
        const [headerRow, ...bodyRows] = node.children
        const toCells = (row: typeof headerRow): Cell[] =>
          (row?.children ?? []).map((cell) => ({
            text: visibleText(cell.children),
            line: cell.position?.start.line ?? start.line,
            column: cell.position?.start.column ?? start.column
          }))
        this.tables.push({
          line: start.line,
          column: start.column,
          endLine: node.position?.end.line ?? start.line,
          header: toCells(headerRow),
          rows: bodyRows.map(toCells)
        })
        return true
      }
      case 'listItem': {
        if (start && !inQuote && typeof node.checked === 'boolean') {
          const first = node.children[0]
          const task = first && first.type === 'paragraph' ? taskText(first.children) : { text: '', struck: false }
          if (!node.checked) this.openTaskLines.add(start.line)
          this.tasks.push({
            checked: node.checked && !task.struck,
            ...(task.struck && node.checked ? { struck: true } : {}),
            text: task.text,
            line: start.line,
            column: this.boxColumn(start.line, start.column)
          })
        }
        return true
      }
      case 'list': {
        if (start) {
          const nestedList = node.children.some((item) => item.children.some((child) => child.type === 'list'))
          this.lists.push({ line: start.line, endLine: node.position?.end.line ?? start.line, nested: nestedList, lead: this.listLeads.get(node) ?? null })
        }
        return true
      }
      case 'paragraph': {
        if (start && !inQuote) {
          if (underGateHeading) this.verdictUnderHeading(node.children, start.line, start.column)
          this.paragraphLines(node.children, start.line, start.column)
          if (!nested && node.position?.end.line === start.line) this.boldLine(node.children, start.line, start.column)
        }
        this.addBlock(node.children, false)
        return false
      }
      case 'tableCell': {
        this.addBlock(node.children, false)
        return false
      }
      case 'code': {
        if (start) {
          this.codeBlocks.push({ lang: node.lang ?? null, value: node.value, line: start.line, endLine: node.position?.end.line ?? start.line })
        }
        return false
      }
      case 'html': {
        if (start && !isComment(node.value)) {
          const from = this.spans.length
          this.pushSpan(node.value, start.line, start.column, false, false, true)
          this.blocks.push({ from, to: this.spans.length, heading: false })
        }
        return false
      }
      case 'image': {
        if (start) this.images.push({ line: start.line, column: start.column })
        return false
      }
      default:
        return true
    }
  }

  private addGate(text: string, line: number, column: number): void {
    const reading = readGateLine(text, line, column)
    if (!reading) return
    if (reading.kind !== 'gate') this.gateProblems.push(reading)
    else if (this.openTaskLines.has(line)) this.gateProblems.push({ kind: 'unfilled', text: text.trim(), line, column })
    else this.gates.push(reading.gate)
  }

  private verdictUnderHeading(children: PhrasingContent[], line: number, column: number): void {
    const firstLine = normalizeVisible(dropTags(inlineText(children))).split(/\r\n|\r|\n/)[0] ?? ''
    const reading = readVerdictLine(firstLine, line, column)
    if (!reading) return
    if (reading.kind === 'gate') this.gates.push(reading.gate)
    else this.gateProblems.push(reading)
  }

  private boxColumn(line: number, fallback: number): number {
    const source = this.lines[line - 1] ?? ''
    const at = source.indexOf('[', fallback - 1)
    return at >= 0 ? at + 1 : fallback
  }

  private addBlock(children: PhrasingContent[], heading: boolean): void {
    const from = this.spans.length
    this.addSpans(children, heading)
    if (this.spans.length > from) this.blocks.push({ from, to: this.spans.length, heading })
  }

  /** Prose spans, one per source line, with the column found in the source line. */
  private addSpans(children: PhrasingContent[], heading: boolean): void {
    const stack = [...children].reverse()
    while (stack.length > 0) {
      const node = stack.pop()!
      const start = node.position?.start
      if (node.type === 'text' || node.type === 'inlineCode') {
        if (start) this.pushSpan(node.value, start.line, start.column, node.type === 'inlineCode', heading)
      } else if (node.type === 'html') {
        if (start && !isComment(node.value)) this.pushSpan(node.value, start.line, start.column, false, heading, true)
      } else if (node.type === 'image') {
        if (start) this.images.push({ line: start.line, column: start.column })
      } else if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as PhrasingContent)
      }
    }
  }

  /** `html`: the value is raw HTML, whose tags that render as nothing are blanked (same length, so columns hold). */
  private pushSpan(value: string, line: number, column: number, code: boolean, heading: boolean, html = false): void {
    const parts = value.split(/\r\n|\r|\n/)
    parts.forEach((part, offset) => {
      if (part.trim() === '') return
      const normalized = normalizeWithOrigin(html ? blankTags(part) : part)
      // Only invisible characters, or tags that render as nothing: a reader sees no text here.
      if (normalized.text.trim() === '') return
      const sourceLine = line + offset
      let spanColumn = column
      if (offset > 0) {
        const source = this.lines[sourceLine - 1] ?? ''
        // The text keeps its leading whitespace (HTML blocks keep their indentation), so the column is where that starts.
        const lead = part.length - part.trimStart().length
        const found = source.indexOf(part.trimStart())
        spanColumn = found >= 0 ? Math.max(1, found + 1 - lead) : source.length - source.trimStart().length + 1
      }
      this.spans.push({
        text: normalized.text,
        line: sourceLine,
        column: spanColumn,
        code,
        heading,
        ...(normalized.origin ? { offsets: normalized.origin } : {}),
        sourceLength: part.length
      })
    })
  }

  /** Splits a paragraph into its source lines to find labelled fields and gate lines. */
  private paragraphLines(children: PhrasingContent[], line: number, column: number): void {
    const paragraphLines: Array<{ nodes: PhrasingContent[]; text: string }> = [{ nodes: [], text: '' }]
    for (const child of children) {
      const current = paragraphLines[paragraphLines.length - 1]!
      if (child.type === 'break') {
        paragraphLines.push({ nodes: [], text: '' })
      } else if (child.type === 'text' && /[\r\n]/.test(child.value)) {
        const parts = child.value.split(/\r\n|\r|\n/)
        current.text += parts[0]
        current.nodes.push({ ...child, value: parts[0]! })
        for (const part of parts.slice(1)) paragraphLines.push({ nodes: part ? [{ type: 'text', value: part }] : [], text: part })
      } else {
        current.text += inlineText([child])
        current.nodes.push(child)
      }
    }
    paragraphLines.forEach((paragraphLine, offset) => {
      const sourceLine = line + offset
      const source = this.lines[sourceLine - 1] ?? ''
      const lineColumn = offset === 0 ? column : source.length - source.trimStart().length + 1
      this.addGate(normalizeVisible(dropTags(paragraphLine.text)), sourceLine, lineColumn)
      const field = fieldOf(paragraphLine.nodes)
      if (field) {
        const fieldStart = paragraphLine.nodes[0]?.position?.start
        this.fields.push({
          ...field,
          normalizedLabel: normalizeText(field.label),
          line: sourceLine,
          column: fieldStart?.line === sourceLine ? fieldStart.column : lineColumn
        })
      }
    })
  }

  /**
   * `**Acceptance Criteria**` alone on its line, as its own paragraph: authors
   * use it as a heading, and as a field label when a list follows.
   */
  private boldLine(children: PhrasingContent[], line: number, column: number): void {
    const meaningful = children.filter((child) => !(child.type === 'text' && /^\s*[:：]?\s*$/u.test(child.value)))
    const strong = meaningful[0]
    if (meaningful.length !== 1 || strong?.type !== 'strong') return
    const title = visibleText(strong.children).replace(/\s*[:：]$/u, '').trim()
    if (title === '' || title.length > 80 || !/[\p{L}\p{N}]/u.test(title)) return
    if (readGateLine(title, line, column)) return
    this.pseudoHeadings.push({ title, line, column })
    // `**Label:**` alone already is a field; a bare `**Label**` becomes one only when a list follows it.
    if (this.fields[this.fields.length - 1]?.line !== line) {
      this.fields.push({ label: title, normalizedLabel: normalizeText(title), value: '', line, column, needsList: true })
    }
  }

  /** Composes each prose block's text from its spans, keeping a way back to original positions. */
  private proseBlocks(): Array<Omit<ProseBlock, 'section'>> {
    const blocks: Array<Omit<ProseBlock, 'section'>> = []
    for (const range of this.blocks) {
      let text = ''
      const segments: Array<{ at: number; span: RawSpan }> = []
      let previous: RawSpan | null = null
      for (let index = range.from; index < range.to; index++) {
        const span = this.spans[index]!
        if (previous) text += this.joiner(previous, span)
        if (span.code) {
          // Inline code is not prose, but it still separates the words around it.
          if (!text.endsWith(' ')) text += ' '
        } else {
          segments.push({ at: text.length, span })
          text += span.text
        }
        previous = span
      }
      if (segments.length === 0) continue
      const first = segments[0]!.span
      blocks.push({ text, line: first.line, column: first.column, heading: range.heading, positionAt: positionFinder(segments) })
    }
    return blocks
  }

  /** What separates two spans of one block: a space where the source has one (or a line break), nothing where only markup was. */
  private joiner(previous: RawSpan, next: RawSpan): string {
    if (previous.line !== next.line) return ' '
    const source = this.lines[next.line - 1] ?? ''
    const gap = source.slice(previous.column - 1 + previous.sourceLength, next.column - 1)
    return /\s|<\/?(?:br|p|div|li|td|th|tr|hr)\b/iu.test(gap) ? ' ' : ''
  }

  finish(): PlanModel {
    const lastLine = this.lines.length
    const headings = this.withPseudoHeadings()
    // Nearest preceding heading of a lower level is the parent; a section ends where a heading of its level or higher starts.
    const open: Heading[] = []
    for (const heading of headings) {
      while (open.length > 0 && open[open.length - 1]!.level >= heading.level) open.pop()!.endLine = heading.line - 1
      heading.parent = open.length > 0 ? open[open.length - 1]!.index : null
      open.push(heading)
    }
    for (const heading of open) heading.endLine = lastLine
    const headingLines = headings.map((heading) => heading.line)
    const sectionAt = (line: number): number | null => {
      let low = 0
      let high = headingLines.length - 1
      let found = -1
      while (low <= high) {
        const middle = (low + high) >> 1
        if (headingLines[middle]! <= line) {
          found = middle
          low = middle + 1
        } else {
          high = middle - 1
        }
      }
      return found < 0 ? null : found
    }
    // Sorted by line (stable), so that lookups can binary-search a section's range.
    const withSection = <T extends { line: number }>(items: T[]): Array<T & { section: number | null }> =>
      items.map((item) => ({ ...item, section: sectionAt(item.line) })).sort((a, b) => a.line - b.line)
    // `**Testing**:` followed by a list (on the next line, or after blank lines) keeps its value in that list.
    const listLines = new Set(this.lists.map((list) => list.line))
    const listAfter = (line: number): number | null => {
      let next = line + 1
      while (next <= lastLine && this.lines[next - 1]!.trim() === '') next++
      return listLines.has(next) ? next : null
    }
    // Prose per line, built once: scanning every span for every such field was
    // quadratic, and a plan can hold tens of thousands of them.
    let proseByLine: Map<number, string[]> | null = null
    const fields: Array<Omit<Field, 'section'>> = []
    for (const { needsList, ...field } of this.fields) {
      const list = field.value === '' ? listAfter(field.line) : null
      if (list === null) {
        if (!needsList) fields.push(field)
        continue
      }
      proseByLine ??= groupProseByLine(this.spans)
      const value = (proseByLine.get(list) ?? []).join(' ').trim()
      fields.push({ ...field, value: value === '' ? '(list)' : value })
    }
    const gates = this.gates.sort((a, b) => a.line - b.line)
    const gateProblems = this.gateProblems.sort((a, b) => a.line - b.line)
    const lastGate = gates[gates.length - 1] ?? null
    const lastProblem = gateProblems[gateProblems.length - 1]
    const declaredGate = lastGate && (!lastProblem || lastProblem.line < lastGate.line) ? lastGate : null
    const prose = withSection(this.proseBlocks())
    const spans = withSection(this.spans.map(({ sourceLength: _sourceLength, ...span }) => span))
    return {
      lines: this.lines,
      headings,
      tables: withSection(this.tables),
      tasks: withSection(this.tasks),
      fields: withSection(fields),
      codeBlocks: withSection(this.codeBlocks),
      spans,
      prose,
      gates,
      gateProblems,
      declaredGate,
      lists: withSection(this.lists),
      images: withSection(this.images),
      sectionAt
    }
  }

  /**
   * Real headings and bold lines in line order. A bold line sits one level
   * below the innermost real heading above it, so it can close only another
   * bold line or a deeper heading, never the section of a real heading that
   * holds it; one above every real heading is left as prose.
   */
  private withPseudoHeadings(): Heading[] {
    const real = this.headingsInOrder
    if (this.pseudoHeadings.length === 0) return real
    const merged: Heading[] = []
    let next = 0
    let innermost: Heading | null = null
    const take = (heading: Heading): void => {
      heading.index = merged.length
      merged.push(heading)
    }
    for (const pseudo of this.pseudoHeadings) {
      while (next < real.length && real[next]!.line <= pseudo.line) {
        innermost = real[next]!
        take(real[next++]!)
      }
      if (!innermost || innermost.line === pseudo.line) continue
      take({
        index: 0,
        level: innermost.level + 1,
        title: pseudo.title,
        normalized: normalizeTitle(pseudo.title),
        line: pseudo.line,
        column: pseudo.column,
        endLine: pseudo.line,
        parent: null,
        pseudo: true
      })
    }
    while (next < real.length) take(real[next++]!)
    return merged
  }
}

function positionFinder(segments: ReadonlyArray<{ at: number; span: RawSpan }>): (index: number) => { line: number; column: number } {
  return (index) => {
    let low = 0
    let high = segments.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if (segments[middle]!.at <= index) low = middle
      else high = middle - 1
    }
    const { at, span } = segments[low]!
    const within = Math.max(0, Math.min(index - at, span.text.length))
    return { line: span.line, column: span.column + (span.offsets ? span.offsets[within]! : within) }
  }
}

// Headings that label the verdict written under them.
const GATE_HEADING = /^(?:final )?gate(?: (?:status|verdict|result|decision))?$/u

function groupProseByLine(spans: ReadonlyArray<Omit<TextSpan, 'section'>>): Map<number, string[]> {
  const byLine = new Map<number, string[]>()
  for (const span of spans) {
    if (span.code) continue
    const texts = byLine.get(span.line)
    if (texts) texts.push(span.text)
    else byLine.set(span.line, [span.text])
  }
  return byLine
}

function isComment(html: string): boolean {
  return html.trimStart().startsWith('<!--')
}

// HTML elements GitHub renders without showing the tag: their tags (and any
// words in their attributes, such as `<span title="Owners assigned">`) are not
// text a reader sees. Other angle-bracket words (`<reason>`, `<feature name>`)
// are left as text: they are template placeholders, visible in the source.
const KNOWN_TAG =
  /<\/?(?:a|abbr|b|bdi|bdo|big|blockquote|br|center|cite|code|dd|del|details|dfn|div|dl|dt|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|picture|pre|q|rp|rt|ruby|s|samp|small|source|span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|time|tr|tt|u|ul|var|wbr)(?=[\s/>])[^<>]{0,1000}>/giu
const BREAKING_TAG = /^<\/?(?:br|p|div|li|td|th|tr|hr|dd|dt)\b/iu
// Bounded, so that a hostile item of many unclosed `~~` stays linear.
const STRUCK = /~~(?=\S)([\s\S]{0,2000}?\S)~~|(?<!~)~(?!~)(?=\S)([^~]{0,2000}?[^\s~])~(?!~)|<(del|s|strike)\b[^<>]{0,2000}>([\s\S]{0,2000}?)<\/\3\s*>/giu
const STRUCK_TEXT_LIMIT = 20_000

/** Known tags replaced by spaces of the same length, so positions in the value do not move. */
function blankTags(html: string): string {
  return html.includes('<') ? html.replace(KNOWN_TAG, (tag) => ' '.repeat(tag.length)) : html
}

/** Known tags dropped (a space for those that break a line), other text kept. */
function dropTags(html: string): string {
  return html.includes('<') ? html.replace(KNOWN_TAG, (tag) => (BREAKING_TAG.test(tag) ? ' ' : '')) : html
}

/** Inline content as plain text: HTML comments dropped, tags kept as written. */
export function inlineText(children: readonly PhrasingContent[]): string {
  let out = ''
  const stack = [...children].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value
    else if (node.type === 'break') out += '\n'
    else if (node.type === 'html') out += isComment(node.value) ? '' : node.value
    else if (node.type === 'image') out += node.alt ?? ''
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as PhrasingContent)
  }
  return out
}

/** What a reader sees of inline content: tags that render as nothing dropped, normalised, trimmed. */
export function visibleText(children: readonly PhrasingContent[]): string {
  return normalizeVisible(dropTags(inlineText(children))).trim()
}

/**
 * A task's text without what is struck through. `~~` is not parsed (the
 * parser reads only GFM tables and task lists), so it is found here, as are
 * `<del>`, `<s>` and `<strike>`. An item struck through as a whole keeps its
 * text (so it still matches its checklist item) and is marked struck.
 */
function taskText(children: readonly PhrasingContent[]): { text: string; struck: boolean } {
  const raw = inlineText(children)
  if (raw.length > STRUCK_TEXT_LIMIT || (!raw.includes('~') && !/<(?:del|s|strike)\b/iu.test(raw))) return { text: normalizeVisible(dropTags(raw)).trim(), struck: false }
  const struckParts: string[] = []
  const kept = raw.replace(STRUCK, (_match, double: string | undefined, single: string | undefined, _tag, tagged: string | undefined) => {
    struckParts.push(double ?? single ?? tagged ?? '')
    return ' '
  })
  const visibleKept = normalizeVisible(dropTags(kept)).trim()
  if (struckParts.length > 0 && !/[\p{L}\p{N}]/u.test(visibleKept)) {
    return { text: normalizeVisible(dropTags(struckParts.join(' '))).replace(/\s+/gu, ' ').trim(), struck: true }
  }
  return { text: visibleKept.replace(/\s+/gu, ' '), struck: false }
}

/** `**Label**: value`, `**Label:** value` or `**Label** (note): value` at the start of a line. */
function fieldOf(nodes: readonly PhrasingContent[]): { label: string; value: string } | null {
  const [first, ...rest] = nodes
  if (!first || first.type !== 'strong') return null
  const strongText = visibleText(first.children)
  const after = normalizeVisible(dropTags(inlineText(rest)))
  let label: string
  let value: string
  const noted = /^\s*[(（][^()（）]{0,80}[)）]\s*[:：]/u.exec(after)
  if (strongText.endsWith(':') || strongText.endsWith('：')) {
    label = strongText.slice(0, -1).trim()
    value = after
  } else if (/^\s*[:：]/.test(after)) {
    label = strongText
    value = after.replace(/^\s*[:：]/, '')
  } else if (noted) {
    // The note qualifies the label ("**Storage** (optional): S3"); the label is what rubrics name.
    label = strongText
    value = after.slice(noted[0].length)
  } else {
    return null
  }
  if (label === '' || label.length > 80) return null
  return { label, value: value.trim() }
}

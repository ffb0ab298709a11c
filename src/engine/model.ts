import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast'
import { parseMarkdown } from './parse/markdown.js'
import { parseGateLine, type GateLine } from './gate-line.js'
import { normalizeText, normalizeTitle } from './text.js'

// The plan model: the document parsed once into the pieces rules read.
// Every position is 1-based and points into the original text, so a rule
// that reports a model position reports an exact place in the file.

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
  checked: boolean
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
}

export interface ListBlock {
  line: number
  nested: boolean
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
  gates: GateLine[]
  lists: ListBlock[]
  images: ImageRef[]
  /** Index of the innermost heading whose section holds the line, or null before the first heading. */
  sectionAt(line: number): number | null
}

export type { GateLine }

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

interface Frame {
  node: Nodes
  inQuote: boolean
}

class Collector {
  private readonly headingsInOrder: Heading[] = []
  private readonly tables: Array<Omit<Table, 'section'>> = []
  private readonly tasks: Array<Omit<TaskItem, 'section'>> = []
  private readonly fields: Array<Omit<Field, 'section'>> = []
  private readonly codeBlocks: Array<Omit<CodeBlock, 'section'>> = []
  private readonly spans: Array<Omit<TextSpan, 'section'>> = []
  private readonly gates: GateLine[] = []
  private readonly lists: Array<Omit<ListBlock, 'section'>> = []
  private readonly images: Array<Omit<ImageRef, 'section'>> = []

  constructor(private readonly lines: readonly string[]) {}

  // Iterative on purpose: hostile plans nest lists and quotes thousands deep.
  walk(root: Root): void {
    const stack: Frame[] = [{ node: root, inQuote: false }]
    while (stack.length > 0) {
      const { node, inQuote } = stack.pop()!
      const descend = this.visit(node, inQuote)
      if (descend && 'children' in node) {
        const childQuote = inQuote || node.type === 'blockquote'
        const children = (node as Parent).children as RootContent[]
        for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, inQuote: childQuote })
      }
    }
  }

  /** Records what the node contributes; returns whether to visit its children. */
  private visit(node: Nodes, inQuote: boolean): boolean {
    const start = node.position?.start
    switch (node.type) {
      case 'heading': {
        if (!start) return false
        const title = inlineText(node.children).trim()
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
          const gate = parseGateLine(title, start.line, start.column)
          if (gate) this.gates.push(gate)
        }
        this.addSpans(node.children, true)
        return false
      }
      case 'table': {
        if (!start || inQuote) return true
        const [headerRow, ...bodyRows] = node.children
        const toCells = (row: typeof headerRow): Cell[] =>
          (row?.children ?? []).map((cell) => ({
            text: inlineText(cell.children).trim(),
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
          const text = first && first.type === 'paragraph' ? inlineText(first.children).trim() : ''
          this.tasks.push({ checked: node.checked, text, line: start.line, column: this.boxColumn(start.line, start.column) })
        }
        return true
      }
      case 'list': {
        if (start) {
          const nested = node.children.some((item) => item.children.some((child) => child.type === 'list'))
          this.lists.push({ line: start.line, nested })
        }
        return true
      }
      case 'paragraph': {
        if (start && !inQuote) this.paragraphLines(node.children, start.line, start.column)
        this.addSpans(node.children, false)
        return false
      }
      case 'tableCell': {
        this.addSpans(node.children, false)
        return false
      }
      case 'code': {
        if (start) {
          this.codeBlocks.push({ lang: node.lang ?? null, value: node.value, line: start.line, endLine: node.position?.end.line ?? start.line })
        }
        return false
      }
      case 'html': {
        if (start && !isComment(node.value)) this.pushSpan(node.value, start.line, start.column, false, false)
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

  private boxColumn(line: number, fallback: number): number {
    const source = this.lines[line - 1] ?? ''
    const at = source.indexOf('[', fallback - 1)
    return at >= 0 ? at + 1 : fallback
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
        if (start && !isComment(node.value)) this.pushSpan(node.value, start.line, start.column, false, heading)
      } else if (node.type === 'image') {
        if (start) this.images.push({ line: start.line, column: start.column })
      } else if ('children' in node) {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as PhrasingContent)
      }
    }
  }

  private pushSpan(value: string, line: number, column: number, code: boolean, heading: boolean): void {
    const parts = value.split(/\r\n|\r|\n/)
    parts.forEach((part, offset) => {
      if (part.trim() === '') return
      const sourceLine = line + offset
      let spanColumn = column
      if (offset > 0) {
        const source = this.lines[sourceLine - 1] ?? ''
        const found = source.indexOf(part.trimStart())
        spanColumn = found >= 0 ? found + 1 : source.length - source.trimStart().length + 1
      }
      this.spans.push({ text: part, line: sourceLine, column: spanColumn, code, heading })
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
      const gate = parseGateLine(paragraphLine.text, sourceLine, lineColumn)
      if (gate) this.gates.push(gate)
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

  finish(): PlanModel {
    const lastLine = this.lines.length
    const headings = this.headingsInOrder
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
    // `**Testing**:` followed by a list on the next line keeps its value in that list.
    const listLines = new Set(this.lists.map((list) => list.line))
    // Prose per line, built once: scanning every span for every such field was
    // quadratic, and a plan can hold tens of thousands of them.
    let proseByLine: Map<number, string[]> | null = null
    const fields = this.fields.map((field) => {
      if (field.value !== '' || !listLines.has(field.line + 1)) return field
      proseByLine ??= groupProseByLine(this.spans)
      const value = (proseByLine.get(field.line + 1) ?? []).join(' ').trim()
      return { ...field, value: value === '' ? '(list)' : value }
    })
    return {
      lines: this.lines,
      headings,
      tables: withSection(this.tables),
      tasks: withSection(this.tasks),
      fields: withSection(fields),
      codeBlocks: withSection(this.codeBlocks),
      spans: withSection(this.spans),
      gates: this.gates.sort((a, b) => a.line - b.line),
      lists: withSection(this.lists),
      images: withSection(this.images),
      sectionAt
    }
  }
}

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

/** Visible text of inline content; HTML comments and raw HTML tags are not text. */
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

/** `**Label**: value` or `**Label:** value` at the start of a line. */
function fieldOf(nodes: readonly PhrasingContent[]): { label: string; value: string } | null {
  const [first, ...rest] = nodes
  if (!first || first.type !== 'strong') return null
  const strongText = inlineText(first.children).trim()
  const after = inlineText(rest)
  let label: string
  let value: string
  if (strongText.endsWith(':') || strongText.endsWith('：')) {
    label = strongText.slice(0, -1).trim()
    value = after
  } else if (/^\s*[:：]/.test(after)) {
    label = strongText
    value = after.replace(/^\s*[:：]/, '')
  } else {
    return null
  }
  if (label === '' || label.length > 80) return null
  return { label, value: value.trim() }
}

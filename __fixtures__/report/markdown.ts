// Reads rendered Markdown the way GitHub does (CommonMark + GFM), so tests can
// assert on structure (headings, rows, links, raw HTML) instead of substrings.
import type { Nodes, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm)

export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown)
}

export function nodesOfType<T extends Nodes['type']>(tree: Nodes, type: T): Array<Extract<Nodes, { type: T }>> {
  const found: Array<Extract<Nodes, { type: T }>> = []
  const visit = (node: Nodes) => {
    if (node.type === type) found.push(node as Extract<Nodes, { type: T }>)
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(tree)
  return found
}

/** Text GitHub would scan for mentions and references: everything but code and raw HTML. */
export function proseTexts(tree: Nodes): string[] {
  return nodesOfType(tree, 'text').map((node) => node.value)
}

/** The Markdown source with nodes of the given types blanked out, for raw-text checks. */
export function blankNodes(markdown: string, tree: Root, types: ReadonlyArray<Nodes['type']>): string {
  // Offsets count UTF-16 units, so blank unit by unit.
  const units = markdown.split('')
  for (const type of types) {
    for (const node of nodesOfType(tree, type)) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) continue
      for (let i = start; i < end; i++) units[i] = ' '
    }
  }
  return units.join('')
}

/** The Markdown source with code spans and blocks blanked out. */
export function withoutCode(markdown: string, tree: Root = parseMarkdown(markdown)): string {
  return blankNodes(markdown, tree, ['inlineCode', 'code'])
}

/** A GitHub @mention: `@` after a non-word character, then a login's first character. */
export const LIVE_MENTION = /(^|[^\w`])@[A-Za-z0-9]/m

export { toString as mdToString }

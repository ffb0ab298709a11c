import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import type { Root } from 'mdast'

// The only module that knows which Markdown parser plan-gate uses: swapping in
// a faster parser later means changing this file and nothing else.
const processor = unified().use(remarkParse).use(remarkGfm)

export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import remarkParse from 'remark-parse'
import { unified, type Processor } from 'unified'
import type { Root } from 'mdast'

// The only module that knows which Markdown parser plan-gate uses: swapping in
// a faster parser later means changing this file and nothing else.

/**
 * The two GFM constructs the plan model reads, tables and task lists, added
 * the way remark-gfm adds all of its own. The rest of GFM (autolink literals,
 * strikethrough, footnotes) only wraps text the model reads as text anyway,
 * and it cost a third of the parse time (BENCHMARKS.md). Left out, a footnote
 * stays plain text: its words still count and a placeholder in it is still
 * found, and its `[^1]` markers count as words too. __tests__/engine/parser.test.ts
 * checks that no finding changes on the examples and the corpus.
 */
function gfmTablesAndTasks(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem())
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown())
}

const processor = unified().use(remarkParse).use(gfmTablesAndTasks)

export function parseMarkdown(text: string): Root {
  return processor.parse(text)
}

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
function gfmTablesAndTasks(this: Processor, options: { tables: boolean; tasks: boolean }): void {
  const data = this.data()
  if (options.tables) {
    ;(data.micromarkExtensions ??= []).push(gfmTable())
    ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown())
  }
  if (options.tasks) {
    ;(data.micromarkExtensions ??= []).push(gfmTaskListItem())
    ;(data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown())
  }
}

// A table needs a `|` (in its delimiter row at least) and a task item its `[`:
// a text without one cannot have the construct, and leaving its extension out
// spares the parser the extension's hooks at every line and bracket.
const processors = new Map<number, Processor>()
function processorFor(tables: boolean, tasks: boolean): Processor {
  const key = (tables ? 1 : 0) | (tasks ? 2 : 0)
  let processor = processors.get(key)
  if (!processor) processors.set(key, (processor = unified().use(remarkParse).use(gfmTablesAndTasks, { tables, tasks }) as unknown as Processor))
  return processor
}

export function parseMarkdown(text: string): Root {
  return processorFor(text.includes('|'), text.includes('[')).parse(text) as Root
}

// The parse floor, as a naive tool would do it: walk a directory and, one
// file after another in one process, read each .md file and parse it with
// unified + remark-parse + remark-gfm, nothing else.
//
//   node scripts/bench/bare-parse.mjs <dir>
//
// The parent times the whole process; the parse calls are also timed here,
// per top-level directory of <dir>, for the in-process comparison. Prints one
// JSON line.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'

const root = process.argv[2] ?? '.'
const processor = unified().use(remarkParse).use(remarkGfm)
const groups = {}
let files = 0
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.md')) continue
  const file = path.join(entry.parentPath ?? entry.path, entry.name)
  const content = readFileSync(file)
  const group = (groups[path.relative(root, file).split(path.sep)[0]] ??= { files: 0, bytes: 0, ms: 0, cpuMs: 0 })
  const started = performance.now()
  const cpu = process.cpuUsage()
  processor.parse(content.toString('utf8'))
  const used = process.cpuUsage(cpu)
  group.ms += performance.now() - started
  group.cpuMs += (used.user + used.system) / 1000
  group.files++
  group.bytes += content.length
  files++
}
console.log(JSON.stringify({ files, groups, maxRssKiB: process.resourceUsage().maxRSS }))

// The floor under the cold-scan goal: plan-gate's own parser (the engine's
// parseMarkdown, from a tsc build) and nothing else, with the .md files of a
// directory split over one process per core, all at once. No rules, no model,
// no worker pool: a cold scan that keeps unified + remark-parse cannot beat it.
// Each share runs with the semi-spaces plan-gate's workers get from their young
// generation (WORKER_YOUNG_GENERATION_MB, a third of it), since the parser's
// speed depends on them: the floor is the parser as plan-gate runs it.
//
//   node scripts/bench/parse-split.mjs <build> <dir> <processes> <semi-space MiB>    the parent: starts the shares, waits for all
//   node scripts/bench/parse-split.mjs <build> <dir> <processes> <semi-space MiB> <share>
//
// The parent is timed as a whole process; GNU time counts the CPU of the
// children it waited for. Prints one JSON line: files and bytes parsed.
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const [build, root, processes, semiSpace, share] = process.argv.slice(2)
const parts = Number(processes)
if (!build || !root || !(parts >= 1) || !(Number(semiSpace) >= 1)) throw new Error('usage: parse-split.mjs <build> <dir> <processes> <semi-space MiB> [share]')

if (share === undefined) {
  const self = fileURLToPath(import.meta.url)
  const children = Array.from({ length: parts }, (_, index) => {
    const child = spawn(process.execPath, [`--max-semi-space-size=${semiSpace}`, self, build, root, processes, semiSpace, String(index)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    return new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`share ${index} exited with ${code}`)))))
  })
  const shares = await Promise.all(children)
  console.log(JSON.stringify({ files: shares.reduce((sum, s) => sum + s.files, 0), bytes: shares.reduce((sum, s) => sum + s.bytes, 0) }))
} else {
  const { parseMarkdown } = await import(pathToFileURL(path.join(build, 'src', 'engine', 'parse', 'markdown.js')).href)
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort()
  let count = 0
  let bytes = 0
  for (let index = Number(share); index < files.length; index += parts) {
    const content = readFileSync(files[index])
    parseMarkdown(content.toString('utf8'))
    count++
    bytes += content.length
  }
  console.log(JSON.stringify({ files: count, bytes }))
}

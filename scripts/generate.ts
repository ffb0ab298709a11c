import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generatedFiles } from './generated-files.js'

// Run through `npm run generate`, which compiles the TypeScript first.
const root = process.cwd()
for (const [file, content] of generatedFiles()) {
  const target = path.join(root, file)
  mkdirSync(path.dirname(target), { recursive: true })
  writeFileSync(target, content)
}
console.log(`wrote ${generatedFiles().size} generated files`)

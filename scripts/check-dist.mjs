// Fails when the committed dist/ is not what a fresh build of the committed
// sources produces: the action runs dist/ as committed, so drift would ship
// code nobody reviewed.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const fresh = path.join(root, 'build', 'dist-check')
execFileSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs'), fresh], { cwd: root, stdio: 'inherit' })

const committed = path.join(root, 'dist')
// dist/types/ holds the API's declarations in folders, so both trees are listed file by file.
const files = (dir) => (readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name))))
const names = new Set([...files(committed), ...files(fresh)])
const differing = [...names].filter((name) => {
  try {
    return !readFileSync(path.join(committed, name)).equals(readFileSync(path.join(fresh, name)))
  } catch {
    return true
  }
})
if (differing.length > 0) {
  console.error(`dist/ differs from a fresh build: ${differing.join(', ')}\nRun "npm run bundle" and commit dist/ with the source change.`)
  process.exit(1)
}
console.log('dist/ matches a fresh build')

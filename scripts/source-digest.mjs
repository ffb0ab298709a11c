// A digest of what dist/ is built from: every file under src/ and the lock
// file, by path and content. bundle.mjs writes it to dist/sources.sha256;
// tests that run the built code compare it with the working tree to tell
// whether dist/ is stale. File times cannot tell: a checkout sets them all.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

export const DIGEST_FILE = 'sources.sha256'

export function sourceDigest(root) {
  const src = path.join(root, 'src')
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'))
  files.push('package-lock.json')
  const hash = createHash('sha256')
  for (const file of files.sort()) {
    hash.update(`${file}\0`)
    // Line endings as git stores them, so a checkout with autocrlf gives the same digest.
    hash.update(readFileSync(path.join(root, file), 'utf8').replace(/\r\n/g, '\n'))
    hash.update('\0')
  }
  return hash.digest('hex')
}

import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sourceDigest } from '../../scripts/source-digest.mjs'

// Whether dist/ is stale is told by what the sources say, never by file times:
// a fresh checkout gives every file the time of the checkout.

let root: string
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'plan-gate-digest-'))
  mkdirSync(path.join(root, 'src', 'engine'), { recursive: true })
  writeFileSync(path.join(root, 'src', 'engine', 'check.ts'), 'export const a = 1\n')
  writeFileSync(path.join(root, 'src', 'version.ts'), "export const VERSION = '1.0.0'\n")
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

it('ignores file times and line endings', () => {
  const before = sourceDigest(root)
  utimesSync(path.join(root, 'src', 'engine', 'check.ts'), new Date(), new Date(Date.now() + 3_600_000))
  writeFileSync(path.join(root, 'src', 'version.ts'), "export const VERSION = '1.0.0'\r\n")
  expect(sourceDigest(root)).toBe(before)
})

it('changes with a source, a new file or the lock file', () => {
  const digests = new Set([sourceDigest(root)])
  writeFileSync(path.join(root, 'src', 'engine', 'check.ts'), 'export const a = 2\n')
  digests.add(sourceDigest(root))
  writeFileSync(path.join(root, 'src', 'engine', 'extra.ts'), '\n')
  digests.add(sourceDigest(root))
  writeFileSync(path.join(root, 'package-lock.json'), '{ "lockfileVersion": 3 }\n')
  digests.add(sourceDigest(root))
  expect(digests.size).toBe(4)
})


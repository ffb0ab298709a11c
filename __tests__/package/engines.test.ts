import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

// package.json's `engines` must be true of every locked package: one that
// wants a newer Node than plan-gate promises makes `npm install` warn on the
// oldest supported Node, and may use what that Node lacks in the bundles.

const require = createRequire(path.join(process.cwd(), 'package.json'))
// semver is installed for Jest; only these two functions are used.
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string): boolean }

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { version?: string; optional?: boolean; engines?: { node?: string } | string[] }> }

it('every locked package runs on the oldest Node that engines allows', () => {
  const oldest = semver.minVersion(manifest.engines.node)!.version
  expect(oldest).toBe('20.0.0')
  const wanting = Object.entries(lock.packages)
    .filter(([name, info]) => name !== '' && !info.optional && info.engines !== undefined && !Array.isArray(info.engines) && info.engines.node !== undefined)
    .filter(([, info]) => !semver.satisfies(oldest, (info.engines as { node: string }).node))
    .map(([name, info]) => `${name}@${info.version}: node ${(info.engines as { node: string }).node}`)
  expect(wanting).toEqual([])
})

// The action's first request must not wait for the engine: dist/index.js
// loads the GitHub client, asks for the config and the changed files, and
// only then imports the rubric loader (zod, yaml), the patterns (re2js) and
// the parser (micromark). A static import added in the wrong module would
// quietly pull them all back in front of the request; this catches it from
// the built bundle, without timing anything.
import { jest } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { firstRequest } from '../../scripts/bench/action.mjs'

jest.setTimeout(60_000)

const DIST = path.resolve('dist')
// Class and function names survive minification (keep_classnames, keep_fnames).
const HEAVY = { re2js: /\bclass RE2JS\b/, yaml: /\bYAMLParseError\b/, zod: /\bZodError\b/, micromark: /\bfunction tokenizeCodeFenced\b/ }

test('the first API request goes out before the rubric loader, the patterns and the parser are loaded', async () => {
  const run = await firstRequest(path.join(DIST, 'index.js'), { loads: true })
  expect(run.reason).toBeUndefined()
  expect(run.request).toMatch(/^GET \/repos\/o\/r\/contents\/\.github%2Fplan-gate\.yml\?ref=a{40}$/)
  const loaded = run.loaded ?? []
  expect(loaded).toContain('index.js')

  const actionFiles = readdirSync(DIST).filter((name) => /^(\d+\.)?index\.js$/.test(name))
  const text = (name: string): string => readFileSync(path.join(DIST, name), 'utf8')
  for (const [what, marker] of Object.entries(HEAVY)) {
    // Each marker must be somewhere in the action, or its absence below would prove nothing.
    expect({ what, in: actionFiles.filter((name) => marker.test(text(name))).length > 0 }).toEqual({ what, in: true })
    expect({ what, loadedBeforeFirstRequest: loaded.filter((name) => marker.test(text(name))) }).toEqual({ what, loadedBeforeFirstRequest: [] })
  }
})

test('an action whose chunk files are missing fails the step with what to do, not a stack trace', () => {
  const copy = mkdtempSync(path.join(tmpdir(), 'plan-gate-dist-'))
  try {
    // index.js alone, as a checkout or a copy that dropped the chunks beside it would leave it.
    cpSync(path.join(DIST, 'index.js'), path.join(copy, 'index.js'))
    cpSync(path.join(DIST, 'package.json'), path.join(copy, 'package.json'))
    const run = spawnSync(process.execPath, [path.join(copy, 'index.js')], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 30_000 })
    expect(run.status).toBe(1)
    expect(run.stdout).toMatch(/^::error::plan-gate could not load its code, so the gate fails \(.*\)\. Reinstall the action: every file of its dist\/ folder is needed\.\n$/)
    expect(run.stderr).toBe('')
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
})

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { generatedFiles } from '../scripts/generated-files.js'
import { rules } from '../src/engine/rules/index.js'
import { VERSION } from '../src/version.js'

const root = process.cwd()

describe('generated files', () => {
  it.each([...generatedFiles().keys()])('%s is up to date (run `npm run generate` after changing rules, presets or schemas)', (file) => {
    const committed = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : null
    expect(committed).toBe(generatedFiles().get(file))
  })

  it('has a docs page for exactly the registered rules', () => {
    const pages = readdirSync(path.join(root, 'docs/rules'))
      .filter((name) => name !== 'README.md')
      .map((name) => name.replace(/\.md$/, ''))
      .sort()
    expect(pages).toEqual(rules.map((rule) => rule.id).sort())
  })
})

describe('rule registry', () => {
  it('has unique, stable-looking ids and a hint for every rule', () => {
    const ids = rules.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/)
      expect(rule.hint.length).toBeGreaterThan(10)
      expect(rule.description.length).toBeGreaterThan(10)
    }
  })
})

it('keeps src/version.ts equal to package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  expect(VERSION).toBe(pkg.version)
})

import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type AjvType from 'ajv'
import { parse } from 'yaml'

// The JSON Schemas editors use are draft-07, the newest draft the YAML language
// server supports: a draft-07 validator must compile them and accept the
// project's own config and presets, and reject what the config schema forbids.

const require = createRequire(path.join(process.cwd(), 'package.json'))
const Ajv = require('ajv') as typeof AjvType.default
const ROOT = process.cwd()
const load = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, unknown>

describe.each(['schema/config.schema.json', 'schema/rubric.schema.json'])('%s', (file) => {
  it('declares draft-07 and compiles under a draft-07 validator', () => {
    const schema = load(file)
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#')
    expect(JSON.stringify(schema)).not.toMatch(/"\$defs"|"prefixItems"|"unevaluatedProperties"|"dependentSchemas"/)
    expect(() => new Ajv({ strict: false }).compile(schema)).not.toThrow()
  })
})

it('the config schema accepts the examples config and rejects a misspelt key', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(load('schema/config.schema.json'))
  expect(validate(parse(readFileSync(path.join(ROOT, 'examples', 'plan-gate.yml'), 'utf8')))).toBe(true)
  expect(validate({ plans: [{ files: ['**/plan.md'], rubrik: 'generic' }] })).toBe(false)
})

it('the rubric schema accepts every preset as published in docs/presets', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(load('schema/rubric.schema.json'))
  for (const name of readdirSync(path.join(ROOT, 'docs', 'presets'))) {
    const preset = parse(readFileSync(path.join(ROOT, 'docs', 'presets', name), 'utf8')) as unknown
    expect({ name, valid: validate(preset), errors: validate.errors ?? null }).toEqual({ name, valid: true, errors: null })
  }
})

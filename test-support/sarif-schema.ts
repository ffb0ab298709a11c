import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type AjvDraft04 from 'ajv-draft-04'
import type AddFormats from 'ajv-formats'

// Both are CommonJS whose module.exports is the function itself.
const require = createRequire(path.join(process.cwd(), 'package.json'))
const Ajv = require('ajv-draft-04') as typeof AjvDraft04.default
const addFormats = require('ajv-formats') as typeof AddFormats.default

// A validator for SARIF 2.1.0 logs, from the official schema (see schemas/README.md).

export interface SarifCheck {
  valid: boolean
  errors: string[]
}

let validator: ((log: unknown) => SarifCheck) | null = null

export function validateSarif(log: unknown): SarifCheck {
  if (validator === null) {
    const schema = JSON.parse(readFileSync(path.resolve(process.cwd(), 'test-support', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object
    // The schema's language-tag pattern is not valid under the `u` flag, so patterns compile without it.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
    addFormats(ajv)
    const validate = ajv.compile(schema)
    validator = (value) => {
      const valid = validate(value) as boolean
      return { valid, errors: (validate.errors ?? []).map((error: { instancePath: string; message?: string }) => `${error.instancePath || '/'} ${error.message ?? ''}`) }
    }
  }
  return validator(log)
}

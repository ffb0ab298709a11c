// Request validation against the schemas extracted from GitHub's OpenAPI
// description (see scripts/extract-openapi-schemas.mjs). Only the small
// committed fixture is read here.

import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

const addFormats = addFormatsModule.default

export type JsonSchema = Record<string, unknown>

export interface OperationSpec {
  operationId: string
  method: string
  route: string
  docsUrl: string
  pathParams: JsonSchema
  queryParams: JsonSchema
  requestBody: { required: boolean; schema: JsonSchema } | null
  successStatuses: number[]
}

interface Fixture {
  source: { package: string; version: string }
  operations: OperationSpec[]
}

export type SchemaLocation = 'path' | 'query' | 'body'

export interface SchemaIssue {
  location: SchemaLocation
  // GitHub-style sentence for the 422 answer.
  message: string
  errors: ErrorObject[]
}

export interface RequestParts {
  params: Record<string, string>
  query: Record<string, string>
  // undefined when the request carried no body at all.
  body: unknown
}

interface CompiledOperation {
  spec: OperationSpec
  path: ValidateFunction
  query: ValidateFunction
  body: ValidateFunction | undefined
}

function newAjv(coerceTypes: boolean): Ajv {
  // verbose keeps the offending value on each error for the 422 message.
  const ajv = new Ajv({ allErrors: true, strict: true, coerceTypes, verbose: true })
  addFormats(ajv, ['date-time', 'uri', 'email'])
  // OpenAPI's integer formats; not part of JSON Schema's format vocabulary.
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) })
  ajv.addFormat('int32', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
  })
  return ajv
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value)
}

// Phrased like GitHub's own schema errors ("Invalid request.\n\n...").
function sentence(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'root' : `properties${error.instancePath}`.replace(/\/(\d+)/g, '/items')
  switch (error.keyword) {
    case 'required':
      return `"${String(error.params['missingProperty'])}" wasn't supplied.`
    case 'enum':
      return `For '${where}', ${describe(error.data)} is not a member of ${describe(error.params['allowedValues'])}.`
    case 'type':
      return `For '${where}', ${describe(error.data)} is not ${/^[aeiou]/.test(String(error.params['type'])) ? 'an' : 'a'} ${String(error.params['type'])}.`
    case 'additionalProperties':
      return `"${String(error.params['additionalProperty'])}" is not a permitted key.`
    default:
      return `For '${where}', ${describe(error.data)} ${error.message ?? 'is invalid'}.`
  }
}

export class OpenApiSubset {
  readonly sourceVersion: string
  private readonly byKey = new Map<string, CompiledOperation>()

  constructor(fixture: Fixture) {
    this.sourceVersion = fixture.source.version
    const coercing = newAjv(true)
    const exact = newAjv(false)
    for (const spec of fixture.operations) {
      this.byKey.set(`${spec.method} ${spec.route}`, {
        spec,
        path: coercing.compile(spec.pathParams),
        query: coercing.compile(spec.queryParams),
        body: spec.requestBody === null ? undefined : exact.compile(spec.requestBody.schema)
      })
    }
  }

  static load(): OpenApiSubset {
    const text = readFileSync(new URL('./openapi-subset.json', import.meta.url), 'utf8')
    return new OpenApiSubset(JSON.parse(text) as Fixture)
  }

  get operations(): OperationSpec[] {
    return [...this.byKey.values()].map((entry) => entry.spec)
  }

  operation(method: string, route: string): OperationSpec | undefined {
    return this.byKey.get(`${method.toUpperCase()} ${route}`)?.spec
  }

  validate(method: string, route: string, request: RequestParts): SchemaIssue[] {
    const compiled = this.byKey.get(`${method.toUpperCase()} ${route}`)
    if (compiled === undefined) throw new Error(`no schema for ${method} ${route}`)
    const issues: SchemaIssue[] = []
    const check = (location: SchemaLocation, validate: ValidateFunction, data: unknown): void => {
      if (validate(data)) return
      const errors = validate.errors ?? []
      issues.push({ location, errors, message: errors.map(sentence).join('\n') })
    }
    // Coercion rewrites its input; the caller's copies stay strings.
    check('path', compiled.path, { ...request.params })
    check('query', compiled.query, { ...request.query })
    const bodySpec = compiled.spec.requestBody
    if (bodySpec !== null && compiled.body !== undefined) {
      if (request.body === undefined) {
        if (bodySpec.required) {
          issues.push({ location: 'body', errors: [], message: 'Request body is required.' })
        }
      } else {
        check('body', compiled.body, request.body)
      }
    }
    return issues
  }
}

let shared: OpenApiSubset | undefined

// Compiling the validators takes a moment; every server can share one set.
export function openApiSubset(): OpenApiSubset {
  shared ??= OpenApiSubset.load()
  return shared
}

// Regenerate the fake GitHub server's schema fixture with:
//
//   node scripts/extract-openapi-schemas.mjs
//
// and verify that the committed fixture is current with:
//
//   node scripts/extract-openapi-schemas.mjs --check
//
// The source is the non-dereferenced api.github.com description shipped by
// the @octokit/openapi dev dependency. Only that one file is read (the
// package's index.js would parse every GitHub flavour, several hundred MB),
// and $refs are resolved here so the fixture stays self-contained: tests load
// only the small fixture and never the package itself.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const fixturePath = join(here, '..', 'test-support', 'fake-github', 'openapi-subset.json')

// The endpoints the fake serves; anything else is answered with 404 and
// recorded as a violation, so keep this list and routes.ts in step.
const ENDPOINTS = [
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['GET', '/repos/{owner}/{repo}/contents/{path}'],
  ['GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}'],
  ['GET', '/repos/{owner}/{repo}/compare/{basehead}'],
  ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/comments'],
  ['POST', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['GET', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['PATCH', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
  ['DELETE', '/repos/{owner}/{repo}/pulls/comments/{comment_id}'],
  ['GET', '/user']
]

// Documentation-only keywords: they make the fixture large and some of them
// (example, x-*) are unknown to Ajv's strict mode.
const DROPPED_KEYS = new Set(['description', 'example', 'examples', 'externalDocs', 'title', 'summary'])

const require = createRequire(import.meta.url)
const packageDir = dirname(require.resolve('@octokit/openapi/package.json'))
const packageVersion = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version
const spec = JSON.parse(readFileSync(join(packageDir, 'generated', 'api.github.com.json'), 'utf8'))

function lookup(ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`)
  let node = spec
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    node = node?.[key]
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`)
  }
  return node
}

// Inline every $ref and turn OpenAPI 3.0's `nullable` into a JSON Schema type
// union, so Ajv can compile the result without the rest of the document.
function resolve(node, seen = []) {
  if (Array.isArray(node)) return node.map((item) => resolve(item, seen))
  if (node === null || typeof node !== 'object') return node
  if (typeof node.$ref === 'string') {
    if (seen.includes(node.$ref)) throw new Error(`recursive $ref ${node.$ref} cannot be inlined`)
    return resolve(lookup(node.$ref), [...seen, node.$ref])
  }
  const out = {}
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYS.has(key) || key.startsWith('x-')) continue
    if (key === 'nullable') continue
    out[key] = resolve(value, seen)
  }
  if (node.nullable === true && out.type !== undefined) {
    out.type = Array.isArray(out.type) ? [...new Set([...out.type, 'null'])] : [out.type, 'null']
  }
  return out
}

function parameterSchema(parameters, location, allowOthers) {
  const properties = {}
  const required = []
  for (const parameter of parameters) {
    if (parameter.in !== location) continue
    properties[parameter.name] = resolve(parameter.schema ?? {})
    if (parameter.required === true) required.push(parameter.name)
  }
  const schema = { type: 'object', properties, additionalProperties: allowOthers }
  if (required.length > 0) schema.required = required
  return schema
}

function extract([method, route]) {
  const pathItem = spec.paths[route]
  const operation = pathItem?.[method.toLowerCase()]
  if (operation === undefined) throw new Error(`${method} ${route} is not in the OpenAPI description`)
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p) =>
    p.$ref ? lookup(p.$ref) : p
  )
  const body = operation.requestBody?.$ref ? lookup(operation.requestBody.$ref) : operation.requestBody
  const jsonBody = body?.content?.['application/json']?.schema
  return {
    operationId: operation.operationId,
    method,
    route,
    docsUrl: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
    // Path parameters are a closed set; GitHub ignores unknown query
    // parameters, so the query schema stays open.
    pathParams: parameterSchema(parameters, 'path', false),
    queryParams: parameterSchema(parameters, 'query', true),
    requestBody: jsonBody === undefined ? null : { required: body.required === true, schema: resolve(jsonBody) },
    successStatuses: Object.keys(operation.responses)
      .filter((status) => /^2\d\d$/.test(status))
      .map(Number)
  }
}

const fixture = {
  $comment: 'Generated by `node scripts/extract-openapi-schemas.mjs`; do not edit by hand.',
  source: { package: '@octokit/openapi', version: packageVersion, description: 'api.github.com' },
  operations: ENDPOINTS.map(extract)
}
const text = `${JSON.stringify(fixture, null, 2)}\n`

if (process.argv.includes('--check')) {
  let current = ''
  try {
    current = readFileSync(fixturePath, 'utf8')
  } catch {
    // A missing fixture is reported as stale below.
  }
  if (current !== text) {
    console.error(`${fixturePath} is stale: run node scripts/extract-openapi-schemas.mjs`)
    process.exit(1)
  }
  console.log(`${fixturePath} is up to date (@octokit/openapi ${packageVersion})`)
} else {
  writeFileSync(fixturePath, text)
  console.log(`wrote ${fixturePath} (${fixture.operations.length} operations, ${text.length} bytes)`)
}

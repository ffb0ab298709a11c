import type { Field } from '../model.js'
import type { FieldSpec } from '../../rubric/schema.js'
import { bestField } from '../matching.js'

export function findField(fields: readonly Field[], spec: FieldSpec): Field | undefined {
  return bestField(fields, spec)
}

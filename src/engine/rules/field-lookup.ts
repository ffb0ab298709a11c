import type { Field } from '../model.js'
import type { FieldSpec } from '../../rubric/schema.js'
import { normalizeText } from '../text.js'

export function findField(fields: readonly Field[], spec: FieldSpec): Field | undefined {
  const names = new Set([spec.label, ...spec.aliases].map(normalizeText))
  return fields.find((field) => names.has(field.normalizedLabel))
}

import { z } from 'zod'

// The rubric language. This zod schema is the single source of truth: the
// published JSON Schema (schema/rubric.schema.json) and the config reference
// are generated from it, and CI fails when they drift.
//
// Every field of an item except `id` is optional here, because a rubric that
// `extends` another only writes what it changes; defaults are filled in when
// the rubric is resolved (resolve.ts), after merging.

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
  .describe('Stable id: items with the same id in an extending rubric change this one instead of adding another.')
const text = z.string().trim().min(1, 'must not be empty')
const texts = z.array(text)
const severity = z.enum(['error', 'warning', 'off'])

export const CONTENT_KINDS = ['diagram', 'code', 'table', 'list', 'checklist', 'example'] as const

const mention = z
  .union([text, z.array(text).min(1)])
  .describe('A phrase the section must mention, or a list of alternatives of which one must appear.')

export const sectionSchema = z
  .strictObject({
    id,
    title: text.optional().describe('Heading text, as the template writes it.'),
    aliases: texts.optional().describe('Other headings that count as this section.'),
    required: z.boolean().optional().describe('Whether a missing section is a finding (default true).'),
    severity: severity.optional().describe('Severity of this section\'s structural findings (missing, empty, wrong level, missing content); a warning here also makes "too short" a warning.'),
    level: z.number().int().min(1).max(6).optional().describe('Expected heading level (1-6); another level is a warning.'),
    minWords: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Minimum words in the section and its subsections (prose, list items, table cells and code), not counting placeholders or deferrals; fewer is a warning unless `minWordsSeverity` says otherwise.'),
    minWordsSeverity: severity.optional().describe('Severity of a section with content below `minWords` (default warning; an empty section is always the section-empty rule\'s finding).'),
    require: z.array(z.enum(CONTENT_KINDS)).optional().describe('Content kinds the section must contain.'),
    mentions: z.array(mention).optional().describe('Phrases the section must mention.'),
    mentionsSeverity: severity.optional().describe('Severity of a missing mention (default warning).'),
    guidance: text.optional().describe('What belongs in the section; shown in hints and in `plan-gate template`.')
  })
  .describe('A section the plan must have, found by its heading.')

const columnValue = z.union([
  text,
  z.strictObject({
    value: text,
    message: text.optional().describe('Why the value is not allowed, shown in the finding.')
  })
])

export const columnSchema = z.strictObject({
  name: text.describe('Column header, as the template writes it.'),
  aliases: texts.optional(),
  required: z.boolean().optional().describe('Whether the column must exist (default true).'),
  notEmpty: z.boolean().optional().describe('Whether every row needs a value in this column (default false).'),
  values: texts.optional().describe('Allowed values (case-insensitive; emoji and markup ignored).'),
  forbidden: z.array(columnValue).optional().describe('Values that fail the plan, e.g. a Status of Blocked.')
})

const area = z.strictObject({
  name: text,
  keywords: texts.min(1).describe('Words that place a row in this area (prefix match: "deploy" matches "deployment").')
})

export const tableSchema = z
  .strictObject({
    id,
    title: text.optional().describe('Name used in messages and templates.'),
    section: id.optional().describe('Id of the section the table belongs in; without it the table may be anywhere.'),
    required: z.boolean().optional().describe('Whether a missing table is a finding (default true).'),
    severity: severity.optional(),
    columns: z.array(columnSchema).optional(),
    minRows: z.number().int().min(0).optional(),
    coverage: z
      .strictObject({
        columns: texts.optional().describe('Columns whose text places a row in an area (default: the whole row).'),
        areaColumn: text.optional().describe('A column that names the area explicitly, e.g. "Area".'),
        areas: z.array(area).min(1)
      })
      .optional()
      .describe('Each area must be matched by at least one row.')
  })
  .describe('A GFM table the plan must contain.')

const checklistItem = z.union([text, z.strictObject({ text, aliases: texts.optional() })])

export const checklistSchema = z
  .strictObject({
    id,
    title: text.optional(),
    section: id.optional().describe('Id of the section holding the checklist; without it, every task item in the plan.'),
    required: z.boolean().optional(),
    severity: severity.optional(),
    items: z.array(checklistItem).optional().describe('Items that must be present (matched by their words, not letter for letter).'),
    allChecked: z.boolean().optional().describe('Whether every task item in scope must be checked (default true).'),
    matchThreshold: z.number().min(0.1).max(1).optional().describe('Share of an item\'s words that must appear (default 0.6).')
  })
  .describe('A task-list checklist.')

export const fieldSchema = z
  .strictObject({
    id,
    label: text.optional().describe('Label as written in `**Label**: value`.'),
    aliases: texts.optional(),
    section: id.optional(),
    required: z.boolean().optional(),
    severity: severity.optional(),
    allowPlaceholder: z.boolean().optional().describe('Whether a placeholder value is accepted (default false).')
  })
  .describe('A labelled field such as `**Language/Version**: Python 3.12`.')

export const placeholderSchema = z
  .strictObject({
    id,
    text: text.optional().describe('Literal text, matched as whole words.'),
    regex: text.optional().describe('A pattern in RE2 syntax (linear time; no backreferences or lookaround).'),
    caseSensitive: z.boolean().optional(),
    severity: severity.optional()
  })
  .describe('Text that marks an unfinished plan.')

export const rubricSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: text.optional(),
    description: text.optional(),
    extends: z.union([text, z.array(text)]).optional().describe('Preset names or rubric file paths this rubric builds on.'),
    gate: z
      .strictObject({
        required: z.boolean().optional().describe('Whether the plan must declare `Gate: PASS` (default false).'),
        severity: severity.optional()
      })
      .optional(),
    order: z.boolean().optional().describe('Whether required sections must appear in the listed order (default false).'),
    sections: z.array(sectionSchema).optional(),
    tables: z.array(tableSchema).optional(),
    checklists: z.array(checklistSchema).optional(),
    fields: z.array(fieldSchema).optional(),
    placeholders: z.array(placeholderSchema).optional(),
    rules: z
      .record(z.string().regex(/^[a-z][a-z-]*$/), severity)
      .optional()
      .describe('Severity per rule id; `off` disables the rule.')
  })
  .describe('A plan-gate rubric.')

export type RubricFile = z.infer<typeof rubricSchema>
export type SectionInput = z.infer<typeof sectionSchema>
export type TableInput = z.infer<typeof tableSchema>
export type ChecklistInput = z.infer<typeof checklistSchema>
export type FieldInput = z.infer<typeof fieldSchema>
export type PlaceholderInput = z.infer<typeof placeholderSchema>
export type SeverityOption = z.infer<typeof severity>
export type ContentKind = (typeof CONTENT_KINDS)[number]

// ---- Resolved rubric: what rules read, every default filled in. ----

export interface SectionSpec {
  id: string
  title: string
  aliases: string[]
  required: boolean
  severity?: SeverityOption
  level?: number
  minWords?: number
  minWordsSeverity?: SeverityOption
  require: ContentKind[]
  mentions: string[][]
  mentionsSeverity: SeverityOption
  guidance?: string
}

export interface ColumnSpec {
  name: string
  aliases: string[]
  required: boolean
  notEmpty: boolean
  values?: string[]
  forbidden: Array<{ value: string; message?: string }>
}

export interface TableSpec {
  id: string
  title: string
  section?: string
  required: boolean
  severity?: SeverityOption
  columns: ColumnSpec[]
  minRows: number
  coverage?: { columns?: string[]; areaColumn?: string; areas: Array<{ name: string; keywords: string[] }> }
}

export interface ChecklistSpec {
  id: string
  title: string
  section?: string
  required: boolean
  severity?: SeverityOption
  items: Array<{ text: string; aliases: string[] }>
  allChecked: boolean
  matchThreshold: number
}

export interface FieldSpec {
  id: string
  label: string
  aliases: string[]
  section?: string
  required: boolean
  severity?: SeverityOption
  allowPlaceholder: boolean
}

export interface PlaceholderSpec {
  id: string
  text?: string
  regex?: string
  caseSensitive: boolean
  severity?: SeverityOption
}

export interface Rubric {
  name: string
  description: string
  gate: { required: boolean; severity?: SeverityOption }
  order: boolean
  sections: SectionSpec[]
  tables: TableSpec[]
  checklists: ChecklistSpec[]
  fields: FieldSpec[]
  placeholders: PlaceholderSpec[]
  rules: Record<string, SeverityOption>
}

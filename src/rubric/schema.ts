import { z } from 'zod'

// The rubric language. This zod schema is the single source of truth: the
// published JSON Schema (schema/rubric.schema.json) and the config reference
// are generated from it, and CI fails when they drift.
//
// Every field of an item except `id` is optional here, because a rubric that
// `extends` another only writes what it changes; defaults are filled in when
// the rubric is resolved (resolve.ts), after merging.

export const CONTENT_KINDS = ['diagram', 'code', 'table', 'list', 'checklist', 'example'] as const

// Building the schemas costs a run on the built-in presets alone several
// milliseconds it never needs (presets are checked by their tests, not at
// run time), so they are built at first use: this one, the config's and the
// content signatures' alike.
export function builtOnce<T>(build: () => T): () => T {
  let built: { value: T } | undefined
  return () => (built ??= { value: build() }).value
}

function defineRubricSchemas() {
  const id = z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
    .describe('Stable id: items with the same id in an extending rubric change this one instead of adding another.')
  const text = z.string().trim().min(1, 'must not be empty')
  const texts = z.array(text)
  const severity = z.enum(['error', 'warning', 'off'])

  const mention = z
    .union([text, z.array(text).min(1)])
    .describe('A phrase the section must mention, or a list of alternatives of which one must appear.')

  const sectionSchema = z
    .strictObject({
      id,
      title: text.optional().describe('Heading text, as the template writes it.'),
      aliases: texts.optional().describe('Other headings that count as this section.'),
      coveredBy: texts
        .optional()
        .describe(
          'Names under which plans in other formats write this topic: a heading, a field label (`**Storage**:`) or a list item\'s lead-in (`- Security: ...`) anywhere in the plan. When the section has no heading but one of these holds real content, the missing section is a warning that points there, not an error. Not for a section that holds a required table, checklist or field: those must be there in any format.'
        ),
      inline: text
        .optional()
        .describe('A pattern (RE2, case-insensitive) for lines that carry the section spread over the plan instead of under a heading of its own, e.g. `Validates: Requirements 1.2` under each property: a plan with such a line outside code does not miss the section, and references cited in the section also read those lines.'),
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

  const columnSchema = z.strictObject({
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

  const tableSchema = z
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

  const checklistSchema = z
    .strictObject({
      id,
      title: text.optional(),
      section: id.optional().describe('Id of the section holding the checklist; without it, every task item in the plan.'),
      required: z.boolean().optional(),
      severity: severity.optional(),
      items: z.array(checklistItem).optional().describe('Items that must be present (matched by their words, not letter for letter).'),
      allChecked: z.boolean().optional().describe('Whether every task item in scope must be checked (default true).'),
      matchThreshold: z.number().min(0.1).max(1).optional().describe('Share of an item\'s words that must appear (default 0.6).'),
      ticked: z
        .array(checklistItem)
        .optional()
        .describe('Items that must be ticked when present (matched by their words); with it, other task items in scope may stay open.'),
      justifiedIn: id
        .optional()
        .describe('Id of a section whose table excuses an unticked item: a row whose first cell names the item, with a justification in its other cells.')
    })
    .describe('A task-list checklist.')

  const fieldSchema = z
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

  const placeholderSchema = z
    .strictObject({
      id,
      text: text.optional().describe('Literal text, matched as whole words.'),
      regex: text.optional().describe('A pattern in RE2 syntax (linear time; no backreferences or lookaround).'),
      caseSensitive: z.boolean().optional(),
      severity: severity.optional(),
      inComments: z.boolean().optional().describe('Also look inside HTML comments, where templates hide their instructions (default false).'),
      inCode: z.boolean().optional().describe('Also look inside code blocks, where templates put example trees and option labels (default false).'),
      alternatives: z
        .boolean()
        .optional()
        .describe(
          'The text labels one of several alternatives a template offers ("# Option 1:", "# Option 2:"), for the author to keep one: a plan where it is found just once, on a line that marks it chosen ("- SELECTED", "(chosen)", "✅", "escolhida", "ausgewählt", …), with no other leftover in the same block, has made its decision (default false).'
        )
    })
    .describe('Text that marks an unfinished plan.')

  const pattern = text.describe('A pattern in RE2 syntax (linear time; no backreferences or lookaround).')

  const blockSchema = z
    .strictObject({
      id,
      title: text.optional().describe('What one block is called in messages, e.g. "Requirement" or "task group".'),
      heading: pattern.optional().describe('Headings that start a block; the first capture group is the block\'s number, e.g. `^Requirement\\s+(\\d+)`.'),
      section: id.optional().describe('Id of the section the blocks are in; without it, anywhere in the file.'),
      required: z.boolean().optional().describe('Whether a file without any block is a finding (default true).'),
      severity: severity.optional(),
      minCount: z.number().int().min(0).optional().describe('Fewest blocks the file must have (default 1).'),
      sequential: z.boolean().optional().describe('Whether block numbers must run 1, 2, 3… without gaps or repeats (default false).'),
      items: z
        .strictObject({
          kind: z.enum(['list', 'task']).optional().describe('Which lines are the block\'s items: list items (bulleted or numbered) or task items `- [ ]` (default list).'),
          under: pattern.optional().describe('Only items under a heading of the block that matches this pattern, e.g. `^Acceptance Criteria$`.'),
          min: z.number().int().min(0).optional().describe('Fewest items each block must have (default 1).'),
          numbered: z.boolean().optional().describe('Whether each item must start with its id `<block>.<n>` (e.g. `- [ ] 2.1 …` in group 2); otherwise a numbered list\'s own numbers give the ids.')
        })
        .optional()
        .describe('The items inside each block; each gets the id `<block number>.<item number>`.'),
      skeleton: text.optional().describe('Markdown of one block as `plan-gate template` writes it, e.g. "### Requirement 1: <area>" and its items.')
    })
    .describe('Repeated numbered blocks, such as `### Requirement 1` … or `## 1. Group`, each with its items.')

  const lineRuleSchema = z
    .strictObject({
      id,
      title: text.optional().describe('What the lines are, in messages, e.g. "acceptance criterion".'),
      block: id.optional().describe('Id of a block list: the rule applies to the items of those blocks.'),
      section: id.optional().describe('Id of a section: the rule applies to its list items (when no `block` is given).'),
      patterns: z.array(pattern).min(1).describe('Each line must match at least one of these RE2 patterns (list markers, ids and markup are removed first).'),
      caseSensitive: z.boolean().optional().describe('Whether the patterns are case-sensitive (default false).'),
      severity: severity.optional(),
      expected: text.optional().describe('The expected form, shown in findings, e.g. "WHEN <trigger> THE <system> SHALL <response>".')
    })
    .describe('A form every line of a kind must follow, such as acceptance criteria in EARS.')

  const companionSchema = z
    .strictObject({
      id,
      path: text.describe('Path of the sibling file, relative to the plan\'s directory, e.g. `tasks.md`.'),
      rubric: text.optional().describe('Preset name or rubric file the sibling is checked against (reported as a file of its own).'),
      required: z.boolean().optional().describe('Whether a missing sibling is a finding (default true).'),
      severity: severity.optional()
    })
    .describe('A file beside the plan that belongs to it (same feature or change), read and checked with it.')

  const referenceEnd = z.strictObject({
    file: id.optional().describe('Id of a companion, or omit for the plan itself.'),
    block: id.optional().describe('Ids are the block numbers and item ids of this block list (in the defining file\'s rubric).'),
    pattern: pattern.optional().describe('RE2 pattern finding citations; the first capture group (or the whole match) is split into ids at commas, semicolons and spaces.'),
    section: id.optional().describe('Only text in this section of the file (its rubric\'s section id).')
  })

  const referenceSchema = z
    .strictObject({
      id,
      title: text.optional().describe('What an id names, in messages, e.g. "requirement".'),
      defined: referenceEnd.describe('Where the ids are defined: `block` in a file.'),
      cited: referenceEnd.describe('Where each id must be cited: `pattern` (and optionally `section`) in a file.'),
      level: z.enum(['blocks', 'items']).optional().describe('Whether every block (`blocks`) or every item (`items`, default) must be cited; citing a block covers its items and citing an item covers its block.'),
      unknown: severity.optional().describe('Severity of a citation of an id that is not defined (default warning).'),
      partial: severity.optional().describe('With `level: items`, severity of a block cited only in part: some of its items cited, others not (default: `severity`).'),
      severity: severity.optional()
    })
    .describe('Ids defined in one file of a feature that must be cited in another, e.g. every requirement covered by a task.')

  const rubricSchema = z
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
      phaseOrder: z
        .strictObject({
          tasks: texts.optional().describe('Names of the tasks files beside the plan (e.g. tasks.md) that a change may only touch once the plan passes.'),
          severity: severity.optional().describe('Severity of phase-order (default error); off turns it off.')
        })
        .optional()
        .describe('No tasks before the plan passes: a change to a tasks file beside the plan fails while the plan does not pass.'),
      sections: z.array(sectionSchema).optional(),
      tables: z.array(tableSchema).optional(),
      checklists: z.array(checklistSchema).optional(),
      fields: z.array(fieldSchema).optional(),
      placeholders: z.array(placeholderSchema).optional(),
      blocks: z.array(blockSchema).optional(),
      lines: z.array(lineRuleSchema).optional(),
      companions: z.array(companionSchema).optional(),
      references: z.array(referenceSchema).optional(),
      template: text
        .optional()
        .describe('A plan template (path relative to the repository root) this rubric is derived from: its headings, tables, checklists and `**Label**:` fields become requirements and its placeholders leftovers. Items written here change the derived ones.'),
      rules: z
        // Any key here; unknown rule ids are reported when the rubric is resolved, with a suggestion.
        .record(z.string().min(1), severity)
        .optional()
        .describe('Severity per rule id; `off` disables the rule.')
    })
    .describe('A plan-gate rubric.')
  return { sectionSchema, columnSchema, tableSchema, checklistSchema, fieldSchema, placeholderSchema, blockSchema, lineRuleSchema, companionSchema, referenceSchema, rubricSchema }
}

type RubricSchemas = ReturnType<typeof defineRubricSchemas>
const rubricSchemas = builtOnce(defineRubricSchemas)

/** The schema of a rubric file. */
export function rubricSchema(): RubricSchemas['rubricSchema'] {
  return rubricSchemas().rubricSchema
}

export type RubricFile = z.infer<RubricSchemas['rubricSchema']>
export type SectionInput = z.infer<RubricSchemas['sectionSchema']>
export type TableInput = z.infer<RubricSchemas['tableSchema']>
export type ChecklistInput = z.infer<RubricSchemas['checklistSchema']>
export type FieldInput = z.infer<RubricSchemas['fieldSchema']>
export type PlaceholderInput = z.infer<RubricSchemas['placeholderSchema']>
export type BlockInput = z.infer<RubricSchemas['blockSchema']>
export type LineRuleInput = z.infer<RubricSchemas['lineRuleSchema']>
export type CompanionInput = z.infer<RubricSchemas['companionSchema']>
export type ReferenceInput = z.infer<RubricSchemas['referenceSchema']>
export type SeverityOption = 'error' | 'warning' | 'off'
export type ContentKind = (typeof CONTENT_KINDS)[number]

// ---- Resolved rubric: what rules read, every default filled in. ----

export interface SectionSpec {
  id: string
  title: string
  aliases: string[]
  coveredBy: string[]
  inline?: string
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
  ticked: Array<{ text: string; aliases: string[] }>
  justifiedIn?: string
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
  inComments: boolean
  inCode: boolean
  alternatives: boolean
}

export interface BlockSpec {
  id: string
  title: string
  heading: string
  section?: string
  required: boolean
  severity?: SeverityOption
  minCount: number
  sequential: boolean
  items?: { kind: 'list' | 'task'; under?: string; min: number; numbered: boolean }
  skeleton?: string
}

export interface LineRuleSpec {
  id: string
  title: string
  block?: string
  section?: string
  patterns: string[]
  caseSensitive: boolean
  severity?: SeverityOption
  expected?: string
}

export interface CompanionSpec {
  id: string
  path: string
  required: boolean
  severity?: SeverityOption
  /** The sibling's own rubric, loaded with the plan's; null when the sibling is only read for references. */
  rubric: Rubric | null
  /** Where the sibling's rubric came from, for reports. */
  rubricRef?: string
}

export interface ReferenceEnd {
  file?: string
  block?: string
  pattern?: string
  section?: string
}

export interface ReferenceSpec {
  id: string
  title: string
  defined: ReferenceEnd
  cited: ReferenceEnd
  level: 'blocks' | 'items'
  unknown: SeverityOption
  partial?: SeverityOption
  severity?: SeverityOption
}

export interface Rubric {
  name: string
  description: string
  gate: { required: boolean; severity?: SeverityOption }
  order: boolean
  phaseOrder?: { tasks: string[]; severity?: SeverityOption }
  sections: SectionSpec[]
  tables: TableSpec[]
  checklists: ChecklistSpec[]
  fields: FieldSpec[]
  placeholders: PlaceholderSpec[]
  blocks: BlockSpec[]
  lines: LineRuleSpec[]
  companions: CompanionSpec[]
  references: ReferenceSpec[]
  rules: Record<string, SeverityOption>
}

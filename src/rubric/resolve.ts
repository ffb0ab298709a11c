import { PatternError, captureAll, checkRegex } from '../engine/patterns.js'
import { rules as registeredRules } from '../engine/rules/index.js'
import { closest, type ConfigProblem } from './errors.js'
import type {
  BlockSpec,
  ChecklistSpec,
  CompanionSpec,
  LineRuleSpec,
  ReferenceSpec,
  ColumnSpec,
  FieldSpec,
  PlaceholderSpec,
  Rubric,
  RubricFile,
  SectionSpec,
  TableSpec
} from './schema.js'

// Merging `extends` layers and filling defaults. A layer's items with an id
// already defined below it change that item field by field; new ids add items.

const ITEM_LISTS = ['sections', 'tables', 'checklists', 'fields', 'placeholders', 'blocks', 'lines', 'companions', 'references'] as const
type ItemList = (typeof ITEM_LISTS)[number]

export function mergeLayers(base: RubricFile, layer: RubricFile): RubricFile {
  const merged: RubricFile = { ...base }
  for (const key of ['name', 'description', 'order', 'template'] as const) if (layer[key] !== undefined) (merged as Record<string, unknown>)[key] = layer[key]
  if (layer.gate) merged.gate = { ...base.gate, ...layer.gate }
  if (layer.phaseOrder) merged.phaseOrder = { ...base.phaseOrder, ...layer.phaseOrder }
  if (layer.rules) merged.rules = { ...base.rules, ...layer.rules }
  for (const list of ITEM_LISTS) {
    const overlay = layer[list] as Array<{ id: string }> | undefined
    if (!overlay) continue
    const items = [...((base[list] as Array<{ id: string }> | undefined) ?? [])]
    for (const item of overlay) {
      const at = items.findIndex((existing) => existing.id === item.id)
      if (at >= 0) items[at] = { ...items[at]!, ...item }
      else items.push(item)
    }
    ;(merged as Record<string, unknown>)[list] = items
  }
  delete merged.extends
  delete merged.$schema
  return merged
}

export type Locate = (path: readonly PropertyKey[], message: string, key?: string) => ConfigProblem

/**
 * Problems a layer has once its base is known: new items lacking what defines
 * them, references to sections that do not exist, patterns RE2 cannot compile,
 * and unknown rule ids.
 */
export function layerProblems(base: RubricFile, layer: RubricFile, merged: RubricFile, locate: Locate): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const baseIds = (list: ItemList): Set<string> => new Set(((base[list] as Array<{ id: string }> | undefined) ?? []).map((item) => item.id))
  const required: Record<ItemList, string[]> = {
    sections: ['title'],
    tables: [],
    checklists: [],
    fields: ['label'],
    placeholders: [],
    blocks: ['heading'],
    lines: ['patterns'],
    companions: ['path'],
    references: ['defined', 'cited']
  }
  for (const list of ITEM_LISTS) {
    const known = baseIds(list)
    const seen = new Set<string>()
    ;((layer[list] as Array<Record<string, unknown> & { id: string }> | undefined) ?? []).forEach((item, index) => {
      if (seen.has(item.id)) problems.push(locate([list, index, 'id'], `duplicate id "${item.id}"`))
      seen.add(item.id)
      if (known.has(item.id)) return
      for (const field of required[list]) {
        if (item[field] === undefined) problems.push(locate([list, index], `"${field}" is required for a new item (id "${item.id}" is not defined by the rubric this one extends)`))
      }
    })
  }
  const sectionIds = ((merged.sections ?? []) as Array<{ id: string }>).map((section) => section.id)
  for (const list of ['tables', 'checklists', 'fields', 'blocks', 'lines'] as const) {
    ;((layer[list] as Array<{ section?: string; justifiedIn?: string }> | undefined) ?? []).forEach((item, index) => {
      for (const key of ['section', 'justifiedIn'] as const) {
        const ref = item[key]
        if (ref === undefined || sectionIds.includes(ref)) continue
        const suggestion = closest(ref, sectionIds)
        problems.push(locate([list, index, key], `no section with id "${ref}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`))
      }
    })
  }
  ;(layer.placeholders ?? []).forEach((item, index) => {
    const merged = (mergedItem(base.placeholders, item) ?? item) as { text?: string; regex?: string }
    if (item.text !== undefined && item.regex !== undefined) problems.push(locate(['placeholders', index], 'give either "text" or "regex", not both'))
    else if (merged.text === undefined && merged.regex === undefined) problems.push(locate(['placeholders', index], 'needs "text" or "regex"'))
    if (item.regex !== undefined) {
      try {
        checkRegex(item.regex, false)
      } catch (error) {
        if (error instanceof PatternError) problems.push(locate(['placeholders', index, 'regex'], `invalid RE2 pattern: ${error.message}`))
        else throw error
      }
    }
  })
  const checkPattern = (value: string | undefined, path: readonly PropertyKey[]): void => {
    if (value === undefined) return
    try {
      // Compiled as written (captureAll adds no wrapper), so RE2's message quotes the user's own pattern.
      captureAll(value, true, '')
    } catch (error) {
      if (error instanceof PatternError) problems.push(locate(path, `invalid RE2 pattern: ${error.message}`))
      else throw error
    }
  }
  ;(layer.sections ?? []).forEach((item, index) => checkPattern(item.inline, ['sections', index, 'inline']))
  ;(layer.blocks ?? []).forEach((item, index) => {
    checkPattern(item.heading, ['blocks', index, 'heading'])
    checkPattern(item.items?.under, ['blocks', index, 'items', 'under'])
  })
  const blockIds = ((merged.blocks ?? []) as Array<{ id: string }>).map((block) => block.id)
  ;(layer.lines ?? []).forEach((item, index) => {
    item.patterns?.forEach((value, at) => checkPattern(value, ['lines', index, 'patterns', at]))
    if (item.block !== undefined && !blockIds.includes(item.block)) {
      const suggestion = closest(item.block, blockIds)
      problems.push(locate(['lines', index, 'block'], `no block list with id "${item.block}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`))
    }
  })
  ;(layer.companions ?? []).forEach((item, index) => {
    if (item.path !== undefined && (item.path.startsWith('/') || item.path.split(/[\\/]/).includes('..'))) {
      problems.push(locate(['companions', index, 'path'], `"${item.path}" must be a path inside the plan's directory (no "/" at the start, no "..")`))
    }
  })
  const companionIds = ((merged.companions ?? []) as Array<{ id: string }>).map((companion) => companion.id)
  ;(layer.references ?? []).forEach((item, index) => {
    for (const end of ['defined', 'cited'] as const) {
      const value = item[end]
      if (!value) continue
      checkPattern(value.pattern, ['references', index, end, 'pattern'])
      if (value.file !== undefined && !companionIds.includes(value.file)) {
        const suggestion = closest(value.file, companionIds)
        problems.push(locate(['references', index, end, 'file'], `no companion with id "${value.file}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`))
      }
    }
    if (item.defined && item.defined.block === undefined) problems.push(locate(['references', index, 'defined'], 'needs "block": the block list whose numbers and items are the ids'))
    if (item.cited && item.cited.pattern === undefined) problems.push(locate(['references', index, 'cited'], 'needs "pattern": how a citation is written'))
  })
  const ruleIds = registeredRules.map((rule) => rule.id)
  for (const ruleId of Object.keys(layer.rules ?? {})) {
    if (ruleIds.includes(ruleId)) continue
    const suggestion = closest(ruleId, ruleIds)
    problems.push(locate(['rules'], `unknown rule "${ruleId}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, ruleId))
  }
  return problems
}

function mergedItem<T extends { id: string }>(base: readonly T[] | undefined, item: { id: string }): T | undefined {
  const found = base?.find((existing) => existing.id === item.id)
  return found ? { ...found, ...item } : undefined
}

function checklistItem(item: string | { text: string; aliases?: string[] }): { text: string; aliases: string[] } {
  return typeof item === 'string' ? { text: item, aliases: [] } : { text: item.text, aliases: item.aliases ?? [] }
}

/** Fills every default; the layers were checked, so every required field is present. */
export function finalizeRubric(file: RubricFile, fallbackName: string): Rubric {
  const sections: SectionSpec[] = (file.sections ?? []).map((section) => ({
    id: section.id,
    title: section.title ?? section.id,
    aliases: section.aliases ?? [],
    coveredBy: section.coveredBy ?? [],
    inline: section.inline,
    required: section.required ?? true,
    severity: section.severity,
    level: section.level,
    minWords: section.minWords,
    minWordsSeverity: section.minWordsSeverity,
    require: section.require ?? [],
    mentions: (section.mentions ?? []).map((mention) => (typeof mention === 'string' ? [mention] : mention)),
    mentionsSeverity: section.mentionsSeverity ?? 'warning',
    guidance: section.guidance
  }))
  const tables: TableSpec[] = (file.tables ?? []).map((table) => ({
    id: table.id,
    title: table.title ?? table.id,
    section: table.section,
    required: table.required ?? true,
    severity: table.severity,
    columns: (table.columns ?? []).map(
      (column): ColumnSpec => ({
        name: column.name,
        aliases: column.aliases ?? [],
        required: column.required ?? true,
        notEmpty: column.notEmpty ?? false,
        values: column.values,
        forbidden: (column.forbidden ?? []).map((value) => (typeof value === 'string' ? { value } : value))
      })
    ),
    minRows: table.minRows ?? 0,
    coverage: table.coverage && {
      columns: table.coverage.columns,
      areaColumn: table.coverage.areaColumn,
      areas: table.coverage.areas
    }
  }))
  const checklists: ChecklistSpec[] = (file.checklists ?? []).map((checklist) => ({
    id: checklist.id,
    title: checklist.title ?? checklist.id,
    section: checklist.section,
    required: checklist.required ?? true,
    severity: checklist.severity,
    items: (checklist.items ?? []).map(checklistItem),
    allChecked: checklist.allChecked ?? true,
    matchThreshold: checklist.matchThreshold ?? 0.6,
    ticked: (checklist.ticked ?? []).map(checklistItem),
    justifiedIn: checklist.justifiedIn
  }))
  const fields: FieldSpec[] = (file.fields ?? []).map((field) => ({
    id: field.id,
    label: field.label ?? field.id,
    aliases: field.aliases ?? [],
    section: field.section,
    required: field.required ?? true,
    severity: field.severity,
    allowPlaceholder: field.allowPlaceholder ?? false
  }))
  const placeholders: PlaceholderSpec[] = (file.placeholders ?? []).map((placeholder) => ({
    id: placeholder.id,
    text: placeholder.text,
    regex: placeholder.regex,
    caseSensitive: placeholder.caseSensitive ?? false,
    severity: placeholder.severity,
    inComments: placeholder.inComments ?? false,
    inCode: placeholder.inCode ?? false,
    alternatives: placeholder.alternatives ?? false
  }))
  // Patterns compile when a check first uses them: every layer from a file has had its patterns compiled by
  // layerProblems, so a bad one is a load-time error already, and the presets' are compiled by their tests.
  const blocks: BlockSpec[] = (file.blocks ?? []).map((block) => ({
    id: block.id,
    title: block.title ?? block.id,
    heading: block.heading ?? '',
    section: block.section,
    required: block.required ?? true,
    severity: block.severity,
    minCount: block.minCount ?? 1,
    sequential: block.sequential ?? false,
    items: block.items && { kind: block.items.kind ?? 'list', under: block.items.under, min: block.items.min ?? 1, numbered: block.items.numbered ?? false },
    skeleton: block.skeleton
  }))
  const lines: LineRuleSpec[] = (file.lines ?? []).map((rule) => ({
    id: rule.id,
    title: rule.title ?? rule.id,
    block: rule.block,
    section: rule.section,
    patterns: rule.patterns ?? [],
    caseSensitive: rule.caseSensitive ?? false,
    severity: rule.severity,
    expected: rule.expected
  }))
  const companions: CompanionSpec[] = (file.companions ?? []).map((companion) => ({
    id: companion.id,
    path: companion.path ?? '',
    required: companion.required ?? true,
    severity: companion.severity,
    rubric: null,
    rubricRef: companion.rubric
  }))
  const references: ReferenceSpec[] = (file.references ?? []).map((reference) => ({
    id: reference.id,
    title: reference.title ?? reference.id,
    defined: { ...reference.defined },
    cited: { ...reference.cited },
    level: reference.level ?? 'items',
    unknown: reference.unknown ?? 'warning',
    partial: reference.partial,
    severity: reference.severity
  }))
  return {
    name: file.name ?? fallbackName,
    description: file.description ?? '',
    gate: { required: file.gate?.required ?? false, severity: file.gate?.severity },
    order: file.order ?? false,
    ...(file.phaseOrder?.tasks ? { phaseOrder: { tasks: [...file.phaseOrder.tasks], ...(file.phaseOrder.severity ? { severity: file.phaseOrder.severity } : {}) } } : {}),
    sections,
    tables,
    checklists,
    fields,
    placeholders,
    blocks,
    lines,
    companions,
    references,
    rules: { ...(file.rules ?? {}) }
  }
}

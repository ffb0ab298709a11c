import { PatternError, literalPattern, regexPattern } from '../engine/patterns.js'
import { rules as registeredRules } from '../engine/rules/index.js'
import { closest, type ConfigProblem } from './errors.js'
import type {
  ChecklistSpec,
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

const ITEM_LISTS = ['sections', 'tables', 'checklists', 'fields', 'placeholders'] as const
type ItemList = (typeof ITEM_LISTS)[number]

export function mergeLayers(base: RubricFile, layer: RubricFile): RubricFile {
  const merged: RubricFile = { ...base }
  for (const key of ['name', 'description', 'order'] as const) if (layer[key] !== undefined) (merged as Record<string, unknown>)[key] = layer[key]
  if (layer.gate) merged.gate = { ...base.gate, ...layer.gate }
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
  const required: Record<ItemList, string[]> = { sections: ['title'], tables: [], checklists: [], fields: ['label'], placeholders: [] }
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
  for (const list of ['tables', 'checklists', 'fields'] as const) {
    ;((layer[list] as Array<{ section?: string }> | undefined) ?? []).forEach((item, index) => {
      if (item.section !== undefined && !sectionIds.includes(item.section)) {
        const suggestion = closest(item.section, sectionIds)
        problems.push(locate([list, index, 'section'], `no section with id "${item.section}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`))
      }
    })
  }
  ;(layer.placeholders ?? []).forEach((item, index) => {
    const merged = (mergedItem(base.placeholders, item) ?? item) as { text?: string; regex?: string }
    if (item.text !== undefined && item.regex !== undefined) problems.push(locate(['placeholders', index], 'give either "text" or "regex", not both'))
    else if (merged.text === undefined && merged.regex === undefined) problems.push(locate(['placeholders', index], 'needs "text" or "regex"'))
    if (item.regex !== undefined) {
      try {
        regexPattern(item.regex, false)
      } catch (error) {
        if (error instanceof PatternError) problems.push(locate(['placeholders', index, 'regex'], `invalid RE2 pattern: ${error.message}`))
        else throw error
      }
    }
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

/** Fills every default; the layers were checked, so every required field is present. */
export function finalizeRubric(file: RubricFile, fallbackName: string): Rubric {
  const sections: SectionSpec[] = (file.sections ?? []).map((section) => ({
    id: section.id,
    title: section.title ?? section.id,
    aliases: section.aliases ?? [],
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
    items: (checklist.items ?? []).map((item) => (typeof item === 'string' ? { text: item, aliases: [] } : { text: item.text, aliases: item.aliases ?? [] })),
    allChecked: checklist.allChecked ?? true,
    matchThreshold: checklist.matchThreshold ?? 0.6
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
    severity: placeholder.severity
  }))
  // Compile once here so a pattern problem surfaces at load time, not mid-check.
  for (const placeholder of placeholders) {
    if (placeholder.regex) regexPattern(placeholder.regex, placeholder.caseSensitive)
    else literalPattern(placeholder.text ?? '', placeholder.caseSensitive)
  }
  return {
    name: file.name ?? fallbackName,
    description: file.description ?? '',
    gate: { required: file.gate?.required ?? false, severity: file.gate?.severity },
    order: file.order ?? false,
    sections,
    tables,
    checklists,
    fields,
    placeholders,
    rules: { ...(file.rules ?? {}) }
  }
}

import { stringify } from 'yaml'
import { z } from 'zod'
import { rules } from '../src/engine/rules/index.js'
import { configSchema } from '../src/rubric/config.js'
import { presets } from '../src/rubric/presets/index.js'
import { rubricSchema } from '../src/rubric/schema.js'

// Everything generated from the code: the JSON Schemas editors use, a docs page
// per rule, and each preset as YAML. A test fails when the committed copies
// drift; `npm run generate` rewrites them.

const SCHEMA_BASE = 'https://raw.githubusercontent.com/plan-gate/plan-gate/main/schema/'

function jsonSchema(schema: z.ZodType, id: string, title: string): string {
  // draft-07: the YAML language server (editors' autocompletion) does not support 2020-12.
  const generated = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-07' }) as Record<string, unknown>
  return `${JSON.stringify({ ...generated, $id: `${SCHEMA_BASE}${id}`, title }, null, 2)}\n`
}

function rulePage(rule: (typeof rules)[number]): string {
  return [
    `# \`${rule.id}\` — ${rule.title}`,
    '',
    '<!-- Generated from src/engine/rules by `npm run generate`; edit the rule module, not this page. -->',
    '',
    rule.description,
    '',
    `- **Default severity:** ${rule.defaultSeverity}`,
    `- **Phase:** ${rule.phase === 'verdict' ? 'after all other rules (reads their findings)' : 'checking'}`,
    `- **Turn off or change:** \`rules: { ${rule.id}: warning }\` (or \`off\`) in a rubric${
      rule.id.startsWith('plan-') || rule.id === 'internal-error' ? ' — not for this rule: input and internal failures always fail the gate' : ''
    }`,
    '',
    ...(rule.examples
      ? ['## Reported', '', '```markdown', rule.examples.flagged, '```', '', '## Not reported', '', '```markdown', rule.examples.accepted, '```', '']
      : []),
    '## How to fix',
    '',
    rule.hint,
    ''
  ].join('\n')
}

function rulesIndex(): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](${rule.id}.md) | ${rule.title} | ${rule.defaultSeverity} |`)
  return [
    '# Rules',
    '',
    '<!-- Generated from src/engine/rules by `npm run generate`. -->',
    '',
    'Every finding names one of these rules. A rubric sets the severity of any of them with `rules:`.',
    '',
    '| Rule | What it finds | Default severity |',
    '|---|---|---|',
    ...rows,
    ''
  ].join('\n')
}

function presetYaml(name: string): string {
  const preset = presets.get(name)!
  return `# The built-in "${name}" preset, generated from src/rubric/presets by \`npm run generate\`.\n# Use it with \`rubric: ${name}\`, or build on it with \`extends: ${name}\`.\n${stringify(preset, { lineWidth: 0 })}`
}

export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>()
  files.set('schema/rubric.schema.json', jsonSchema(rubricSchema(), 'rubric.schema.json', 'plan-gate rubric'))
  files.set('schema/config.schema.json', jsonSchema(configSchema(), 'config.schema.json', 'plan-gate configuration'))
  files.set('docs/rules/README.md', rulesIndex())
  for (const rule of rules) files.set(`docs/rules/${rule.id}.md`, rulePage(rule))
  for (const name of presets.keys()) files.set(`docs/presets/${name}.yml`, presetYaml(name))
  return files
}

import { stringify } from 'yaml'
import { rubricFromTemplate } from './from-template.js'

const SCHEMA_URL = 'https://raw.githubusercontent.com/plan-gate/plan-gate/main/schema/rubric.schema.json'

/**
 * The derived rubric as a file to edit and commit. The placeholders every
 * preset shares are written as `extends: generic`'s job would be, but listed
 * here in full so the file stands alone and every line can be changed.
 */
export function derivedRubricYaml(templateText: string, templatePath: string): string {
  const rubric = rubricFromTemplate(templateText, templatePath)
  const header = [
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    `# Derived from ${templatePath} by \`plan-gate rubric --from-template\`. Edit freely: mark`,
    '# sections `required: false`, add `minWords`, or delete leftovers a finished plan may keep.',
    ''
  ]
  return `${header.join('\n')}${stringify(rubric, { lineWidth: 0 })}`
}

import type { RubricFile } from '../schema.js'
import { commonPlaceholders } from './placeholders.js'

// GitHub spec-kit's plan template (specs/<feature>/plan.md): a summary, the
// Technical Context fields filled in, a Constitution Check, the project
// structure. Not a default (any plan.md gets `generic`); opt in with
// `rubric: spec-kit` for repositories that use spec-kit.
export const specKit: RubricFile = {
  name: 'spec-kit',
  description: 'spec-kit plan template: summary, Technical Context fields filled in, Constitution Check, project structure; no template leftovers',
  gate: { required: false },
  // The playbook: no tasks until the plan is reviewed and marked PASS.
  phaseOrder: { tasks: ['tasks.md'] },
  sections: [
    {
      id: 'summary',
      title: 'Summary',
      aliases: ['Overview', 'Executive Summary'],
      minWords: 15,
      guidance: 'The primary requirement and the technical approach, in a few sentences.'
    },
    {
      id: 'technical-context',
      title: 'Technical Context',
      aliases: ['Technical Background', 'Tech Stack', 'Technology Stack'],
      guidance: 'Every field filled in with a real value, or "N/A" with a reason.'
    },
    {
      id: 'constitution-check',
      title: 'Constitution Check',
      aliases: ['Constitution Compliance', 'Constitution Gates', 'Principles Check', 'Post-Design Constitution Check'],
      minWords: 10,
      guidance: 'How the plan meets each principle of the project constitution, with any violation justified.'
    },
    {
      id: 'project-structure',
      title: 'Project Structure',
      aliases: ['Source Code', 'Structure', 'Documentation Structure', 'File Structure'],
      guidance: 'The real directories and files the feature touches (not the template options).'
    },
    {
      id: 'complexity-tracking',
      title: 'Complexity Tracking',
      required: false,
      guidance: 'Each constitution violation, why it is needed and the simpler alternative rejected.'
    }
  ],
  fields: [
    { id: 'language', label: 'Language/Version', aliases: ['Language', 'Languages'], section: 'technical-context' },
    { id: 'dependencies', label: 'Primary Dependencies', aliases: ['Dependencies'], section: 'technical-context' },
    { id: 'storage', label: 'Storage', section: 'technical-context' },
    { id: 'testing', label: 'Testing', aliases: ['Test Framework'], section: 'technical-context' },
    { id: 'platform', label: 'Target Platform', aliases: ['Platform'], section: 'technical-context' },
    { id: 'project-type', label: 'Project Type', section: 'technical-context', severity: 'warning' },
    { id: 'performance', label: 'Performance Goals', section: 'technical-context', severity: 'warning' },
    { id: 'constraints', label: 'Constraints', section: 'technical-context', severity: 'warning' },
    { id: 'scale', label: 'Scale/Scope', aliases: ['Scale', 'Scope'], section: 'technical-context', severity: 'warning' }
  ],
  placeholders: commonPlaceholders
}

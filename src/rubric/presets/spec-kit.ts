import type { RubricFile } from '../schema.js'
import { aliases } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// GitHub spec-kit's plan template (specs/<feature>/plan.md): a summary, the
// Technical Context fields filled in, a Constitution Check, the project
// structure. Not a default (any plan.md gets `generic`); opt in with
// `rubric: spec-kit` for repositories that use spec-kit.
export const specKit: RubricFile = {
  name: 'spec-kit',
  description: 'spec-kit plan template: summary, Technical Context fields filled in, Constitution Check, project structure; no template leftovers',
  gate: { required: false },
  sections: [
    {
      id: 'summary',
      title: 'Summary',
      aliases: aliases('Summary', ['Overview', 'Executive Summary'], 'summary'),
      minWords: 15,
      guidance: 'The primary requirement and the technical approach, in a few sentences.'
    },
    {
      id: 'technical-context',
      title: 'Technical Context',
      aliases: aliases('Technical Context', ['Technical Background', 'Tech Stack', 'Technology Stack'], 'technicalContext'),
      guidance: 'Every field filled in with a real value, or "N/A" with a reason.'
    },
    {
      id: 'constitution-check',
      title: 'Constitution Check',
      aliases: aliases('Constitution Check', ['Constitution Compliance', 'Constitution Gates', 'Principles Check'], 'constitutionCheck'),
      minWords: 10,
      guidance: 'How the plan meets each principle of the project constitution, with any violation justified.'
    },
    {
      id: 'project-structure',
      title: 'Project Structure',
      aliases: aliases('Project Structure', ['Source Code', 'Structure', 'Documentation Structure'], 'projectStructure'),
      guidance: 'The real directories and files the feature touches (not the template options).'
    },
    {
      id: 'complexity-tracking',
      title: 'Complexity Tracking',
      aliases: aliases('Complexity Tracking', [], 'complexityTracking'),
      required: false,
      guidance: 'Each constitution violation, why it is needed and the simpler alternative rejected.'
    }
  ],
  fields: [
    { id: 'language', label: 'Language/Version', aliases: aliases('Language/Version', ['Language', 'Languages'], 'languageField'), section: 'technical-context' },
    { id: 'dependencies', label: 'Primary Dependencies', aliases: aliases('Primary Dependencies', ['Dependencies'], 'dependenciesField'), section: 'technical-context' },
    { id: 'storage', label: 'Storage', aliases: aliases('Storage', [], 'storageField'), section: 'technical-context' },
    { id: 'testing', label: 'Testing', aliases: aliases('Testing', ['Test Framework'], 'testingField'), section: 'technical-context' },
    { id: 'platform', label: 'Target Platform', aliases: aliases('Target Platform', ['Platform'], 'platformField'), section: 'technical-context' },
    { id: 'project-type', label: 'Project Type', aliases: aliases('Project Type', [], 'projectTypeField'), section: 'technical-context', severity: 'warning' },
    { id: 'performance', label: 'Performance Goals', aliases: aliases('Performance Goals', [], 'performanceField'), section: 'technical-context', severity: 'warning' },
    { id: 'constraints', label: 'Constraints', aliases: aliases('Constraints', [], 'constraintsField'), section: 'technical-context', severity: 'warning' },
    { id: 'scale', label: 'Scale/Scope', aliases: aliases('Scale/Scope', ['Scale', 'Scope'], 'scaleField'), section: 'technical-context', severity: 'warning' }
  ],
  placeholders: commonPlaceholders
}

import type { RubricFile } from '../schema.js'
import { aliases } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// GitHub spec-kit's plan template (specs/<feature>/plan.md): a summary, the
// Technical Context fields filled in, a Constitution Check whose gates are met
// or justified in Complexity Tracking, the project structure, and none of the
// template's own text left: bracketed instructions, the `[REMOVE IF UNUSED]`
// option trees, `ACTION REQUIRED` comments. The older template's Progress
// Tracking checklist counts when a plan keeps it. The built-in mapping gives
// this rubric to plans under specs/ and .specify/specs/ that look like spec-kit's.

// What spec-kit's template writes in brackets for the author to replace: an
// instruction (a capitalised verb and more words) or a hint about the value.
// Real plans rarely put such phrases in square brackets, and code (`[Add, Remove]`)
// does not follow the verb with a lower-case word.
const TEMPLATE_INSTRUCTION = String.raw`\[(?:(?:Extract|Document|Describe|List|Fill|Add|Replace|Insert|Explain|Summari[sz]e|Include|Specify|Provide|Identify|Gates|Define|Outline)\s+[a-z]|(?:if applicable|domain-specific|platform-specific|same as|current need|specific problem|why )\b)[^\]
]*(?:\]|$)`
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
    },
    {
      id: 'progress-tracking',
      title: 'Progress Tracking',
      required: false,
      guidance: 'The older template\'s Phase Status and Gate Status checklists, ticked as the plan phase completes them.'
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
  checklists: [
    {
      id: 'constitution-gates',
      title: 'Constitution Check',
      section: 'constitution-check',
      // Many plans answer the Constitution Check in prose or a table; gates written as task items must be met.
      required: false,
      justifiedIn: 'complexity-tracking'
    },
    {
      id: 'progress-tracking',
      title: 'Progress Tracking',
      section: 'progress-tracking',
      required: false,
      // The older template's Phase Status and Gate Status: what the plan phase itself must finish.
      // Phases 3 to 5 (tasks, implementation, validation) come later, so they may stay open.
      ticked: [
        'Phase 0: Research complete',
        'Phase 1: Design complete',
        'Phase 2: Task planning complete',
        'Initial Constitution Check: PASS',
        'Post-Design Constitution Check: PASS',
        'All NEEDS CLARIFICATION resolved'
      ],
      matchThreshold: 0.7
    }
  ],
  placeholders: [
    // The template's instructions live in HTML comments that start with ACTION REQUIRED.
    ...commonPlaceholders.map((placeholder) => (placeholder.id === 'action-required' ? { ...placeholder, inComments: true } : placeholder)),
    { id: 'template-instruction', regex: TEMPLATE_INSTRUCTION, caseSensitive: true, severity: 'error', inCode: true },
    { id: 'remove-if-unused', text: '[REMOVE IF UNUSED]', caseSensitive: true, severity: 'error', inCode: true, inComments: true },
    // The option trees sit in a code block, each option behind a `# Option N:` comment line;
    // the one option a plan kept and marked chosen is its decision.
    { id: 'option-label', regex: String.raw`^\s*#\s*Option [1-9][0-9]?\s*[:：]`, severity: 'error', inCode: true, alternatives: true }
  ]
}

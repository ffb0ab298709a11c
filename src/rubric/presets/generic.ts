import type { RubricFile } from '../schema.js'
import { aliases } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// For any other plan.md: the parts every technical plan needs, with the many
// names real plans give them, and no format-specific demands. Only what no
// plan can do without is an error; testing and risks are warnings, because
// many finished plans keep them in fields or in other documents.
export const generic: RubricFile = {
  name: 'generic',
  description: 'Any technical plan: a summary and the technical approach (errors), testing and risks (warnings), no unfinished placeholders',
  gate: { required: false },
  sections: [
    {
      id: 'summary',
      title: 'Summary',
      aliases: aliases('Summary', ['Overview', 'Executive Summary', 'Goal'], 'summary', 'goals', 'background'),
      minWords: 10,
      guidance: 'What the plan delivers and why, in a few sentences.'
    },
    {
      id: 'approach',
      title: 'Technical Approach',
      aliases: aliases('Technical Approach', ['Architecture', 'Design', 'Approach'], 'architecture', 'approach', 'technicalContext', 'decisions'),
      guidance: 'How it will be built: components, interfaces and the decisions behind them.'
    },
    {
      id: 'testing',
      title: 'Testing',
      aliases: aliases('Testing', ['Testing Strategy', 'Test Strategy', 'Test Plan'], 'testing', 'validation'),
      severity: 'warning',
      guidance: 'How the result is tested and what counts as done.'
    },
    {
      id: 'risks',
      title: 'Risks',
      aliases: aliases('Risks', ['Risks & Mitigations', 'Risk Mitigation', 'Risk Assessment'], 'risks', 'failureModes', 'rollback', 'openQuestions'),
      severity: 'warning',
      guidance: 'What could go wrong and what the plan does about it.'
    }
  ],
  placeholders: commonPlaceholders
}

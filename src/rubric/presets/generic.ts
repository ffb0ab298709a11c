import type { RubricFile } from '../schema.js'
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
      aliases: ['Overview', 'Executive Summary', 'Goal', 'Goals', 'Objective', 'Context', 'Background', 'Problem', 'Problem Statement', 'Introduction', 'Motivation', 'Outcome'],
      minWords: 10,
      guidance: 'What the plan delivers and why, in a few sentences.'
    },
    {
      id: 'approach',
      title: 'Technical Approach',
      aliases: ['Architecture', 'Design', 'Approach', 'Technical Context', 'Technical Design', 'Technical Plan', 'Implementation', 'Implementation Plan', 'Solution', 'Proposal', 'Decision', 'Components', 'Phases'],
      guidance: 'How it will be built: components, interfaces and the decisions behind them.'
    },
    {
      id: 'testing',
      title: 'Testing',
      aliases: ['Testing Strategy', 'Test Strategy', 'Test Plan', 'Validation', 'Verification', 'Quality Assurance', 'Success Criteria', 'Acceptance Criteria', 'Success Metrics'],
      severity: 'warning',
      guidance: 'How the result is tested and what counts as done.'
    },
    {
      id: 'risks',
      title: 'Risks',
      aliases: ['Risks & Mitigations', 'Risk Mitigation', 'Risk Assessment', 'Risk Register', 'Drawbacks', 'Rollback Plan', 'Failure Modes', 'Consequences', 'Open Questions'],
      severity: 'warning',
      guidance: 'What could go wrong and what the plan does about it.'
    }
  ],
  placeholders: commonPlaceholders
}

import type { RubricFile } from '../schema.js'
import { aliases } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// SpecFlow "Step 2: PLAN": .specify/specs/<feature>/plan.md must cover data
// models, interface design, error handling, failure modes, dependencies and
// testing, and be checked against the design principles. Its gate is
// automated, so the plan declares none.
export const specflow: RubricFile = {
  name: 'specflow',
  description: 'SpecFlow Step 2 (PLAN): data models, interfaces, error handling, failure modes, dependencies, testing, design principles; automated gate',
  gate: { required: false },
  // The playbook: no tasks until the plan is reviewed and marked PASS.
  phaseOrder: { tasks: ['tasks.md'] },
  sections: [
    {
      id: 'decisions',
      title: 'Design Decisions',
      aliases: aliases('Design Decisions', ['Key Decisions', 'Architecture Decisions', 'Technical Decisions', 'Decisions', 'Architecture', 'Technical Approach'], 'decisions', 'architecture'),
      severity: 'warning',
      minWords: 15,
      guidance: 'The architecture and the decisions behind it.'
    },
    {
      id: 'data-models',
      title: 'Data Models',
      aliases: aliases('Data Models', ['Data Model', 'Data Structures', 'Schemas', 'Types'], 'dataModel', 'dataFlow'),
      minWords: 15,
      guidance: 'The entities or event shapes the feature reads and writes, with their fields.'
    },
    {
      id: 'interfaces',
      title: 'API/Interface Design',
      aliases: aliases('API/Interface Design', ['API Design', 'Interface Design', 'Interfaces'], 'interfaces'),
      minWords: 15,
      guidance: 'The APIs, endpoints, commands or events the feature offers or calls.'
    },
    {
      id: 'error-handling',
      title: 'Error Handling Strategy',
      aliases: aliases('Error Handling Strategy', ['Error Handling', 'Errors', 'Error Strategy'], 'errorHandling'),
      // The playbook asks that the plan cover error handling, not for a heading: a CLI's exit codes listed
      // with each command, or the errors an interface returns, are its error handling.
      inline: String.raw`^\W*(?:exit codes?|error codes?|errors|error cases|error handling|on (?:error|failure))\W*[:：]`,
      minWords: 15,
      guidance: 'How each kind of error is detected, reported and recovered from.'
    },
    {
      id: 'failure-modes',
      title: 'Failure Modes',
      aliases: aliases('Failure Modes', ['Failure Modes & Mitigations', 'Risk Assessment', 'Risks'], 'failureModes', 'risks'),
      minWords: 15,
      guidance: 'What can fail, how likely and how bad it is, and the mitigation for each.'
    },
    {
      id: 'dependencies',
      title: 'Dependencies',
      aliases: aliases('Dependencies', ['Dependency', 'Upstream & Downstream', 'Integration Points'], 'dependencies'),
      // A plan that states its dependency stance in a line ("no dependency on the X codebase", "Upstream: F-2")
      // has covered its dependencies.
      inline: String.raw`\b(?:no|without|zero)\s+(?:new\s+|external\s+|runtime\s+|cross-project\s+|third-party\s+)?dependenc(?:y|ies)\b|^\W*(?:upstream|downstream|depends on|dependencies)\W*[:：]\s*\S`,
      minWords: 5,
      guidance: 'Upstream features and services this one needs, and downstream ones that need it.'
    },
    {
      id: 'testing',
      title: 'Testing Strategy',
      // The playbook accepts "4-phase implementation with validation commands" as the testing strategy.
      aliases: [...aliases('Testing Strategy', ['Testing', 'Test Strategy', 'Test Plan'], 'testing', 'validation'), 'Implementation Phases', 'Validation Commands'],
      minWords: 15,
      guidance: 'How the feature is tested and validated, with the commands that run the checks.'
    },
    {
      id: 'principles',
      title: 'Design Principles',
      aliases: aliases('Design Principles', ['Principles', 'Principles Check', 'Design Principles Check'], 'principles', 'constitutionCheck'),
      severity: 'warning',
      mentions: [['code before prompts', 'code first', 'code over prompts'], ['deterministic', 'determinism'], ['CLI-first', 'CLI first', 'CLI', 'command line']],
      mentionsSeverity: 'warning',
      guidance: 'How the design applies each principle: code before prompts, deterministic where possible, CLI-first interfaces.'
    }
  ],
  placeholders: commonPlaceholders
}

import type { RubricFile } from '../schema.js'
import { aliases } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// OpenSpec changes (openspec/changes/<id>/): OpenSpec validates a change's
// proposal and delta specs but never its design. The design's four parts,
// with the proposal and the numbered tasks of the same change beside it.

const openspecPlaceholders = [
  ...commonPlaceholders,
  // The proposal template's list entries, left as written.
  { id: 'capability-path', regex: String.raw`<(?:existing-)?capability-path>|<brief description[^<>\n]{0,80}>|<what requirement is changing>|<(?:group|task)>`, severity: 'error' as const }
]

export const openspec: RubricFile = {
  name: 'openspec',
  description: 'OpenSpec change design.md: Context, Goals / Non-Goals, Decisions, Risks / Trade-offs (Migration Plan, Open Questions when present), with the change\'s proposal.md and tasks.md',
  gate: { required: false },
  // The workflow: tasks come once the design is reviewed; a change to tasks.md waits for it to pass.
  phaseOrder: { tasks: ['tasks.md'] },
  sections: [
    {
      id: 'context',
      title: 'Context',
      aliases: ['Background', 'Current State', 'Overview', 'Problem', 'Scope', '背景', '上下文', '现状', 'コンテキスト', 'Contexto', 'Antecedentes'],
      minWords: 3,
      guidance: 'The current state and the constraints that shape the approach (the proposal says why; do not restate it).'
    },
    {
      id: 'goals',
      title: 'Goals / Non-Goals',
      aliases: ['Goals and Non-Goals', 'Goals', 'Non-Goals', 'Objectives', '目标', '目標', 'ゴール', 'Objetivos', 'Metas'],
      guidance: 'What the design aims to achieve, and what is explicitly out of scope.'
    },
    {
      id: 'decisions',
      title: 'Decisions',
      // A design that writes its choices as the parts of its architecture, each with its reasons, has its decisions there.
      aliases: aliases('Decisions', ['Design Decisions', 'Key Decisions', 'Technical Decisions', 'Proposed Design', 'Design', 'Approach', '决策', '设计决策', '設計判断', '決定事項', 'Decisiones', 'Decisiones de diseño'], 'decisions', 'architecture'),
      minWords: 3,
      guidance: 'Each key decision with its rationale and the alternatives considered.'
    },
    {
      id: 'risks',
      title: 'Risks / Trade-offs',
      aliases: ['Risks and Trade-offs', 'Risks', 'Trade-offs', 'Tradeoffs', 'Risks & Mitigations', 'Risks and Mitigations', '风险', '风险与权衡', 'リスク', 'リスクとトレードオフ', 'Riesgos', 'Riesgos y compensaciones'],
      minWords: 3,
      guidance: 'Known risks and trade-offs, each with its mitigation: "[risk] → mitigation".'
    },
    {
      id: 'migration',
      title: 'Migration Plan',
      aliases: ['Migration', 'Rollout', 'Rollout Plan', 'Deployment', '迁移计划', '移行計画', 'Plan de migración'],
      required: false,
      minWords: 3,
      guidance: 'Steps to deploy, and how to roll back.'
    },
    {
      id: 'open-questions',
      title: 'Open Questions',
      aliases: ['Questions', 'Unresolved Questions', '待定问题', '未解决问题', '未決事項', 'オープンクエスチョン', 'Preguntas abiertas'],
      required: false,
      guidance: 'Decisions still pending, each with who decides and by when.'
    }
  ],
  companions: [
    { id: 'proposal', path: 'proposal.md', rubric: 'openspec-proposal' },
    { id: 'tasks', path: 'tasks.md', rubric: 'openspec-tasks' }
  ],
  placeholders: openspecPlaceholders
}

export const openspecProposal: RubricFile = {
  name: 'openspec-proposal',
  description: 'OpenSpec change proposal.md: Why, What Changes, Capabilities, Impact',
  gate: { required: false },
  sections: [
    { id: 'why', title: 'Why', aliases: ['Motivation', 'Problem', 'Background', '为什么', '背景', '動機', 'Por qué', 'Motivación'], minWords: 3, guidance: 'The problem this change solves, and why now.' },
    { id: 'what-changes', title: 'What Changes', aliases: ['Changes', 'What', 'Proposed Changes', 'Scope', '变更内容', '变更', '変更内容', 'Qué cambia', 'Cambios'], guidance: 'What will change: new capabilities, modifications, removals.' },
    {
      id: 'capabilities',
      title: 'Capabilities',
      aliases: ['New Capabilities', 'Modified Capabilities', 'Affected Capabilities', '能力', 'ケイパビリティ', 'Capacidades'],
      // Proposals written before OpenSpec added the section have none; say so without failing them.
      severity: 'warning',
      guidance: 'New and modified capabilities, one `spec-path`: description entry each.'
    },
    { id: 'impact', title: 'Impact', aliases: ['Affected', 'Affected Code', '影响', '影響', 'Impacto'], guidance: 'Affected code, APIs, dependencies and systems.' }
  ],
  placeholders: openspecPlaceholders
}

export const openspecTasks: RubricFile = {
  name: 'openspec-tasks',
  description: 'OpenSpec change tasks.md: task items (`- [ ] …`), which OpenSpec tracks; numbered groups (`## 1. Group`) of numbered items (`- [ ] 1.1 …`) as its template writes them, as warnings',
  gate: { required: false },
  // OpenSpec's apply step tracks progress by the checkboxes ("Tasks not using `- [ ]` won't be tracked"):
  // those are required. The numbering is how its template and example write them, not something it parses.
  checklists: [{ id: 'tasks', title: 'implementation tasks', allChecked: false }],
  blocks: [
    {
      id: 'groups',
      title: 'task group',
      heading: String.raw`^(\d+)\.?(?:\s|$)`,
      severity: 'warning',
      sequential: true,
      items: { kind: 'task', min: 1, numbered: true },
      skeleton: ['## 1. <group>', '', '- [ ] 1.1 <task>', '- [ ] 1.2 <task>'].join('\n')
    }
  ],
  placeholders: openspecPlaceholders
}

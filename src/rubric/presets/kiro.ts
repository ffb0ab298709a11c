import type { RubricFile } from '../schema.js'
import { commonPlaceholders } from './placeholders.js'

// Kiro and cc-sdd specs (.kiro/specs/<feature>/): requirements whose
// acceptance criteria are written in EARS, a design that traces every
// requirement, and tasks that cite the requirements they implement.

const kiroPlaceholders = [
  ...commonPlaceholders,
  // cc-sdd's templates write their blanks as {{NAME}}.
  { id: 'mustache-token', regex: String.raw`\{\{[A-Z][A-Z0-9_]*\}\}`, caseSensitive: true, severity: 'error' as const },
  // The blanks of `plan-gate template kiro-requirements`, and the EARS guide's own.
  { id: 'ears-token', regex: String.raw`<(?:area|role|capability|benefit|trigger|system|response|unwanted condition|precondition|event|task)>|\[(?:event|system|response/action|precondition|trigger|feature is included)\]`, severity: 'error' as const }
]

/** Requirement ids cited as "1.1", "2", "1.1-1.4" or "Requirement 2". */
const ID_LIST = String.raw`(\d+(?:\.\d+)*(?:\s*[-–~]\s*\d+(?:\.\d+)*)?)`

/**
 * A line that names requirement ids by label: Kiro's `**Validates: Requirements
 * 1.1, 1.2**` under each correctness property, cc-sdd's `| Requirements | 2.1,
 * 2.3 |` row of a component, `_Requirements: 1.1_`, `要件: 1.2`.
 */
const LABELLED_IDS = String.raw`(?:\bRequirements?|\bReqs?\.?|要件|需求|\bRequisitos?)[\s*_:：|]*\d+(?:\.\d+)*`

export const kiro: RubricFile = {
  name: 'kiro',
  description: 'Kiro / cc-sdd design.md: Overview, Architecture, Components and Interfaces, Error Handling, Testing Strategy, Requirements Traceability (a section, or `Validates: Requirements 1.2` lines); Data Models as a warning, since cc-sdd asks only for the data a feature changes; every requirement of requirements.md traced here and covered by a task of tasks.md (a requirement cited only in part is a warning)',
  gate: { required: false },
  // The workflow: tasks come once the design is reviewed; a change to tasks.md waits for it to pass.
  phaseOrder: { tasks: ['tasks.md'] },
  sections: [
    { id: 'overview', title: 'Overview', aliases: ['Summary', 'Introduction', 'Scope', 'Feature Classification & Scope', 'スコープ', '範囲', '概要', '概述', '总览', 'Resumen', 'Visión general', 'Descripción general'], minWords: 3, guidance: 'What the feature delivers and for whom; goals and non-goals.' },
    {
      id: 'architecture',
      title: 'Architecture',
      aliases: ['Architecture Pattern & Boundary Map', 'System Architecture', 'High-Level Architecture', 'アーキテクチャ', '提案アーキテクチャ', 'システム構成', '架构', '系统架构', 'Arquitectura'],
      guidance: 'The architecture pattern, boundaries and technology stack, with a diagram where it helps.'
    },
    {
      id: 'components',
      title: 'Components and Interfaces',
      aliases: ['Components & Interfaces', 'Components & Interface Contracts', 'Components', 'Interfaces', 'Component Design', 'コンポーネントとインターフェース', 'コンポーネント', '主要コンポーネント詳細', '组件与接口', '组件和接口', 'Componentes e interfaces', 'Componentes'],
      guidance: 'Each component: its responsibility, the requirements it serves and its interface contract.'
    },
    {
      id: 'data-models',
      title: 'Data Models',
      aliases: ['Data Model', 'Data Structures', 'データモデル', 'データ構造', '数据模型', 'Modelos de datos', 'Modelo de datos'],
      // cc-sdd's template asks only for "the portions of the data landscape that change with this feature"
      // and says to skip what is not relevant: a refactor that changes no data has none to describe.
      severity: 'warning',
      guidance: 'The domain, logical and physical data models and their contracts, for the data this feature changes.'
    },
    { id: 'error-handling', title: 'Error Handling', aliases: ['Error Strategy', 'Error Handling Strategy', 'エラーハンドリング', 'エラー処理', 'エラー戦略', '错误处理', 'Manejo de errores'], guidance: 'Error categories and how each is handled, reported and monitored.' },
    { id: 'testing', title: 'Testing Strategy', aliases: ['Test Strategy', 'Testing', 'Tests', 'テスト戦略', 'テスト方針', '测试策略', 'Estrategia de pruebas', 'Pruebas'], guidance: 'Unit, integration, end-to-end and performance tests, tied to the requirements.' },
    {
      id: 'traceability',
      title: 'Requirements Traceability',
      aliases: ['Traceability', 'Requirement Traceability', 'Requirements Mapping', '要件トレーサビリティ', 'トレーサビリティ', '需求追溯', '需求可追溯性', 'Trazabilidad de requisitos', 'Trazabilidad'],
      // Kiro traces requirements on each correctness property ("Validates: Requirements 1.2") and cc-sdd lets
      // simple mappings live in the component blocks ("Requirements | 2.1, 2.3"): such lines are the traceability.
      inline: LABELLED_IDS,
      guidance: 'Each requirement id (e.g. 1.1) and the components, interfaces and flows that realise it.'
    }
  ],
  companions: [
    { id: 'requirements', path: 'requirements.md', rubric: 'kiro-requirements' },
    { id: 'tasks', path: 'tasks.md', rubric: 'kiro-tasks' }
  ],
  references: [
    {
      id: 'requirements-traced',
      title: 'requirement',
      defined: { file: 'requirements', block: 'requirements' },
      cited: { section: 'traceability', pattern: ID_LIST }
    },
    {
      id: 'requirements-tasked',
      title: 'requirement',
      defined: { file: 'requirements', block: 'requirements' },
      cited: { file: 'tasks', pattern: String.raw`(?:Requirements?|要件|Requisitos?|需求)\s*[:：]\s*([^_*\n]+)` },
      // Kiro asks that all requirements be covered by tasks citing "granular sub-requirements"; cc-sdd that every
      // id appear in a task. A requirement no task cites fails; one whose other criteria are cited is a warning.
      partial: 'warning'
    }
  ],
  placeholders: kiroPlaceholders
}

export const kiroRequirements: RubricFile = {
  name: 'kiro-requirements',
  description: 'Kiro / cc-sdd requirements.md: numbered requirements, each with acceptance criteria in EARS form (WHEN/WHILE/IF/WHERE … THE <system> SHALL …, or the Japanese forms)',
  gate: { required: false },
  sections: [
    { id: 'introduction', title: 'Introduction', aliases: ['Overview', 'Summary', 'はじめに', '概要', '简介', '概述', 'Introducción'], severity: 'warning', guidance: 'What the feature is and why it is needed.' },
    { id: 'requirements', title: 'Requirements', aliases: ['Requirement List', '要件', '要件一覧', '需求', 'Requisitos'], guidance: 'One numbered block per requirement.' }
  ],
  blocks: [
    {
      id: 'requirements',
      title: 'Requirement',
      heading: String.raw`^(?:(?:Requirement|Req\.?|要件|需求|Requisito)\s*)?(\d+)(?:[.:：)\s]|$)`,
      section: 'requirements',
      sequential: true,
      items: { kind: 'list', under: String.raw`^(?:Acceptance Criteria|受け?入れ?基準|受入基準|验收标准|驗收標準|Criterios de aceptación)`, min: 1 },
      skeleton: [
        '### Requirement 1: <area>',
        '',
        '**Objective:** As a <role>, I want <capability>, so that <benefit>',
        '',
        '#### Acceptance Criteria',
        '',
        '1. WHEN <trigger>, THE <system> SHALL <response>',
        '2. IF <unwanted condition>, THEN THE <system> SHALL <response>'
      ].join('\n')
    }
  ],
  lines: [
    {
      id: 'ears',
      title: 'acceptance criterion',
      block: 'requirements',
      patterns: [
        // English EARS: a SHALL response, optionally after WHEN/WHILE/IF/WHERE and THEN.
        String.raw`^(?:(?:when|while|if|where|after|once|in case)\b.*?,?\s*(?:then\s+)?)?.*\bshall\b`,
        // Japanese (Kiro and cc-sdd): "…とき、<system>は…すること", "…場合、…しなければならない".
        String.raw`(?:こと|しなければならない|ものとする|すること)[。．.]?\s*$`,
        // Chinese and Spanish: "系统应…", "el sistema deberá …".
        String.raw`(?:应当|应该|必须|應當|應該|必須|应|應)`,
        String.raw`\bdeber[áa]n?\b`
      ],
      expected: 'WHEN <trigger>, THE <system> SHALL <response> (or WHILE/IF/WHERE …; in Japanese "…とき、<system>は…すること")'
    }
  ],
  placeholders: kiroPlaceholders
}

export const kiroTasks: RubricFile = {
  name: 'kiro-tasks',
  description: 'Kiro / cc-sdd tasks.md: task items (`- [ ] 1. …`) citing the requirements they implement (`_Requirements: 1.1, 2.3_`)',
  gate: { required: false },
  checklists: [{ id: 'tasks', title: 'implementation tasks', allChecked: false }],
  placeholders: kiroPlaceholders
}

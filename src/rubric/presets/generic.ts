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
      aliases: ['Overview', 'Executive Summary', 'Goal', 'Goals', 'Objective', 'Context', 'Background', 'Problem', 'Problem Statement', 'Introduction', 'Motivation', 'Outcome',
        // Plans are written in many languages; the common words for a summary count too.
        'Resumo', 'Resumen', 'Résumé', 'Zusammenfassung', 'Sommario', 'Tóm tắt', 'Обзор', 'Резюме', '概要', '摘要', '概述', '요약', '개요', '목표', '目標', '目标'],
      minWords: 10,
      guidance: 'What the plan delivers and why, in a few sentences.'
    },
    {
      id: 'approach',
      title: 'Technical Approach',
      aliases: ['Architecture', 'Design', 'Approach', 'Technical Context', 'Technical Design', 'Technical Plan', 'Implementation', 'Implementation Plan', 'Solution', 'Proposal', 'Decision', 'Components', 'Phases',
        'Arquitetura', 'Arquitectura', 'Architektur', 'Architettura', 'Kiến trúc', 'Архитектура', 'アーキテクチャ', '架构', '架構', '아키텍처',
        'Contexto técnico', 'Contexto Técnico', 'Technischer Kontext', '技術背景', '技术背景', '기술 스택', '方針', '実装計画', '实施计划', '구현 계획'],
      guidance: 'How it will be built: components, interfaces and the decisions behind them.'
    },
    {
      id: 'testing',
      title: 'Testing',
      aliases: ['Testing Strategy', 'Test Strategy', 'Test Plan', 'Validation', 'Verification', 'Quality Assurance', 'Success Criteria', 'Acceptance Criteria', 'Success Metrics',
        'Testes', 'Pruebas', 'Tests', 'Тестирование', 'テスト', '测试', '테스트'],
      severity: 'warning',
      guidance: 'How the result is tested and what counts as done.'
    },
    {
      id: 'risks',
      title: 'Risks',
      aliases: ['Risks & Mitigations', 'Risk Mitigation', 'Risk Assessment', 'Risk Register', 'Drawbacks', 'Rollback Plan', 'Failure Modes', 'Consequences', 'Open Questions',
        'Riscos', 'Riesgos', 'Risiken', 'Rủi ro', 'Риски', 'リスク', '风险', '風險', '리스크', '위험'],
      severity: 'warning',
      guidance: 'What could go wrong and what the plan does about it.'
    }
  ],
  placeholders: commonPlaceholders
}

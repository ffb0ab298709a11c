// What plans call their parts, in the languages plans are written in. Each
// concept lists the names a heading, a field label or a table column gives it;
// presets build their aliases from concepts instead of keeping lists of their
// own, so that a word learnt for one preset serves all of them.
//
// Names are compared as matching keys (case, accents, punctuation, joining
// words such as "and"/"de"/"の" and word endings such as plurals fold away),
// so "Decisions", "Decision" and "Decisões" need not all be listed, and
// Chinese, Japanese and Korean names match inside longer headings character by
// character. List full names rather than single generic words: a one-word name
// such as "Design" matches every heading that contains it.

type Language = 'en' | 'pt' | 'es' | 'fr' | 'de' | 'it' | 'ru' | 'vi' | 'zh' | 'ja' | 'ko'

/** Names per language; `zh` lists simplified and traditional forms. */
export type Concept = { en: readonly string[] } & Partial<Record<Exclude<Language, 'en'>, readonly string[]>>

const LANGUAGES: readonly Language[] = ['en', 'pt', 'es', 'fr', 'de', 'it', 'ru', 'vi', 'zh', 'ja', 'ko']

export const lexicon = {
  // ---- Section concepts ----
  summary: {
    en: ['Summary', 'Overview', 'Executive Summary', 'Abstract', 'Synopsis', 'TL;DR'],
    pt: ['Resumo', 'Visão geral', 'Sumário'],
    es: ['Resumen', 'Visión general', 'Descripción general'],
    fr: ['Résumé', 'Aperçu', "Vue d'ensemble"],
    de: ['Zusammenfassung', 'Überblick', 'Übersicht'],
    it: ['Sommario', 'Panoramica', 'Riepilogo'],
    ru: ['Обзор', 'Резюме', 'Краткое описание', 'Аннотация'],
    vi: ['Tóm tắt', 'Tổng quan'],
    zh: ['摘要', '概述', '概要', '总结', '總結', '总览', '總覽'],
    ja: ['概要', '要約', 'サマリー', 'サマリ'],
    ko: ['요약', '개요']
  },
  goals: {
    en: ['Goals', 'Objectives', 'Purpose', 'Motivation', 'Outcome'],
    pt: ['Objetivos', 'Metas', 'Propósito', 'Motivação'],
    es: ['Objetivos', 'Metas', 'Propósito', 'Motivación'],
    fr: ['Objectifs', 'Motivation'],
    de: ['Ziele', 'Motivation'],
    it: ['Obiettivi'],
    ru: ['Цели', 'Цель', 'Мотивация'],
    vi: ['Mục tiêu', 'Mục đích'],
    zh: ['目标', '目標', '目的', '动机', '動機'],
    ja: ['目的', '目標', '狙い'],
    ko: ['목표', '목적', '동기']
  },
  background: {
    en: ['Background', 'Context', 'Problem', 'Problem Statement', 'Introduction'],
    pt: ['Contexto', 'Introdução', 'Problema', 'Declaração do problema'],
    es: ['Contexto', 'Introducción', 'Problema', 'Antecedentes'],
    fr: ['Contexte', 'Introduction', 'Problème'],
    de: ['Hintergrund', 'Kontext', 'Einleitung', 'Problemstellung'],
    it: ['Contesto', 'Introduzione'],
    ru: ['Контекст', 'Предыстория', 'Введение', 'Проблема', 'Постановка задачи'],
    vi: ['Bối cảnh', 'Giới thiệu', 'Vấn đề'],
    zh: ['背景', '问题陈述', '問題陳述', '引言', '简介', '簡介'],
    ja: ['背景', 'はじめに', '課題'],
    ko: ['배경', '소개', '문제 정의']
  },
  technicalContext: {
    en: ['Technical Context', 'Technical Background', 'Tech Stack', 'Technology Stack', 'Technologies', 'Technology Choices'],
    pt: ['Contexto técnico', 'Stack tecnológica', 'Stack tecnológico', 'Pilha tecnológica', 'Tecnologias'],
    es: ['Contexto técnico', 'Stack tecnológico', 'Pila tecnológica', 'Tecnologías'],
    fr: ['Contexte technique', 'Pile technologique'],
    de: ['Technischer Kontext', 'Technologie-Stack'],
    it: ['Contesto tecnico'],
    ru: ['Технический контекст', 'Стек технологий', 'Технологический стек', 'Технологии'],
    vi: ['Bối cảnh kỹ thuật', 'Ngữ cảnh kỹ thuật', 'Công nghệ sử dụng', 'Ngăn xếp công nghệ'],
    zh: ['技术背景', '技術背景', '技术上下文', '技術上下文', '技术栈', '技術棧', '技术选型', '技術選型', '技术堆栈', '技術堆疊'],
    ja: ['技術コンテキスト', '技術的背景', '技術背景', '技術スタック', '技術的コンテキスト', '使用技術'],
    ko: ['기술 컨텍스트', '기술 배경', '기술 스택', '기술적 맥락', '기술 맥락']
  },
  constitutionCheck: {
    en: ['Constitution Check', 'Constitution Compliance', 'Constitution Gates', 'Constitutional Check', 'Constitution Re-Check', 'Post-Design Constitution Check', 'Constitution'],
    pt: ['Verificação constitucional', 'Verificação da constituição', 'Conformidade constitucional', 'Conformidade com a constituição'],
    es: ['Verificación constitucional', 'Verificación de la constitución', 'Cumplimiento constitucional', 'Cumplimiento de la constitución'],
    fr: ['Vérification de la constitution', 'Conformité à la constitution'],
    de: ['Verfassungsprüfung'],
    ru: ['Проверка конституции', 'Соответствие конституции', 'Конституционная проверка'],
    vi: ['Kiểm tra Hiến pháp', 'Tuân thủ Hiến pháp'],
    zh: ['宪法检查', '憲法檢查', '宪法合规', '憲法合規', '宪章检查', '憲章檢查', '宪法审查', '憲法審查'],
    ja: ['憲法チェック', '憲法準拠チェック', '憲法準拠', '憲法遵守チェック'],
    ko: ['헌법 검사', '헌법 점검', '헌법 준수', '헌법 체크']
  },
  projectStructure: {
    en: ['Project Structure', 'Source Code', 'Structure', 'Documentation Structure', 'File Structure', 'Directory Structure', 'Folder Structure', 'Code Structure', 'Repository Structure', 'Project Layout', 'File Changes', 'Files Changed', 'Changed Files', 'Modified Files', 'Affected Files', 'Files to Change'],
    pt: ['Estrutura do projeto', 'Estrutura de arquivos', 'Estrutura de diretórios', 'Estrutura de pastas'],
    es: ['Estructura del proyecto', 'Estructura de archivos', 'Estructura de directorios', 'Estructura de carpetas'],
    fr: ['Structure du projet'],
    de: ['Projektstruktur', 'Verzeichnisstruktur'],
    ru: ['Структура проекта', 'Структура файлов', 'Структура каталогов'],
    vi: ['Cấu trúc dự án', 'Cấu trúc thư mục', 'Cấu trúc mã nguồn'],
    zh: ['项目结构', '項目結構', '专案结构', '專案結構', '目录结构', '目錄結構', '文件结构', '檔案結構', '代码结构', '程式碼結構', '源代码结构', '变更文件', '變更檔案', '修改文件'],
    ja: ['プロジェクト構成', 'プロジェクト構造', 'ディレクトリ構成', 'ディレクトリ構造', 'ファイル構成', 'ソースコード構成', '変更点', '変更ファイル', '変更対象ファイル'],
    ko: ['프로젝트 구조', '디렉터리 구조', '디렉토리 구조', '파일 구조', '폴더 구조', '변경 파일']
  },
  complexityTracking: {
    en: ['Complexity Tracking', 'Complexity Justification'],
    pt: ['Acompanhamento de complexidade', 'Rastreamento de complexidade'],
    es: ['Seguimiento de la complejidad', 'Seguimiento de complejidad'],
    ru: ['Отслеживание сложности'],
    vi: ['Theo dõi độ phức tạp'],
    zh: ['复杂度跟踪', '複雜度追蹤', '复杂性跟踪', '複雜性追蹤'],
    ja: ['複雑性追跡', '複雑度トラッキング', '複雑性の追跡'],
    ko: ['복잡도 추적', '복잡성 추적']
  },
  architecture: {
    en: ['Architecture', 'Architecture Overview', 'System Architecture', 'System Overview', 'System Design', 'High-Level Design', 'Component Architecture', 'Components'],
    pt: ['Arquitetura', 'Visão geral da arquitetura', 'Arquitetura do sistema', 'Componentes'],
    es: ['Arquitectura', 'Visión general de la arquitectura', 'Arquitectura del sistema', 'Componentes'],
    fr: ['Architecture du système'],
    de: ['Architektur', 'Systemarchitektur'],
    it: ['Architettura'],
    ru: ['Архитектура', 'Обзор архитектуры', 'Архитектура системы', 'Компоненты'],
    vi: ['Kiến trúc', 'Tổng quan kiến trúc', 'Kiến trúc hệ thống'],
    zh: ['架构', '架構', '系统架构', '系統架構', '架构设计', '架構設計', '架构概述', '架構概述', '架构图', '架構圖'],
    ja: ['アーキテクチャ', 'アーキテクチャ概要', 'システム構成', 'アーキテクチャ図', 'システムアーキテクチャ'],
    ko: ['아키텍처', '시스템 구조', '시스템 아키텍처', '아키텍처 개요']
  },
  approach: {
    en: ['Technical Approach', 'Approach', 'Technical Design', 'Technical Plan', 'Design', 'Solution', 'Proposal', 'Implementation', 'Implementation Plan', 'Implementation Approach', 'Phases'],
    pt: ['Abordagem técnica', 'Abordagem', 'Solução', 'Proposta', 'Plano de implementação', 'Implementação', 'Desenho técnico'],
    es: ['Enfoque técnico', 'Enfoque', 'Solución', 'Propuesta', 'Plan de implementación', 'Implementación', 'Diseño técnico'],
    fr: ['Approche technique', "Plan d'implémentation"],
    de: ['Technischer Ansatz', 'Lösungsansatz', 'Umsetzungsplan'],
    ru: ['Технический подход', 'Подход', 'Решение', 'План реализации', 'Реализация'],
    vi: ['Cách tiếp cận kỹ thuật', 'Giải pháp', 'Kế hoạch triển khai', 'Thiết kế kỹ thuật'],
    zh: ['技术方案', '技術方案', '实施计划', '實施計劃', '实现方案', '實現方案', '实施阶段', '實施階段', '设计方案', '設計方案', '方案'],
    ja: ['方針', '技術方針', '実装計画', '実装方針', '設計', '技術設計', '実装アプローチ'],
    ko: ['구현 계획', '기술 접근', '접근 방식', '설계', '기술 설계', '구현 방안']
  },
  decisions: {
    en: ['Key Decisions', 'Decisions', 'Design Decisions', 'Architecture Decisions', 'Architectural Decisions', 'Technical Decisions', 'Key Technical Decisions', 'Decision Log', 'Decision Records', 'Architecture Decision Records', 'ADRs', 'Decisions & Rationale', 'Key Decisions & Rationale', 'Rationale'],
    pt: ['Decisões', 'Decisões-chave', 'Decisões principais', 'Decisões de design', 'Decisões de desenho', 'Decisões técnicas', 'Decisões de arquitetura'],
    es: ['Decisiones', 'Decisiones clave', 'Decisiones de diseño', 'Decisiones técnicas', 'Decisiones de arquitectura'],
    fr: ['Décisions', 'Décisions clés', 'Décisions de conception'],
    de: ['Entscheidungen', 'Designentscheidungen', 'Architekturentscheidungen'],
    ru: ['Ключевые решения', 'Проектные решения', 'Технические решения', 'Архитектурные решения', 'Решения'],
    vi: ['Quyết định chính', 'Quyết định thiết kế', 'Quyết định kỹ thuật', 'Quyết định kiến trúc', 'Các quyết định'],
    zh: ['关键决策', '關鍵決策', '设计决策', '設計決策', '技术决策', '技術決策', '架构决策', '架構決策', '决策', '決策', '决策记录', '決策記錄'],
    ja: ['設計判断', '設計上の決定', '技術的決定', '技術的判断', '主要な決定', '意思決定', '設計決定', '決定事項'],
    ko: ['주요 결정', '설계 결정', '기술 결정', '아키텍처 결정', '결정 사항']
  },
  interfaces: {
    en: ['Interfaces', 'Interfaces & Contracts', 'Contracts', 'API Contracts', 'API Design', 'API/Interface Design', 'Interface Design', 'APIs', 'API', 'Endpoints', 'CLI Interface', 'Public API'],
    pt: ['Interfaces', 'Contratos', 'Contratos de API', 'Design da API', 'Desenho da API', 'Endpoints'],
    es: ['Interfaces', 'Contratos', 'Contratos de API', 'Diseño de API', 'Diseño de la API'],
    fr: ['Interfaces', 'Contrats', "Conception de l'API"],
    de: ['Schnittstellen', 'Verträge', 'API-Design'],
    ru: ['Интерфейсы', 'Контракты', 'Контракты API', 'Дизайн API'],
    vi: ['Giao diện', 'Hợp đồng API', 'Thiết kế API', 'Giao diện và hợp đồng'],
    zh: ['接口', '接口设计', '接口設計', '介面', '介面設計', '接口契约', '契约', '契約', 'API 设计', 'API 設計', 'API 契约'],
    ja: ['インターフェース', 'インタフェース', 'インターフェイス', 'API設計', 'API契約', 'インターフェース設計', '契約'],
    ko: ['인터페이스', 'API 설계', 'API 계약', '인터페이스 설계', '계약']
  },
  dataModel: {
    en: ['Data Model', 'Data Models', 'Data Structures', 'Schemas', 'Schema', 'Entities', 'Database Schema', 'Domain Model'],
    pt: ['Modelo de dados', 'Modelos de dados', 'Estruturas de dados', 'Entidades', 'Esquema'],
    es: ['Modelo de datos', 'Modelos de datos', 'Estructuras de datos', 'Entidades', 'Esquema'],
    fr: ['Modèle de données'],
    de: ['Datenmodell'],
    ru: ['Модель данных', 'Модели данных', 'Структуры данных', 'Сущности', 'Схема данных'],
    vi: ['Mô hình dữ liệu', 'Cấu trúc dữ liệu', 'Thực thể'],
    zh: ['数据模型', '數據模型', '资料模型', '資料模型', '数据结构', '數據結構', '資料結構', '实体', '實體'],
    ja: ['データモデル', 'データ構造', 'エンティティ', 'スキーマ'],
    ko: ['데이터 모델', '데이터 구조', '엔티티', '스키마']
  },
  dataFlow: {
    en: ['Data Flow', 'Data Flow & Storage', 'Data & Storage', 'Data'],
    pt: ['Fluxo de dados', 'Dados'],
    es: ['Flujo de datos', 'Datos'],
    de: ['Datenfluss'],
    ru: ['Поток данных', 'Потоки данных', 'Данные'],
    vi: ['Luồng dữ liệu', 'Dữ liệu'],
    zh: ['数据流', '數據流', '資料流', '数据', '數據', '資料'],
    ja: ['データフロー', 'データの流れ'],
    ko: ['데이터 흐름', '데이터']
  },
  storage: {
    en: ['Storage', 'Persistence', 'Database'],
    pt: ['Armazenamento', 'Persistência', 'Banco de dados'],
    es: ['Almacenamiento', 'Persistencia', 'Base de datos'],
    ru: ['Хранение данных', 'Хранилище', 'База данных'],
    vi: ['Lưu trữ', 'Cơ sở dữ liệu'],
    zh: ['存储', '存儲', '儲存', '数据存储', '數據存儲', '資料儲存', '数据库', '資料庫'],
    ja: ['ストレージ', 'データ永続化', '永続化', 'データベース'],
    ko: ['저장소', '스토리지', '데이터 저장', '데이터베이스']
  },
  security: {
    en: ['Security', 'Privacy', 'Security & Privacy', 'Security Considerations', 'Threat Model'],
    pt: ['Segurança', 'Privacidade', 'Segurança e privacidade'],
    es: ['Seguridad', 'Privacidad', 'Seguridad y privacidad'],
    fr: ['Sécurité', 'Confidentialité'],
    de: ['Sicherheit', 'Datenschutz'],
    ru: ['Безопасность', 'Конфиденциальность', 'Модель угроз'],
    vi: ['Bảo mật', 'Quyền riêng tư', 'An ninh'],
    zh: ['安全', '安全性', '安全与隐私', '安全與隱私', '隐私', '隱私', '威胁模型', '威脅模型'],
    ja: ['セキュリティ', 'プライバシー', '脅威モデル'],
    ko: ['보안', '개인정보 보호', '위협 모델']
  },
  reliability: {
    en: ['Reliability', 'Performance', 'Reliability & Performance', 'Scalability', 'Availability', 'Performance Plan', 'Performance Budgets'],
    pt: ['Confiabilidade', 'Desempenho', 'Escalabilidade', 'Disponibilidade'],
    es: ['Fiabilidad', 'Confiabilidad', 'Rendimiento', 'Escalabilidad', 'Disponibilidad'],
    de: ['Zuverlässigkeit', 'Leistung'],
    ru: ['Надёжность', 'Надежность', 'Производительность', 'Масштабируемость'],
    vi: ['Độ tin cậy', 'Hiệu năng', 'Hiệu suất', 'Khả năng mở rộng'],
    zh: ['可靠性', '性能', '效能', '可扩展性', '可擴展性', '性能计划', '性能計劃'],
    ja: ['信頼性', 'パフォーマンス', '性能', 'スケーラビリティ', '可用性'],
    ko: ['신뢰성', '성능', '확장성', '가용성', '성능 계획']
  },
  observability: {
    en: ['Observability', 'Operations', 'Monitoring', 'Observability & Operations', 'Monitoring & Operations', 'Telemetry', 'Logging & Monitoring'],
    pt: ['Observabilidade', 'Operações', 'Monitoramento'],
    es: ['Observabilidad', 'Operaciones', 'Monitoreo', 'Monitorización'],
    de: ['Beobachtbarkeit', 'Betrieb', 'Überwachung'],
    ru: ['Наблюдаемость', 'Мониторинг', 'Эксплуатация'],
    vi: ['Khả năng quan sát', 'Giám sát', 'Vận hành'],
    zh: ['可观测性', '可觀測性', '监控', '監控', '运维', '運維', '维运', '維運'],
    ja: ['可観測性', 'オブザーバビリティ', '監視', '運用'],
    ko: ['관측성', '관찰 가능성', '모니터링', '운영']
  },
  testing: {
    en: ['Testing', 'Testing Strategy', 'Test Strategy', 'Test Plan', 'Tests', 'Test Approach', 'Quality Assurance'],
    pt: ['Testes', 'Estratégia de testes', 'Plano de testes', 'Garantia de qualidade'],
    es: ['Pruebas', 'Estrategia de pruebas', 'Plan de pruebas', 'Aseguramiento de calidad'],
    fr: ['Tests', 'Stratégie de test', 'Plan de test'],
    de: ['Tests', 'Teststrategie', 'Testplan'],
    ru: ['Тестирование', 'Стратегия тестирования', 'План тестирования'],
    vi: ['Kiểm thử', 'Chiến lược kiểm thử', 'Kế hoạch kiểm thử'],
    zh: ['测试', '測試', '测试策略', '測試策略', '测试计划', '測試計劃', '測試計畫', '质量保证', '質量保證', '品質保證'],
    ja: ['テスト', 'テスト戦略', 'テスト計画', 'テスト方針', '品質保証'],
    ko: ['테스트', '테스트 전략', '테스트 계획', '품질 보증']
  },
  validation: {
    en: ['Validation', 'Verification', 'Validation Plan', 'Acceptance Criteria', 'Success Criteria', 'Success Metrics', 'Definition of Done'],
    pt: ['Validação', 'Verificação', 'Critérios de aceitação', 'Critérios de sucesso'],
    es: ['Validación', 'Verificación', 'Criterios de aceptación', 'Criterios de éxito'],
    ru: ['Проверка', 'Валидация', 'Критерии приёмки', 'Критерии приемки', 'Критерии успеха'],
    vi: ['Xác minh', 'Xác thực', 'Tiêu chí chấp nhận', 'Tiêu chí thành công'],
    zh: ['验证', '驗證', '验收标准', '驗收標準', '成功标准', '成功標準'],
    ja: ['検証', '受入基準', '受け入れ基準', '成功基準', '完了条件'],
    ko: ['검증', '인수 기준', '수용 기준', '성공 기준']
  },
  rollout: {
    en: ['Rollout', 'Rollout Strategy', 'Rollout Plan', 'Release Plan', 'Deployment Strategy', 'Deployment Plan', 'Testing & Rollout Strategy', 'Testing & Rollout'],
    pt: ['Implantação', 'Plano de implantação', 'Estratégia de implantação'],
    es: ['Despliegue', 'Plan de despliegue', 'Estrategia de despliegue'],
    ru: ['Развёртывание', 'План развёртывания', 'Выкатка'],
    vi: ['Triển khai', 'Kế hoạch phát hành'],
    zh: ['发布计划', '發佈計劃', '上线计划', '上線計劃', '部署策略', '灰度发布'],
    ja: ['リリース計画', 'ロールアウト', 'デプロイ戦略', '展開計画'],
    ko: ['배포 전략', '배포 계획', '롤아웃']
  },
  risks: {
    en: ['Risks', 'Risk Register', 'Risks Register', 'Risks & Mitigations', 'Risk Mitigation', 'Risk Assessment', 'Risk Analysis', 'Risk Management'],
    pt: ['Riscos', 'Riscos e mitigações', 'Registro de riscos', 'Análise de riscos', 'Gestão de riscos'],
    es: ['Riesgos', 'Riesgos y mitigaciones', 'Registro de riesgos', 'Análisis de riesgos', 'Gestión de riesgos'],
    fr: ['Risques'],
    de: ['Risiken'],
    it: ['Rischi'],
    ru: ['Риски', 'Реестр рисков', 'Риски и меры', 'Оценка рисков'],
    vi: ['Rủi ro', 'Rủi ro và giảm thiểu', 'Đánh giá rủi ro'],
    zh: ['风险', '風險', '风险管控', '風險管控', '风险与缓解', '風險與緩解', '风险评估', '風險評估', '风险登记', '風險登記'],
    ja: ['リスク', 'リスクと緩和策', 'リスクと対策', 'リスク評価', 'リスク管理'],
    ko: ['리스크', '위험', '리스크 및 완화', '위험 관리', '리스크 관리']
  },
  failureModes: {
    en: ['Failure Modes', 'Failure Modes & Mitigations', 'Failure Analysis', 'Failure Mode Analysis', 'FMEA'],
    pt: ['Modos de falha', 'Análise de falhas'],
    es: ['Modos de fallo', 'Modos de falla', 'Análisis de fallos'],
    ru: ['Режимы отказа', 'Анализ отказов'],
    vi: ['Chế độ lỗi', 'Phân tích lỗi'],
    zh: ['故障模式', '失效模式', '故障分析'],
    ja: ['障害モード', '故障モード', '障害分析'],
    ko: ['장애 모드', '고장 모드', '장애 분석']
  },
  errorHandling: {
    en: ['Error Handling', 'Error Handling Strategy', 'Errors', 'Error Strategy', 'Error Handling & Recovery', 'Exception Handling', 'Error Management', 'Error Recovery', 'Failure Handling', 'Graceful Degradation', 'Exit Codes', 'Error Codes', 'Edge Cases', 'Edge Cases & Error Handling'],
    pt: ['Tratamento de erros', 'Erros', 'Tratamento de exceções'],
    es: ['Manejo de errores', 'Gestión de errores', 'Errores', 'Tratamiento de errores'],
    ru: ['Обработка ошибок', 'Ошибки'],
    vi: ['Xử lý lỗi'],
    zh: ['错误处理', '錯誤處理', '异常处理', '異常處理', '错误码', '錯誤碼'],
    ja: ['エラー処理', 'エラーハンドリング', '例外処理', 'エラー分類と対応', 'エラーコード'],
    ko: ['오류 처리', '에러 처리', '예외 처리', '오류 코드', '에러 코드']
  },
  dependencies: {
    en: ['Dependencies', 'Upstream & Downstream', 'Integration Points', 'External Dependencies', 'Blast Radius', 'Blast Radius Assessment'],
    pt: ['Dependências'],
    es: ['Dependencias'],
    ru: ['Зависимости'],
    vi: ['Phụ thuộc', 'Các phụ thuộc'],
    zh: ['依赖', '依賴', '依赖关系', '依賴關係'],
    ja: ['依存関係', '依存'],
    ko: ['의존성', '종속성']
  },
  principles: {
    en: ['Design Principles', 'Principles', 'Principles Check', 'Design Principles Check', 'Design Review'],
    pt: ['Princípios', 'Princípios de design'],
    es: ['Principios', 'Principios de diseño'],
    ru: ['Принципы', 'Принципы проектирования'],
    vi: ['Nguyên tắc', 'Nguyên tắc thiết kế'],
    zh: ['设计原则', '設計原則', '原则', '原則'],
    ja: ['設計原則', '原則'],
    ko: ['설계 원칙', '원칙']
  },
  rollback: {
    en: ['Rollback Plan', 'Rollback', 'Rollback Strategy'],
    pt: ['Plano de reversão', 'Reversão'],
    es: ['Plan de reversión', 'Reversión'],
    ru: ['План отката', 'Откат'],
    vi: ['Kế hoạch khôi phục'],
    zh: ['回滚计划', '回滾計劃', '回滚'],
    ja: ['ロールバック計画', 'ロールバック'],
    ko: ['롤백 계획', '롤백']
  },
  openQuestions: {
    en: ['Open Questions', 'Drawbacks', 'Consequences'],
    pt: ['Questões em aberto', 'Perguntas em aberto'],
    es: ['Preguntas abiertas', 'Cuestiones abiertas'],
    ru: ['Открытые вопросы'],
    vi: ['Câu hỏi mở'],
    zh: ['未决问题', '未決問題', '开放问题', '開放問題'],
    ja: ['未解決の質問', '未解決事項', '懸念事項'],
    ko: ['미해결 질문', '열린 질문']
  },
  specSync: {
    en: ['Spec Sync', 'Spec Snapshot', 'Spec Summary', 'Snapshot', 'Specification Summary'],
    pt: ['Resumo da especificação'],
    es: ['Resumen de la especificación'],
    zh: ['规格同步', '規格同步', '规格摘要', '規格摘要'],
    ja: ['仕様の要約', '仕様サマリー'],
    ko: ['스펙 요약']
  },
  specGaps: {
    en: ['Spec Gaps & Assumptions', 'Spec Gaps', 'Gaps & Assumptions', 'Gaps'],
    pt: ['Lacunas e premissas', 'Lacunas da especificação'],
    es: ['Brechas y supuestos', 'Vacíos de la especificación'],
    zh: ['规格缺口与假设', '規格缺口與假設', '缺口与假设'],
    ja: ['仕様のギャップと前提', 'ギャップと前提'],
    ko: ['스펙 격차 및 가정']
  },
  references: {
    en: ['Artifacts & References', 'References', 'Artifacts', 'Related Documents', 'Links', 'See Also', 'Resources'],
    pt: ['Referências', 'Artefatos', 'Documentos relacionados'],
    es: ['Referencias', 'Artefactos', 'Documentos relacionados'],
    ru: ['Ссылки', 'Артефакты', 'Связанные документы'],
    vi: ['Tài liệu tham khảo', 'Tham khảo'],
    zh: ['参考', '參考', '参考资料', '參考資料', '相关文档', '相關文件'],
    ja: ['参考資料', '参考', '関連ドキュメント', '関連資料'],
    ko: ['참고 자료', '참고', '관련 문서']
  },
  readiness: {
    en: ['Readiness Checklist', 'Readiness', 'Plan Readiness', 'Ready Checklist', 'Definition of Ready'],
    pt: ['Checklist de prontidão', 'Lista de verificação de prontidão', 'Prontidão'],
    es: ['Lista de verificación de preparación', 'Preparación'],
    ru: ['Чек-лист готовности', 'Готовность'],
    vi: ['Danh sách kiểm tra sẵn sàng'],
    zh: ['就绪检查清单', '就緒檢查清單', '就绪清单'],
    ja: ['準備完了チェックリスト', 'レディネスチェックリスト'],
    ko: ['준비 체크리스트', '준비 상태']
  },

  // ---- Field labels (spec-kit's Technical Context) ----
  languageField: {
    en: ['Language/Version', 'Language', 'Languages', 'Language/Runtime', 'Runtime', 'Programming Language'],
    pt: ['Linguagem/Versão', 'Linguagem'],
    es: ['Lenguaje/Versión', 'Lenguaje'],
    ru: ['Язык/Версия', 'Язык'],
    vi: ['Ngôn ngữ/Phiên bản', 'Ngôn ngữ'],
    zh: ['语言/版本', '語言/版本', '语言', '語言', '开发语言', '開發語言'],
    ja: ['言語/バージョン', '言語', '使用言語'],
    ko: ['언어/버전', '언어/런타임', '언어']
  },
  dependenciesField: {
    en: ['Primary Dependencies', 'Dependencies', 'Main Dependencies', 'Key Dependencies', 'Key Libraries', 'Libraries', 'SDK'],
    pt: ['Dependências principais', 'Dependências'],
    es: ['Dependencias principales', 'Dependencias'],
    ru: ['Основные зависимости', 'Зависимости'],
    vi: ['Các thư viện chính', 'Thư viện chính', 'Phụ thuộc chính'],
    zh: ['主要依赖', '主要依賴', '依赖', '依賴'],
    ja: ['主要依存関係', '主要な依存関係', '依存関係'],
    ko: ['주요 의존성', '주요 종속성', '의존성', '주요 라이브러리', '라이브러리', '의존 패키지', 'SDK']
  },
  storageField: {
    en: ['Storage', 'Database', 'Persistence', 'Data Store', 'Datastore'],
    pt: ['Armazenamento', 'Banco de dados'],
    es: ['Almacenamiento', 'Base de datos'],
    ru: ['Хранилище', 'Хранение', 'База данных'],
    vi: ['Lưu trữ', 'Cơ sở dữ liệu'],
    zh: ['存储', '存儲', '儲存', '数据库', '資料庫'],
    ja: ['ストレージ', 'データベース', '永続化'],
    ko: ['저장소', '스토리지', '데이터베이스', '데이터스토어']
  },
  testingField: {
    en: ['Testing', 'Test Framework', 'Tests', 'Testing Strategy', 'Test Strategy'],
    pt: ['Testes'],
    es: ['Pruebas'],
    ru: ['Тестирование'],
    vi: ['Kiểm thử'],
    zh: ['测试', '測試'],
    ja: ['テスト', 'テスト戦略'],
    ko: ['테스트']
  },
  platformField: {
    en: ['Target Platform', 'Platform', 'Target Platforms', 'Deployment Target', 'Deployment Environment', 'Deployment'],
    pt: ['Plataforma alvo', 'Plataforma-alvo', 'Plataforma'],
    es: ['Plataforma objetivo', 'Plataforma de destino', 'Plataforma'],
    ru: ['Целевая платформа', 'Платформа'],
    vi: ['Nền tảng đích', 'Nền tảng mục tiêu', 'Nền tảng'],
    zh: ['目标平台', '目標平台', '平台'],
    ja: ['対象プラットフォーム', 'ターゲットプラットフォーム', 'プラットフォーム'],
    ko: ['대상 플랫폼', '타깃 플랫폼', '플랫폼', '배포 대상', '배포 환경', '배포', '실행 환경']
  },
  projectTypeField: {
    en: ['Project Type'],
    pt: ['Tipo de projeto'],
    es: ['Tipo de proyecto'],
    ru: ['Тип проекта'],
    vi: ['Loại dự án'],
    zh: ['项目类型', '項目類型', '专案类型', '專案類型'],
    ja: ['プロジェクトタイプ', 'プロジェクト種別'],
    ko: ['프로젝트 유형', '프로젝트 타입']
  },
  performanceField: {
    en: ['Performance Goals', 'Performance Targets', 'Performance'],
    pt: ['Metas de desempenho', 'Objetivos de desempenho', 'Desempenho'],
    es: ['Objetivos de rendimiento', 'Rendimiento'],
    ru: ['Цели производительности', 'Производительность'],
    vi: ['Mục tiêu hiệu suất', 'Mục tiêu hiệu năng'],
    zh: ['性能目标', '性能目標', '效能目標'],
    ja: ['パフォーマンス目標', '性能目標'],
    ko: ['성능 목표']
  },
  constraintsField: {
    en: ['Constraints'],
    pt: ['Restrições'],
    es: ['Restricciones'],
    ru: ['Ограничения'],
    vi: ['Ràng buộc'],
    zh: ['约束', '約束', '约束条件', '約束條件', '限制'],
    ja: ['制約', '制約条件'],
    ko: ['제약', '제약 조건', '제약사항']
  },
  scaleField: {
    en: ['Scale/Scope', 'Scale', 'Scope'],
    pt: ['Escala/Escopo', 'Escala', 'Escopo'],
    es: ['Escala/Alcance', 'Escala', 'Alcance'],
    ru: ['Масштаб/Охват', 'Масштаб'],
    vi: ['Quy mô/Phạm vi', 'Quy mô'],
    zh: ['规模/范围', '規模/範圍', '规模', '規模'],
    ja: ['規模/スコープ', '規模/範囲', '規模'],
    ko: ['규모/범위', '규모']
  },

  // ---- Table columns ----
  riskColumn: {
    en: ['Risk', 'Risk Description', 'Description'],
    pt: ['Risco'],
    es: ['Riesgo'],
    ru: ['Риск'],
    vi: ['Rủi ro'],
    zh: ['风险', '風險'],
    ja: ['リスク'],
    ko: ['리스크', '위험']
  },
  likelihoodColumn: {
    en: ['Likelihood', 'Probability'],
    pt: ['Probabilidade'],
    es: ['Probabilidad'],
    ru: ['Вероятность'],
    vi: ['Khả năng xảy ra', 'Xác suất'],
    zh: ['可能性', '概率', '机率', '機率', '发生概率'],
    ja: ['発生確率', '可能性', '確率', '発生可能性'],
    ko: ['가능성', '확률', '발생 가능성']
  },
  impactColumn: {
    en: ['Impact', 'Severity'],
    pt: ['Impacto', 'Severidade'],
    es: ['Impacto', 'Severidad', 'Gravedad'],
    ru: ['Влияние', 'Воздействие'],
    vi: ['Tác động', 'Mức độ ảnh hưởng', 'Ảnh hưởng'],
    zh: ['影响', '影響', '影响程度', '影響程度', '严重性', '嚴重性'],
    ja: ['影響度', '影響', '重大度'],
    ko: ['영향', '영향도', '심각도']
  },
  mitigationColumn: {
    en: ['Mitigation', 'Mitigation Plan', 'Mitigation Strategy', 'Response'],
    pt: ['Mitigação'],
    es: ['Mitigación'],
    ru: ['Меры', 'Смягчение'],
    vi: ['Giảm thiểu', 'Biện pháp giảm thiểu'],
    zh: ['缓解措施', '緩解措施', '应对措施', '應對措施', '缓解', '緩解'],
    ja: ['緩和策', '対策', '軽減策'],
    ko: ['완화', '완화 방안', '대응 방안']
  },
  ownerColumn: {
    en: ['Owner', 'Assignee', 'Responsible'],
    pt: ['Responsável', 'Dono'],
    es: ['Responsable', 'Dueño'],
    ru: ['Ответственный', 'Владелец'],
    vi: ['Người phụ trách', 'Chủ sở hữu'],
    zh: ['负责人', '負責人', '责任人', '責任人'],
    ja: ['担当者', '担当', '責任者', 'オーナー'],
    ko: ['담당자', '책임자', '담당']
  },
  statusColumn: {
    en: ['Status', 'State'],
    pt: ['Status', 'Estado', 'Situação'],
    es: ['Estado'],
    ru: ['Статус', 'Состояние'],
    vi: ['Trạng thái'],
    zh: ['状态', '狀態'],
    ja: ['状態', 'ステータス'],
    ko: ['상태']
  },
  gapColumn: {
    en: ['Gap', 'Spec Gap', 'Issue', 'Question', 'Assumption', 'Open Question'],
    pt: ['Lacuna', 'Questão', 'Pergunta', 'Premissa'],
    es: ['Brecha', 'Pregunta', 'Supuesto'],
    ru: ['Пробел', 'Вопрос', 'Допущение'],
    vi: ['Khoảng trống', 'Câu hỏi', 'Giả định'],
    zh: ['缺口', '差距', '问题', '問題', '假设', '假設'],
    ja: ['ギャップ', '課題', '質問', '前提'],
    ko: ['격차', '질문', '가정', '이슈']
  },
  fixColumn: {
    en: ['Proposed Fix', 'Fix', 'Resolution', 'Proposal', 'Proposed Resolution', 'Proposed Solution'],
    pt: ['Correção proposta', 'Solução proposta', 'Resolução'],
    es: ['Solución propuesta', 'Corrección propuesta', 'Resolución'],
    ru: ['Предлагаемое решение', 'Решение'],
    vi: ['Đề xuất khắc phục', 'Giải pháp'],
    zh: ['建议修复', '建議修復', '解决方案', '解決方案', '修复方案', '修復方案'],
    ja: ['修正案', '対応案', '解決策'],
    ko: ['해결 방안', '수정 제안', '해결책']
  }
} satisfies Record<string, Concept>

export type ConceptId = keyof typeof lexicon

/**
 * Every name of the concepts, English first (messages quote the first few
 * aliases), then the other languages; each name once.
 */
export function names(...concepts: ConceptId[]): string[] {
  const out = new Set<string>()
  for (const language of LANGUAGES) {
    for (const id of concepts) {
      const concept: Concept = lexicon[id]
      for (const name of concept[language] ?? []) out.add(name)
    }
  }
  return [...out]
}

/**
 * A preset item's aliases: the ones it lists first (messages quote the first
 * few), then every other name of its concepts, without its own title.
 */
export function aliases(title: string, first: readonly string[], ...concepts: ConceptId[]): string[] {
  const taken = new Set([title, ...first].map((name) => name.toLowerCase()))
  return [...first, ...names(...concepts).filter((name) => !taken.has(name.toLowerCase()))]
}

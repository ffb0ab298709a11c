import { assign } from '../../src/engine/assign.js'
import { buildModel } from '../../src/engine/model.js'
import { findTable, sectionHeadings } from '../../src/engine/lookup.js'
import { findField } from '../../src/engine/rules/field-lookup.js'
import { matchTitle, stem } from '../../src/engine/text.js'
import { finalizeRubric } from '../../src/rubric/resolve.js'
import type { Rubric, RubricFile } from '../../src/rubric/schema.js'
import { checkText, preset } from '../../test-support/engine.js'

// How plan parts are matched to rubric requirements: word forms, synonyms and
// languages, and the assignment of headings and tables over the whole plan.

const lines = (...all: string[]): string => `${all.join('\n')}\n`
const STRUCTURAL = new Set(['section-missing', 'table-missing', 'field-missing', 'table-column-missing'])

/** The structural findings, as `rule: message`. */
async function missing(text: string, rubric: string | Rubric): Promise<string[]> {
  const result = await checkText(text, rubric)
  return result.findings.filter((finding) => STRUCTURAL.has(finding.ruleId)).map((finding) => `${finding.ruleId}: ${finding.message}`)
}

/** Which heading title each section of the rubric was found at. */
async function found(text: string, rubric: string | Rubric): Promise<Record<string, string | null>> {
  const resolved = typeof rubric === 'string' ? await preset(rubric) : rubric
  const out: Record<string, string | null> = {}
  for (const [id, heading] of sectionHeadings(buildModel(text), resolved)) out[id] = heading?.title ?? null
  return out
}

function rubric(file: RubricFile): Rubric {
  return finalizeRubric(file, 'test')
}

describe('word forms', () => {
  it.each([
    ['decisions', 'decision'],
    ['risks', 'risk'],
    ['interfaces', 'interface'],
    ['testing', 'tests'],
    ['migration', 'migrate'],
    ['documentation', 'documented'],
    ['dependencies', 'dependency'],
    ['languages', 'language']
  ])('%s and %s share a stem', (a, b) => {
    expect(stem(a)).toBe(stem(b))
  })

  it('keeps words that only look inflected', () => {
    expect(stem('status')).toBe('status')
    expect(stem('process')).toBe('process')
    expect(stem('speed')).toBe(stem('speeds'))
    expect(stem('installed')).toBe('install')
  })

  it('matches a heading whatever the number or form of its words', () => {
    expect(matchTitle('decision', 'decisions')).toBe('exact')
    expect(matchTitle('risk', 'risks')).toBe('exact')
    expect(matchTitle('interface', 'interfaces')).toBe('exact')
    expect(matchTitle('tests', 'testing')).toBe('exact')
    expect(matchTitle('migration', 'migrate')).toBe('exact')
    expect(matchTitle('riskless design', 'risk')).toBeNull()
  })

  it('finds the singular inside a longer heading, but not a word merely sharing a stem', () => {
    expect(matchTitle('failure mode analysis', 'failure modes')).toBe('prefix')
    expect(matchTitle('workflow monitor', 'monitoring')).toBeNull()
  })

  it('takes inflected headings for the sections of the spec-dev rubric', async () => {
    const text = lines('# Plan', '', '## Key Decision', '', 'One.', '', '## Interface', '', 'Two.', '', '## Risk Registers', '', 'Three.')
    expect(await found(text, 'spec-dev')).toMatchObject({ decisions: 'Key Decision', interfaces: 'Interface', risks: 'Risk Registers' })
  })

  it('reads a heading whatever its punctuation, full-width or not', async () => {
    const text = lines('# Plan', '', '## Technical Context（updated）', '', 'Text.', '', '## ３．Constitution Check：', '', 'Text.')
    // Titles are what a reader sees after the one normalisation (NFKC folds the full-width forms).
    expect(await found(text, 'spec-kit')).toMatchObject({ 'technical-context': 'Technical Context(updated)', 'constitution-check': '3.Constitution Check:' })
  })
})

describe('synonyms', () => {
  it.each([['Decisions'], ['Design Decisions'], ['Architecture Decisions'], ['Technical Decisions'], ['ADRs']])(
    '"%s" is the Key Decisions section',
    async (title) => {
      expect((await found(lines('# Plan', '', `## ${title}`, '', 'Text.'), 'spec-dev')).decisions).toBe(title)
    }
  )

  it.each([['Tech Stack'], ['Technology Stack'], ['Technical Background']])('"%s" is the Technical Context of spec-kit', async (title) => {
    expect((await found(lines('# Plan', '', `## ${title}`, '', 'Text.'), 'spec-kit'))['technical-context']).toBe(title)
  })
})

describe('languages', () => {
  // Each plan follows spec-kit's template, written in one language.
  const plans: Array<[string, string[], string[]]> = [
    ['Simplified Chinese', ['摘要', '技术背景', '宪法检查', '项目结构'], ['语言/版本', '主要依赖', '存储', '测试', '目标平台', '项目类型', '性能目标', '约束', '规模/范围']],
    ['Traditional Chinese', ['摘要', '技術背景', '憲法檢查', '專案結構'], ['語言/版本', '主要依賴', '儲存', '測試', '目標平台', '專案類型', '效能目標', '約束', '規模/範圍']],
    ['Japanese', ['概要', '技術コンテキスト', '憲法準拠チェック', 'プロジェクト構成'], ['言語/バージョン', '主要依存関係', 'ストレージ', 'テスト', '対象プラットフォーム', 'プロジェクトタイプ', 'パフォーマンス目標', '制約', '規模/スコープ']],
    ['Korean', ['요약', '기술 컨텍스트', '헌법 검사', '프로젝트 구조'], ['언어/버전', '주요 의존성', '저장소', '테스트', '대상 플랫폼', '프로젝트 유형', '성능 목표', '제약 조건', '규모/범위']],
    ['Portuguese', ['Resumo', 'Contexto técnico', 'Verificação constitucional', 'Estrutura do projeto'], ['Linguagem/Versão', 'Dependências principais', 'Armazenamento', 'Testes', 'Plataforma alvo', 'Tipo de projeto', 'Metas de desempenho', 'Restrições', 'Escala/Escopo']],
    ['Spanish', ['Resumen', 'Contexto técnico', 'Verificación constitucional', 'Estructura del proyecto'], ['Lenguaje/Versión', 'Dependencias principales', 'Almacenamiento', 'Pruebas', 'Plataforma objetivo', 'Tipo de proyecto', 'Objetivos de rendimiento', 'Restricciones', 'Escala/Alcance']],
    ['Russian', ['Обзор', 'Технический контекст', 'Проверка конституции', 'Структура проекта'], ['Язык/Версия', 'Основные зависимости', 'Хранилище', 'Тестирование', 'Целевая платформа', 'Тип проекта', 'Цели производительности', 'Ограничения', 'Масштаб/Охват']],
    ['Vietnamese', ['Tóm tắt', 'Bối cảnh kỹ thuật', 'Kiểm tra Hiến pháp', 'Cấu trúc dự án'], ['Ngôn ngữ/Phiên bản', 'Phụ thuộc chính', 'Lưu trữ', 'Kiểm thử', 'Nền tảng đích', 'Loại dự án', 'Mục tiêu hiệu suất', 'Ràng buộc', 'Quy mô/Phạm vi']]
  ]

  const specKitPlan = (headings: string[], labels: string[]): string =>
    lines(
      '# Plan',
      '',
      `## ${headings[0]}`,
      '',
      'Exports invoices as CSV files every night so that finance can reconcile accounts without asking engineering for help.',
      '',
      `## ${headings[1]}`,
      '',
      ...labels.map((label) => `**${label}**: value ${label.length}  `),
      '',
      `## ${headings[2]}`,
      '',
      'Every principle of the constitution is met by this plan; no exception is needed.',
      '',
      `## ${headings[3]}`,
      '',
      '```text',
      'src/export/',
      '```'
    )

  it.each(plans)('finds every section and field of spec-kit in %s', async (_language, headings, labels) => {
    expect(await missing(specKitPlan(headings, labels), 'spec-kit')).toEqual([])
  })

  it('still reports what a plan in another language lacks', async () => {
    const [, headings, labels] = plans[2]!
    const text = specKitPlan(headings, labels.filter((label) => label !== 'ストレージ')).replace('## 憲法準拠チェック', '## 参考資料')
    expect((await missing(text, 'spec-kit')).sort()).toEqual([
      'field-missing: Missing field "Storage" in "技術コンテキスト"; expected a line "**Storage**: …"',
      'section-missing: Missing section "Constitution Check": expected a heading "Constitution Check" (or "Constitution Compliance", "Constitution Gates", "Principles Check") before "参考資料"'
    ])
  })

  it('does not read a count in parentheses as the heading\'s name', async () => {
    expect((await found(lines('# Plan', '', '## Existing infrastructure (8 components)', '', 'Text.'), 'spec-dev')).architecture).toBeNull()
  })

  it('reads a bilingual heading by either language', async () => {
    const text = lines('# Plan', '', '## Tóm tắt (Summary)', '', 'Text.', '', '## Teknisk kontekst (Technical Context)', '', 'Text.', '', '## Kiểm tra (Constitution Check)', '', 'Text.')
    expect(await found(text, 'spec-kit')).toMatchObject({
      summary: 'Tóm tắt (Summary)',
      'technical-context': 'Teknisk kontekst (Technical Context)',
      'constitution-check': 'Kiểm tra (Constitution Check)'
    })
  })

  it('finds Chinese, Japanese and Korean names inside longer headings', async () => {
    const text = lines('# 计划', '', '## 技术背景与约束', '', 'Text.', '', '## 0. Constitution Check (게이트 — 통과 확인)', '', 'Text.', '', '## 项目宪法合规性', '', 'Text.')
    expect(await found(text, 'spec-kit')).toMatchObject({ 'technical-context': '技术背景与约束', 'constitution-check': '0. Constitution Check (게이트 — 통과 확인)' })
  })

  it('knows the other presets in other languages too', async () => {
    const text = lines('# Plan', '', '## Riesgos', '', 'Text.', '', '## 测试策略', '', 'Text.', '', '## Visão geral', '', 'Text.', '', '## Архитектура', '', 'Text.')
    expect(await found(text, 'generic')).toEqual({ summary: 'Visão geral', approach: 'Архитектура', testing: '测试策略', risks: 'Riesgos' })
  })
})

describe('fields', () => {
  const field = async (label: string, id = 'language'): Promise<string | undefined> => {
    const model = buildModel(lines('## Technical Context', '', `**${label}**: TypeScript 5`))
    const spec = (await preset('spec-kit')).fields.find((candidate) => candidate.id === id)!
    return findField(model.fields, spec)?.label
  }

  it.each([['Language/Version'], ['Language/version'], ['Languages'], ['Language'], ['语言/版本'], ['言語/バージョン'], ['Ngôn ngữ/Phiên bản (Language/Version)']])(
    'takes **%s** for Language/Version',
    async (label) => {
      expect(await field(label)).toBe(label)
    }
  )

  it('takes a label followed by a note in parentheses', async () => {
    expect(await field('Primary Dependencies (existing, none added)', 'dependencies')).toBe('Primary Dependencies (existing, none added)')
    expect(await field('Performance Target', 'performance')).toBe('Performance Target')
  })

  it('does not take a label that merely mentions the word', async () => {
    expect(await field('Notes on the language choice')).toBeUndefined()
    expect(await field('Version')).toBeUndefined()
  })

  it('takes a label that begins or ends with the name', async () => {
    expect(await field('Unit testing', 'testing')).toBe('Unit testing')
    expect(await field('Testing framework', 'testing')).toBe('Testing framework')
  })
})

describe('assigning headings to sections', () => {
  it('gives "Architecture Decisions" to Key Decisions when "Component Architecture" is the architecture', async () => {
    const text = lines('# Plan', '', '## Architecture Decisions', '', 'Text.', '', '## Component Architecture', '', 'Text.')
    expect(await found(text, 'spec-dev')).toMatchObject({ architecture: 'Component Architecture', decisions: 'Architecture Decisions' })
  })

  it('does not use up a heading on a weak match when a better heading exists', async () => {
    const file = rubric({
      sections: [
        { id: 'overview', title: 'Overview', aliases: ['Architecture'] },
        { id: 'data', title: 'Data Flow', aliases: ['Architecture Data'] }
      ]
    })
    // Best match first would give "Architecture Data Flow" to Overview ("Architecture" at its start)
    // and leave Data Flow without a heading; the best assignment gives each its own.
    const text = lines('## Architecture Data Flow', '', 'Text.', '', '## System Architecture', '', 'Text.')
    expect(await found(text, file)).toEqual({ overview: 'System Architecture', data: 'Architecture Data Flow' })
  })

  it('prefers the heading named like the section over one named like an alias', async () => {
    const text = lines('# Plan', '', '## Phase 5: Tests', '', 'Text.', '', '## Testing Strategy', '', 'Text.')
    expect((await found(text, 'specflow')).testing).toBe('Testing Strategy')
  })

  it('does not take a heading that is another known concept through a shared word', async () => {
    // "Verificação" is a name of testing, but "Verificação constitucional" is the constitution check.
    const text = lines('# Plan', '', '## Verificação constitucional', '', 'Text.')
    expect((await found(text, 'generic')).testing).toBeNull()
  })

  it('judges a heading that only mentions a section by the section it sits in', async () => {
    const text = lines('# Plan', '', '## Constitution Check', '', '### III. Test-Driven Development', '', 'Text.', '', '## Validation of imports', '', 'Text.')
    expect((await found(text, 'generic')).testing).toBe('Validation of imports')
    expect((await found(lines('# Plan', '', '## Constitution Check', '', '### III. Test-Driven Development', '', 'Text.'), 'generic')).testing).toBeNull()
  })

  it('is no match when the name is a small part of a long heading', async () => {
    expect((await found(lines('# Plan', '', '## Notes on how the export module will eventually be tested', '', 'Text.'), 'generic')).testing).toBeNull()
  })

  it('treats a pseudo heading like any other heading', async () => {
    const model = buildModel(lines('# Plan', '', '## Overview', '', 'Text.'))
    model.headings.push({ ...model.headings[1]!, index: 2, title: 'Acceptance Criteria', normalized: 'acceptance criteria', line: 6, endLine: 6, pseudo: true } as never)
    const found = sectionHeadings(model, await preset('generic'))
    expect(found.get('testing')?.title).toBe('Acceptance Criteria')
  })
})

describe('assigning tables', () => {
  const gapsTable = ['| Gap | Proposed Fix | Owner | Status |', '|---|---|---|---|', '| Retention unclear | Ask legal | Ana | Open |']
  const questionTable = ['| Question | Answer |', '|---|---|', '| Which format? | CSV |']

  it('takes the Spec Gaps table by its columns, not because it comes first under the heading', async () => {
    const model = buildModel(lines('# Plan', '', '## Spec Gaps & Assumptions', '', ...questionTable, '', ...gapsTable))
    const rubric = await preset('spec-dev')
    expect(findTable(model, rubric, rubric.tables.find((table) => table.id === 'spec-gaps')!)?.table.line).toBe(9)
  })

  it('takes a full table elsewhere over a table in the section with a single matching column', async () => {
    const model = buildModel(lines('# Plan', '', '## Spec Gaps', '', '| Status | Note |', '|---|---|', '| ok | none |', '', '## Appendix', '', ...gapsTable))
    const rubric = await preset('spec-dev')
    expect(findTable(model, rubric, rubric.tables.find((table) => table.id === 'spec-gaps')!)?.table.line).toBe(11)
  })

  it('does not take a task table with a Status column for the Spec Gaps table', async () => {
    const text = lines('# Plan', '', '## Tasks', '', '| Task | Status | Gap Ref |', '|---|---|---|', '| 1.1 | todo | - |')
    expect((await missing(text, 'spec-dev')).filter((finding) => finding.includes('Spec Gaps')).sort()).toEqual([
      // One gap, one finding: the missing section names the table that belongs in it.
      'section-missing: Missing section "Spec Gaps & Assumptions": expected a heading "Spec Gaps & Assumptions" (or "Spec Gaps", "Gaps & Assumptions", "Assumptions & Gaps") before "Tasks" with the "Spec Gaps" table'
    ])
  })

  it('uses one table for one rubric table only, and one header cell for one column only', async () => {
    const model = buildModel(lines('## Risks', '', '| Risk | Impact | Likelihood | Mitigation owner |', '|---|---|---|---|', '| Outage | High | Low | Ops |'))
    const rubric = await preset('spec-dev')
    const risks = findTable(model, rubric, rubric.tables.find((table) => table.id === 'risks')!)!
    // "Mitigation owner" names an owner; the table has no mitigation column.
    expect(risks.columns.get('Owner')).toBe(3)
    expect(risks.columns.get('Mitigation')).toBe(-1)
    expect(findTable(model, rubric, rubric.tables.find((table) => table.id === 'spec-gaps')!)).toBeNull()
  })

  it('reads column names in other languages', async () => {
    const model = buildModel(lines('## リスクと緩和策', '', '| リスク | 発生確率 | 影響度 | 緩和策 | 担当者 |', '|---|---|---|---|---|', '| 障害 | 低 | 高 | 監視 | 運用 |'))
    const rubric = await preset('spec-dev')
    const risks = findTable(model, rubric, rubric.tables.find((table) => table.id === 'risks')!)!
    expect([...risks.columns.values()]).toEqual([0, 1, 2, 3, 4])
  })
})

describe('assign', () => {
  it('maximises the total, where the best match of each row in turn would not', () => {
    const pairs = [
      { row: 0, column: 0, score: 0.8 },
      { row: 0, column: 1, score: 0.7 },
      { row: 1, column: 0, score: 0.7 }
    ]
    expect(assign(2, pairs)).toEqual([
      { row: 0, column: 1, score: 0.7 },
      { row: 1, column: 0, score: 0.7 }
    ])
  })

  it('leaves a row unpaired when no column is free, and breaks ties by the earlier column', () => {
    expect(assign(2, [{ row: 0, column: 5, score: 1 }, { row: 1, column: 5, score: 0.5 }])).toEqual([{ row: 0, column: 5, score: 1 }])
    expect(assign(1, [{ row: 0, column: 9, score: 1 }, { row: 0, column: 3, score: 1 }])).toEqual([{ row: 0, column: 3, score: 1 }])
    expect(assign(3, [])).toEqual([])
  })
})

describe('what a SpecFlow plan covers without the heading', () => {
  // The playbook's review asks whether the plan covers error handling and dependencies, not for a heading.
  const PLAN = lines(
    '# Plan: Retry queue',
    '',
    '## Data Model',
    '',
    'A job row gains attempts (integer) and lastError (text), both written by the worker on every failed run of a job.',
    '',
    '## CLI Interface',
    '',
    '`queue retry <id>` moves a failed job back to pending and prints the new state of the job as one line.',
    '',
    '**Exit codes**: 0 moved, 1 no such job, 2 the job is not failed.',
    '',
    '## Failure Mode Analysis',
    '',
    '| Failure | Detection | Recovery |',
    '|---|---|---|',
    '| Worker crash mid-job | heartbeat older than a minute | the job returns to pending |',
    '',
    '## Overview of the build',
    '',
    'No new dependency: the queue table and the worker already exist and nothing else reads them.',
    '',
    '## Test Strategy',
    '',
    'Unit tests for the retry rule and one end-to-end run of the CLI against a scratch database with a failed job.'
  )

  it('takes a command\'s exit codes as error handling and a stated dependency stance as the dependencies', async () => {
    const missing = (await checkText(PLAN, 'specflow')).findings.filter((finding) => finding.ruleId === 'section-missing' && finding.severity === 'error')
    expect(missing.map((finding) => finding.message.split(':')[0])).toEqual([])
  })

  it('takes a Graceful Degradation part as error handling and a Blast Radius part as the dependencies', async () => {
    const text = PLAN.replace('**Exit codes**: 0 moved, 1 no such job, 2 the job is not failed.', 'It prints the job.')
      .replace('No new dependency: the queue table', 'The queue table')
      .replace('## Overview of the build', '### Graceful Degradation\n\nWithout the queue table the worker logs and sleeps.\n\n### Blast Radius\n\nOnly the billing worker reads the queue; the web app does not.\n\n## Overview of the build')
    const found = await checkText(text, 'specflow')
    expect(found.findings.filter((finding) => finding.ruleId === 'section-missing' && finding.severity === 'error')).toEqual([])
  })

  it('still misses both when the plan says nothing of them', async () => {
    const text = PLAN.replace('**Exit codes**: 0 moved, 1 no such job, 2 the job is not failed.', 'It prints the job.').replace('No new dependency: the queue table', 'The queue table')
    const missing = (await checkText(text, 'specflow')).findings.filter((finding) => finding.ruleId === 'section-missing' && finding.severity === 'error')
    expect(missing.map((finding) => finding.message.split(':')[0])).toEqual(['Missing section "Error Handling Strategy"', 'Missing section "Dependencies"'])
  })
})

describe('spec-kit\'s Technical Context and structure under other names', () => {
  it('reads the Korean labels of a stack list: the SDK as the dependencies, the deployment target as the platform', async () => {
    const text = lines(
      '## 기술 스택',
      '',
      '- **언어/런타임**: Go 1.23',
      '- **MCP SDK**: mcp-go',
      '- **배포**: Docker, linux/amd64',
      '- **저장소**: SQLite'
    )
    const missing = (await checkText(text, 'spec-kit')).findings.filter((finding) => finding.ruleId === 'field-missing').map((finding) => finding.message.split('"')[1])
    expect(missing).not.toContain('Primary Dependencies')
    expect(missing).not.toContain('Target Platform')
  })

  it.each(['File Changes', '変更点（予定）'])('takes a "%s" list of the files a feature touches as its Project Structure', async (heading) => {
    const text = lines('# Plan', '', `## ${heading}`, '', '- `src/server/listener.ts`: reconnect after a reload', '- `test/listener.test.ts`: the reload case')
    expect((await found(text, 'spec-kit'))['project-structure']?.replace(/[（(].*$/u, '')).toBe(heading.replace(/（.*$/u, ''))
  })
})

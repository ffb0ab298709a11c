import type { RubricFile } from '../schema.js'
import { aliases, names } from './lexicon.js'
import { commonPlaceholders } from './placeholders.js'

// The spec-dev "Plan Phase" playbook (v1.1): a plan at .spec-dev/active-dev/active-plan.md
// with a spec snapshot, a spec-gaps table, nine plan sections, a risks register,
// a seven-item readiness checklist, and a closing gate line. What the playbook
// states is an error; word counts and topic mentions it does not state are
// advice (warnings), so a finished plan never fails on a threshold. A topic a
// plan in another format writes under that format's names (`coveredBy`) is not
// missing content: its missing section is a warning.
export const specDev: RubricFile = {
  name: 'spec-dev',
  description: 'spec-dev Plan Phase v1.1: spec sync, spec gaps, nine plan sections, risks register, readiness checklist, declared gate',
  gate: { required: true },
  // The playbook: no tasks until the plan is reviewed and marked PASS.
  phaseOrder: { tasks: ['active-tasks.md', 'tasks.md'] },
  order: true,
  sections: [
    {
      id: 'spec-sync',
      title: 'Spec Sync',
      aliases: aliases('Spec Sync', ['Spec Snapshot', 'Spec Summary', 'Snapshot'], 'specSync'),
      minWords: 15,
      // The playbook states both ("problem, success metric"): errors, in any of their usual words.
      mentions: [['problem', 'pain point', 'challenge', 'motivation'], ['success metric', 'success criteria', 'success measure', 'KPI', 'metric', 'measured by', 'acceptance criteria']],
      mentionsSeverity: 'error',
      guidance: 'A short snapshot of the approved spec: the problem it solves and the metric that shows success.'
    },
    {
      id: 'spec-gaps',
      title: 'Spec Gaps & Assumptions',
      aliases: aliases('Spec Gaps & Assumptions', ['Spec Gaps', 'Gaps & Assumptions', 'Assumptions & Gaps'], 'specGaps'),
      guidance: 'Open questions about the spec, each with a proposed fix, an owner and a status; blockers halt the plan.'
    },
    {
      id: 'architecture',
      title: 'Architecture Overview',
      aliases: aliases('Architecture Overview', ['Architecture', 'System Architecture', 'System Overview'], 'architecture'),
      // spec-kit plans explain their layout in a Structure Decision; a bare tree is no overview.
      coveredBy: ['Structure Decision'],
      minWords: 40,
      require: ['diagram'],
      mentions: [['component', 'module', 'service', 'layer', 'package', 'subsystem'], ['boundary', 'boundaries', 'interface between', 'separation'], ['responsibility', 'responsible', 'role', 'handles'], ['owner', 'owned', 'ownership', 'team', 'maintainer']],
      guidance: 'Components, their boundaries, responsibilities and owners, with a small diagram or text map.'
    },
    {
      id: 'decisions',
      title: 'Key Decisions & Rationale',
      aliases: aliases('Key Decisions & Rationale', ['Key Decisions', 'Design Decisions', 'Decisions'], 'decisions'),
      // Decisions listed under a lead-in elsewhere ("Key design decisions:"); a lone "Decision" word, as in "Structure Decision", is one choice, not the record.
      coveredBy: names('decisions').filter((name) => /\s/u.test(name.trim()) || /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]{3,}/u.test(name)),
      minWords: 30,
      mentions: [['trade-off', 'trade-offs', 'tradeoff', 'tradeoffs', 'trade off'], ['alternative', 'alternatives', 'rejected'], ['impact']],
      guidance: 'Each decision with its trade-offs, the alternatives rejected and its impact.'
    },
    {
      id: 'interfaces',
      title: 'Interfaces & Contracts',
      aliases: aliases('Interfaces & Contracts', ['Interfaces', 'Contracts', 'API Contracts'], 'interfaces'),
      minWords: 30,
      require: ['example'],
      mentions: [['request', 'input', 'command', 'event'], ['response', 'output', 'returns', 'result'], ['error', 'errors', 'failure', 'failures']],
      guidance: 'API, CLI and event surfaces, with request/response examples and error handling.'
    },
    {
      id: 'data',
      title: 'Data Flow & Storage',
      aliases: aliases('Data Flow & Storage', ['Data Flow', 'Data Model', 'Data & Storage'], 'dataFlow', 'dataModel', 'storage'),
      // spec-kit's Technical Context gives storage as a field.
      coveredBy: [...names('storage'), 'Entities', 'Key Entities'],
      minWords: 30,
      mentions: [['schema', 'schemas'], ['migration', 'migrations'], ['retention'], ['index', 'indexes', 'indexing', 'indices'], ['regulatory', 'regulation', 'compliance', 'GDPR', 'PII', 'privacy', 'personal data', 'legal']],
      guidance: 'Schemas, migrations, retention, indexing and regulatory constraints.'
    },
    {
      id: 'security',
      title: 'Security & Privacy',
      aliases: aliases('Security & Privacy', ['Security', 'Privacy', 'Security Considerations'], 'security'),
      // A security principle of a Constitution Check, or a Security field.
      coveredBy: [...names('security'), 'Authentication', 'Authorization', 'Access Control'],
      minWords: 30,
      mentions: [['authentication', 'authn', 'auth'], ['authorization', 'authz', 'permission', 'permissions', 'access control'], ['secret', 'secrets', 'credential', 'credentials'], ['threat', 'attack', 'vulnerability', 'injection', 'abuse', 'mitigation']],
      guidance: 'The authentication and authorization model, secrets handling and the mitigations for each threat.'
    },
    {
      id: 'reliability',
      title: 'Reliability & Performance',
      aliases: aliases('Reliability & Performance', ['Reliability', 'Performance', 'Performance & Reliability'], 'reliability'),
      minWords: 30,
      mentions: [['SLI', 'SLO', 'service level', 'p95', 'p99', 'percentile', 'latency target', 'availability target', 'error budget'], ['budget', 'latency', 'throughput', 'target', 'p95', 'p99', 'percentile'], ['back-pressure', 'rate limit', 'rate limiting', 'throttling', 'load shedding', 'backoff', 'circuit breaker', 'queue'], ['test environment', 'staging', 'environment', 'CI', 'sandbox', 'emulator']],
      guidance: 'SLIs and SLOs, performance budgets, back-pressure strategy and test environments.'
    },
    {
      id: 'observability',
      title: 'Observability & Operations',
      aliases: aliases('Observability & Operations', ['Observability', 'Operations', 'Monitoring'], 'observability'),
      minWords: 30,
      mentions: [['metric', 'metrics'], ['log', 'logs', 'logging'], ['trace', 'traces', 'tracing'], ['dashboard', 'dashboards'], ['alert', 'alerts', 'alerting'], ['runbook', 'runbooks']],
      guidance: 'Metrics, logs, traces, dashboards, alerting and runbooks.'
    },
    {
      id: 'testing',
      title: 'Testing & Rollout Strategy',
      aliases: aliases('Testing & Rollout Strategy', ['Testing Strategy', 'Rollout Strategy', 'Testing & Rollout'], 'testing', 'rollout'),
      minWords: 30,
      mentions: [['unit'], ['integration'], ['load', 'performance test', 'stress'], ['staged', 'canary', 'phased', 'gradual', 'percentage', 'beta', 'pilot', 'incremental', 'progressive'], ['feature flag', 'flag', 'toggle', 'kill switch'], ['rollback', 'roll back']],
      guidance: 'Unit, integration and load testing, the staged rollout, feature flags and the rollback plan.'
    },
    {
      id: 'artifacts',
      title: 'Artifacts & References',
      aliases: aliases('Artifacts & References', ['References', 'Artifacts', 'Related Documents'], 'references'),
      // spec-kit lists a feature's companion documents under "Documentation (this feature)". "Artifacts" alone is
      // as often the build's ("Artifact Strategy": what is deployed) as the plan's references.
      coveredBy: ['Documentation', 'Documentação', 'Documentación', 'Tài liệu', '文档', '文檔', 'ドキュメント', '문서', ...names('references').filter((name) => !/artifact|artefact|artefat|артефакт|resources/iu.test(name))],
      minWords: 3,
      guidance: 'Links to diagrams, design documents and relevant notes.'
    },
    {
      id: 'risks',
      title: 'Risks Register',
      aliases: aliases('Risks Register', ['Risk Register', 'Risks', 'Risks & Mitigations'], 'risks'),
      guidance: 'One row per risk with likelihood, impact, mitigation and owner; at least one each for architecture, data, security and operations.'
    },
    {
      id: 'readiness',
      title: 'Readiness Checklist',
      aliases: aliases('Readiness Checklist', ['Readiness', 'Plan Readiness', 'Ready Checklist'], 'readiness'),
      guidance: 'Every readiness item, ticked only once it is true.'
    }
  ],
  tables: [
    {
      id: 'spec-gaps',
      title: 'Spec Gaps',
      section: 'spec-gaps',
      minRows: 1,
      columns: [
        { name: 'Gap', aliases: aliases('Gap', ['Spec Gap', 'Issue', 'Question'], 'gapColumn'), notEmpty: true },
        { name: 'Proposed Fix', aliases: aliases('Proposed Fix', ['Fix', 'Resolution', 'Proposal'], 'fixColumn'), notEmpty: true },
        { name: 'Owner', aliases: aliases('Owner', ['Owners', 'Assignee'], 'ownerColumn'), notEmpty: true },
        {
          name: 'Status',
          aliases: aliases('Status', ['State'], 'statusColumn'),
          notEmpty: true,
          forbidden: [{ value: 'Blocked', message: 'a blocking gap means the spec needs edits before the plan can pass' }, { value: 'Blocker' }]
        }
      ]
    },
    {
      id: 'risks',
      title: 'Risks Register',
      section: 'risks',
      // The playbook asks for one risk per major area (the coverage below), not for a number of rows.
      minRows: 1,
      columns: [
        { name: 'Risk', aliases: aliases('Risk', ['Risk Description', 'Description'], 'riskColumn'), notEmpty: true },
        { name: 'Likelihood', aliases: aliases('Likelihood', ['Probability'], 'likelihoodColumn'), notEmpty: true, values: ['Low', 'Medium', 'High'] },
        { name: 'Impact', aliases: aliases('Impact', ['Severity'], 'impactColumn'), notEmpty: true, values: ['Low', 'Medium', 'High'] },
        { name: 'Mitigation', aliases: aliases('Mitigation', ['Mitigations', 'Mitigation Plan', 'Response'], 'mitigationColumn'), notEmpty: true },
        { name: 'Owner', aliases: aliases('Owner', ['Owners', 'Assignee'], 'ownerColumn'), notEmpty: true }
      ],
      coverage: {
        areaColumn: 'Area',
        areas: [
          { name: 'architecture', keywords: ['architecture', 'architectural', 'component', 'coupling', 'boundary', 'boundaries', 'module', 'service', 'dependency', 'dependencies', 'integration', 'design', 'scalability'] },
          { name: 'data', keywords: ['data', 'database', 'schema', 'migration', 'storage', 'retention', 'index', 'corruption', 'backup', 'consistency', 'record'] },
          { name: 'security', keywords: ['security', 'secure', 'auth', 'authentication', 'authorization', 'secret', 'credential', 'token', 'privacy', 'PII', 'injection', 'threat', 'permission', 'access', 'leak', 'attack', 'vulnerab'] },
          { name: 'operations', keywords: ['operations', 'operational', 'ops', 'monitoring', 'alert', 'deploy', 'rollout', 'rollback', 'outage', 'on-call', 'runbook', 'observability', 'incident', 'latency', 'performance', 'capacity', 'availability', 'downtime'] }
        ]
      }
    }
  ],
  checklists: [
    {
      id: 'readiness',
      title: 'Readiness Checklist',
      section: 'readiness',
      allChecked: true,
      items: [
        'Owners assigned for each component',
        'Failure handling and dependencies identified',
        { text: 'Migration and backward compatibility plan defined (or N/A with reason)', aliases: ['Migration plan defined', 'Backwards compatibility plan defined'] },
        'Telemetry, alerting and runbook updates specified',
        'Security controls mapped to identified threats',
        'Rollout and testing plan documented',
        'Spec gaps resolved or tracked with owners'
      ]
    }
  ],
  placeholders: commonPlaceholders
}

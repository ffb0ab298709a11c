// SARIF 2.1.0 for code scanning. Output depends only on its inputs (no clock,
// no random ids) so that re-running on the same commit uploads the same file.
import { sha256Hex } from '../engine/digest.js'
import { DOCS_BASE_URL, ruleDocsUrl } from '../engine/docs-url.js'
import { rules } from '../engine/rules/index.js'
import type { Finding, RunResult, Severity, WaivedFinding } from '../engine/types.js'
import { byPosition, compareText } from './common.js'
import type { ReportContext } from './context.js'
import { plainText } from './sanitize.js'

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json'

/** Key of our fingerprint; the `/v1` lets the recipe change without matching old alerts. */
export const FINGERPRINT_KEY = 'planGateFinding/v1'

// The project's home is the repository that hosts the rule docs.
const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '')

// Code scanning shows message text as is, but reads `[text](n)` as a link to a
// related location, so brackets from plan text are escaped (SARIF §3.11.6).
const MESSAGE_MAX = 1000

interface SarifRule {
  id: string
  name: string
  shortDescription: { text: string }
  fullDescription: { text: string }
  help: { text: string }
  helpUri: string
  defaultConfiguration: { level: Severity }
}

export function renderSarif(result: RunResult, ctx: ReportContext): string {
  const driverRules = collectRules(result)
  const ruleIndex = new Map(driverRules.map((rule, index) => [rule.id, index]))

  const results = result.plans.flatMap((plan) => {
    const seen = new Map<string, number>()
    const waived = plan.waived ?? []
    return [...plan.findings, ...waived].sort(byPosition).map((finding) => {
      const waiver = 'waiver' in finding ? (finding as WaivedFinding).waiver : undefined
      const hash = fingerprint(plan.file, finding)
      const occurrence = (seen.get(hash) ?? 0) + 1
      seen.set(hash, occurrence)
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId) ?? 0,
        level: finding.severity,
        message: { text: messageText(finding) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(plan.file) },
              region: region(finding)
            }
          }
        ],
        // Line numbers move with every edit above a finding; the fingerprint
        // does not, so code scanning keeps one alert per problem.
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
        // Code scanning shows a suppressed result as dismissed, with the waiver's reason as justification.
        ...(waiver ? { suppressions: [{ kind: 'external', status: 'accepted', justification: sarifText(waiver.reason) }] } : {})
      }
    })
  })

  const log = {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'plan-gate',
            version: ctx.version,
            informationUri: INFORMATION_URI,
            rules: driverRules
          }
        },
        results
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}

function collectRules(result: RunResult): SarifRule[] {
  const described: SarifRule[] = rules.map((rule) => ({
    id: rule.id,
    name: rule.title,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.hint },
    helpUri: ruleDocsUrl(rule.id),
    defaultConfiguration: { level: rule.defaultSeverity }
  }))
  const known = new Set(described.map((rule) => rule.id))
  // Ids the registry does not know (yet) still need an entry for ruleIndex.
  const unknown = new Map<string, Severity>()
  for (const plan of result.plans) {
    for (const finding of plan.findings) {
      if (known.has(finding.ruleId)) continue
      const previous = unknown.get(finding.ruleId)
      if (previous === undefined || finding.severity === 'error') unknown.set(finding.ruleId, finding.severity)
    }
  }
  const extra = [...unknown.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, level]) => ({
      id,
      name: id,
      shortDescription: { text: id },
      fullDescription: { text: id },
      help: { text: `See ${ruleDocsUrl(id)}` },
      helpUri: ruleDocsUrl(id),
      defaultConfiguration: { level }
    }))
  return [...described, ...extra]
}

function sarifText(text: string, max = MESSAGE_MAX): string {
  return plainText(text, max).replace(/[\\[\]]/g, '\\$&')
}

function messageText(finding: Finding): string {
  const message = sarifText(finding.message)
  const hint = sarifText(finding.hint)
  return hint === '' ? message : `${message}\n${hint}`
}

function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/')
}

function region(finding: Finding) {
  const startLine = Math.max(1, finding.line)
  return {
    startLine,
    startColumn: Math.max(1, finding.column),
    ...(finding.endLine !== undefined && finding.endLine >= startLine ? { endLine: finding.endLine } : {})
  }
}

function fingerprint(file: string, finding: Finding): string {
  return sha256Hex([finding.ruleId, file, finding.section ?? '', finding.message].join('\u0000')).slice(0, 32)
}

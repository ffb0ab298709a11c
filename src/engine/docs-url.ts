// Where each rule's docs page lives; the only place that knows the URL scheme.
export const DOCS_BASE_URL = 'https://github.com/plan-gate/plan-gate/blob/main/docs/rules/'

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`
}

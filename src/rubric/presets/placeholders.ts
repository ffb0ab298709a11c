import type { PlaceholderInput } from '../schema.js'

// Text that marks an unfinished plan, shared by every preset. Template tokens
// are listed explicitly rather than "any bracketed capitals", because real
// plans use bracketed capital headings such as "[RISK MITIGATION]".
export const commonPlaceholders: PlaceholderInput[] = [
  { id: 'needs-clarification', text: 'NEEDS CLARIFICATION', severity: 'error' },
  { id: 'template-token', regex: String.raw`\[(?:FEATURE(?: NAME)?|DATE|###-[A-Za-z0-9-]+|PROJECT_NAME|[A-Z]+(?:_[A-Z0-9]+)*_\d+_[A-Z_]+|e\.g\.,?[^\]\n]*|link|NEEDS CLARIFICATION[^\]\n]*)\]`, caseSensitive: true, severity: 'error' },
  { id: 'angle-placeholder', regex: String.raw`<(?:reason|owner|name|date|description|value|placeholder|feature(?: name)?|todo|tbd|fill[ -]?in|insert[^<>\n]{0,40})>`, severity: 'error' },
  { id: 'action-required', text: 'ACTION REQUIRED', caseSensitive: true, severity: 'error' },
  { id: 'lorem-ipsum', text: 'lorem ipsum', severity: 'error' },
  { id: 'tbd', text: 'TBD', caseSensitive: true, severity: 'warning' },
  { id: 'todo', text: 'TODO', caseSensitive: true, severity: 'warning' },
  { id: 'fixme', text: 'FIXME', caseSensitive: true, severity: 'warning' }
]

// Pure renderers of a RunResult: no I/O, no environment, no @actions/*.
export { ANNOTATIONS_PER_JOB, ANNOTATIONS_PER_LEVEL, selectAnnotations, toAnnotations, type Annotation, type AnnotationSelection } from './annotations.js'
export {
  COMMENT_MAX_FINDINGS_PER_PLAN,
  renderComment,
  renderMarkdownReport,
  renderPlanFindingsMarkdown,
  renderPlanTable,
  verdictHeading,
  type MarkdownReportOptions
} from './comment.js'
export { checkCommand, commitUrl, lineUrl, npxCommand, rubricRef, safeHref, shortSha, templateCommand, type ReportContext, type Reproduce } from './context.js'
export { renderInlineComment, renderResolvedInlineComment } from './inline.js'
export { JSON_SCHEMA_VERSION, renderJson } from './json.js'
export { renderMarkdown } from './markdown.js'
export {
  codeBlock,
  codeSpan,
  DEFAULT_MAX_LENGTH,
  markdownText,
  markdownWithCode,
  plainText,
  shellArg,
  shorten,
  terminalText,
  visiblePath,
  type CodeSpanOptions
} from './sanitize.js'
export { FINGERPRINT_KEY, renderSarif, SARIF_SCHEMA_URL } from './sarif.js'
export { JOB_SUMMARY_MAX_BYTES, renderJobSummary, type JobSummaryOptions } from './summary.js'
export { renderText, type TextOptions } from './text.js'

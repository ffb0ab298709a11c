// Public surface of the fake GitHub server used by the end-to-end tests.

export { startFakeGitHub } from './server.js'
export type { FakeGitHub, FakeGitHubOptions, SchemaViolation, ViolationKind } from './server.js'
export {
  ACTIONS_BOT,
  Commit,
  FakeRepository,
  fakeUser
} from './state.js'
export type {
  AuthorAssociation,
  CommitOptions,
  FakeUser,
  IssueComment,
  PullRequest,
  PullRequestOptions,
  RepositoryOptions,
  Review,
  ReviewComment,
  ReviewState,
  SeedIssueComment,
  SeedReviewComment
} from './state.js'
export { syntheticFiles } from './changes.js'
export type { ChangedFile, ChangeOptions, FileStatus } from './changes.js'
export { FAKE_TOKENS, PERSONAL_USER } from './auth.js'
export type { TokenAccess, TokenConfig, TokenKind, TokenSpec } from './auth.js'
export type { Fault, FaultHandle, FaultInjection, FaultStatus } from './faults.js'
export type { LoggedRequest, RequestLog } from './request-log.js'
export { PLACEMENT_ERRORS } from './review-rules.js'
export { MAX_BODY_CHARS } from './replies.js'
export { PULL_REQUEST_FILES_CAP } from './handlers/pulls.js'
export { COMPARE_FILES_CAP } from './handlers/repository.js'
export { parsePatch, unifiedPatch } from './diff.js'
export type { Hunk, HunkLine, Patch, Side } from './diff.js'

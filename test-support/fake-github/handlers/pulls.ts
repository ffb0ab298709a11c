// GET a pull request (JSON or the diff media type) and list its files.

import type { ChangedFile } from '../changes.js'
import { blobSha } from '../git-objects.js'
import { errorReply, type Reply } from '../replies.js'
import { changedFileJson, pullRequestJson } from '../representations.js'
import type { HandlerContext } from '../routes.js'
import type { PullRequest } from '../state.js'
import { accepts, findPullRequest, isReply, pagedListReply } from './common.js'

// GitHub never lists more than this many files for a pull request, however
// many changed; `changed_files` on the pull request still has the true count.
export const PULL_REQUEST_FILES_CAP = 3000

// The diff media type gives up past this many files (406).
export const DIFF_MEDIA_TYPE_FILE_LIMIT = 300

function fileDiff(file: ChangedFile, pr: PullRequest, context: HandlerContext): string {
  const oldPath = file.previousFilename ?? file.filename
  const head = context.repo.requireCommit(pr.headSha)
  const base = context.repo.requireCommit(pr.baseSha)
  const short = (content: string | undefined): string => (content === undefined ? '0000000' : blobSha(content).slice(0, 7))
  const lines = [`diff --git a/${oldPath} b/${file.filename}`]
  if (file.status === 'added') lines.push('new file mode 100644')
  if (file.status === 'removed') lines.push('deleted file mode 100644')
  if (file.status === 'renamed') lines.push(`rename from ${oldPath}`, `rename to ${file.filename}`)
  if (file.status === 'copied') lines.push(`copy from ${oldPath}`, `copy to ${file.filename}`)
  const before = file.status === 'added' ? undefined : base.files.get(oldPath)
  const after = file.status === 'removed' ? undefined : head.files.get(file.filename)
  if (before !== after) lines.push(`index ${short(before)}..${short(after)}${file.status === 'modified' ? ' 100644' : ''}`)
  if (file.patch !== undefined) {
    lines.push(before === undefined ? '--- /dev/null' : `--- a/${oldPath}`)
    lines.push(after === undefined ? '+++ /dev/null' : `+++ b/${file.filename}`)
    lines.push(file.patch)
  } else if ([before, after].some((content) => content?.includes('\0') === true)) {
    lines.push(`Binary files ${before === undefined ? '/dev/null' : `a/${oldPath}`} and ${after === undefined ? '/dev/null' : `b/${file.filename}`} differ`)
  }
  return lines.join('\n')
}

export function getPullRequest(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'pull_number')
  if (isReply(pr)) return pr
  if (accepts(context, /^application\/vnd\.github(\.v3)?\.diff$/)) {
    if (pr.files.length > DIFF_MEDIA_TYPE_FILE_LIMIT) {
      return errorReply(
        406,
        `Sorry, the diff exceeded the maximum number of files (${DIFF_MEDIA_TYPE_FILE_LIMIT}). ` +
          "Consider using 'List pull requests files' API or locally cloning the repository instead.",
        context.op.docsUrl,
        { errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }] }
      )
    }
    const text = pr.files.map((file) => fileDiff(file, pr, context)).join('\n')
    return {
      status: 200,
      body: { raw: text === '' ? '' : `${text}\n`, contentType: 'application/vnd.github.diff; charset=utf-8' }
    }
  }
  return { status: 200, body: pullRequestJson(pr, context.urls) }
}

export function listPullRequestFiles(context: HandlerContext): Reply {
  const pr = findPullRequest(context, 'pull_number')
  if (isReply(pr)) return pr
  return pagedListReply(context, pr.files, (file) => changedFileJson(file, pr.headSha, context.urls), PULL_REQUEST_FILES_CAP)
}

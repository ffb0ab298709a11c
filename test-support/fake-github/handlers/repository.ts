// Repository content: files and directories, git trees, and comparisons.

import { changedFiles } from '../changes.js'
import type { TreeEntry } from '../git-objects.js'
import { linkHeader, readPage } from '../pagination.js'
import { notFound, type Reply } from '../replies.js'
import {
  changedFileJson,
  commitJson,
  directoryEntryJson,
  fileContentJson,
  treeJson,
  Urls
} from '../representations.js'
import type { HandlerContext } from '../routes.js'
import type { Commit, FakeRepository } from '../state.js'
import { accepts } from './common.js'

// Compare lists at most this many files, and this many commits when the
// client does not paginate.
export const COMPARE_FILES_CAP = 300
export const COMPARE_COMMITS_CAP = 250

// GitHub cuts a recursive tree listing at 100,000 entries.
const TREE_ENTRIES_CAP = 100_000

// Raw text: application/vnd.github.raw, .raw+json and the older .v3.raw.
const RAW_MEDIA_TYPE = /^application\/vnd\.github(\.v3)?\.raw(\+json)?$/
const OBJECT_MEDIA_TYPE = /^application\/vnd\.github(\.v3)?\.object(\+json)?$/

export function getContent(context: HandlerContext): Reply {
  const ref = context.query['ref'] ?? context.repo.defaultBranch
  const commit = context.repo.resolveRef(ref)
  if (commit === undefined) return notFound(context.op.docsUrl, `No commit found for the ref ${ref}`)
  const path = (context.params['path'] ?? '').replace(/^\/+|\/+$/g, '')

  const content = commit.files.get(path)
  if (content !== undefined) {
    if (accepts(context, RAW_MEDIA_TYPE)) {
      // GitHub sends raw file text as text/plain, which Octokit returns as a string.
      return { status: 200, body: { raw: content, contentType: 'text/plain; charset=utf-8' } }
    }
    return { status: 200, body: fileContentJson(path, content, ref, context.urls) }
  }

  if (commit.tree.isDir(path)) {
    const entries = commit.tree.list(path, false).map((entry) => directoryEntryJson(path, entry, ref, context.urls))
    if (accepts(context, OBJECT_MEDIA_TYPE)) {
      const sha = commit.tree.treeShaOf(path) ?? ''
      const encoded = Urls.encodePath(path)
      return {
        status: 200,
        body: {
          type: 'dir',
          size: 0,
          name: path.split('/').pop() ?? '',
          path,
          sha,
          url: `${context.urls.repoApi}/contents/${encoded}?ref=${encodeURIComponent(ref)}`,
          entries
        }
      }
    }
    return { status: 200, body: entries }
  }
  return notFound(context.op.docsUrl)
}

// A tree can be named by a commit (sha or ref) or by its own sha, which may
// be any directory of any known commit.
function findTree(repo: FakeRepository, name: string): { commit: Commit; dir: string } | undefined {
  const commit = repo.resolveRef(name)
  if (commit !== undefined) return { commit, dir: '' }
  for (const candidate of repo.commits.values()) {
    const dir = candidate.tree.dirOfTree(name)
    if (dir !== undefined) return { commit: candidate, dir }
  }
  return undefined
}

export function getTree(context: HandlerContext): Reply {
  const found = findTree(context.repo, context.params['tree_sha'] ?? '')
  if (found === undefined) return notFound(context.op.docsUrl)
  // GitHub recurses for any value of `recursive`, "0" and "false" included.
  const recursive = context.query['recursive'] !== undefined
  const entries: TreeEntry[] = found.commit.tree.list(found.dir, recursive)
  const sha = found.commit.tree.treeShaOf(found.dir) ?? ''
  const body = treeJson(sha, entries.slice(0, TREE_ENTRIES_CAP), context.urls)
  body['truncated'] = entries.length > TREE_ENTRIES_CAP
  return { status: 200, body }
}

function mergeBase(repo: FakeRepository, base: Commit, head: Commit): Commit | undefined {
  const headAncestors = repo.ancestors(head.sha)
  const queue = [base.sha]
  const seen = new Set<string>()
  while (queue.length > 0) {
    const sha = queue.shift() as string
    if (seen.has(sha)) continue
    seen.add(sha)
    if (headAncestors.has(sha)) return repo.getCommit(sha)
    queue.push(...(repo.getCommit(sha)?.parents ?? []))
  }
  return undefined
}

export function compareCommits(context: HandlerContext): Reply {
  const basehead = context.params['basehead'] ?? ''
  const separator = basehead.includes('...') ? '...' : '..'
  const [baseName, headName] = basehead.split(separator)
  if (baseName === undefined || headName === undefined || baseName === '' || headName === '') {
    return notFound(context.op.docsUrl)
  }
  const { repo, urls } = context
  const base = repo.resolveRef(baseName)
  const head = repo.resolveRef(headName)
  if (base === undefined || head === undefined) return notFound(context.op.docsUrl)
  const common = mergeBase(repo, base, head)
  if (common === undefined) {
    return notFound(context.op.docsUrl, `No common ancestor between ${baseName} and ${headName}.`)
  }

  const ahead = repo.commitsBetween(common.sha, head.sha)
  const behindBy = repo.commitsBetween(head.sha, base.sha).length
  const status = ahead.length === 0 ? (behindBy === 0 ? 'identical' : 'behind') : behindBy === 0 ? 'ahead' : 'diverged'

  // Paginating pages through the commits; the files only come with page 1.
  const paginated = context.query['page'] !== undefined || context.query['per_page'] !== undefined
  const request = readPage(context.query)
  const start = paginated ? (request.page - 1) * request.perPage : 0
  const commits = paginated ? ahead.slice(start, start + request.perPage) : ahead.slice(0, COMPARE_COMMITS_CAP)
  const files =
    paginated && request.page > 1
      ? []
      : changedFiles(common.files, head.files)
          .slice(0, COMPARE_FILES_CAP)
          .map((file) => changedFileJson(file, head.sha, urls))

  const link = paginated
    ? linkHeader(
        { baseUrl: urls.api, path: context.path, query: context.query },
        request.page,
        Math.max(1, Math.ceil(ahead.length / request.perPage))
      )
    : undefined
  const compareUrl = `${urls.repoHtml}/compare/${basehead}`
  const body = {
    url: `${urls.repoApi}/compare/${basehead}`,
    html_url: compareUrl,
    permalink_url: `${urls.repoHtml}/compare/${base.sha.slice(0, 7)}...${head.sha.slice(0, 7)}`,
    diff_url: `${compareUrl}.diff`,
    patch_url: `${compareUrl}.patch`,
    base_commit: commitJson(base, urls),
    merge_base_commit: commitJson(common, urls),
    status,
    ahead_by: ahead.length,
    behind_by: behindBy,
    total_commits: ahead.length,
    commits: commits.map((commit) => commitJson(commit, urls)),
    files
  }
  return link === undefined ? { status: 200, body } : { status: 200, body, headers: { link } }
}

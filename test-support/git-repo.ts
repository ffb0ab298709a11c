// A throwaway git repository for the tests of --changed, the hooks and init.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface GitRepo {
  root: string
  write(files: Record<string, string>): void
  git(...args: string[]): string
  commit(message: string): void
  remove(): void
}

export function gitRepo(files: Record<string, string> = {}): GitRepo {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plan-gate-git-'))
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, env, encoding: 'utf8' })
  const write = (more: Record<string, string>): void => {
    for (const [file, content] of Object.entries(more)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true })
      writeFileSync(path.join(root, file), content)
    }
  }
  git('init', '-q', '-b', 'main')
  write(files)
  return {
    root,
    write,
    git,
    commit: (message) => {
      git('add', '-A')
      git('commit', '-q', '--allow-empty', '-m', message)
    },
    remove: () => rmSync(root, { recursive: true, force: true })
  }
}

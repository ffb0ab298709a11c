// `check --changed`: the plans among the files git says changed, so that a
// Stop hook in a repository with thousands of plans reads only the few the
// agent touched.
import { lstat } from 'node:fs/promises'
import path from 'node:path'
import { linkedPlan, type FoundFile, type Selector } from '../workspace/files.js'

/** The plans among the paths git reports changed. */
export async function changedPlanFiles(root: string, paths: readonly string[], select: Selector): Promise<FoundFile[]> {
  const files: FoundFile[] = []
  for (const repoPath of paths) {
    if (!select(repoPath)) continue
    const absolute = path.join(root, repoPath)
    const stats = await lstat(absolute).catch(() => null)
    if (stats === null) continue
    if (stats.isSymbolicLink()) {
      // The same refusal as a scan's: a changed plan that links out of the repository is not read, and not skipped either.
      const target = await linkedPlan(root, absolute, repoPath)
      if (target) files.push({ path: repoPath, absolute: target, explicit: false })
    } else {
      // Not only regular files: a changed plan path that is a FIFO or device is refused when read, never skipped.
      files.push({ path: repoPath, absolute, explicit: false })
    }
  }
  return files
}

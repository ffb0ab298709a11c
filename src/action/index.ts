import { isMainThread, workerData } from 'node:worker_threads'
import { isWorkerData } from '../runner/protocol.js'

// dist/index.js is both the action and the script of its checking workers
// (runner/pool.ts). Each side loads only what it runs: a worker the engine; the
// action its GitHub client first, and the engine once its first requests are
// out (action/pull-request.ts). ncc puts each import() in its own chunk file.
if (!isMainThread && isWorkerData(workerData)) {
  await import('../runner/worker.js')
} else {
  const { run } = await import('./main.js')
  await run({ workerScript: new URL(import.meta.url) })
}

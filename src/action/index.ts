import { checkingWorkerPort } from '../runner/protocol.js'

// dist/index.js is both the action and the script of its checking workers
// (runner/pool.ts). Each side loads only what it runs: a worker the engine; the
// action its GitHub client first, and the engine once its first requests are
// out (action/pull-request.ts). ncc puts each import() in its own chunk file.
if (checkingWorkerPort() !== null) {
  await import('../runner/worker.js')
} else {
  let main: typeof import('./main.js')
  try {
    main = await import('./main.js')
  } catch (error) {
    // Not a plan or config problem: the action's own files are missing or damaged. The step fails all the same.
    const reason = error instanceof Error ? error.message : String(error)
    const message = `plan-gate could not load its code, so the gate fails (${reason}). Reinstall the action: every file of its dist/ folder is needed.`
    // Escaped as a workflow command's data (what core.error does), without loading @actions/core, which may be what is missing.
    process.stdout.write(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`)
    process.exit(1)
  }
  await main.run({ workerScript: new URL(import.meta.url) })
}

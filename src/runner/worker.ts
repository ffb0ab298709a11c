import type { MessagePort } from 'node:worker_threads'
import { checkPlan } from '../engine/check.js'
import type { Rubric } from '../rubric/schema.js'
import { checkingWorkerPort, type CheckRequest, type WorkerReply } from './protocol.js'

// The worker side of the pool. dist/cli.js and dist/index.js are single files,
// so a worker is started on the very bundle that is running (see pool.ts) and
// this module, which both bundles contain, turns that thread into a checker.

function serve(port: MessagePort): void {
  const rubrics = new Map<number, Rubric>()
  port.on('message', (request: CheckRequest) => {
    let reply: WorkerReply
    try {
      if (request.rubric) rubrics.set(request.rubricKey, request.rubric)
      const rubric = rubrics.get(request.rubricKey)
      if (!rubric) throw new Error(`rubric ${request.rubricKey} was never sent to this worker`)
      const result = checkPlan(
        { file: request.file, content: request.text },
        { rubric, rubricSource: request.rubricSource, failOn: request.failOn, maxPlanBytes: request.maxPlanBytes, ...(request.companions ? { companions: request.companions } : {}) }
      )
      reply = { type: 'result', id: request.id, result }
    } catch (error) {
      reply = { type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }
    }
    port.postMessage(reply)
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
}

const port = checkingWorkerPort()
if (port !== null) {
  serve(port)
  // The bundle's entry module (the CLI or the action) imports this one, so it
  // cannot start evaluating until this await settles, and it never does: in a
  // worker only the checker runs. The pool ends the thread with terminate().
  await new Promise<never>(() => {})
}

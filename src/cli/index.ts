import { run } from './main.js'
import { codeCachePending } from './code-cache.js'
import { warmUpEngine } from './warm-up.js'

process.exitCode = await run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true
})

// The result is out; what follows only shapes the code cache dist/cli.js is about to write (warm-up.ts).
if (codeCachePending()) await warmUpEngine()

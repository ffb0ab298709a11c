import path from 'node:path'
import { parseArgs } from 'node:util'
import { derivedRubricYaml } from '../rubric/template-yaml.js'
import { MAX_REPO_FILE_BYTES, readRegularFile, UnreadableFileError } from '../workspace/files.js'
import { EXIT_PASS, UsageError, type CliIo } from './common.js'

/** `plan-gate rubric --from-template FILE`: the rubric a plan template implies, as YAML to edit. */
export async function rubricCommand(args: readonly string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { 'from-template': { type: 'string' } } })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  const file = parsed.values['from-template']
  if (!file || parsed.positionals.length > 0) throw new UsageError('rubric takes --from-template <plan template file>')
  const absolute = path.resolve(io.cwd, file)
  let text: string
  try {
    // A regular file only, capped like a config: a FIFO named here must not hang the command.
    text = (await readRegularFile(absolute, MAX_REPO_FILE_BYTES)).toString('utf8')
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new UsageError(`template "${file}" ${error.message}`)
    throw new UsageError(`template "${file}" not found`)
  }
  io.stdout(derivedRubricYaml(text, path.relative(io.cwd, absolute).split(path.sep).join('/')))
  return EXIT_PASS
}

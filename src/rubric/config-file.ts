import { ConfigError } from './errors.js'
import { DEFAULT_CONFIG_PATH } from './repo-path.js'

// Which config file a repository has. The CLI finds `.github/plan-gate.yml` or
// `.yaml`; the action must read the same one, or a team whose config is a
// `.yaml` file would have its plans checked by the built-in defaults instead of
// its own stricter rubric, and pass.

export const ALTERNATE_CONFIG_PATH = '.github/plan-gate.yaml'

export interface ConfigFile {
  /** The path the text was read from (the requested one when neither exists). */
  file: string
  /** The file's text, or null when there is no config (the built-in defaults apply). */
  text: string | null
}

/**
 * Reads the config at `file`. At the default path, `.yaml` is read as well:
 * whichever exists is the config, and both existing is a config error, since
 * plan-gate would otherwise pick one silently.
 */
export async function readConfigFile(file: string, read: (path: string) => Promise<string | null>): Promise<ConfigFile> {
  if (file !== DEFAULT_CONFIG_PATH) return { file, text: await read(file) }
  const [yml, yaml] = await Promise.all([read(DEFAULT_CONFIG_PATH), read(ALTERNATE_CONFIG_PATH)])
  if (yml !== null && yaml !== null) {
    throw new ConfigError([
      {
        file: ALTERNATE_CONFIG_PATH,
        line: 1,
        column: 1,
        path: '',
        message: `both ${DEFAULT_CONFIG_PATH} and ${ALTERNATE_CONFIG_PATH} exist; plan-gate reads one config: keep one of them`
      }
    ])
  }
  if (yaml !== null) return { file: ALTERNATE_CONFIG_PATH, text: yaml }
  return { file: DEFAULT_CONFIG_PATH, text: yml }
}

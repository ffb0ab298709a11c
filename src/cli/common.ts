// What every CLI command shares: its view of the process, exit statuses and
// the one error that means "the command line is wrong".

export interface CliIo {
  cwd: string
  env: Record<string, string | undefined>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Whether stdout is a terminal (colour only then). */
  isTTY: boolean
}

export const EXIT_PASS = 0
export const EXIT_FAIL = 1
export const EXIT_USAGE = 2

/** A problem with what the user asked for; the CLI prints it with a pointer to --help and exits 2. */
export class UsageError extends Error {}

// Types for the parts of action.mjs that tests use.

export interface FirstRequest {
  /** Process start to the first request; null when the action never asked. */
  ms: number | null
  /** Why there was no request. */
  reason?: string
  /** Method and URL of the first request. */
  request?: string
  /** With `loads`: the files beside the entry loaded when the first request arrived, in load order. */
  loaded?: string[]
}

export function firstRequest(actionEntry: string, options?: { loads?: boolean }): Promise<FirstRequest>

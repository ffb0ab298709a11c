// Typed stand-ins for @actions/core, registered with jest.unstable_mockModule
// before the module under test is imported.
import type * as core from '@actions/core'
import { jest } from '@jest/globals'

export const debug = jest.fn<typeof core.debug>()
export const info = jest.fn<typeof core.info>()
export const notice = jest.fn<typeof core.notice>()
export const warning = jest.fn<typeof core.warning>()
export const error = jest.fn<typeof core.error>()
export const getInput = jest.fn<typeof core.getInput>()
export const getMultilineInput = jest.fn<typeof core.getMultilineInput>()
export const getBooleanInput = jest.fn<typeof core.getBooleanInput>()
export const setOutput = jest.fn<typeof core.setOutput>()
export const setFailed = jest.fn<typeof core.setFailed>()
export const setSecret = jest.fn<typeof core.setSecret>()

/**
 * Makes getInput and getMultilineInput answer from `values` (action.yml
 * names), the way the runner would with those INPUT_* variables set.
 */
export function useInputs(values: Record<string, string>): void {
  getInput.mockImplementation((name) => values[name] ?? '')
  getMultilineInput.mockImplementation((name) =>
    (values[name] ?? '')
      .split('\n')
      .filter((line) => line !== '')
  )
}

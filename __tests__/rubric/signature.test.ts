import { compileSignature } from '../../src/rubric/signature.js'

// Content signatures decide which rubric checks a plan before it is parsed:
// they read headings and lines outside code, the way a reader would.

describe('content signatures', () => {
  const plan = ['# Implementation Plan: Search', '', '## 2. Technical Context', '', '~~~md', '## Failure Modes', '~~~', '', '### **Constitution check:**', ''].join('\n')

  it('matches headings whatever their numbering, level, case and markup', () => {
    expect(compileSignature({ anyOf: [{ heading: 'Technical Context' }] }).test(plan)).toEqual(['"Technical Context" heading'])
    expect(compileSignature({ anyOf: [{ heading: 'Constitution Check' }] }).test(plan)).toEqual(['"Constitution Check" heading'])
  })

  it('ignores headings inside code fences of either kind', () => {
    expect(compileSignature({ anyOf: [{ heading: 'Failure Modes' }] }).test(plan)).toBeNull()
  })

  it('needs atLeast of anyOf, and every allOf', () => {
    const anyOf = [{ heading: 'Technical Context' }, { heading: 'Failure Modes' }, { line: '^# Implementation Plan:', name: 'title' }]
    expect(compileSignature({ anyOf, atLeast: 2 }).test(plan)).toEqual(['"Technical Context" heading', 'title'])
    expect(compileSignature({ anyOf, atLeast: 3 }).test(plan)).toBeNull()
    expect(compileSignature({ allOf: [{ heading: 'Technical Context' }, { heading: 'Failure Modes' }] }).test(plan)).toBeNull()
    expect(compileSignature({ allOf: [{ heading: 'Technical Context' }], anyOf: [{ heading: 'Summary' }] }).test(plan)).toBeNull()
  })

  it('does not take a word inside a longer word for a heading', () => {
    expect(compileSignature({ anyOf: [{ heading: 'Context' }] }).test('## Contextual\n')).toBeNull()
    expect(compileSignature({ anyOf: [{ heading: 'Context' }] }).test('## Pretext\n')).toBeNull()
    // A plural is the same word, as headings match everywhere else.
    expect(compileSignature({ anyOf: [{ heading: 'Context' }] }).test('## Contexts\n')).toEqual(['"Context" heading'])
    expect(compileSignature({ anyOf: [{ heading: 'Context' }] }).test('## Business Context and goals\n')).toEqual(['"Context" heading'])
  })
})

import { keyWords, normalizeTitle, provideTitleWords, titleWords } from '../../src/engine/text.js'
import { presets } from '../../src/rubric/presets/index.js'
import { builtInTitleWords, decodeTitleWords, encodeTitleWords } from '../../src/rubric/presets/title-words.js'

// The presets' match keys are worked out at build time (title-words.generated.ts);
// generated.test.ts fails when that table drifts from the code. These tests pin
// what the table is for: the same keys, read instead of computed.

afterAll(() => provideTitleWords(builtInTitleWords))

test('every precomputed key is the one the engine computes', () => {
  const entries = [...builtInTitleWords().entries()]
  expect(entries.length).toBeGreaterThan(1000)
  for (const [name, words] of entries) expect(words).toEqual(keyWords(normalizeTitle(name)))
  // Only the table's own names: not what every object inherits.
  expect(builtInTitleWords().get('constructor')).toBeUndefined()
})

test('the presets module provides the table, and names outside it are computed', () => {
  expect(presets.size).toBeGreaterThan(0)
  expect(titleWords('Technical Context')).toEqual(keyWords(normalizeTitle('Technical Context')))
  expect(titleWords('A heading no preset has')).toEqual(keyWords(normalizeTitle('A heading no preset has')))
})

test('a provided key is read, not recomputed; words survive encoding, empty lists included', () => {
  const odd = { stems: ['read', 'from', 'table'], singulars: [] }
  provideTitleWords(() => decodeTitleWords(JSON.stringify({ Summary: encodeTitleWords(odd) })))
  expect(titleWords('Summary')).toEqual(odd)
  expect(titleWords('Risks')).toEqual(keyWords(normalizeTitle('Risks')))
})

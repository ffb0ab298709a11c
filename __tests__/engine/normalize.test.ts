import { normalizeVisible, normalizeWithOrigin, originalIndex } from '../../src/engine/normalize.js'
import { normalizeText, normalizeTitle } from '../../src/engine/text.js'

describe('normalisation to what a reader sees', () => {
  it.each([
    ['zero-width space', 'PA\u200BSS', 'PASS'],
    ['zero-width joiner and non-joiner', 'F\u200DA\u200CIL', 'FAIL'],
    ['soft hyphen', 'Bloc\u00ADked', 'Blocked'],
    ['word joiner', 'T\u2060B\u2060D', 'TBD'],
    ['bidi controls', '\u202EGate\u202C: \u2066PASS\u2069', 'Gate: PASS'],
    ['variation selector', 'T\uFE0FODO', 'TODO'],
    ['tag characters', 'FA\u{E0041}IL', 'FAIL'],
    ['byte order mark inside', 'NEEDS\uFEFF CLARIFICATION', 'NEEDS CLARIFICATION'],
    ['fullwidth', 'Ｇａｔｅ： ＰＡＳＳ', 'Gate: PASS'],
    ['mathematical bold', '𝐅𝐀𝐈𝐋', 'FAIL'],
    ['circled letters', 'Ⓣⓑⓓ', 'Tbd'],
    ['Cyrillic in a Latin word', 'Gаte: PАSS', 'Gate: PASS'],
    ['a word made only of Cyrillic look-alikes', 'РАЅЅ', 'PASS'],
    ['Greek look-alikes', 'ΡΑSS', 'PASS'],
    ['Cyrillic TODO', 'ТОDО', 'TODO'],
    ['small capitals', 'ᴘᴀss', 'PAss'],
    ['no-break space', 'NEEDS\u00A0CLARIFICATION', 'NEEDS CLARIFICATION'],
    ['ideographic space', 'NEEDS\u3000CLARIFICATION', 'NEEDS CLARIFICATION'],
    ['combining accent composes', 'Cafe\u0301', 'Café']
  ])('%s', (_name, text, expected) => {
    expect(normalizeVisible(text)).toBe(expected)
  })

  it('leaves words of other scripts alone', () => {
    expect(normalizeVisible('Риски и допущения')).toBe('Риски и допущения')
    expect(normalizeVisible('Κίνδυνοι')).toBe('Κίνδυνοι')
    expect(normalizeVisible('リスク')).toBe('リスク')
  })

  it('maps every index back to the original', () => {
    const text = 'a\u200Bb ＴＢＤ x'
    const normalized = normalizeWithOrigin(text)
    expect(normalized.text).toBe('ab TBD x')
    expect(originalIndex(normalized, normalized.text.indexOf('TBD'))).toBe(text.indexOf('Ｔ'))
    expect(originalIndex(normalized, 1)).toBe(2)
    expect(originalIndex(normalized, normalized.text.length)).toBe(text.length)
  })

  it('keeps plain text as it is, without a map', () => {
    expect(normalizeWithOrigin('Gate: PASS')).toEqual({ text: 'Gate: PASS', origin: null })
  })

  it('is what headings and keywords are matched on', () => {
    expect(normalizeTitle('Rі\u200Bsks Rеgister')).toBe('risks register')
    expect(normalizeText('Ｒｏｌｌｂａｃｋ')).toBe('rollback')
  })

  it('stays linear on a megabyte of invisible characters', () => {
    const started = Date.now()
    expect(normalizeVisible('\u200B'.repeat(1_000_000) + 'x')).toBe('x')
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})

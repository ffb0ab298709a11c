import { PatternError, checkRegex, literalPattern, regexPattern } from '../../src/engine/patterns.js'

describe('literal patterns', () => {
  it('match whole words only, at their exact place', () => {
    expect(literalPattern('TBD', true).findAll('TBD, TBDs, OUTBD, (TBD) tbd')).toEqual([
      { index: 0, length: 3, text: 'TBD' },
      { index: 19, length: 3, text: 'TBD' }
    ])
    expect(literalPattern('needs clarification', false).findAll('x NEEDS CLARIFICATION.').map((match) => match.index)).toEqual([2])
  })

  it('treat every character of the literal as text', () => {
    expect(literalPattern('a.b(c)|[d]-e/f', true).findAll('x a.b(c)|[d]-e/f xa.b(c)|[d]-e/f').map((match) => match.text)).toEqual(['a.b(c)|[d]-e/f'])
    expect(literalPattern('<reason>', false).findAll('FAIL — <Reason>')).toEqual([{ index: 7, length: 8, text: '<Reason>' }])
  })

  it('ignore case as the Unicode i flag does, with the quick test before the regex never losing a match', () => {
    const lorem = literalPattern('lorem ipsum', false)
    // ſ and the Kelvin sign are the only characters outside ASCII that the i and u flags take for ASCII letters.
    expect(lorem.findAll('Lorem IPſUM and lorem ipsum').map((match) => match.text)).toEqual(['Lorem IPſUM', 'lorem ipsum'])
    expect(literalPattern('kickoff', false).findAll('\u212Aickoff').map((match) => match.index)).toEqual([0])
    // Lower-casing İ gives two characters; the match after it keeps its place.
    expect(lorem.findAll('İİ lorem ipsum').map((match) => match.index)).toEqual([3])
    expect(lorem.findAll('lorem, ipsum')).toEqual([])
    expect(lorem.test('x LOREM IPSUM')).toBe(true)
    expect(literalPattern('Überarbeiten', false).findAll('ÜBERARBEITEN').length).toBe(1)
  })
})

describe('RE2 patterns', () => {
  it('find every match, including back to back', () => {
    expect(regexPattern(String.raw`\[[A-Z]+\]`, true).findAll('[A][B] [c] [DATE]').map((match) => match.text)).toEqual(['[A]', '[B]', '[DATE]'])
  })

  it('skip the prefilter when the pattern alternates at the top level', () => {
    expect(regexPattern('<x>|TBD', true).findAll('only TBD here').map((match) => match.text)).toEqual(['TBD'])
    expect(regexPattern(String.raw`<(?:a|b)>`, true).findAll('no angle here a b')).toEqual([])
  })

  it('compile when a text first needs them: a rubric is checked when it loads', () => {
    expect(() => checkRegex(String.raw`\[(`, true)).toThrow(PatternError)
    // Made without compiling, and never compiled for a text without the leading "[".
    const late = regexPattern(String.raw`\[(`, true)
    expect(late.findAll('no bracket here')).toEqual([])
    expect(late.test('none here either')).toBe(false)
    expect(() => late.findAll('one [ here')).toThrow(PatternError)
    expect(() => regexPattern('(', false).test('any text')).toThrow(PatternError)
    expect(() => checkRegex(String.raw`\[[A-Z]+\]`, true)).not.toThrow()
  })

  it('take a leading character for the prefilter only when every match starts with it', () => {
    const found = (source: string, text: string) => regexPattern(source, true).findAll(text).map((match) => match.text)
    // A quantified or escaped class letter is no literal: each text is searched.
    expect(found('x?y', 'y')).toEqual(['y'])
    expect(found(String.raw`\d+`, '42')).toEqual(['42'])
    expect(found(String.raw`\s*TBD`, 'TBD')).toEqual(['TBD'])
    expect(found('.TBD', 'xTBD')).toEqual(['xTBD'])
    expect(found('é+x', 'ééx')).toEqual(['ééx'])
    // A leading symbol, escaped or not, ASCII or not, must be there.
    expect(found('<a>', 'a <a>')).toEqual(['<a>'])
    expect(found(String.raw`\.md`, 'a.md')).toEqual(['.md'])
    expect(found('→ next', '→ next')).toEqual(['→ next'])
    expect(found('😀x', 'a 😀x')).toEqual(['😀x'])
  })

  it('run in linear time on adversarial input', () => {
    const pattern = regexPattern('(a+)+$', false)
    expect(pattern.findAll(`${'a'.repeat(50_000)}!`)).toEqual([])
  })
})

import { literalPattern, regexPattern } from '../../src/engine/patterns.js'

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

  it('run in linear time on adversarial input', () => {
    const pattern = regexPattern('(a+)+$', false)
    expect(pattern.findAll(`${'a'.repeat(50_000)}!`)).toEqual([])
  })
})

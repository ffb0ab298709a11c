import { readFileSync } from 'node:fs'
import { WORD_DEFERRALS, isDeferral, visibleText, withoutWordDeferrals } from '../../src/engine/deferral.js'
import { corpusEntries, hasCorpus, skipNotice } from '../../test-support/shared.js'

// The word deferrals are one regex per phrase group, each searched only when
// the text holds one of its `starts`. These tests spell out every phrase the
// groups match, so that `starts` is proven rather than trusted, and compare
// the result with the single regex of all the groups that it replaces.

/** Every string a pattern of literals, `[..]` classes, `(?:..|..)` groups and `?` matches. */
function spellOut(pattern: string): string[] {
  let at = 0
  const alternation = (): string[] => {
    const options = [...sequence()]
    while (pattern[at] === '|') {
      at++
      options.push(...sequence())
    }
    return options
  }
  const sequence = (): string[] => {
    let texts = ['']
    while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') {
      let atom: string[]
      const char = pattern[at]!
      if (pattern.startsWith('(?:', at)) {
        at += 3
        atom = alternation()
        if (pattern[at] !== ')') throw new Error(`unclosed group in ${pattern}`)
        at++
      } else if (char === '[') {
        const close = pattern.indexOf(']', at)
        atom = [...pattern.slice(at + 1, close)]
        if (atom.some((member) => '\\^-'.includes(member))) throw new Error(`class the speller cannot read in ${pattern}`)
        at = close + 1
      } else if ('\\.*+{}()'.includes(char)) {
        throw new Error(`syntax the speller cannot read at ${at} in ${pattern}`)
      } else {
        const point = pattern.codePointAt(at)!
        atom = [String.fromCodePoint(point)]
        at += atom[0]!.length
      }
      if (pattern[at] === '?') {
        at++
        atom = [...atom, '']
      }
      texts = texts.flatMap((text) => atom.map((piece) => text + piece))
    }
    return texts
  }
  const all = alternation()
  if (at !== pattern.length) throw new Error(`unread syntax at ${at} in ${pattern}`)
  return [...new Set(all)]
}

const phrases = WORD_DEFERRALS.map(({ pattern }) => spellOut(pattern))
const oneRegex = new RegExp(`(?<= )(?:${WORD_DEFERRALS.map(({ pattern }) => pattern).join('|')})(?= )`, 'gu')
function byOneRegex(text: string): { rest: string; found: boolean } {
  let found = false
  const rest = text.replace(oneRegex, () => {
    found = true
    return ' '
  })
  return { rest, found }
}

describe('word deferrals', () => {
  it('start every phrase of a group with one of the words the group names, and name no word that starts none', () => {
    WORD_DEFERRALS.forEach(({ starts }, index) => {
      const spelled = phrases[index]!
      expect(spelled.length).toBeGreaterThan(0)
      const unstarted = spelled.filter((phrase) => !starts.some((start) => phrase === start || phrase.startsWith(`${start} `)))
      expect({ group: index, unstarted }).toEqual({ group: index, unstarted: [] })
      const unused = starts.filter((start) => !spelled.some((phrase) => phrase === start || phrase.startsWith(`${start} `)))
      expect({ group: index, unused }).toEqual({ group: index, unused: [] })
      // A phrase is words between single spaces, as normalised text is.
      expect(spelled.filter((phrase) => phrase === '' || /^ | $| {2}/.test(phrase))).toEqual([])
    })
  })

  it('are removed exactly as one regex of all the groups removes them', () => {
    const everyPhrase = [...new Set(phrases.flat())]
    const words = [...new Set(everyPhrase.flatMap((phrase) => phrase.split(' ')))]
    let seed = 7
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % below
    }
    const texts: string[] = []
    for (const phrase of everyPhrase) texts.push(` ${phrase} `, ` owner ${phrase} `, ` ${phrase} in the next phase `)
    // Phrases side by side and overlapping, and words of phrases in any order.
    for (let i = 0; i < 20_000; i++) {
      const parts: string[] = []
      for (let n = 1 + random(5); n > 0; n--) parts.push(random(3) === 0 ? words[random(words.length)]! : everyPhrase[random(everyPhrase.length)]!)
      texts.push(` ${parts.join(' ')} `)
    }
    texts.push(' ', '  ', ' the architecture is described below ', ' to be decided to be decided ', ' not yet ', ' a a a definir ')
    const differing = texts.filter((text) => JSON.stringify(withoutWordDeferrals(text)) !== JSON.stringify(byOneRegex(text)))
    expect(differing.slice(0, 5)).toEqual([])
  })

  it('still make short texts deferrals, in every language the lexicon has', () => {
    for (const text of ['Owner: TBD', 'To be decided.', 'Will be described later', 'A definir', 'Será definido depois', 'À préciser', 'Wird später ergänzt', 'Будет описано позже', 'Sẽ bổ sung sau', 'n/a']) {
      expect({ text, deferral: isDeferral(text) }).toEqual({ text, deferral: true })
    }
    for (const text of ['Sessions are stored in Redis for 24 hours.', 'Not applicable: the service stores no personal data at all.', 'See the runbook for the rollback steps']) {
      expect({ text, deferral: isDeferral(text) }).toEqual({ text, deferral: false })
    }
  })
})

// isDeferral normalises the visible text it already has without making it
// visible again: that is only the same when visibleText changes nothing it made.
describe('visibleText', () => {
  const tricky = ['<a<b>x>', '<\u200Ba>tag', '&nb\u200Bsp;', '&nb<b>sp;', '**bold** _it_ `code`', '<span>x</span>&nbsp;y', 'ﬁ ① Ｔｅｓｔ', 'a\u00AD\u034Fb', '< a>', '<<a>>', '\u3164 \uFFA0 x', 'İstanbul', '> quote | cell |']
  it('changes nothing it made, on hand-made markup', () => {
    for (const text of tricky) expect({ text, again: visibleText(visibleText(text)) }).toEqual({ text, again: visibleText(text) })
  })
  it('changes nothing it made, on every line of the corpus', () => {
    skipNotice('visibleText on the corpus')
    if (!hasCorpus) return
    const changed: string[] = []
    for (const entry of corpusEntries()) {
      for (const line of readFileSync(entry.absolute, 'utf8').split('\n')) if (visibleText(visibleText(line)) !== visibleText(line)) changed.push(`${entry.file}: ${line}`)
    }
    expect(changed.slice(0, 5)).toEqual([])
  })
})

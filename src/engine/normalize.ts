// The one place where plan text becomes the text rules compare. A plan's
// author can make the engine read something other than what a reader sees:
// zero-width characters inside "PASS", a Cyrillic "А" in "FAIL", fullwidth
// "ＴＢＤ", a soft hyphen in "Blocked". Everything the model hands to rules
// goes through `normalizeVisible`, so every rule compares what a reader sees.
//
// Positions stay in the original text: `origin` maps each index of the
// normalised text back to the index in the original it came from, so a rule
// that finds something in normalised text reports the original column.

export interface Normalized {
  text: string
  /**
   * Original index of each index of `text`, plus one entry for the end; null
   * when nothing moved (the common case: plain ASCII), to keep memory flat.
   */
  origin: readonly number[] | null
}

// Invisible in every renderer: zero-width spaces and joiners, soft hyphen,
// bidi controls, variation selectors, tag characters, fillers (the Unicode
// Default_Ignorable_Code_Point property, which covers all of these).
const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u
// Characters that render as blank space without being ignorable or NFKC spaces.
const BLANK = /[\u2028\u2029\u0085\u2800\u3164\uFFA0]/u
const COMBINING = /\p{M}/u
const LETTERS = /[\p{L}\p{M}]+/gu
const LATIN = /[A-Za-z]/

// Letters of other scripts that readers take for Latin ones. NFKC already maps
// fullwidth, mathematical, circled and modifier forms to plain Latin; these
// are the look-alikes it leaves alone. A compact table rather than the full
// Unicode confusables data (e.g. the `confusables` package): that data also
// maps Latin to Latin ("I" and "1" to "l", "rn" to "m"), which would change
// ordinary words, and folding only needs this one direction.
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  І: 'I', Ј: 'J', Ѕ: 'S', Ԛ: 'Q', Ԝ: 'W', Ү: 'Y', Ӏ: 'I', Ԁ: 'D', Ꙅ: 'S',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h',
  ԛ: 'q', ԝ: 'w', ү: 'y', ӏ: 'l', ɡ: 'g', ѵ: 'v', ԍ: 'g', ꙇ: 'i',
  // Greek
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', υ: 'u', χ: 'x', α: 'a', ϲ: 'c', ϳ: 'j', Ϲ: 'C', Ϳ: 'J',
  // Armenian
  օ: 'o', ս: 'u', ց: 'g', հ: 'h', ո: 'n', զ: 'q', Ս: 'U', Օ: 'O',
  // Cherokee capitals drawn like Latin ones
  Ꭺ: 'A', Ᏼ: 'B', Ꮯ: 'C', Ꭰ: 'D', Ꭼ: 'E', Ꮋ: 'H', Ꮖ: 'I', Ꮶ: 'K', Ꮮ: 'L', Ꮇ: 'M', Ꮲ: 'P', Ꮪ: 'S', Ꭲ: 'T', Ꮩ: 'V', Ꮃ: 'W', Ꮓ: 'Z',
  // Latin letters that are not ASCII but read as ASCII ones: small capitals, dotless i, clicks
  ᴀ: 'A', ʙ: 'B', ᴄ: 'C', ᴅ: 'D', ᴇ: 'E', ꜰ: 'F', ɢ: 'G', ʜ: 'H', ɪ: 'I', ᴊ: 'J', ᴋ: 'K', ʟ: 'L', ᴍ: 'M', ɴ: 'N', ᴏ: 'O',
  ᴘ: 'P', ʀ: 'R', ꜱ: 'S', ᴛ: 'T', ᴜ: 'U', ᴠ: 'V', ᴡ: 'W', ʏ: 'Y', ᴢ: 'Z', ı: 'i', ȷ: 'j', ǀ: 'l', ɑ: 'a', ɩ: 'i'
}
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'u')
const NON_ASCII = /[^\x00-\x7F]/u
const IGNORABLE_OR_BLANK = /[\p{Default_Ignorable_Code_Point}\u2028\u2029\u0085\u2800\u3164\uFFA0]/u

/** The text as a reader sees it, with a map back to original indices. */
export function normalizeWithOrigin(text: string): Normalized {
  if (!NON_ASCII.test(text)) return { text, origin: null }
  // Most non-ASCII text (accents, CJK) is already what a reader sees: no per-character walk.
  if (!IGNORABLE_OR_BLANK.test(text) && text.normalize('NFKC') === text) return { text: foldLookAlikes(text), origin: null }
  const out: string[] = []
  const origin: number[] = []
  let i = 0
  while (i < text.length) {
    const start = i
    i += codePointLength(text, i)
    // A base character and the marks that follow it normalise together ("e" + U+0301 → "é").
    while (i < text.length && COMBINING.test(String.fromCodePoint(text.codePointAt(i)!))) i += codePointLength(text, i)
    let cluster = text.slice(start, i)
    if (IGNORABLE.test(cluster)) cluster = [...cluster].filter((char) => !IGNORABLE.test(char)).join('')
    if (cluster === '') continue
    const normalized = BLANK.test(cluster) ? ' ' : cluster.normalize('NFKC')
    for (let k = 0; k < normalized.length; k++) {
      out.push(normalized[k]!)
      origin.push(start)
    }
  }
  origin.push(text.length)
  return { text: foldLookAlikes(out.join('')), origin }
}

/** The text as a reader sees it, for comparisons that need no positions. */
export function normalizeVisible(text: string): string {
  return normalizeWithOrigin(text).text
}

/** Original index of an index into normalised text. */
export function originalIndex(normalized: Normalized, index: number): number {
  if (!normalized.origin) return index
  const origin = normalized.origin
  return origin[Math.max(0, Math.min(index, origin.length - 1))]!
}

/**
 * Folds look-alike letters in the words where they disguise Latin ones: a word
 * that mixes them with Latin letters, or that is made only of look-alikes.
 * A Russian or Greek word with letters of its own keeps its script. Folding
 * maps one UTF-16 unit to one, so indices do not move.
 */
function foldLookAlikes(text: string): string {
  if (!LOOK_ALIKE.test(text)) return text
  return text.replace(LETTERS, (word) => {
    if (!LOOK_ALIKE.test(word)) return word
    const chars = [...word]
    const disguise = LATIN.test(word) || chars.every((char) => char in LOOK_ALIKES || COMBINING.test(char))
    return disguise ? chars.map((char) => LOOK_ALIKES[char] ?? char).join('') : word
  })
}

function codePointLength(text: string, index: number): number {
  const code = text.charCodeAt(index)
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1
}

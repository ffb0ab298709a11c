// What a plan says instead of content: deferrals ("to be decided", "will be
// described later", "待定", "a definir"), stand-ins ("?", "-", "N/A" without a
// reason) and mentions of markers that are not markers ("0 NEEDS
// CLARIFICATION"). One lexicon and one test, read by every rule that judges
// whether a section, a field value or a table cell holds anything.

/** Invisible format characters and markup that show nothing to a reader. */
const INVISIBLE = /[\p{Cf}\u00AD\u034F\u115F\u1160\u3164\uFFA0]/gu
const HTML_TAG = /<\/?[a-z][^<>]*>|&nbsp;|&#160;/giu
const MARKUP = /[*_~`#>|]/gu

/**
 * Deferral phrases, matched on normalised text (lower case, punctuation as
 * spaces). Latin and Cyrillic phrases match whole words; CJK phrases anywhere.
 */
export interface WordDeferral {
  /**
   * The words every phrase of `pattern` starts with (one, two or three, as the
   * normalised text has them). A text holding none of them cannot hold the
   * phrase: its regex is neither run nor, until a text needs it, built. As one
   * regex, these phrases cost every run 6 to 9 ms to build, mostly for a few
   * English and Portuguese ones. __tests__/engine/deferral.test.ts spells out
   * every phrase to check these words.
   */
  starts: readonly string[]
  pattern: string
}

export const WORD_DEFERRALS: readonly WordDeferral[] = [
  // English
  { starts: ['to be', 'will be', 'shall be', 'would be', 'need to be', 'needs to be', 'must be'], pattern: String.raw`(?:to|will|shall|would|needs? to|must) be (?:decided|determined|defined|confirmed|written|added|described|documented|completed|filled(?: in| out)?|provided|agreed(?: on)?|discussed|clarified|specified|designed|detailed|covered|elaborated|expanded|updated|finali[sz]ed|announced|done|drafted)(?: (?:later|here|below|soon|afterwards|in (?:a |the )?(?:later|future|next|follow up|subsequent) (?:version|iteration|phase|revision|pr|step|update|plan|section)s?))?` },
  { starts: ['not'], pattern: String.raw`not (?:yet )?(?:written|decided|defined|determined|documented|started|specified|designed|known|filled(?: in)?|available|complete|completed|done|drafted)(?: yet)?` },
  { starts: ['to be', 'still', 'tbd', 'tba', 'tbc', 'tbw', 'todo', 'to do', 'wip', 'fixme', 'xxx'], pattern: String.raw`(?:to be |still )?(?:tbd|tba|tbc|tbw|todo|to do|wip|fixme|xxx)` },
  { starts: ['work in progress', 'under construction', 'coming soon', 'to come', 'to follow', 'detail', 'details', 'more'], pattern: String.raw`work in progress|under construction|coming soon|to come|to follow|details? (?:to follow|later|pending|to come)|more (?:details? )?(?:later|soon|to come)` },
  { starts: ['see', 'described', 'added', 'written', 'filled in', 'decide', 'defined', 'documented', 'details'], pattern: String.raw`(?:see|see below|see above|described|added|written|filled in|decide|defined|documented|details) later` },
  { starts: ['later', 'pending', 'placeholder', 'fill', 'is pending', 'are pending', 'not applicable', 'n a', 'none yet', 'nothing yet', 'unknown', 'undecided', 'undefined', 'open question'], pattern: String.raw`later|pending|placeholder|fill(?: this| me)? in|(?:is|are) pending|not applicable|n a|none yet|nothing yet|unknown|undecided|undefined|open question` },
  // Portuguese and Spanish
  { starts: ['a', 'por'], pattern: String.raw`(?:a|por) (?:definir|decidir|determinar|preencher|completar|escrever|documentar|rellenar|redactar|confirmar)` },
  { starts: ['a ser', 'sera', 'será', 'se'], pattern: String.raw`(?:a ser|ser[aá]|sera|se) (?:definid[oa]s?|decidid[oa]s?|descrit[oa]s?|describir[aá]|documentad[oa]s?|adicionad[oa]s?|escrit[oa]s?|detallad[oa]s?|detalhad[oa]s?|completad[oa]s?)(?: (?:mais tarde|depois|aqui|em breve|m[aá]s adelante|despu[eé]s|aqu[ií]|pronto))?` },
  { starts: ['ainda', 'aun', 'aún', 'todavia', 'todavía'], pattern: String.raw`(?:ainda|a[uú]n|todav[ií]a) (?:n[aã]o|no) (?:escrit[oa]|definid[oa]|decidid[oa]|documentad[oa]|redactad[oa]|iniciad[oa])` },
  { starts: ['pendiente', 'pendente', 'em', 'proximamente', 'próximamente', 'en', 'mas adelante', 'más adelante', 'mais tarde'], pattern: String.raw`pendiente|pendente|em breve|pr[oó]ximamente|em constru[cç][aã]o|en construcci[oó]n|m[aá]s adelante|mais tarde|em andamento|en progreso` },
  // French and German
  { starts: ['a', 'à'], pattern: String.raw`[aà] (?:d[eé]finir|d[eé]terminer|d[eé]cider|venir|compl[eé]ter|r[eé]diger|pr[eé]ciser|confirmer)` },
  { starts: ['sera'], pattern: String.raw`sera (?:d[eé]crit|d[eé]taill[eé]|d[eé]fini|ajout[eé]|compl[eé]t[eé]|r[eé]dig[eé])e?s?(?: (?:plus tard|ici|ult[eé]rieurement|bient[oô]t))?` },
  { starts: ['pas encore', 'en attente', 'bientot', 'bientôt', 'prochainement', 'en cours', 'plus tard'], pattern: String.raw`pas encore (?:[eé]crit|d[eé]fini|d[eé]cid[eé]|r[eé]dig[eé]|document[eé])e?s?|en attente|bient[oô]t|prochainement|en cours de r[eé]daction|plus tard` },
  { starts: ['noch'], pattern: String.raw`noch (?:offen|nicht (?:geschrieben|definiert|festgelegt|entschieden|beschrieben|dokumentiert)|zu (?:kl[aä]ren|definieren|erg[aä]nzen))` },
  { starts: ['wird'], pattern: String.raw`wird (?:sp[aä]ter |noch |hier )?(?:beschrieben|erg[aä]nzt|definiert|festgelegt|entschieden|dokumentiert|nachgereicht)(?: (?:sp[aä]ter|hier))?` },
  { starts: ['folgt', 'kommt', 'ausstehend', 'in arbeit', 'spater', 'später', 'zu klaren', 'zu klären', 'zu definieren', 'demnachst', 'demnächst', 'offen'], pattern: String.raw`folgt(?: sp[aä]ter| noch| in k[uü]rze)?|kommt (?:bald|noch|sp[aä]ter)|ausstehend|in arbeit|sp[aä]ter|zu kl[aä]ren|zu definieren|demn[aä]chst|offen` },
  // Russian
  { starts: ['будет', 'будут'], pattern: String.raw`(?:будет|будут) (?:описан[оаы]?|определен[оаы]?|определён[оаы]?|добавлен[оаы]?|написан[оаы]?|уточнен[оаы]?|уточнён[оаы]?|заполнен[оаы]?|документирован[оаы]?)(?: (?:позже|позднее|здесь|далее|потом))?` },
  { starts: ['ещё', 'еще', 'пока', 'не'], pattern: String.raw`(?:ещё |еще |пока )?не (?:написан[оаы]?|определен[оаы]?|определён[оаы]?|описан[оаы]?|заполнен[оаы]?|решен[оаы]?|решён[оаы]?)` },
  { starts: ['позже', 'позднее', 'в процессе', 'в разработке', 'скоро', 'уточняется', 'уточнить', 'ожидается', 'тбд', 'в работе'], pattern: String.raw`позже|позднее|в процессе|в разработке|скоро|уточняется|уточнить(?: позже)?|ожидается|тбд|в работе` },
  // Vietnamese
  { starts: ['se', 'sẽ'], pattern: String.raw`s[eẽ] (?:được )?(?:mô tả|bổ sung|xác định|viết|cập nhật|quyết định)(?: (?:sau|ở đây|tại đây))?` },
  { starts: ['chưa', 'đang', 'sắp có', 'cần xác định', 'bổ sung sau', 'cập nhật sau'], pattern: String.raw`chưa (?:viết|xác định|có|quyết định|hoàn thành|mô tả)|đang (?:chờ|cập nhật|viết|xây dựng)|sắp có|cần xác định|bổ sung sau|cập nhật sau` },
]

const CJK_DEFERRALS: readonly string[] = [
  // Chinese
  '待定', '待补充', '待補充', '待完善', '待确定', '待確定', '待定义', '待编写', '待撰写', '待添加', '待填写', '待续', '待續', '待讨论',
  '稍后补充', '稍后描述', '后续补充', '後續補充', '暂无', '暫無', '未定', '尚未编写', '尚未确定', '尚未撰写', '暂缺', '敬请期待', '施工中', '待更新',
  // Japanese
  '未定', '未記入', '未作成', '後で記載', '後日記載', '記載予定', '追記予定', '作成中', '準備中', '検討中', '追って記載', '近日公開', '未決定', '後述予定',
  // Korean
  '미정', '추후 작성', '추후 기재', '추후 결정', '추후 설명', '추후 추가', '작성 예정', '작성 중', '준비 중', '나중에 작성', '결정 예정', '보류', '미작성'
]

/** Words that may stand beside a deferral without making it content: "(diagram to come)", "Details: TBD". */
const FILLER = new Set(
  (
    'a an the this that these it its is are be will shall here below above yet still more further section sections content contents details detail ' +
    'description text part diagram diagrams table example examples info information and or of for to in on at as item items field value ' +
    'note notes see also please etc tbd currently for now now'
  ).split(' ')
)

const MAX_DEFERRAL_LENGTH = 200
const PUNCTUATION_ONLY = /^[\s\p{P}\p{S}]*$/u
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const wordDeferralRegexes: RegExp[] = []
// Each phrase group's first words between spaces, as the texts are, filed under their first word: a text
// is tested only for the starts of the words it has, not for all of them (built once, not at every text).
let startsByWord: Map<string, Array<{ group: number; spaced: string }>> | null = null
const wordDeferralRegex = (index: number): RegExp => (wordDeferralRegexes[index] ??= new RegExp(`(?<= )(?:${WORD_DEFERRALS[index]!.pattern})(?= )`, 'gu'))
// Bracketed template instructions: "[Describe the architecture]", "(diagram to come)" handled by the lexicon.
const BRACKETED_INSTRUCTION = /^\[[^\][]{3,}\]$/u

/** What a reader sees of a piece of plan text: no invisible characters, HTML tags or emphasis marks. */
export function visibleText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(HTML_TAG, ' ').replace(MARKUP, ' ').replace(/\s+/gu, ' ').trim()
}

/** Text a reader would see as nothing at all: empty, or only punctuation, dashes, "?" or invisible characters. */
export function isBlankText(text: string): boolean {
  return PUNCTUATION_ONLY.test(visibleText(text))
}

/** Lower case, letters, digits and marks only, of text `visibleText` already made (it changes nothing it made). */
function normalizedVisible(visible: string): string {
  return visible
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim()
}

export interface DeferralOptions {
  /** Status words ("pending", "open", "in progress") are real values in a status column. */
  statusColumn?: boolean
}

const STATUS_WORDS = /^(?:pending|open|in progress|wip|pendiente|pendente|en attente|offen|ausstehend|in arbeit|в работе|в процессе|đang chờ|未定|待定|보류)$/u

/**
 * Whether text stands in for content rather than being content: blank, a
 * template instruction in brackets, or deferral phrases with at most a couple
 * of words beside them ("Architecture diagram to come", "Owner: TBD").
 * "N/A — no personal data is stored" is content: the reason is there.
 */
export function isDeferral(text: string, options: DeferralOptions = {}): boolean {
  // Markup aside, a deferral is a short phrase: a long text is content unless it shows nothing at all.
  if (text.length > MAX_DEFERRAL_LENGTH * 8) return isBlankText(text)
  const visible = visibleText(text)
  if (PUNCTUATION_ONLY.test(visible)) return true
  if (BRACKETED_INSTRUCTION.test(visible) && /\s/u.test(visible)) return true
  let rest = ` ${normalizedVisible(visible)} `
  // The longest deferral phrase plus two words of its own is far below this: longer text is content, and never scanned.
  if (rest.length > MAX_DEFERRAL_LENGTH) return false
  if (options.statusColumn && STATUS_WORDS.test(rest.trim())) return false
  let found: boolean
  ;({ rest, found } = withoutWordDeferrals(rest))
  for (const phrase of CJK_DEFERRALS) {
    if (rest.includes(phrase)) {
      found = true
      rest = rest.split(phrase).join(' ')
    }
  }
  if (!found) return false
  const left = rest.split(' ').filter((word) => word !== '' && !FILLER.has(word))
  // A label beside the deferral ("架构图待补充", "Owner TBD") is not content; three words of its own are.
  const weight = left.reduce((sum, word) => sum + (CJK.test(word) ? Math.ceil([...word].length / 4) : 1), 0)
  return weight <= 2
}

/**
 * `text` (normalised, between spaces) with each word deferral replaced by a
 * space, exactly as one regex of all the phrases in order would replace them:
 * the leftmost match first and, where two start at the same word, the earlier
 * phrase; each regex searches the original text, as that one would.
 */
export function withoutWordDeferrals(text: string): { rest: string; found: boolean } {
  const byWord = (startsByWord ??= indexStarts())
  const wanted: boolean[] = []
  // A start between spaces is in the text only if its first word is one of the text's words.
  for (const word of new Set(text.split(' '))) {
    for (const { group, spaced } of byWord.get(word) ?? []) if (!wanted[group] && text.includes(spaced)) wanted[group] = true
  }
  const regexes: RegExp[] = []
  // In the lexicon's order: where two phrases start at the same word, the earlier one wins.
  for (let group = 0; group < WORD_DEFERRALS.length; group++) if (wanted[group]) regexes.push(wordDeferralRegex(group))
  if (regexes.length === 0) return { rest: text, found: false }
  let rest = ''
  let from = 0
  let found = false
  for (;;) {
    let first: RegExpExecArray | null = null
    for (const regex of regexes) {
      regex.lastIndex = from
      const match = regex.exec(text)
      if (match !== null && (first === null || match.index < first.index)) first = match
    }
    // Every phrase has a word, so a match is never empty and the search moves on.
    if (first === null || first[0] === '') break
    rest += `${text.slice(from, first.index)} `
    from = first.index + first[0].length
    found = true
  }
  return { rest: rest + text.slice(from), found }
}

function indexStarts(): Map<string, Array<{ group: number; spaced: string }>> {
  const index = new Map<string, Array<{ group: number; spaced: string }>>()
  WORD_DEFERRALS.forEach((deferral, group) => {
    for (const start of deferral.starts) {
      const first = start.split(' ')[0]!
      let entries = index.get(first)
      if (!entries) index.set(first, (entries = []))
      entries.push({ group, spaced: ` ${start} ` })
    }
  })
  return index
}

// ---- Markers mentioned, not left ----

// The word lists below are matched against lower-cased text rather than with
// the i flag: a Unicode regex that ignores case costs its first runs
// milliseconds to build, and lower case is what they compare either way.

const BEFORE_MENTION = /(?:^|[\s([{、，。：；（「『])(?:no|zero|0|none of the|all|any|each|for each|every|without|remaining|unresolved|outstanding|resolved|removed|count of|number of|scan(?:ning)? for|search(?:ing)? for|look(?:ing)? for|if|when|replace|resolve|resolving|kein[e]?|aucun[e]?|ningún|ninguna|nenhum[a]?|nessun[oa]?|нет|không còn|không có)\s+(?:[^\s:—–=]+\s+){0,2}$/u
const AFTER_MENTION = /^\s*(?:(?:が|は|を|も)?\s*(?:解決済み|解決|解消|已解决|已解決|已澄清|해결)|markers?|items?|tags?|tokens?|placeholders?|entries|comments?|remain(?:s|ing)?|left|resolved|removed|cleared|found|count|were|are|have been|has been|is now|:\s*(?:0|none|zero)\b|=\s*0\b)/u
const MENTION_NUMBER = /(?:^|[\s、，。：；（「『])(?:0|zero|no)\s*[x×]?\s*$/u

/**
 * Whether a marker word found in text ("NEEDS CLARIFICATION", "TBD") is
 * spoken about rather than left behind: "- [x] All NEEDS CLARIFICATION
 * resolved", "0 NEEDS CLARIFICATION", "no TBD markers remain". Only bare
 * words can be mentions; a bracketed `[NEEDS CLARIFICATION: …]` is always a
 * stand-in.
 */
export function isMarkerMention(text: string, index: number, length: number): boolean {
  const marker = text.slice(index, index + length)
  if (!/^[\p{L}]/u.test(marker) || /[[\]<>]/u.test(marker)) return false
  const charBefore = text.slice(0, index).trimEnd().at(-1)
  if (charBefore === '[' || charBefore === '<') return false
  // Named in a gloss after the words it stands for, "未確定事項 (NEEDS CLARIFICATION) が解決済み": what follows
  // the gloss says whether the sentence is about markers; "E2E (TBD)" defers E2E and stays a placeholder.
  const gloss = /[\p{L}\p{N}]\s*[(（]\s*$/u.test(text.slice(Math.max(0, index - 4), index)) ? /^\s*[)）]\s*/u.exec(text.slice(index + length)) : null
  if (gloss && AFTER_MENTION.test(text.slice(index + length + gloss[0].length, index + length + gloss[0].length + 40).toLowerCase())) return true
  const before = text.slice(Math.max(0, index - 60), index).replace(/[*_`"'“”‘’]/gu, ' ').toLowerCase()
  const after = text.slice(index + length, index + length + 40).replace(/[*_`"'“”‘’]/gu, ' ').toLowerCase()
  return BEFORE_MENTION.test(before) || MENTION_NUMBER.test(before) || AFTER_MENTION.test(after)
}

// ---- Rows that say there is nothing to list ----

const NONE_TEXT = /^(?:none|n\/?a|no (?:known )?(?:gaps?|risks?|issues?|open (?:issues|gaps|questions))|nothing|nenhum[a]?|ninguno|ninguna|aucun[e]?|keine?|нет|không có|无|無|なし|없음)(?![\p{L}\p{N}])/u

/** A first cell that says the table has nothing to list: "None", "N/A", "No known risks", "None for data". */
export function isNoneText(text: string): boolean {
  return NONE_TEXT.test(visibleText(text).toLowerCase())
}

// ---- Slots of another file's format, not blanks of this plan ----

// Words that say what follows is the shape of something: "using format:", "with this structure:", "Vorlage:", "格式：".
const FORMAT_WORD =
  /(?<![\p{L}\p{N}])(?:formats?|templates?|structure|schema|layout|skeleton|formato|modelo|estrutura|estructura|plantilla|esquema|mod[eè]le|gabarit|sch[eé]ma|vorlage|struktur|gliederung|формат[аеуы]?|шаблон[аеуы]?|структур[аеуы]|định dạng|mẫu|cấu trúc)(?![\p{L}\p{N}])|格式|模板|结构|結構|形式|フォーマット|テンプレート|書式|형식|양식|템플릿|구조/u
// A file a plan hands work to: `research.md`, `contracts/api.yaml`, `data-model.md`.
const FILE_NAME =
  /(?<![\p{L}\p{N}_./-])((?:[\p{L}\p{N}_.-]+\/)*[\p{L}\p{N}_-]+\.(?:md|markdown|mdx|txt|json|jsonc|ya?ml|toml|csv|tsv|xml|html?|adoc|rst|ini|sql|proto|graphql))(?![\p{L}\p{N}_])/gu
const SENTENCE_END = /(?<=[.!?。！？])\s+/u

function baseName(file: string): string {
  return (file.split('/').pop() ?? file).toLowerCase()
}

/**
 * Whether a sentence introduces the format of another file: it ends with a
 * colon, says format, template, structure, schema or layout (in the corpus
 * languages), and names a file that is not this plan — "Consolidate findings
 * in `research.md` using format:". The list after it gives that file's slots,
 * so "[what was chosen]" there is a description, not a blank of the plan. A
 * plan that writes "format:" above its own blanks names no other file and
 * keeps them.
 */
export function isFormatIntroduction(text: string, ownFile = ''): boolean {
  const visible = text.normalize('NFKC').replace(INVISIBLE, '').replace(/[*`~]/gu, '').trim()
  if (!/[:：]$/u.test(visible)) return false
  const sentence = (visible.split(SENTENCE_END).pop() ?? visible).toLowerCase()
  if (!FORMAT_WORD.test(sentence)) return false
  const own = baseName(ownFile)
  return [...sentence.matchAll(FILE_NAME)].some((match) => baseName(match[1] ?? '') !== own)
}

/**
 * A bracketed slot that says in words what goes in it: "[what was chosen]",
 * "<why it was rejected>". Template tokens ("[DATE]", "[FEATURE]", "<reason>",
 * "[REMOVE IF UNUSED]") are not descriptions: they stay blanks wherever they stand.
 */
export function isSlotDescription(text: string): boolean {
  if (!/^(?:\[[^[\]]*\]|<[^<>]*>)$/u.test(text)) return false
  const inside = text.slice(1, -1)
  return /\p{Ll}/u.test(inside) && /[\p{L}\p{N}][\s,]+[\p{L}\p{N}]/u.test(inside)
}

// ---- The one alternative a plan kept ----

// "- SELECTED", "(chosen)", "✅", "escolhida", "ausgewählt", "выбран", "采用": the author's mark of a decision.
const CHOSEN =
  /(?<![\p{L}\p{N}])(?:selected|chosen|picked|adopted|our choice|in use|selecionad[oa]|seleccionad[oa]|escolhid[oa]|elegid[oa]|adotad[oa]|adoptad[oa]|choisie?|s[eé]lectionn[eé]e?|retenue?|gew[aä]hlt|ausgew[aä]hlt|выбран[оаы]?|đã chọn|được chọn)(?![\p{L}\p{N}])|已选|选定|選定|采用|採用|选中|選択済み|선택됨|채택|[✅✔☑✓]/giu
// Checked on the few characters before a mark, never by a lookbehind that could rescan a long line at every position.
const NEGATED = /(?:(?<![\p{L}\p{N}])(?:not|never|nicht|não|nao|no|pas|не|chưa|không)(?:\s+(?:yet|noch|ainda|todavía|encore|ещё|еще))?\s+|[未不]被?)$/iu
// The label's own line says whether it is chosen; the rest of a long line is not read.
const CHOSEN_LINE_LIMIT = 400

/**
 * Whether a line marks the alternative it labels as the one chosen: "Option 1:
 * Single project - SELECTED". "not selected" and "未采用" are no such mark.
 */
export function marksChosen(text: string): boolean {
  const line = text.slice(0, CHOSEN_LINE_LIMIT).normalize('NFKC').replace(INVISIBLE, '')
  for (const match of line.matchAll(CHOSEN)) {
    if (!NEGATED.test(line.slice(Math.max(0, match.index - 24), match.index))) return true
  }
  return false
}

import { foldVietnamese } from './text';

// Merging near-duplicate questions. Texts arrive with and without diacritics, in teencode,
// with particles and politeness around the same few content words. Everything is compared
// in folded form ("lương" = "luong"), but whether a syllable is a function word is decided
// on its spelling when the writer used diacritics: "chị" is a pronoun, "chi phí" is not.

/** Default for `groupDuplicates`: items at least this similar (0..1) to a group's first item join it. */
export const DUPLICATE_THRESHOLD = 0.6;

/**
 * Teencode and abbreviations as typed (lower case), with what they stand for, spelled with
 * diacritics. Left out on purpose, because the short form has several common meanings:
 * "th" (tiểu học / trường hợp / trường học), "đt" (đào tạo / điện thoại), "hk" (học kỳ),
 * "đk" (được / điều kiện), "mn" (mầm non / mọi người), "a" (anh, but far more often an
 * unaccented "ạ"; both are function words anyway). "thpt", "thcs", "th" stay as tokens.
 */
const ABBREVIATIONS = new Map<string, string>([
  ['k', 'không'],
  ['ko', 'không'],
  ['kg', 'không'],
  ['khg', 'không'],
  ['hok', 'không'],
  ['khong', 'không'],
  ['dc', 'được'],
  ['đc', 'được'],
  ['duoc', 'được'],
  ['j', 'gì'],
  ['gi', 'gì'],
  ['vs', 'với'],
  ['bn', 'bao nhiêu'],
  ['bnhieu', 'bao nhiêu'],
  ['ns', 'nói'],
  ['ntn', 'như thế nào'],
  ['hs', 'học sinh'],
  ['hssv', 'học sinh sinh viên'],
  ['gv', 'giáo viên'],
  ['gvcn', 'giáo viên chủ nhiệm'],
  ['ph', 'phụ huynh'],
  ['phhs', 'phụ huynh học sinh'],
  ['cb', 'cán bộ'],
  ['cbql', 'cán bộ quản lý'],
  ['cbgv', 'cán bộ giáo viên'],
  ['nv', 'nhân viên'],
  ['gd', 'giáo dục'],
  ['gdđt', 'giáo dục đào tạo'],
  ['gddt', 'giáo dục đào tạo'],
  ['bgd', 'bộ giáo dục'],
  ['bgdđt', 'bộ giáo dục đào tạo'],
  ['bgddt', 'bộ giáo dục đào tạo'],
  ['sgd', 'sở giáo dục'],
  ['sgdđt', 'sở giáo dục đào tạo'],
  ['sgddt', 'sở giáo dục đào tạo'],
  ['pgd', 'phòng giáo dục'],
  ['pgdđt', 'phòng giáo dục đào tạo'],
  ['pgddt', 'phòng giáo dục đào tạo'],
  ['sgk', 'sách giáo khoa'],
  ['bhxh', 'bảo hiểm xã hội'],
  ['bhyt', 'bảo hiểm y tế'],
  ['qđ', 'quyết định'],
  ['qd', 'quyết định'],
  ['r', 'rồi'],
  ['ms', 'mới'],
  ['z', 'vậy'],
  ['v', 'vậy'],
  ['e', 'em'],
  ['trc', 'trước'],
  ['lg', 'lương'],
  ['tks', 'cảm ơn'],
]);

/** After a number these are units, not "không": "50k", "5 kg gạo". */
const UNITS_AFTER_NUMBER = new Set(['k', 'kg']);

/** "v" means "vậy" only at the end of a sentence; elsewhere it is "và", "với" or a roman five ("Phụ lục V"). */
const SENTENCE_FINAL_ONLY = new Set(['v']);

/** Function words, particles, pronouns and politeness, spelled with diacritics. */
const STOP_WORDS = [
  // particles and politeness
  'ạ', 'à', 'á', 'ơi', 'ôi', 'nhé', 'nhỉ', 'nha', 'nhá', 'hả', 'hử', 'vậy', 'thế', 'vâng', 'dạ',
  'xin', 'hỏi', 'kính', 'thưa', 'gửi', 'mong', 'muốn', 'cảm', 'ơn',
  // pronouns ("anh" stays after "tiếng": the English language)
  'tôi', 'em', 'anh', 'chị', 'mình', 'chúng', 'ta', 'bạn', 'ông', 'bà',
  // connectives, prepositions, auxiliaries, determiners
  'thì', 'là', 'mà', 'và', 'với', 'của', 'cho', 'được', 'bị', 'có', 'không', 'chưa', 'đã', 'đang',
  'sẽ', 'rồi', 'cũng', 'vẫn', 'còn', 'nữa', 'lại', 'đi', 'ra', 'vào', 'để', 'do', 'vì', 'nên',
  'nhưng', 'những', 'các', 'mọi', 'mỗi', 'một', 'này', 'đó', 'kia', 'ấy', 'gì', 'ở', 'tại',
  'trong', 'về', 'việc', 'sự', 'hay', 'hoặc', 'nếu', 'rất', 'quá', 'lắm', 'hơn', 'như',
  // "when", "which": the topic, not the question word, makes two questions the same
  'khi', 'nào',
];

/**
 * Unaccented forms of stop words that are just as often content words, so they are kept
 * when a text is written without diacritics: "thi" (thi cử), "de" (đề nghị), "co" (cơ sở,
 * cô giáo), "chi" (chi phí), "van" (ngữ văn), "con" (con em), "moi" (mới), "vi" (đơn vị), ...
 */
const AMBIGUOUS_UNACCENTED = new Set([
  'nhi', 'nha', 'ha', 'hu', 'the', 'thi', 'ma', 'bi', 'co', 'chua', 'da', 'dang', 'se', 'cung',
  'van', 'con', 'lai', 'di', 'de', 'do', 'vi', 'nen', 'moi', 'chi', 'minh', 'chung', 'ban', 'ba',
  'hoi', 'kinh', 'muon', 'cam', 'on', 'tai', 'trong', 've', 'su', 'neu', 'qua', 'lam', 'nhu', 'vang',
]);

const EXPANSIONS = new Map(
  [...ABBREVIATIONS].map(([short, long]) => [short, long.split(' ').map((spelled): Syllable => ({ spelled, folded: foldVietnamese(spelled), trusted: true }))]),
);

const STOP_SPELLED = new Set(STOP_WORDS);
const STOP_UNACCENTED = new Set(STOP_WORDS.map(foldVietnamese).filter((w) => !AMBIGUOUS_UNACCENTED.has(w)));

/**
 * Two-syllable phrases read as one meaning, spelled with diacritics (an unaccented text is
 * compared folded). Framing ("đề nghị", "kiến nghị", "đề xuất") and "when" are dropped:
 * "Đề nghị tăng lương", "khi nào tăng lương", "có tăng lương không" ask about the same thing;
 * "khi", "nào" are stop words, while "giờ" on its own (giờ dạy) is content. "Why" is kept, in one spelling.
 */
const PHRASES = new Map<string, string[]>([
  ['bao giờ', []],
  ['lúc nào', []],
  ['đề nghị', []],
  ['kiến nghị', []],
  ['đề xuất', []],
  ['tại sao', ['vi', 'sao']],
  ['vì sao', ['vi', 'sao']],
]);
const PHRASES_UNACCENTED = new Map([...PHRASES].map(([phrase, tokens]) => [foldVietnamese(phrase), tokens]));

/** A text counts as written with diacritics when at least this share of its syllables carry one. */
const ACCENTED_SHARE = 0.25;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LETTER = /\p{L}/u;
const NUMBER = /^\p{N}+$/u;
const SENTENCE_END = /[.?!;,…]/;
/** "GD&ĐT" is one abbreviation. */
const JOINED_AMPERSAND = /(\p{L})&(\p{L})/gu;

type Syllable = {
  /** Lower case, NFC, as written or as the abbreviation stands for. */
  spelled: string;
  folded: string;
  /** The spelling can be taken at face value: it carries diacritics, the text does, or it came from an abbreviation. */
  trusted: boolean;
};

/**
 * Folded form of each Latin character met so far (at most a few hundred, up to U+1EFF where
 * Vietnamese letters end): folding syllable by syllable with `foldVietnamese` was the slow part of grouping.
 */
const foldedLatin = new Map<string, string>();

/** `foldVietnamese` for one lower-case word without spaces. */
function foldWord(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch < '\u0080') {
      out += ch;
    } else if (ch > '\u1eff') {
      out += foldVietnamese(ch);
    } else {
      let folded = foldedLatin.get(ch);
      if (folded === undefined) {
        folded = foldVietnamese(ch);
        foldedLatin.set(ch, folded);
      }
      out += folded;
    }
  }
  return out;
}

type Word = { text: string; start: number; end: number };

/** What the abbreviation at `words[index]` stands for, split into syllables; undefined when it is not one here. */
function expansion(source: string, words: Word[], index: number): readonly Syllable[] | undefined {
  const word = words[index]!;
  const expanded = EXPANSIONS.get(word.text);
  if (expanded === undefined) return undefined;
  const previous = words[index - 1]?.text;
  if (UNITS_AFTER_NUMBER.has(word.text) && previous !== undefined && NUMBER.test(previous)) return undefined;
  const next = words[index + 1];
  if (SENTENCE_FINAL_ONLY.has(word.text) && next && !SENTENCE_END.test(source.slice(word.end, next.start))) return undefined;
  return expanded;
}

function syllables(text: string): Syllable[] {
  const source = text.normalize('NFC').toLowerCase().replace(JOINED_AMPERSAND, '$1$2');
  const words = Array.from(source.matchAll(WORD), (m): Word => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const out: Syllable[] = [];
  const written: Syllable[] = [];
  let marked = 0;
  words.forEach((_, i) => {
    const expanded = expansion(source, words, i);
    if (expanded) {
      out.push(...expanded);
      return;
    }
    const spelled = words[i]!.text;
    const folded = foldWord(spelled);
    const syllable = { spelled, folded, trusted: folded !== spelled };
    out.push(syllable);
    if (LETTER.test(spelled)) written.push(syllable);
    if (syllable.trusted) marked++;
  });
  if (written.length > 0 && marked >= ACCENTED_SHARE * written.length) for (const s of written) s.trusted = true;
  return out;
}

function isStopWord(s: Syllable, previous: Syllable | undefined): boolean {
  if (s.folded === 'anh' && previous?.folded === 'tieng') return false;
  return s.trusted ? STOP_SPELLED.has(s.spelled) : STOP_UNACCENTED.has(s.folded);
}

/** Folded content syllables in text order, repeats kept (bigrams are built from this). */
function contentSequence(text: string): string[] {
  const all = syllables(text);
  const out: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const s = all[i]!;
    const next = all[i + 1];
    const phrase = next && (s.trusted && next.trusted ? PHRASES.get(`${s.spelled} ${next.spelled}`) : PHRASES_UNACCENTED.get(`${s.folded} ${next.folded}`));
    if (phrase) {
      out.push(...phrase);
      i++;
    } else if (!isStopWord(s, all[i - 1])) {
      out.push(s.folded);
    }
  }
  return out;
}

/** Lower case, NFC, diacritics folded (đ→d), teencode/abbreviations expanded, punctuation/emoji removed, spaces collapsed. */
export function normalizeQuestion(text: string): string {
  return syllables(text)
    .map((s) => s.folded)
    .join(' ');
}

/**
 * Content tokens of a question: normalized syllables minus Vietnamese stop words (ạ, ơi, cho,
 * và, của, là, thì, được, ...), question words ("khi nào", "bao giờ") and framing ("đề nghị"),
 * de-duplicated, in first-seen order. Empty for an empty or punctuation-only text.
 */
export function questionTokens(text: string): string[] {
  return [...new Set(contentSequence(text))];
}

// ---------------------------------------------------------------- similarity

/** Tokens, numbers among them, and adjacent-token bigrams, each as sorted ids of one `Interner`. */
type Profile = { signature: string; tokens: number[]; numbers: number[]; bigrams: number[] };

class Interner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }
}

function sortedIds(keys: readonly string[], interner: Interner): number[] {
  return [...new Set(keys.map((k) => interner.id(k)))].sort((a, b) => a - b);
}

function profileOf(text: string, interner: Interner): Profile {
  const sequence = contentSequence(text);
  const bigrams: string[] = [];
  for (let i = 1; i < sequence.length; i++) bigrams.push(`${sequence[i - 1]} ${sequence[i]}`);
  return {
    signature: sequence.join(' '),
    tokens: sortedIds(sequence, interner),
    numbers: sortedIds(
      sequence.filter((t) => NUMBER.test(t)),
      interner,
    ),
    bigrams: sortedIds(bigrams, interner),
  };
}

/** Cosine of two sets given as sorted ids: shared / sqrt(|a|·|b|); 0 when either is empty. */
function setCosine(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / Math.sqrt(a.length * b.length);
}

/**
 * Weight of the token cosine; the rest is the bigram cosine, which rewards shared compound words.
 * With 0.6 and a 0.6 threshold, a set of hand-labelled pairs separates: "tăng lương giáo viên" /
 * "tăng lương nhân viên" 0.58, "tăng lương" / "tăng lương giáo viên" 0.66.
 */
const TOKEN_WEIGHT = 0.6;

/** Both texts name numbers and none is shared ("lớp 10" / "lớp 6", "Thông tư 29" / "Thông tư 32"): they ask about different things. */
const OTHER_NUMBERS_FACTOR = 0.5;

function profileSimilarity(a: Profile, b: Profile): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  const tokens = setCosine(a.tokens, b.tokens);
  // Two one-token texts have no bigrams to compare: the tokens decide alone.
  const words = a.bigrams.length === 0 && b.bigrams.length === 0 ? tokens : TOKEN_WEIGHT * tokens + (1 - TOKEN_WEIGHT) * setCosine(a.bigrams, b.bigrams);
  const otherNumbers = a.numbers.length > 0 && b.numbers.length > 0 && setCosine(a.numbers, b.numbers) === 0;
  return otherNumbers ? words * OTHER_NUMBERS_FACTOR : words;
}

/**
 * 0..1, symmetric: 0.6 × cosine of the content-token sets + 0.4 × cosine of the sets of adjacent
 * content-token pairs (which tell "giáo viên" from "nhân viên"), halved when both texts name numbers
 * and share none. Word order only moves the pair part, so the same content words in any order
 * score at least 0.6; 0 when either text has no content.
 */
export function questionSimilarity(a: string, b: string): number {
  const interner = new Interner();
  return profileSimilarity(profileOf(a, interner), profileOf(b, interner));
}

// ---------------------------------------------------------------- grouping

/** A key (token or bigram) in more than this share of the distinct texts is too common to find candidates by. */
const COMMON_SHARE = 0.05;
/** ...but a key is never too common below this many texts. */
const COMMON_MIN_TEXTS = 100;
/** Keys each text looks up at least, common or not. */
const MIN_PROBE_KEYS = 2;

/** Items whose content tokens are identical in order: they compare equal to everything. */
type Unit = { profile: Profile; keys: number[]; indexes: number[] };
type Group = { leader: Unit; units: Unit[] };

/**
 * Groups of near-duplicate items (only groups of 2+), each group in input order, groups ordered
 * by size desc then first appearance. A group is its first item plus later items at least
 * `threshold` (default `DUPLICATE_THRESHOLD`) similar to that first item; an item joins the most
 * similar such group, so unrelated texts never chain together through a middle one. Items
 * without content (empty, punctuation only) are never grouped. Candidates come from an
 * inverted index over the groups' first items, looked up by each text's rarer keys.
 */
export function groupDuplicates<T extends { id: string; text: string }>(items: readonly T[], options: { threshold?: number } = {}): T[][] {
  const threshold = options.threshold ?? DUPLICATE_THRESHOLD;
  const interner = new Interner();

  const units: Unit[] = [];
  const unitBySignature = new Map<string, Unit>();
  const profileByText = new Map<string, Profile>();
  items.forEach((item, index) => {
    let profile = profileByText.get(item.text);
    if (!profile) {
      profile = profileOf(item.text, interner);
      profileByText.set(item.text, profile);
    }
    if (profile.tokens.length === 0) return;
    let unit = unitBySignature.get(profile.signature);
    if (!unit) {
      unit = { profile, keys: [...profile.tokens, ...profile.bigrams], indexes: [] };
      unitBySignature.set(profile.signature, unit);
      units.push(unit);
    }
    unit.indexes.push(index);
  });

  const textsWith = new Map<number, number>();
  for (const unit of units) for (const key of unit.keys) textsWith.set(key, (textsWith.get(key) ?? 0) + 1);
  const commonAbove = Math.max(COMMON_MIN_TEXTS, Math.ceil(units.length * COMMON_SHARE));

  const groups: Group[] = [];
  const leadersWith = new Map<number, number[]>();
  // The unit (+1) that last compared itself with each group, so it does so once.
  const lastSeenBy = new Int32Array(units.length);
  units.forEach((unit, u) => {
    // Its rare keys, topped up with its rarest common ones: a popular question with one odd
    // word must still find the popular group.
    const byRarity = [...unit.keys].sort((a, b) => textsWith.get(a)! - textsWith.get(b)!);
    const rare = byRarity.filter((k) => textsWith.get(k)! <= commonAbove).length;
    const probe = byRarity.slice(0, Math.max(rare, MIN_PROBE_KEYS));
    let best = -1;
    let bestSimilarity = threshold;
    for (const key of probe) {
      for (const g of leadersWith.get(key) ?? []) {
        if (lastSeenBy[g] === u + 1) continue;
        lastSeenBy[g] = u + 1;
        const similarity = profileSimilarity(unit.profile, groups[g]!.leader.profile);
        // Ties go to the older group.
        if (similarity > bestSimilarity || (similarity === bestSimilarity && (best < 0 || g < best))) {
          best = g;
          bestSimilarity = similarity;
        }
      }
    }
    if (best >= 0) {
      groups[best]!.units.push(unit);
      return;
    }
    const g = groups.push({ leader: unit, units: [unit] }) - 1;
    for (const key of unit.keys) {
      const leaders = leadersWith.get(key);
      if (leaders) leaders.push(g);
      else leadersWith.set(key, [g]);
    }
  });

  return groups
    .map((group) => group.units.flatMap((unit) => unit.indexes).sort((a, b) => a - b))
    .filter((indexes) => indexes.length >= 2)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .map((indexes) => indexes.map((i) => items[i]!));
}

import { foldVietnamese } from './text';

// Screening submissions for abuse. A flag only holds a submission for a moderator, but a false
// flag on ordinary school text wastes their time, so the rules lean towards missing a rare
// disguised insult rather than flagging "buổi học", "ngữ văn", "các thầy cô" or "du lịch".
//
// Matching is on whole syllables (and phrases of them), never on substrings: "Đinh", "dịch",
// "lông" are not "đm", "địt", "lồn". Each word of the text is compared one of three ways:
// - as spelled, when it carries diacritics or the text as a whole does: against the entries
//   with diacritics and their unambiguous spellings (`word`, `also`);
// - as spelled, in a text written without diacritics: against `also` and `bare` spellings only,
//   so an unaccented word that is also an ordinary word ("lon" lớn, "cac" các, "du" du lịch,
//   "deo" đeo, "buoi" buổi, "ngu" ngủ/ngữ, "cho" cho) never matches on its own;
// - folded, when it was visibly disguised (leetspeak "l0n", letters spelled out "đ.m", "l o n"):
//   against every entry, since nobody disguises "lớn".

type Entry = {
  /** Canonical form, with diacritics: what `screenText` reports. */
  word: string;
  /** Spellings that are no ordinary word: abbreviations, phrases no clean sentence contains. Matched anywhere. */
  also?: string[];
  /** Unaccented spellings matched only in a text written without diacritics. */
  bare?: string[];
  /** Folded words that make the match innocent when just before it ("sữa óc chó": walnut milk). */
  unlessAfter?: string[];
  /** Folded words that make the match innocent when just after it ("mất dạy thêm": lost extra-tutoring hours). */
  unlessBefore?: string[];
};

/**
 * The abuse list. `word` is only the entry's name here: what is reported is always the text as
 * typed, never an expansion of an abbreviation (an official file must not spell "dm" out).
 * The abbreviations people type ("vl", "cc", "dm") are also school abbreviations (Vật lý, chứng
 * chỉ, định mức): the words around them tell which. Deliberately absent: "cl" (chất lượng),
 * "con chó" (a dog that bit a pupil), "điên", "cút", "vãi" (vải), unaccented "thang cho" (xếp
 * thang lương cho...), "do dien" (do điện), "cai lon" (cái lớn), "con di" (con đi học), "bo may" (bộ máy).
 */
const ABUSE: readonly Entry[] = [
  { word: 'địt', also: ['djt', 'đjt', 'đit'], bare: ['dit'] },
  // "ĐM" is also "định mức" (ĐM giờ dạy) and "danh mục" (DM thiết bị) in school paperwork.
  {
    word: 'địt mẹ',
    also: ['đm', 'dm', 'đmm', 'dmm', 'đcm', 'dcm', 'đcmm', 'dcmm', 'đkm', 'dkm', 'đjt mẹ', 'dit me', 'djt me', 'dit con me', 'đờ mờ', 'địt mịa', 'dmcs', 'đmcs'],
    unlessBefore: ['gio', 'tiet', 'chi', 'lao', 'kinh', 'thiet', 'sach', 'ho', 'tai', 'mon', 'muc', 'thu', 'hoc', 'dung', 'cong', 'bo', 'phi', 'vat', 'de'],
    unlessAfter: ['theo', 'cac', 'luc'],
  },
  { word: 'đụ', also: ['đụ mẹ', 'dume', 'đume', 'đumé', 'du me'] },
  { word: 'đụ má', bare: ['du ma'], also: ['đụ mạ', 'duma', 'đuma'] },
  { word: 'đù má', also: ['đù mé'] },
  { word: 'lồn', also: ['loz'] },
  { word: 'vãi lồn', also: ['vailon', 'vailoz', 'vãi loz', 'vai loz', 'vãi lờ', 'vãi lều', 'vờ lờ', 'vlon', 'vloz'] },
  // "VL" is also Vật lý (môn VL), vật liệu (VL xây dựng), vĩnh long...: the words around it tell.
  {
    word: 'vl',
    also: ['vl', 'vcl', 'vkl', 'vcđ', 'vclm', 'vkđ', 'vcc', 'vcln', 'vlz'],
    unlessAfter: ['mon', 'gv', 'giao', 'vien', 'thi', 'to', 'khoi', 'de', 'bo', 'phong', 'sgk', 'hoc', 'diem', 'lop', 'ly', 'nganh', 'thay', 'co', 'tiet', 'bai', 'va', 'hoa', 'sinh', 'toan', 'mua', 'kho', 'cung', 'gia', 'nhap'],
    unlessBefore: ['xay', 'xd', 'ly', 'va', 'hoa', 'sinh', 'toan', 'lop', 'khoi', 'thi', 'cap', 'ky', 'co', 'thiet', 'lieu', '6', '7', '8', '9', '10', '11', '12'],
  },
  { word: 'vãi cả lồn', also: ['vải cả lồn', 'vai ca lon'] },
  { word: 'cái lồn mẹ', also: ['clm', 'clmm', 'clgt', 'cl gì'] },
  // "CC" is also chứng chỉ (CC tin học), căn cước (CCCD is one word), cc in e-mail: the words around it tell.
  {
    word: 'cc',
    also: ['cc', 'cặk', 'kak', 'cak'],
    unlessAfter: ['chi', 'co', 'cap', 'lay', 'thi', 'hoc', 'nop', 'bang', 'cac', 'va', 'gui', 'mail', 'email', 'so', 'theo', 'va', 'ban', 'kem', 've', 'can'],
    unlessBefore: ['tin', 'ngoai', 'tieng', 'chuc', 'hanh', 'cong', 'nghe', 'a', 'b', 'c', 'a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'ielts', 'toeic', 'ic3', 'mos', 'boi', 'quoc', 'giao', 'su', 'ky', 'nang', 'dao', 'ke', 'can', 'cd', 'cho', 'va', 'sau'],
  },
  { word: 'con mẹ mày', also: ['cmm', 'con mẹ m'] },
  { word: 'con mẹ nó', also: ['cmn', 'cmnr'] },
  { word: 'cặc', also: ['kặc'] },
  // "con các hộ nghèo", "con các thầy cô": children of...
  {
    word: 'con cặc',
    bare: ['con cac'],
    unlessBefore: ['ho', 'gia', 'thay', 'co', 'em', 'ban', 'liet', 'thuong', 'nguoi', 'can', 'giao', 'truong', 'dong', 'doi', 'nha', 'lop', 'khoi', 'xa', 'tinh', 'huyen', 'dan'],
  },
  { word: 'buồi' },
  { word: 'đĩ', also: ['đỹ'] },
  { word: 'đéo', also: ['đếu', 'đíu', 'đek', 'đếch', 'deo hieu', 'deo biet'] },
  { word: 'mẹ mày', bare: ['me may'], unlessBefore: ['ao', 'quan', 'vay', 'do', 'dong', 'rem', 'tui', 'man'] },
  { word: 'mẹ kiếp', also: ['me kiep'] },
  { word: 'óc chó', also: ['oc cho'], unlessAfter: ['sua', 'hat', 'qua', 'dau', 'banh', 'nhan', 'cay'] },
  { word: 'óc lợn' },
  // Spelled "ngu", only in a text written with diacritics; words around it catch "ngữ", "ngủ", "ngũ" typed without.
  {
    word: 'ngu',
    unlessAfter: ['ngoai', 'ngon', 'tu', 'thanh', 'thuat', 'doi', 'mat', 'giac', 'buon', 'di', 'gio'],
    unlessBefore: ['van', 'phap', 'am', 'canh', 'nghia', 'lieu', 'trua', 'say', 'nghi', 'ngon'],
  },
  { word: 'ngu như bò', bare: ['ngu nhu bo'] },
  { word: 'ngu như chó', bare: ['ngu nhu cho'] },
  { word: 'đần độn' },
  { word: 'khốn nạn', bare: ['khon nan'] },
  { word: 'đồ khốn' },
  { word: 'thằng khốn' },
  { word: 'súc vật', bare: ['suc vat'], unlessAfter: ['nuoi', 'chan', 'cham'] },
  { word: 'chó chết', bare: ['cho chet'] },
  { word: 'thằng chó' },
  { word: 'đồ chó' },
  { word: 'đồ con chó' },
  { word: 'lũ chó' },
  { word: 'chó má' },
  { word: 'mất dạy', bare: ['mat day'], unlessBefore: ['them', 'dien', 'mang'] },
  { word: 'đồ điên' },
  { word: 'thằng điên' },
  { word: 'đồ vô học' },
  { word: 'cứt' },
  { word: 'fuck', also: ['fuck', 'fck', 'fucking'] },
  { word: 'shit', also: ['shit'] },
  { word: 'bitch', also: ['bitch'] },
];

/** Characters standing in for letters, in a word that has at least two real letters ("l0n", "c4c", "$uc v@t"). */
const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '@': 'a', $: 's' };
const LEET_CHAR = /[0134@$]/;
/** A word, with the characters leetspeak uses for letters. */
const WORD = /[\p{L}\p{M}\p{N}@$]+/gu;
const LETTER = /\p{L}/gu;
/** What may separate letters spelled out one by one: "đ.m", "d-m", "l o n", "đ*m". No comma: "khối A, B". */
const SPELLING_GAP = /^[\s.\-_*+~'`^|/\\\u200b-\u200d\u2060\ufeff]+$/;
/** Runs of three or more of one letter are stretching: "đmmmm", "vcllll". */
const STRETCHED = /(\p{L})\1{2,}/gu;
const TONE_MARK = /[\u0300-\u036f]/;
/** A text counts as written with diacritics when at least this share of its words carry one. */
const ACCENTED_SHARE = 0.25;

type Kind = 'word' | 'also' | 'bare';
type Form = { entry: Entry; kind: Kind; syllables: string[]; folded: string[] };
type Mode = 'spelled' | 'bare' | 'folded';
type Token = { text: string; folded: string; mode: Mode; start: number; end: number };

/** Every spelling of every entry, by its first syllable folded. */
const FORMS_BY_START = (() => {
  const byStart = new Map<string, Form[]>();
  const add = (entry: Entry, kind: Kind, spelling: string) => {
    const syllables = spelling.split(' ');
    const form: Form = { entry, kind, syllables, folded: syllables.map(foldVietnamese) };
    const list = byStart.get(form.folded[0]!) ?? [];
    list.push(form);
    byStart.set(form.folded[0]!, list);
  };
  for (const entry of ABUSE) {
    add(entry, 'word', entry.word);
    for (const s of entry.also ?? []) add(entry, 'also', s);
    for (const s of entry.bare ?? []) add(entry, 'bare', s);
  }
  return byStart;
})();

type RawWord = { text: string; start: number; end: number; disguised: boolean };

const isSingleLetter = (w: RawWord) => [...w.text].length === 1 && /\p{L}/u.test(w.text);

/** Joins letters spelled out one by one ("l o n", "đ.m") into one disguised word. */
function joinSpelledOut(source: string, words: RawWord[]): RawWord[] {
  const out: RawWord[] = [];
  for (let i = 0; i < words.length; i++) {
    let j = i;
    while (j + 1 < words.length && isSingleLetter(words[j]!) && isSingleLetter(words[j + 1]!) && SPELLING_GAP.test(source.slice(words[j]!.end, words[j + 1]!.start))) j++;
    if (j === i) out.push(words[i]!);
    else {
      const run = words.slice(i, j + 1);
      out.push({ text: run.map((w) => w.text).join(''), start: run[0]!.start, end: run[j - i]!.end, disguised: true });
      i = j;
    }
  }
  return out;
}

/** Reads leetspeak in a word with at least two letters; single letters with digits are class names ("D1", "10A1"). */
function decodeLeet(word: RawWord): RawWord {
  if (!LEET_CHAR.test(word.text) || (word.text.match(LETTER)?.length ?? 0) < 2) return word;
  return { ...word, text: [...word.text].map((ch) => LEET[ch] ?? ch).join(''), disguised: true };
}

/** Fullwidth letters and digits ("ｄｍ") as their ASCII selves. */
const FULLWIDTH = /[\uff01-\uff5e]/g;

/**
 * The text compared: NFC, fullwidth forms as ASCII, lower case, one code unit for one, so that
 * offsets in it are offsets in `text.normalize('NFC')` (what is shown marked).
 */
function comparable(nfc: string): string {
  return nfc
    .replace(FULLWIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/./gsu, (ch) => {
      const lower = ch.toLowerCase();
      return lower.length === ch.length ? lower : ch;
    });
}

function tokens(nfc: string): Token[] {
  const source = comparable(nfc);
  const raw = Array.from(source.matchAll(WORD), (m): RawWord => ({ text: m[0], start: m.index, end: m.index + m[0].length, disguised: false }));
  const words = joinSpelledOut(source, raw)
    .map(decodeLeet)
    .map((w) => ({ ...w, text: w.text.replace(STRETCHED, '$1') }));
  const lettered = words.filter((w) => /\p{L}/u.test(w.text));
  const marked = lettered.filter((w) => foldVietnamese(w.text) !== w.text).length;
  const accentedText = lettered.length > 0 && marked >= ACCENTED_SHARE * lettered.length;
  return words.map((w) => {
    const folded = foldVietnamese(w.text);
    const toned = TONE_MARK.test(w.text.normalize('NFD'));
    const mode: Mode = w.disguised && !toned ? 'folded' : accentedText || folded !== w.text ? 'spelled' : 'bare';
    return { text: w.text, folded, mode, start: w.start, end: w.end };
  });
}

function syllableMatches(token: Token, form: Form, k: number): boolean {
  switch (token.mode) {
    case 'folded':
      return token.folded === form.folded[k];
    case 'spelled':
      return form.kind !== 'bare' && token.text === form.syllables[k];
    case 'bare':
      return form.kind !== 'word' && token.text === form.syllables[k];
  }
}

function formAt(all: Token[], i: number, form: Form): boolean {
  const n = form.syllables.length;
  if (i + n > all.length) return false;
  for (let k = 0; k < n; k++) if (!syllableMatches(all[i + k]!, form, k)) return false;
  const before = all[i - 1]?.folded;
  const after = all[i + n]?.folded;
  if (before !== undefined && form.entry.unlessAfter?.includes(before)) return false;
  if (after !== undefined && form.entry.unlessBefore?.includes(after)) return false;
  return true;
}

/** Where words of the abuse list are in `nfc` (offsets into it), in order. */
function flaggedSpans(nfc: string): { start: number; end: number }[] {
  const all = tokens(nfc);
  const spans: { start: number; end: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    // The longest entry starting here wins: "ngu như bò" rather than "ngu".
    let longest: Form | undefined;
    for (const form of FORMS_BY_START.get(all[i]!.folded) ?? []) {
      if ((!longest || form.syllables.length > longest.syllables.length) && formAt(all, i, form)) longest = form;
    }
    if (longest) {
      spans.push({ start: all[i]!.start, end: all[i + longest.syllables.length - 1]!.end });
      i += longest.syllables.length - 1;
    }
  }
  return spans;
}

/**
 * Words of the abuse list found in `text`: flagged submissions wait for a moderator; nothing is
 * dropped. `matches` are the words as typed (de-duplicated ignoring case), never an expansion:
 * "dm" is reported as "dm".
 */
export function screenText(text: string): { flagged: boolean; matches: string[] } {
  const nfc = text.normalize('NFC');
  const seen = new Map<string, string>();
  for (const { start, end } of flaggedSpans(nfc)) {
    const typed = nfc.slice(start, end);
    const key = comparable(typed);
    if (!seen.has(key)) seen.set(key, typed);
  }
  return { flagged: seen.size > 0, matches: [...seen.values()] };
}

/** A text in pieces, the flagged ones marked: what a moderator, an office and the workbook show. */
export type MarkedText = { text: string; flagged: boolean }[];

/** `text` (NFC) cut into plain and flagged pieces, in order; joined, the pieces are the text. */
export function markFlagged(text: string): MarkedText {
  const nfc = text.normalize('NFC');
  const pieces: MarkedText = [];
  let at = 0;
  for (const { start, end } of flaggedSpans(nfc)) {
    if (start > at) pieces.push({ text: nfc.slice(at, start), flagged: false });
    pieces.push({ text: nfc.slice(start, end), flagged: true });
    at = end;
  }
  if (at < nfc.length || pieces.length === 0) pieces.push({ text: nfc.slice(at), flagged: false });
  return pieces;
}

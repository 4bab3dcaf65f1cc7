import { type MeetingFormat, VN_OFFSET_MS } from '@diemcau/shared';

/**
 * Wording of Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP): the agency block,
 * dates and times as they are written in minutes ("07 giờ 32 phút, ngày 24 tháng 11 năm 2023").
 */

const pad = (n: number) => String(n).padStart(2, '0');
const wall = (at: number) => new Date(at + VN_OFFSET_MS);

/** `07 giờ 32 phút` in Vietnam. */
export const clockText = (at: number) => `${pad(wall(at).getUTCHours())} giờ ${pad(wall(at).getUTCMinutes())} phút`;

/** `ngày 24 tháng 11 năm 2023` from a local date `YYYY-MM-DD`. */
export function dateText(date: string): string {
  const [y, m, d] = date.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** `24/11/2023` from `YYYY-MM-DD`. */
export const shortDate = (date: string) => date.split('-').reverse().join('/');

/** `12 phút 30 giây`, `1 giờ 05 phút`, `45 giây`: whole seconds, rounded. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} giờ ${pad(m)} phút`;
  if (m > 0) return s > 0 ? `${m} phút ${pad(s)} giây` : `${m} phút`;
  return `${s} giây`;
}

export const FORMAT_TEXT: Record<MeetingFormat, string> = {
  in_person: 'trực tiếp',
  online: 'trực tuyến',
  hybrid: 'trực tiếp kết hợp trực tuyến',
};

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bGD\s*&\s*ĐT\b|\bGDĐT\b/giu, 'Giáo dục và Đào tạo'],
  [/\bUBND\b/gu, 'Ủy ban nhân dân'],
];

/** Upper case the Vietnamese way (đ → Đ). */
const upper = (text: string) => text.toLocaleUpperCase('vi');

export type AgencyBlock = {
  /** The governing body (cơ quan chủ quản), upper case; empty when it cannot be told. */
  parent: string;
  /** The issuing agency (cơ quan ban hành), upper case. */
  issuer: string;
  /** The place name of the date line ("Bắc Giang, ngày …"); empty when unknown. */
  place: string;
  /** The issuer's code in the document number (`/BB-SGDĐT`). */
  code: string;
};

/**
 * The agency block from the organiser as the plan writes it ("Sở GDĐT Bắc Giang") and the
 * plan's number ("123/KH-SGDĐT"): a provincial department gets "UBND TỈNH …" above it. What
 * cannot be told is left for the secretary to fill in.
 */
export function agencyBlock(organiser: string, documentRef: string): AgencyBlock {
  let name = organiser.trim();
  for (const [pattern, full] of ABBREVIATIONS) name = name.replace(pattern, full);
  const department = /^(Sở\s+.+?\s+(?:và\s+\S+\s+\S+|\S+))\s+(?:tỉnh\s+|thành phố\s+)?(\p{Lu}\p{L}*(?:\s+\p{Lu}\p{L}*)*)$/u.exec(name);
  const refCode = /\/[\p{L}]+-([\p{L}\d&]+)/u.exec(documentRef)?.[1] ?? '';
  // Each word's first letter, "và" left out, up to the place (GDĐT: Giáo dục Đào tạo).
  const initials = (text: string) =>
    text
      .split(/\s+(?:huyện|tỉnh|thành phố|quận|thị xã)\s+/iu)[0]!
      .split(/\s+/)
      .filter((w) => w && w.toLocaleLowerCase('vi') !== 'và')
      .map((w) => w[0])
      .join('');
  if (department) {
    const [, unit, place] = department as unknown as [string, string, string];
    return { parent: upper(`UBND tỉnh ${place}`), issuer: upper(unit), place, code: refCode || upper(initials(unit)) };
  }
  const issuer = name || 'Ban Tổ chức hội nghị';
  return { parent: '', issuer: upper(issuer), place: '', code: refCode || upper(initials(issuer)) };
}

/** The chair's name alone from "Đồng chí Tạ Việt Hùng, Giám đốc Sở GDĐT" → "Tạ Việt Hùng". */
export function chairName(chair: string): string {
  return chair
    .split(/[,–-]/)[0]!
    .replace(/^\s*(đồng chí|đ\/c|ông|bà)\s+/iu, '')
    .trim();
}

/**
 * Folds Vietnamese text for search and comparison: lower case, diacritics removed
 * (đ → d), runs of white space collapsed. "Sở GDĐT Bắc Giang" → "so gddt bac giang".
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A Vietnamese name as people type it into a search box: without tone marks or diacritics, đ as d,
 * lower case, single spaces. "Xã Bình Lư" and "xa binh lu" fold to the same text.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

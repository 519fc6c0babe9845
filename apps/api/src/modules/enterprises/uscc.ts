import { USCC_CHARSET, isValidUscc, usccCheckChar } from '@wutong/contracts';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z);
 * the 18th is a check character over the first 17 with weights 3^(i-1) mod 31. The algorithm
 * lives in the contracts so the web form checks as the user types; this module re-exports it
 * with the normalisation the importer needs.
 */
export { USCC_CHARSET, isValidUscc, usccCheckChar };

/** Full-width to half-width, spaces removed, upper case: what people paste from PDFs and web pages. */
export function normaliseUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]+/g, '').toUpperCase();
}

// TEMPORARY until the enterprises module lands its GB 32100-2015 validator.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isValidUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  const sum = W.reduce((s, w, i) => s + CHARS.indexOf(code[i]!) * w, 0);
  return CHARS[(31 - (sum % 31)) % 31] === code[17];
}

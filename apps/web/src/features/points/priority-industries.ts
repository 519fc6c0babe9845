import type { Industry } from '@wutong/contracts';

/**
 * Priority industries in the scoring rules are GB/T 4754 codes or prefixes, written with their
 * section letter where they have digits (C39, C265, I63) or as a bare section (C); the industry
 * tree keys digits alone (39) and sections by letter.
 */
export function priorityCode(i: Pick<Industry, 'code' | 'section'>): string {
  return /^\d/.test(i.code) ? `${i.section}${i.code}` : i.code;
}

/** "C39 计算机、通信和其他电子设备制造业"; the code alone while the tree loads or for an unknown one. */
export function priorityLabel(code: string, byCode: ReadonlyMap<string, Pick<Industry, 'code' | 'name'>> | undefined): string {
  const digits = /^[A-T]?(\d+)$/.exec(code)?.[1];
  const hit = byCode?.get(digits ?? code);
  return hit ? `${code} ${hit.name}` : code;
}

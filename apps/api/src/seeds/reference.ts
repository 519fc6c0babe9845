import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../platform/config.js';

const REF = resolve(ROOT_DIR, 'packages/db/reference');

type Township = { code: string; name: string; type: 'street' | 'town' | 'township' };
type Division = { code: string; code6?: string; name: string; cities?: Division[]; districts?: Division[] };

export function haishuTownships(): { district: { code: string; name: string }; townships: Township[] } {
  const d = JSON.parse(readFileSync(resolve(REF, 'haishu-townships.json'), 'utf8'));
  return { district: d.district, townships: d.townships.map(({ code, name, type }: Township) => ({ code, name, type })) };
}

/** A GB/T 2260 division of Zhejiang by its code (2, 4 or 6 digits; 6-digit forms of provinces and cities too). */
export function findDivision(code: string): { code: string; name: string; level: 'province' | 'city' | 'district' } | undefined {
  const d = JSON.parse(readFileSync(resolve(REF, 'divisions-zhejiang.json'), 'utf8')) as { province: Division };
  const p = d.province;
  if (code === p.code || code === p.code6) return { code: p.code6!, name: p.name, level: 'province' };
  for (const c of p.cities ?? []) {
    if (code === c.code || code === c.code6) return { code: c.code6!, name: c.name, level: 'city' };
    for (const x of c.districts ?? []) if (code === x.code) return { code: x.code, name: x.name, level: 'district' };
  }
  return undefined;
}

import { eq, sql } from 'drizzle-orm';
import { orgUnits, queryRows, userRoles, users, type Db } from '@wutong/db';
import type { Role, UnitKind } from '@wutong/contracts';
import { hashPassword } from '../platform/passwords.js';
import { haishuTownships } from './reference.js';
import { seedPipeline } from './pipeline.js';
import { seedCoordination } from './coordination.js';
import { seedAssessment } from './assessment.js';
import { seedPoints } from '../modules/points/index.js';

export const DEMO_PASSWORD = 'Wutong@2026';

export const DEPARTMENTS: [string, string, UnitKind, string][] = [
  ['区招商中心', 'Investment Promotion Centre', 'department', 'HS-ZSZX'],
  ['区商务局', 'Commerce Bureau', 'department', 'HS-SWJ'],
  ['区发展和改革局', 'Development and Reform Bureau', 'department', 'HS-FGJ'],
  ['区经济和信息化局', 'Economy and Information Technology Bureau', 'department', 'HS-JXJ'],
  ['区科学技术局', 'Science and Technology Bureau', 'department', 'HS-KJJ'],
  ['区财政局', 'Finance Bureau', 'department', 'HS-CZJ'],
  ['市自然资源和规划局海曙分局', 'Natural Resources and Planning Branch', 'department', 'HS-ZRZY'],
  ['市市场监督管理局海曙分局', 'Market Regulation Branch', 'department', 'HS-SCJG'],
  ['海曙区国有资本投资经营集团', 'Haishu State Investment Group', 'state_company', 'HS-GTJT'],
];

export const PARKS: [string, string, string][] = [
  ['望春工业园区', 'Wangchun Industrial Park', 'HS-P-WC'],
  ['翠柏里创新街区', 'Cuibaili Innovation Quarter', 'HS-P-CBL'],
];

/** Demo accounts, one per role (README lists them). */
export const DEMO_USERS: { username: string; displayName: string; unitCode: string; roles: Role[] }[] = [
  { username: 'admin', displayName: '系统管理员', unitCode: '330203', roles: ['admin'] },
  { username: 'leader', displayName: '王区长', unitCode: 'HS-LDXZ', roles: ['leader'] },
  { username: 'manager', displayName: '李主任', unitCode: 'HS-ZSZX', roles: ['manager'] },
  { username: 'head.gulou', displayName: '陈主任', unitCode: '330203005', roles: ['unit_head'] },
  { username: 'promoter.gulou', displayName: '张晓', unitCode: '330203005', roles: ['promoter'] },
  { username: 'promoter.swj', displayName: '刘洋', unitCode: 'HS-SWJ', roles: ['promoter'] },
  { username: 'head.swj', displayName: '周局长', unitCode: 'HS-SWJ', roles: ['unit_head'] },
  { username: 'expert', displayName: '吴教授', unitCode: 'HS-KJJ', roles: ['expert'] },
  { username: 'fund', displayName: '程超', unitCode: 'HS-GTJT', roles: ['fund_manager'] },
  { username: 'enterprise', displayName: '企业用户', unitCode: '330203', roles: ['enterprise'] },
];

type UnitSpec = { name: string; nameEn?: string; kind: UnitKind; code?: string; sortOrder?: number };

export async function insertUnit(db: Db, parent: { id: number; path: string; depth: number } | null, u: UnitSpec) {
  const [row] = await db
    .insert(orgUnits)
    .values({
      parentId: parent?.id ?? null,
      name: u.name,
      nameEn: u.nameEn ?? null,
      kind: u.kind,
      code: u.code ?? null,
      sortOrder: u.sortOrder ?? 0,
      depth: parent ? parent.depth + 1 : 0,
    })
    .returning({ id: orgUnits.id });
  const path = `${parent?.path ?? '/'}${row!.id}/`;
  await db.update(orgUnits).set({ path }).where(eq(orgUnits.id, row!.id));
  return { id: row!.id, path, depth: parent ? parent.depth + 1 : 0 };
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from org_units`);
  return (r?.n ?? 0) === 0;
}

/** The Haishu district org tree: district, lead group, departments, its 17 real townships, parks. */
export async function seedHaishuOrg(db: Db) {
  const { district, townships } = haishuTownships();
  const root = await insertUnit(db, null, { name: district.name, nameEn: 'Haishu District', kind: 'region', code: district.code });
  await insertUnit(db, root, { name: '优商招商工作领导小组', nameEn: 'Investment Promotion Lead Group', kind: 'lead_group', code: 'HS-LDXZ', sortOrder: 1 });
  let order = 10;
  for (const [name, nameEn, kind, code] of DEPARTMENTS) await insertUnit(db, root, { name, nameEn, kind, code, sortOrder: order++ });
  order = 100;
  for (const t of townships) await insertUnit(db, root, { name: t.name, kind: 'township', code: t.code, sortOrder: order++ });
  order = 200;
  for (const [name, nameEn, code] of PARKS) await insertUnit(db, root, { name, nameEn, kind: 'park', code, sortOrder: order++ });
  return root;
}

export async function seedDemo(db: Db, log: (m: string) => void = () => {}, withPipeline = true) {
  await db.transaction(async (tx) => {
    const region = await seedHaishuOrg(tx);
    const units = await tx.select({ id: orgUnits.id, code: orgUnits.code }).from(orgUnits);
    const byCode = new Map(units.map((u) => [u.code, u.id]));
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const [row] = await tx
        .insert(users)
        .values({ username: u.username, displayName: u.displayName, unitId: byCode.get(u.unitCode)!, passwordHash: hash })
        .returning({ id: users.id });
      await tx.insert(userRoles).values(u.roles.map((role) => ({ userId: row!.id, role })));
    }
    if (withPipeline) {
      await seedPipeline(tx, region.id);
      await seedCoordination(tx, region.id);
    }
    // the scoring rules, and the points ledger of the projects seeded above (inserted directly, so scored here)
    await seedPoints({ db: tx }, region.id);
    // FX rates; the facts and rollups of the seeded projects and this year's targets (the cockpit is alive at once)
    await seedAssessment(tx, region.id, withPipeline);
  });
  log(`demo data: Haishu org tree, ${DEMO_USERS.length} demo users (password ${DEMO_PASSWORD})${withPipeline ? ', a living project pipeline' : ''}`);
}

import { userRoles, users, type Database } from '@wutong/db';
import type { Role, UnitKind } from '@wutong/contracts';
import { hashPassword } from '../platform/passwords.js';
import { insertUnit } from '../seeds/demo.js';
import { projectsFixture } from './fixtures/projects.js';
import { enterprisesFixture } from './fixtures/enterprises.js';
import { notificationsFixture } from './fixtures/notifications.js';
import { pointsFixture } from './fixtures/points.js';
import { assessmentFixture } from './fixtures/assessment.js';
import { coordinationFixture } from './fixtures/coordination.js';
import { bulletinsFixture } from './fixtures/bulletins.js';

/**
 * Two regions with a small tree each. Every record's name carries the tag «CODE» of the unit it
 * belongs to, so a response can be checked for leaks by reading tags, whatever its shape.
 *
 *   R1 region ─ LG lead group, D1 department, SC state company, T1 township ─ T1C community, T2 township
 *   R2 region ─ R2T township
 */
export const FIXTURE_UNITS: { code: string; parent: string | null; kind: UnitKind }[] = [
  { code: 'R1', parent: null, kind: 'region' },
  { code: 'LG', parent: 'R1', kind: 'lead_group' },
  { code: 'D1', parent: 'R1', kind: 'department' },
  { code: 'SC', parent: 'R1', kind: 'state_company' },
  { code: 'T1', parent: 'R1', kind: 'township' },
  { code: 'T1C', parent: 'T1', kind: 'other' },
  { code: 'T2', parent: 'R1', kind: 'township' },
  { code: 'R2', parent: null, kind: 'region' },
  { code: 'R2T', parent: 'R2', kind: 'township' },
];

export const FIXTURE_PASSWORD = 'Scope-Test-2026';

/** One caller per role and where they sit; `sees` is the oracle: the unit codes the role reaches, written out by hand. */
export const FIXTURE_CALLERS: { username: string; unit: string; roles: Role[]; sees: string[] }[] = [
  { username: 'r1_admin', unit: 'R1', roles: ['admin'], sees: ['R1', 'LG', 'D1', 'SC', 'T1', 'T1C', 'T2'] },
  { username: 'r1_leader', unit: 'LG', roles: ['leader'], sees: ['R1', 'LG', 'D1', 'SC', 'T1', 'T1C', 'T2'] },
  { username: 'r1_manager', unit: 'D1', roles: ['manager'], sees: ['R1', 'LG', 'D1', 'SC', 'T1', 'T1C', 'T2'] },
  { username: 't1_head', unit: 'T1', roles: ['unit_head'], sees: ['T1', 'T1C'] },
  { username: 't1_promoter', unit: 'T1', roles: ['promoter'], sees: ['T1'] },
  { username: 't2_promoter', unit: 'T2', roles: ['promoter'], sees: ['T2'] },
  { username: 'sc_fund', unit: 'SC', roles: ['fund_manager'], sees: ['SC'] },
  { username: 'd1_expert', unit: 'D1', roles: ['expert'], sees: [] },
  { username: 'r1_enterprise', unit: 'R1', roles: ['enterprise'], sees: [] },
  { username: 't1c_head_promoter', unit: 'T1C', roles: ['unit_head', 'promoter'], sees: ['T1C'] },
  { username: 'r2_admin', unit: 'R2', roles: ['admin'], sees: ['R2', 'R2T'] },
];

export type Fixture = {
  unitIds: Map<string, number>;
  unitCodeById: Map<number, string>;
  users: { id: number; username: string; unit: string }[];
  /** records of each entity that modules' fixtures add, keyed by entity name */
  records: Map<string, FixtureRecord[]>;
};

/**
 * A record the scope matrix aims at. `unit` is the fixture unit code it belongs to; `owner` a
 * username that always sees it; `regionWide` marks records every user of the unit's region reads
 * (the enterprise registry).
 */
export type FixtureRecord = { id: number; unit: string; owner?: string; regionWide?: boolean };

/** A module's part of the fixture: it seeds records (tagged «UNIT» in their text) and lists them by entity. */
export type ModuleFixture = (database: Database, fx: Fixture) => Promise<void>;

export const tag = (code: string) => `«${code}»`;

export async function seedScopeFixture(database: Database): Promise<Fixture> {
  const db = database.db;
  const unitIds = new Map<string, number>();
  const nodes = new Map<string, { id: number; path: string; depth: number }>();
  for (const u of FIXTURE_UNITS) {
    const parent = u.parent ? nodes.get(u.parent)! : null;
    const n = await insertUnit(db, parent, { name: `单位${tag(u.code)}`, nameEn: `Unit ${tag(u.code)}`, kind: u.kind, code: `FX-${u.code}` });
    nodes.set(u.code, n);
    unitIds.set(u.code, n.id);
  }
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const fxUsers: Fixture['users'] = [];
  const add = async (username: string, unit: string, roles: Role[]) => {
    const [row] = await db
      .insert(users)
      .values({ username, displayName: `用户${tag(unit)}‹${username}›`, unitId: unitIds.get(unit)!, passwordHash: hash })
      .returning({ id: users.id });
    await db.insert(userRoles).values(roles.map((role) => ({ userId: row!.id, role })));
    fxUsers.push({ id: row!.id, username, unit });
  };
  for (const c of FIXTURE_CALLERS) await add(c.username, c.unit, c.roles);
  // a plain member in every unit, so that every unit has a user record to aim at
  for (const u of FIXTURE_UNITS) await add(`member_${u.code.toLowerCase()}`, u.code, ['promoter']);
  const fx: Fixture = { unitIds, unitCodeById: new Map([...unitIds].map(([k, v]) => [v, k])), users: fxUsers, records: new Map() };
  fx.records.set(
    'org_unit',
    [...unitIds].map(([code, id]) => ({ id, unit: code })),
  );
  fx.records.set(
    'user',
    fxUsers.map((u) => ({ id: u.id, unit: u.unit, owner: u.username })),
  );
  for (const seed of MODULE_FIXTURES) await seed(database, fx);
  return fx;
}

/** Modules with scoped records add their fixture here (see testing/fixtures/). */
const MODULE_FIXTURES: ModuleFixture[] = [projectsFixture, enterprisesFixture, pointsFixture, notificationsFixture, assessmentFixture, coordinationFixture, bulletinsFixture];

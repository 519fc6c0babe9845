import { and, asc, eq, notInArray } from 'drizzle-orm';
import { coordinationEvents, coordinationItemUnits, coordinationItems, orgUnits, projects, users, type Db } from '@wutong/db';
import type { CoordinationCategory, CoordinationLevel } from '@wutong/contracts';
import { applyEvent, stateColumns, type ItemEvent, type ItemState } from '../modules/coordination/index.js';

const DAY = 86400_000;
const dateOf = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

type Outcome = 'open' | 'assigned' | 'resolved' | 'closed' | 'reopened';
type Spec = {
  category: CoordinationCategory;
  title: string;
  description: string;
  level: CoordinationLevel;
  outcome: Outcome;
  /** on a 鼓楼街道 project (the demo promoter's workbench) */
  gulou?: boolean;
  daysAgo: number;
  /** days from today (negative: passed) */
  neededIn: number;
  deadlineIn?: number;
  /** unit code of the lead unit; 'own' = the project's unit */
  lead?: string;
  coop?: string[];
};

/** Two dozen items over every category, level and state; several overdue, a few due within three days. */
const SPECS: Spec[] = [
  { category: 'land', title: '新增工业用地指标', description: '二期扩产需新增工业用地约50亩，需纳入年度供地计划', level: 'lead_group', outcome: 'open', gulou: true, daysAgo: 20, neededIn: 25 },
  { category: 'land', title: '厂房土地性质变更', description: '现有厂房用地为仓储用地，需变更为工业用地以办理产权', level: 'department', outcome: 'assigned', daysAgo: 45, neededIn: 10, deadlineIn: -5, lead: 'HS-ZRZY' },
  { category: 'energy', title: '新增用能指标', description: '新建产线年综合能耗约8000吨标准煤，需争取省级用能指标', level: 'lead_group', outcome: 'assigned', daysAgo: 38, neededIn: 40, deadlineIn: 2, lead: 'HS-FGJ', coop: ['HS-JXJ'] },
  { category: 'energy', title: '电力增容', description: '需从800kVA增容至2500kVA，供电公司排期较晚', level: 'unit', outcome: 'assigned', gulou: true, daysAgo: 30, neededIn: 12, deadlineIn: -3, lead: 'own' },
  { category: 'approval', title: '环评审批提速', description: '项目环评报告书已报送，希望并联审批缩短时限', level: 'department', outcome: 'resolved', daysAgo: 50, neededIn: -10, deadlineIn: -12, lead: 'HS-SCJG' },
  { category: 'approval', title: '施工许可证办理', description: '规划许可已取得，施工图审查意见待回复', level: 'unit', outcome: 'closed', gulou: true, daysAgo: 60, neededIn: -20, deadlineIn: -25, lead: 'own' },
  { category: 'finance', title: '流动资金贷款对接', description: '企业需流动资金贷款5000万元，希望对接区内银行', level: 'department', outcome: 'assigned', daysAgo: 25, neededIn: 30, deadlineIn: 12, lead: 'HS-CZJ' },
  { category: 'finance', title: '产业基金投资意向', description: '希望区产业基金参与B轮融资，融资规模约2亿元', level: 'lead_group', outcome: 'open', daysAgo: 35, neededIn: -2 },
  { category: 'talent', title: '高层次人才落户', description: '引进博士3名，需办理落户及子女入学', level: 'unit', outcome: 'assigned', gulou: true, daysAgo: 18, neededIn: 20, deadlineIn: 1, lead: 'own' },
  { category: 'talent', title: '人才公寓配租', description: '研发团队20人需配租人才公寓', level: 'department', outcome: 'closed', daysAgo: 70, neededIn: -30, deadlineIn: -35, lead: 'HS-KJJ' },
  { category: 'infrastructure', title: '园区道路贯通', description: '园区北侧道路未贯通，影响物流车辆进出', level: 'lead_group', outcome: 'assigned', daysAgo: 55, neededIn: -15, deadlineIn: -10, lead: 'HS-JXJ', coop: ['HS-ZRZY'] },
  { category: 'infrastructure', title: '污水管网接入', description: '新厂区需接入市政污水管网', level: 'unit', outcome: 'open', daysAgo: 10, neededIn: 60 },
  { category: 'other', title: '外籍员工工作许可', description: '外籍技术人员工作许可办理周期较长，影响设备调试', level: 'department', outcome: 'assigned', daysAgo: 22, neededIn: 15, deadlineIn: 6, lead: 'HS-SWJ' },
  { category: 'other', title: '出口退税进度', description: '出口退税到账较慢，影响资金周转', level: 'department', outcome: 'resolved', daysAgo: 40, neededIn: 5, deadlineIn: -1, lead: 'HS-SWJ', coop: ['HS-CZJ'] },
  { category: 'land', title: '临时用地审批', description: '施工期间需临时用地堆放材料约5亩', level: 'unit', outcome: 'resolved', gulou: true, daysAgo: 28, neededIn: 3, deadlineIn: -2, lead: 'own' },
  { category: 'energy', title: '天然气管道接入', description: '生产工艺需天然气，需接入中压管网', level: 'department', outcome: 'open', daysAgo: 12, neededIn: 1 },
  { category: 'approval', title: '消防验收', description: '厂房已完工，需尽快安排消防验收', level: 'unit', outcome: 'closed', daysAgo: 65, neededIn: -40, deadlineIn: -45, lead: 'own' },
  { category: 'finance', title: '技改补助申报', description: '技改投入1.2亿元，申请省市技改补助', level: 'department', outcome: 'assigned', daysAgo: 16, neededIn: 45, deadlineIn: 20, lead: 'HS-JXJ', coop: ['HS-CZJ'] },
  { category: 'talent', title: '技能人才招聘', description: '需招聘数控技工50名，希望对接职业院校', level: 'unit', outcome: 'assigned', daysAgo: 24, neededIn: 8, deadlineIn: -1, lead: 'own' },
  { category: 'infrastructure', title: '公交线路延伸', description: '员工通勤不便，希望公交线路延伸至园区', level: 'lead_group', outcome: 'closed', daysAgo: 80, neededIn: -30, deadlineIn: -40, lead: 'HS-JXJ' },
  { category: 'other', title: '高管子女入学', description: '引进高管子女3人需协调入学', level: 'department', outcome: 'assigned', gulou: true, daysAgo: 14, neededIn: 30, deadlineIn: 9, lead: 'HS-ZSZX' },
  { category: 'land', title: '地块规划条件调整', description: '拟建研发楼容积率需由1.5调整至2.0', level: 'lead_group', outcome: 'reopened', daysAgo: 75, neededIn: 20, deadlineIn: 15, lead: 'HS-ZRZY', coop: ['HS-FGJ'] },
  { category: 'energy', title: '屋顶光伏并网', description: '屋顶光伏2MW需办理并网审批', level: 'department', outcome: 'assigned', daysAgo: 20, neededIn: 25, deadlineIn: 4, lead: 'HS-FGJ' },
  { category: 'approval', title: '进口设备免税确认', description: '进口设备需办理免税确认，货物已到港', level: 'unit', outcome: 'open', gulou: true, daysAgo: 5, neededIn: 8 },
  { category: 'other', title: '商标与专利快速预审', description: '新产品上市前需商标注册与专利快速预审', level: 'department', outcome: 'open', daysAgo: 8, neededIn: 3 },
];

/** Coordination items on the demo projects, each with a history its row is the replay of. */
export async function seedCoordination(db: Db, regionId: number, now = Date.now()) {
  const units = await db.select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name }).from(orgUnits);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const people = await db.select({ id: users.id, username: users.username, unitId: users.unitId }).from(users);
  const who = (username: string) => people.find((p) => p.username === username)!;
  const gulou = unitByCode.get('330203005')!;
  const open = await db
    .select({ id: projects.id, unitId: projects.unitId, ownerUserId: projects.ownerUserId, contactName: projects.contactName })
    .from(projects)
    .where(and(eq(projects.regionId, regionId), eq(projects.intake, 'accepted'), notInArray(projects.stage, ['dropped', 'production', 'lead'])))
    .orderBy(asc(projects.id));
  const gulouProjects = open.filter((p) => p.unitId === gulou.id && p.ownerUserId);
  const otherProjects = open.filter((p) => p.unitId !== gulou.id && p.ownerUserId);
  if (!gulouProjects.length || !otherProjects.length) return 0;
  const usersOfUnit = new Set(people.map((p) => p.unitId));

  let g = 0;
  let o = 0;
  for (const spec of SPECS) {
    const project = spec.gulou ? gulouProjects[g++ % gulouProjects.length]! : otherProjects[(o++ * 7) % otherProjects.length]!;
    const t0 = now - spec.daysAgo * DAY;
    const at = (days: number) => new Date(t0 + days * DAY).toISOString();
    const owner = people.find((p) => p.id === project.ownerUserId)!;
    const inGulou = project.unitId === gulou.id;
    const leadUnitId = spec.lead === 'own' ? project.unitId : spec.lead ? unitByCode.get(spec.lead)!.id : null;
    // who acts for the lead unit: its own people where the demo has some, else the centre
    const leadActor = leadUnitId === gulou.id ? who('promoter.gulou') : leadUnitId === unitByCode.get('HS-SWJ')!.id ? who('promoter.swj') : leadUnitId && usersOfUnit.has(leadUnitId) ? people.find((p) => p.unitId === leadUnitId)! : who('manager');
    const unitName = (id: number) => units.find((u) => u.id === id)!.name;
    const neededBy = dateOf(now + spec.neededIn * DAY);
    const deadline = spec.deadlineIn !== undefined ? dateOf(now + spec.deadlineIn * DAY) : null;
    const coopIds = (spec.coop ?? []).map((c) => unitByCode.get(c)!.id);

    const events: (ItemEvent & { by: { id: number; unitId: number } })[] = [];
    const push = (kind: ItemEvent['kind'], day: number, by: { id: number; unitId: number }, note: string | null, data: Record<string, unknown> = {}) =>
      events.push({ kind, at: at(day), byUserId: by.id, note, data, by });
    push('raise', 0, owner, spec.description, { category: spec.category, title: spec.title, neededBy });
    if (spec.level !== 'unit') {
      push('escalate', 1, inGulou ? who('head.gulou') : who('manager'), '单位层面难以协调解决，提请相关部门支持', { from: 'unit', to: 'department' });
    }
    if (spec.level === 'lead_group') push('escalate', 2, who('manager'), '涉及多个部门和政策突破，提请领导小组协调', { from: 'department', to: 'lead_group' });
    if (spec.outcome !== 'open' && leadUnitId) {
      const assignment = { leadUnitId, leadUnitName: unitName(leadUnitId), cooperatingUnitIds: coopIds, cooperatingUnitNames: coopIds.map(unitName), deadline };
      if (spec.level === 'lead_group') {
        const decision = `由${unitName(leadUnitId)}牵头${coopIds.length ? `，${coopIds.map(unitName).join('、')}配合` : ''}，于${deadline}前办结`;
        push('meeting', 4, who('leader'), decision, { ...assignment, meetingDate: dateOf(t0 + 4 * DAY), decision });
      } else {
        push('assign', 3, spec.level === 'unit' && inGulou ? who('head.gulou') : who('manager'), '请牵头单位抓紧办理', assignment);
      }
      push('progress', 6, leadActor, '已召开专题对接会，明确办理路径和时间节点');
      if (['resolved', 'closed', 'reopened'].includes(spec.outcome)) push('resolve', 9, leadActor, `已办结：${spec.title}事项已协调落实`);
      if (['closed', 'reopened'].includes(spec.outcome)) {
        push('confirm', 10, owner, '企业确认问题已解决', { contactName: project.contactName, recordedBy: project.contactName ? 'owner_for_contact' : 'owner' });
      }
      if (spec.outcome === 'reopened') push('reopen', 12, owner, '企业反映规划条件调整后仍有遗留问题，需继续协调', { from: 'closed' });
    }

    let state: ItemState | null = null;
    for (const e of events) state = applyEvent(state, e);
    const s = state!;
    const [item] = await db
      .insert(coordinationItems)
      .values({
        regionId,
        projectId: project.id,
        category: spec.category,
        title: spec.title,
        description: spec.description,
        neededBy,
        raisedByUserId: owner.id,
        raisedByUnitId: owner.unitId,
        raisedAt: new Date(t0),
        ...stateColumns(s),
      })
      .returning({ id: coordinationItems.id });
    if (s.cooperatingUnitIds.length) await db.insert(coordinationItemUnits).values(s.cooperatingUnitIds.map((unitId) => ({ itemId: item!.id, unitId })));
    await db.insert(coordinationEvents).values(
      events.map((e) => ({ itemId: item!.id, kind: e.kind, at: new Date(e.at), byUserId: e.by.id, byUnitId: e.by.unitId, note: e.note, data: e.data })),
    );
  }
  return SPECS.length;
}

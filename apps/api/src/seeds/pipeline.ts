import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  activities,
  arbitrations,
  capitalRecords,
  enterprises,
  keyBlocks,
  orgUnits,
  projectStageEvents,
  projectUnits,
  projects,
  trips,
  users,
  type Db,
} from '@wutong/db';
import { CAPITAL_CURRENCY, NEXT_STAGE, usccCheckChar, USCC_CHARSET, type CapitalCategory, type Stage } from '@wutong/contracts';
import { nameFields } from '../modules/enterprises/index.js';
import { initials } from '../modules/projects/index.js';

const here = dirname(fileURLToPath(import.meta.url));
type Listed = { fullName: string; area: string; industry: string };

/** Tushare's industry labels, mapped to the nearest GB/T 4754-2017 class. */
const INDUSTRY: Record<string, string> = {
  汽车配件: '3670', 电气设备: '3824', 元器件: '3976', 化工原料: '2614', 建筑工程: '4840', 化学制药: '2710', 软件服务: '6513', 专用机械: '3569',
  食品: '1499', 通信设备: '3921', 环境保护: '7722', 服饰: '1819', 家用电器: '3851', 中成药: '2740', 机械基件: '3451', 家居用品: '2110',
  医疗保健: '3581', 仓储物流: '5990', 互联网: '6421', 纺织: '1713', 半导体: '3973', 电器仪表: '4011', 新型电力: '4416', 生物制药: '2761',
  IT设备: '3911', 工程机械: '3511', 汽车整车: '3612', 运输设备: '3714', 塑料: '2929', 造纸: '2221', 文教休闲: '2411', 广告包装: '7251',
  银行: '6621', 全国地产: '7010', 区域地产: '7010', 园区开发: '7010', 房产服务: '7020', 火力发电: '4411', 水力发电: '4413', 供气供热: '4430',
  农药化肥: '2631', 多元金融: '6999', 证券: '6712', 百货: '5211', 超市连锁: '5212', 普钢: '3120', 钢加工: '3130', 特种钢: '3140',
  航空: '5611', 空运: '5612', 小金属: '3231', 铝: '3216', 铜: '3211', 铅锌: '3212', 黄金: '3221', 煤炭开采: '0610', 乳制品: '1441',
  出版业: '8621', 化纤: '2822', 水泥: '3011', 橡胶: '2911', 白酒: '1512', 啤酒: '1513', 红黄酒: '1514', 软饮料: '1529', 日用化工: '2681',
  公共交通: '5411', 水运: '5522', 水务: '4610', 石油开采: '0711', 石油加工: '2511', 焦炭加工: '2521',
};
const KEY_BLOCKS: [string, string][] = [
  ['宁波西枢纽', 'Ningbo West Hub'],
  ['翠柏里创新街区', 'Cuibaili Innovation Quarter'],
  ['姚江南岸区块', 'Yaojiang South Bank'],
  ['丁家湾区块', 'Dingjiawan'],
  ['罗城区域', 'Luocheng'],
  ['望春工业园区', 'Wangchun Industrial Park'],
];
const STAGE_MIX: [Stage, number][] = [
  ['lead', 70],
  ['negotiating', 90],
  ['signed', 70],
  ['registered', 55],
  ['construction', 40],
  ['production', 30],
  ['dropped', 15],
];
const EVIDENCE_OF = (stage: Stage, on: string, amount: number, uscc: string): Record<string, unknown> => {
  switch (stage) {
    case 'signed':
      return { contractDate: on, agreedInvestmentMinor: amount, agreedInvestmentCurrency: 'CNY', parties: '海曙区人民政府；投资方' };
    case 'registered':
      return { uscc, regCapitalMinor: Math.round(amount / 5), regCapitalCurrency: 'CNY', registeredOn: on };
    case 'construction':
      return { startedOn: on, landOrCarrier: '望春工业园区标准厂房' };
    case 'production':
      return { producedOn: on, firstOutput: '首批产品下线' };
    default:
      return {};
  }
};

function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A code with a valid GB 32100 check digit (the demo's enterprises are real names, not real codes). */
function demoUscc(r: () => number): string {
  let s = '91330203';
  for (let i = 0; i < 9; i++) s += USCC_CHARSET[Math.floor(r() * (i < 3 ? 10 : USCC_CHARSET.length))];
  return s + usccCheckChar(s)!;
}

const DAY = 86400_000;
const dateOf = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A district at work: ~370 projects from real listed-company names across every stage and unit,
 * with their stage histories, activities, trips, capital in place, pending leads, a claim under
 * arbitration, and red and yellow lights. Dates are relative to today so the lights are alive.
 */
export async function seedPipeline(db: Db, regionId: number) {
  const r = rng(20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = Date.now();
  const listed = (JSON.parse(readFileSync(resolve(here, 'data/listed-companies-sample.json'), 'utf8')) as { companies: Listed[] }).companies;

  const blocks = await db
    .insert(keyBlocks)
    .values(KEY_BLOCKS.map(([name, nameEn]) => ({ regionId, name, nameEn })))
    .returning({ id: keyBlocks.id });
  const units = await db.select({ id: orgUnits.id, kind: orgUnits.kind, code: orgUnits.code }).from(orgUnits).orderBy(orgUnits.id);
  const working = units.filter((u) => ['township', 'department', 'park', 'state_company'].includes(u.kind));
  const people = await db.select({ id: users.id, unitId: users.unitId, username: users.username }).from(users).orderBy(users.id);
  const ownerIn = (unitId: number) => people.find((p) => p.unitId === unitId && p.username.startsWith('promoter'))?.id ?? people.find((p) => p.unitId === unitId)?.id ?? null;
  const gulou = units.find((u) => u.code === '330203005')!;

  const stages: Stage[] = STAGE_MIX.flatMap(([s, n]) => Array<Stage>(n).fill(s));
  const count = Math.min(listed.length, stages.length);
  // everything is drawn first, then written table by table in a few large inserts
  type Plan = {
    enterprise: typeof enterprises.$inferInsert;
    project: Omit<typeof projects.$inferInsert, 'enterpriseId'>;
    shares: { unitId: number; shareBp: number }[];
    events: Omit<typeof projectStageEvents.$inferInsert, 'projectId'>[];
    acts: Omit<typeof activities.$inferInsert, 'projectId'>[];
    capital: Omit<typeof capitalRecords.$inferInsert, 'projectId'>[];
  };
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    const c = listed[i]!;
    const stage = stages[i]!;
    const origin = c.area === '浙江' ? pick(['local', 'zhejiang_returning'] as const) : r() < 0.15 ? 'foreign' : 'domestic_out_of_city';
    const uscc = demoUscc(r);
    const hasUscc = ['registered', 'construction', 'production'].includes(stage) || r() < 0.3;
    // a fifth of the work sits with 鼓楼街道, so its promoter's workbench is full
    const unit = i % 5 === 0 ? gulou : pick(working);
    const ownerUserId = ownerIn(unit.id);
    const reportedAt = now - Math.floor(20 + r() * 320) * DAY;
    const amount = Math.round(500 + r() * 199_500) * 1_000_000; // 500万–20亿元, in 分 (1万元 = 1,000,000 分)
    const name = `${c.fullName.replace(/(股份)?有限(责任)?公司$/, '')}${pick(['项目', '产业化项目', '总部项目', '增资扩产项目', '研发中心项目'])}`;
    const dropped = stage === 'dropped';
    const path: Stage[] = ['lead'];
    const finalOpen: Stage = dropped ? pick(['lead', 'negotiating', 'signed'] as const) : stage;
    while (path[path.length - 1] !== finalOpen) path.push(NEXT_STAGE[path[path.length - 1]!]!);
    const stepDays = Math.max(1, Math.floor((now - reportedAt) / DAY / (path.length + 1)));
    const stamps = path.map((_, k) => reportedAt + k * stepDays * DAY);
    if (dropped) {
      path.push('dropped');
      stamps.push(stamps[stamps.length - 1]! + stepDays * DAY);
    }
    const signedIdx = path.indexOf('signed');
    const pending = stage === 'lead' && r() < 0.35;
    // activities: most projects are followed, some went quiet (red), some have an overdue next step (yellow)
    const quiet = r() < 0.12 && !dropped && stage !== 'production';
    const lastAt = quiet ? now - (35 + Math.floor(r() * 40)) * DAY : now - Math.floor(r() * 12) * DAY;
    const n = pending ? 0 : 1 + Math.floor(r() * 3);
    const acts: Plan['acts'] = Array.from({ length: n }, (_, k) => {
      const at = k === n - 1 ? lastAt : reportedAt + ((lastAt - reportedAt) * (k + 1)) / (n + 1);
      const overdue = k === n - 1 && r() < 0.15;
      return {
        unitId: unit.id,
        kind: pick(['visit', 'meeting_offline', 'meeting_online', 'call', 'reception'] as const),
        occurredOn: dateOf(at),
        place: pick(['企业总部', '区招商中心', '线上会议', '宁波西枢纽展示中心']),
        attendees: '招商专员；企业负责人',
        notes: pick(['介绍海曙产业政策与载体', '对接用地与厂房需求', '洽谈投资协议条款', '协调要素保障事项']),
        nextStep: k === n - 1 ? pick(['提交投资协议草案', '安排实地考察', '召开项目推进会', '报送用地需求']) : null,
        nextDue: k === n - 1 ? dateOf(overdue ? now - 5 * DAY : now + Math.floor(2 + r() * 20) * DAY) : null,
        createdBy: ownerUserId,
        createdAt: new Date(at),
      };
    });
    const last = acts[acts.length - 1];
    const capital: Plan['capital'] = [];
    if (['registered', 'construction', 'production'].includes(stage)) {
      const category: CapitalCategory = origin === 'foreign' ? 'foreign_usd' : origin === 'zhejiang_returning' ? 'zhejiang_returning' : 'domestic_out_of_city';
      const parts = 1 + Math.floor(r() * 3);
      for (let k = 0; k < parts; k++) {
        const on = stamps[path.indexOf('registered')]! + (k + 1) * 15 * DAY;
        // capital in place is recorded when it arrives: never after today
        if (on > now) break;
        capital.push({
          unitId: unit.id,
          category,
          amountMinor: Math.round((category === 'foreign_usd' ? amount / 7 : amount) / (parts + 1)),
          currency: CAPITAL_CURRENCY[category],
          recordedOn: dateOf(on),
          note: `第${k + 1}笔到位`,
          createdBy: ownerUserId,
        });
      }
    }
    // clean generation (PV, hydro, new power equipment makers' own plants) is what avoids CO₂
    const generation = ['新型电力', '电气设备', '水力发电'].includes(c.industry) ? Math.floor(r() * 40_000_000) : null;
    plans.push({
      enterprise: {
        regionId,
        name: c.fullName,
        ...nameFields(c.fullName),
        uscc: hasUscc ? uscc : null,
        industryCode: INDUSTRY[c.industry] ?? null,
        origin,
        source: 'demo',
        tags: [c.industry],
      },
      project: {
        regionId,
        unitId: unit.id,
        ownerUserId: pending ? null : ownerUserId,
        name,
        nameInitials: await initials(name),
        stage,
        stageAt: new Date(stamps[stamps.length - 1]!),
        intake: pending ? 'pending' : 'accepted',
        projectType: origin === 'zhejiang_returning' ? 'zhejiang_returning' : origin === 'foreign' ? 'foreign' : r() < 0.2 ? 'expansion' : 'new',
        source: pick(['visit', 'referral', 'trip', 'fund', 'event'] as const),
        industryCode: INDUSTRY[c.industry] ?? null,
        investmentMinor: amount,
        fixedAssetMinor: Math.round(amount * 0.6),
        keyBlockId: r() < 0.5 ? pick(blocks).id : null,
        expectedJobs: Math.floor(20 + r() * 800),
        expectedOutputMinor: Math.round(amount * 1.5),
        expectedTaxMinor: Math.round(amount * 0.08),
        annualGenerationKwh: generation,
        // CO₂ avoided by clean generation at the national grid's emission factor, 0.5703 t/MWh (2022)
        co2AvoidedT: generation === null ? null : (Math.round(generation * 0.5703) / 1000).toFixed(1),
        talents: r() < 0.4 ? Math.floor(r() * 30) : null,
        contactName: pick(['王', '李', '张', '刘', '陈', '杨', '赵', '黄']) + pick(['总', '经理', '董事长', '主任']),
        contactPhone: `138${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
        reportedByUserId: ownerUserId,
        reportedByUnitId: unit.id,
        reportedAt: new Date(reportedAt),
        signedAt: signedIdx >= 0 ? dateOf(stamps[signedIdx]!) : null,
        droppedReason: dropped ? pick(['企业投资计划调整', '选址落户外地', '资金未落实']) : null,
        firstContactAt: pending ? null : new Date(reportedAt + DAY),
        lastActivityAt: last ? new Date(lastAt) : null,
        nextStep: last?.nextStep ?? null,
        nextDue: last?.nextDue ?? null,
      },
      shares: r() < 0.2 && unit.id !== gulou.id ? [{ unitId: unit.id, shareBp: 7000 }, { unitId: gulou.id, shareBp: 3000 }] : [{ unitId: unit.id, shareBp: 10000 }],
      events: path.map((s, k) => ({
        fromStage: k === 0 ? null : path[k - 1]!,
        toStage: s,
        at: new Date(stamps[k]!),
        byUserId: ownerUserId,
        evidence: EVIDENCE_OF(s, dateOf(stamps[k]!), amount, uscc),
        reason: s === 'dropped' ? '企业投资计划调整' : null,
      })),
      acts,
      capital,
    });
  }
  const entRows = await db.insert(enterprises).values(plans.map((p) => p.enterprise)).returning({ id: enterprises.id, name: enterprises.name });
  const entId = new Map(entRows.map((e) => [e.name, e.id]));
  const projRows = await db
    .insert(projects)
    .values(plans.map((p) => ({ ...p.project, enterpriseId: entId.get(p.enterprise.name)! })))
    .returning({ id: projects.id, enterpriseId: projects.enterpriseId });
  const projId = new Map(projRows.map((p) => [p.enterpriseId, p.id]));
  const pid = (p: Plan) => projId.get(entId.get(p.enterprise.name)!)!;
  await db.insert(projectUnits).values(plans.flatMap((p) => p.shares.map((s) => ({ projectId: pid(p), ...s }))));
  await db.insert(projectStageEvents).values(plans.flatMap((p) => p.events.map((e) => ({ ...e, projectId: pid(p) }))));
  await db.insert(activities).values(plans.flatMap((p) => p.acts.map((a) => ({ ...a, projectId: pid(p) }))));
  await db.insert(capitalRecords).values(plans.flatMap((p) => p.capital.map((c) => ({ ...c, projectId: pid(p) }))));

  const destinations = ['深圳', '上海', '北京', '合肥', '杭州'];
  const allProjects = await db.select({ id: projects.id, unitId: projects.unitId }).from(projects).orderBy(projects.id);
  for (const [k, destination] of destinations.entries()) {
    const start = now - (30 + k * 40) * DAY;
    const unitId = k % 2 ? gulou.id : (units.find((u) => u.code === 'HS-ZSZX')?.id ?? gulou.id);
    const [t] = await db
      .insert(trips)
      .values({ unitId, destination, startOn: dateOf(start), endOn: dateOf(start + 2 * DAY), leader: '区委主要负责人', delegation: '区招商中心、相关镇街', purpose: '走企业、看项目、谈规划', createdBy: ownerIn(unitId) })
      .returning({ id: trips.id });
    const visited = allProjects.filter((p) => p.unitId === unitId).slice(k * 3, k * 3 + 3);
    if (visited.length) {
      await db.insert(activities).values(
        visited.map((p, j) => ({ projectId: p.id, tripId: t!.id, unitId, kind: 'visit', occurredOn: dateOf(start + j * DAY), place: destination, notes: `${destination}招商拜访` })),
      );
    }
  }

  // one claim waiting for the centre: 商务局 says it met the enterprise first
  const swj = units.find((u) => u.code === 'HS-SWJ');
  const claimant = people.find((p) => p.username === 'promoter.swj');
  const claimed = allProjects.find((p) => p.unitId === gulou.id);
  if (swj && claimant && claimed) {
    await db.insert(arbitrations).values({ projectId: claimed.id, regionId, claimantUnitId: swj.id, claimantUserId: claimant.id, reason: '商务局于年初在上海推介会上首次接洽该企业，有会议纪要为证' });
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import type { Enterprise, ImportJob, MatchResult } from '@wutong/contracts';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { DUPLICATE_THRESHOLD, pinyinKey, splitName } from './names.js';
import listed from './testdata/listed-sample.json' with { type: 'json' };

const FORMS = ['集团股份有限公司', '股份有限公司', '有限责任公司', '有限公司', '股份公司'];

/** Name variants as people type them, each naming the same enterprise as `name`. */
function variants(name: string, homophones: Map<string, string[]>): [string, string][] {
  const out: [string, string][] = [];
  const form = FORMS.find((f) => name.endsWith(f)) ?? '';
  const body = name.slice(0, name.length - form.length);
  const p = splitName(name);
  // the region word as written at the start (宁波市 / 宁波), if the name starts with one
  const lead = p.regions.length ? [`${p.regions[0]}省`, `${p.regions[0]}市`, p.regions[0]!].find((r) => body.startsWith(r)) : undefined;
  if (lead && body.length > lead.length + 2) {
    const rest = body.slice(lead.length);
    out.push(['bracketed region', `${rest}（${p.regions[0]}）${form}`]);
    out.push(['region moved', `${rest}${p.regions[0]}${form}`]);
  }
  // one character of the trade name replaced by a homophone
  const chars = [...p.trade];
  for (let i = 0; i < chars.length; i++) {
    const alt = homophones.get(chars[i]!)?.find((c) => c !== chars[i]);
    if (alt && name.includes(p.trade)) {
      out.push(['homophone', name.replace(p.trade, chars.map((c, j) => (j === i ? alt : c)).join(''))]);
      break;
    }
  }
  // extra spaces, full-width brackets and letters
  const wide = [...name].map((c) => (/[A-Za-z0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c === '(' ? '（' : c === ')' ? '）' : c)).join('');
  out.push(['spaces and full-width', ` ${wide.slice(0, 2)} ${wide.slice(2, 5)}  ${wide.slice(5)} `]);
  if (form) out.push(['form word missing', body]);
  return out;
}

describe('enterprise registry', () => {
  let t: TestApp;
  let manager: string;
  let admin: string;
  let promoter: string;
  const ids = new Map<string, number>();
  const names: string[] = listed.names;

  const call = (method: string, url: string, cookie: string, body?: unknown) => t.call(method, url, { cookie, body });
  const match = async (name: string): Promise<MatchResult> => {
    const res = await call('GET', `/api/enterprises/match?name=${encodeURIComponent(name)}`, promoter);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const waitJob = async (id: number): Promise<ImportJob> => {
    for (let i = 0; i < 600; i++) {
      const job = (await call('GET', `/api/enterprises/import/${id}`, manager)).json() as ImportJob;
      if (job.status === 'done' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import did not finish');
  };
  const importFile = async (filename: string, file: Buffer) => {
    const res = await call('POST', '/api/enterprises/import', manager, { filename, contentBase64: file.toString('base64') });
    expect(res.statusCode, res.body).toBe(200);
    return waitJob(res.json().id);
  };
  const counts = async () =>
    (await queryRows<{ e: number; n: number }>(t.database.db, sql`select (select count(*)::int from enterprises) e, (select count(*)::int from enterprise_names) n`))[0]!;

  beforeAll(async () => {
    // the org tree and demo users, without the demo pipeline's enterprises
    t = await startTestApp('demo');
    manager = await t.login('manager', DEMO_PASSWORD);
    admin = await t.login('admin', DEMO_PASSWORD);
    promoter = await t.login('promoter.gulou', DEMO_PASSWORD);
    for (const name of names) {
      const res = await call('POST', '/api/enterprises', manager, { name, tags: ['上市公司'] });
      expect(res.statusCode, res.body).toBe(200);
      ids.set(name, res.json().id);
    }
  });
  afterAll(() => t?.close());

  describe('duplicate detection on real company names', () => {
    it('finds the source first for every variant of a real name', async () => {
      // homophones among the characters of the sample itself
      const byPinyin = new Map<string, string[]>();
      for (const c of new Set(names.join(''))) if (/\p{Script=Han}/u.test(c)) byPinyin.set(pinyinKey(c), [...(byPinyin.get(pinyinKey(c)) ?? []), c]);
      const homophones = new Map<string, string[]>();
      for (const group of byPinyin.values()) for (const c of group) homophones.set(c, group.filter((x) => x !== c));

      const misses: string[] = [];
      const perKind = new Map<string, number>();
      for (const name of names) {
        for (const [kind, v] of variants(name, homophones)) {
          perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
          const r = await match(v);
          if (r.candidates[0]?.enterprise.id !== ids.get(name)) misses.push(`${kind}: ${v} → ${r.candidates[0]?.enterprise.name ?? '(none)'} (want ${name})`);
        }
      }
      expect([...perKind.keys()].sort()).toEqual(['bracketed region', 'form word missing', 'homophone', 'region moved', 'spaces and full-width']);
      expect(perKind.get('homophone')).toBeGreaterThan(50);
      expect(misses).toEqual([]);
    });

    it('does not take different real companies for each other', async () => {
      const likely: string[] = [];
      for (const name of names) {
        const r = await match(name);
        expect(r.candidates[0]?.enterprise.id, name).toBe(ids.get(name));
        expect(r.candidates[0]?.similarity).toBe(1);
        for (const c of r.candidates.slice(1)) {
          expect(c.similarity).toBeLessThan(1);
          if (c.likely || c.similarity >= DUPLICATE_THRESHOLD) likely.push(`${name} ~ ${c.enterprise.name} (${c.similarity})`);
        }
      }
      expect(likely).toEqual([]);
    });

    it('puts the holder of the USCC first, and counts its projects', async () => {
      const res = await call('POST', '/api/enterprises', manager, { name: '宁波寰采星科技有限公司', uscc: '91330203MA2H0FX1X1' });
      expect(res.statusCode, res.body).toBe(200);
      const r = (await call('GET', `/api/enterprises/match?name=${encodeURIComponent('寰采星科技（宁波）有限公司')}&uscc=91330203MA2H0FX1X1`, promoter)).json() as MatchResult;
      expect(r.candidates[0]).toMatchObject({ usccMatch: true, likely: true, similarity: 1, projectCount: 0, enterprise: { id: res.json().id } });
      expect(r.candidates.filter((c) => c.enterprise.id === res.json().id)).toHaveLength(1);
      expect(r.parsed).toEqual({ regions: ['宁波'], tradeName: '寰采星', industry: ['科技'], form: '有限公司' });
      // a code alone, and nothing at all
      expect(((await call('GET', '/api/enterprises/match?uscc=91330203ma2h0fx1x1', promoter)).json() as MatchResult).candidates[0]?.usccMatch).toBe(true);
      expect(((await call('GET', '/api/enterprises/match', promoter)).json() as MatchResult).candidates).toEqual([]);
    });

    it('shows every candidate that fits equally rather than guessing', async () => {
      for (const city of ['杭州', '温州', '嘉兴']) {
        expect((await call('POST', '/api/enterprises', manager, { name: `${city}澜启贸易有限公司` })).statusCode).toBe(200);
      }
      const r = (await call('GET', `/api/enterprises/match?name=${encodeURIComponent('澜启贸易有限公司')}&limit=1`, promoter)).json() as MatchResult;
      expect(r.candidates.map((c) => c.enterprise.name).sort()).toEqual(['嘉兴澜启贸易有限公司', '杭州澜启贸易有限公司', '温州澜启贸易有限公司']);
      expect(new Set(r.candidates.map((c) => c.similarity)).size).toBe(1);
    });
  });

  describe('registering and editing', () => {
    it('registers with aliases, finds by former name, edits by creator or manager only', async () => {
      const created = await call('POST', '/api/enterprises', promoter, {
        name: '宁波澜海星辰新材料有限公司',
        uscc: ' 91110000600037341l ',
        legalRep: '王五',
        regCapital: { amountMinor: 500_000_000, currency: 'CNY' },
        foundedOn: '2019-03-08',
        industryCode: '3985',
        regionCode: '330203',
        origin: 'zhejiang_returning',
        tags: ['新材料', '新材料'],
        aliases: [{ name: '宁波星辰材料厂', kind: 'former' }],
      });
      expect(created.statusCode, created.body).toBe(200);
      const e = created.json() as Enterprise;
      expect(e).toMatchObject({ uscc: '91110000600037341L', tradeName: '澜海星辰', industryName: '电子专用材料制造', tags: ['新材料'], canEdit: true });
      expect(e.aliases).toMatchObject([{ name: '宁波星辰材料厂', kind: 'former' }]);
      expect((await match('星辰材料厂(宁波)')).candidates[0]?.enterprise.id).toBe(e.id);

      const other = await t.login('promoter.swj', DEMO_PASSWORD);
      expect((await call('GET', `/api/enterprises/${e.id}`, other)).json().canEdit).toBe(false);
      expect((await call('PATCH', `/api/enterprises/${e.id}`, other, { address: '翠柏路 1 号' })).statusCode).toBe(403);

      const renamed = await call('PATCH', `/api/enterprises/${e.id}`, manager, { name: '宁波澜海星辰科技有限公司', regCapital: null, origin: null });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '宁波澜海星辰科技有限公司', regCapital: null, origin: null });
      // the old name becomes a former name, and still finds it
      expect(renamed.json().aliases.map((a: { name: string }) => a.name)).toContain('宁波澜海星辰新材料有限公司');
      expect((await match('宁波澜海星辰新材料有限公司')).candidates[0]?.enterprise.id).toBe(e.id);

      const list = (await call('GET', `/api/enterprises?q=${encodeURIComponent('星辰材料厂')}`, promoter)).json();
      expect(list.items.map((x: { id: number }) => x.id)).toEqual([e.id]);
      const byCode = (await call('GET', '/api/enterprises?q=91110000600037341L', promoter)).json();
      expect(byCode.total).toBe(1);
      const audit = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int n from audit_log where entity = 'enterprise' and entity_id = ${String(e.id)}`);
      expect(audit[0]!.n).toBe(2);
    });

    it('lists with filters, sorting and a total', async () => {
      const all = (await call('GET', '/api/enterprises?tag=%E4%B8%8A%E5%B8%82%E5%85%AC%E5%8F%B8&limit=5&sort=name&order=asc', promoter)).json();
      expect(all.total).toBe(names.length);
      expect(all.items).toHaveLength(5);
      const page2 = (await call('GET', '/api/enterprises?tag=%E4%B8%8A%E5%B8%82%E5%85%AC%E5%8F%B8&limit=5&offset=5&sort=name&order=asc', promoter)).json();
      expect(page2.items[0].id).not.toBe(all.items[4].id);
      expect((await call('GET', '/api/enterprises?industry=C', promoter)).json().items.every((x: { industryCode: string }) => x.industryCode.length === 4)).toBe(true);
      expect((await call('GET', '/api/enterprises?origin=foreign', promoter)).json().total).toBe(0);
    });

    it.each([
      ['a wrong check digit', { name: '测试企业', uscc: '91110000600037341N' }, ['uscc']],
      ['a malformed code', { name: '测试企业', uscc: '9111000060003734IO' }, ['uscc']],
      ['an unknown industry', { name: '测试企业', industryCode: '9999' }, ['industryCode']],
      ['a malformed industry and division', { name: '测试企业', industryCode: 'CC', regionCode: '33' }, ['industryCode', 'regionCode']],
      ['floats for money', { name: '测试企业', regCapital: { amountMinor: 1.5, currency: 'RMB' } }, ['regCapital.amountMinor', 'regCapital.currency']],
      ['an impossible date and origin', { name: '测试企业', foundedOn: '2024-02-30', origin: 'mars' }, ['foundedOn', 'origin']],
      ['no name, unknown fields', { regionId: 1, name: '  ' }, ['name', 'regionId']],
    ])('refuses %s with 400 naming the fields, and writes nothing', async (_, body, fields) => {
      const before = await counts();
      const res = await call('POST', '/api/enterprises', manager, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().fields).sort()).toEqual([...fields].sort());
      expect(await counts()).toEqual(before);
    });

    it('refuses a USCC that is already registered, naming the enterprise that has it', async () => {
      const res = await call('POST', '/api/enterprises', manager, { name: '另一家企业', uscc: '91330203MA2H0FX1X1' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'enterprise_exists', existingId: expect.any(Number), fields: { uscc: '名录中已有这家企业（同一信用代码或同一名称），请直接选用' } });
    });

    it('lets only writers register', async () => {
      const leader = await t.login('leader', DEMO_PASSWORD);
      expect((await call('POST', '/api/enterprises', leader, { name: '领导登记的企业' })).statusCode).toBe(403);
      expect((await call('GET', '/api/enterprises?limit=1', leader)).statusCode).toBe(200);
    });
  });

  describe('import and export', () => {
    const HEAD = ['企业名称', '统一社会信用代码', '法定代表人', '注册资本(万元)', '币种', '成立日期', '行业代码', '注册地区划代码', '来源类型', '地址', '标签', '曾用名'];
    const workbook = async (rows: (string | number | Date)[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('企业');
      ws.addRow(HEAD);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const readSheet = async (file: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      const rows: string[][] = [];
      wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))));
      return rows;
    };

    it('imports, rejects with reasons, and changes nothing the second time', async () => {
      const file = await workbook([
        ['宁波甬禾智能装备有限公司', '91330203MA2H0FX2X2', '张三', 1000, '人民币', new Date(Date.UTC(2018, 4, 20)), '3491', '330203', '本地', '海曙区望春工业园区', '专精特新、制造业', '宁波甬禾机械厂'],
        ['宁波甬禾智能装备有限公司', '', '张三', '', '', '', '', '', '', '', '', ''], // the same enterprise by name: unchanged
        ['宁波青穗农业发展有限公司', '', '', '50.5', 'CNY', '2021/7/1', '0141', '', '市外内资', '', '', ''],
        ['坏代码企业', '91330203MA2H0FX2X9', '', '', '', '', '', '', '', '', '', ''],
        ['', '', '李四', '', '', '', '', '', '', '', '', ''],
        ['未知行业企业', '', '', '', '', '', '9999', '', '', '', '', ''],
        ['日期不对企业', '', '', 'abc', '', '2021-02-30', '', '', '火星', '', '', ''],
      ]);
      const job = await importFile('企业名录.xlsx', file);
      expect(job).toMatchObject({ status: 'done', total: 7, processed: 7, inserted: 2, updated: 0, unchanged: 1, rejected: 4, error: null });

      const found = (await call('GET', `/api/enterprises?q=${encodeURIComponent('甬禾智能装备')}`, promoter)).json();
      expect(found.items[0]).toMatchObject({
        uscc: '91330203MA2H0FX2X2',
        regCapital: { amountMinor: 1_000_000_000, currency: 'CNY' },
        foundedOn: '2018-05-20',
        industryCode: '3491',
        origin: 'local',
        tags: ['专精特新', '制造业'],
        source: 'import',
      });
      expect((await call('GET', `/api/enterprises?q=${encodeURIComponent('青穗农业')}`, promoter)).json().items[0].regCapital).toEqual({ amountMinor: 50_500_000, currency: 'CNY' });

      const rejects = await call('GET', `/api/enterprises/import/${job.id}/rejects`, manager);
      expect(rejects.statusCode).toBe(200);
      const rows = await readSheet(rejects.rawPayload);
      expect(rows[0]!.slice(0, 3)).toEqual(['原因', '行号', '企业名称']);
      expect(rows.slice(1).map((r) => r[1])).toEqual(['5', '6', '7', '8']);
      const reasons = rows.slice(1).map((r) => r[0]!);
      expect(reasons[0]).toContain('统一社会信用代码');
      expect(reasons[1]).toContain('企业名称');
      expect(reasons[2]).toContain('没有这个国民经济行业代码');
      for (const col of ['注册资本', '成立日期', '来源类型']) expect(reasons[3]).toContain(col);

      const before = await counts();
      const again = await importFile('企业名录.xlsx', file);
      expect(again).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: 3, rejected: 4 });
      expect(await counts()).toEqual(before);
    });

    it('upserts by USCC and by exact name, keeping the old name as a former name', async () => {
      const first = await importFile('a.xlsx', await workbook([['宁波鲲鹏航空科技有限公司', '91330203MA2H0FX3XY'.slice(0, 17) + 'X', '', '', '', '', '', '', '', '', '', '']]));
      // a wrong code is rejected; the same row with the right code goes in
      expect(first).toMatchObject({ inserted: 0, rejected: 1 });
      const code = await fixCode('91330203MA2H0FX3X');
      expect((await importFile('a.xlsx', await workbook([['宁波鲲鹏航空科技有限公司', code, '', '', '', '', '', '', '', '', '', '']]))).inserted).toBe(1);
      const renamed = await importFile('b.xlsx', await workbook([['宁波鲲鹏航天科技有限公司', code, '赵六', '', '', '', '', '', '', '', '', '']]));
      expect(renamed).toMatchObject({ inserted: 0, updated: 1 });
      const e = (await call('GET', `/api/enterprises?q=${code}`, promoter)).json().items[0];
      expect(e).toMatchObject({ name: '宁波鲲鹏航天科技有限公司', legalRep: '赵六' });
      const detail = (await call('GET', `/api/enterprises/${e.id}`, promoter)).json() as Enterprise;
      expect(detail.aliases).toMatchObject([{ name: '宁波鲲鹏航空科技有限公司', kind: 'former' }]);
    });

    it('reads CSV in UTF-8 or GB18030', async () => {
      const csv = `企业名称,统一社会信用代码,来源类型,标签\r\n"宁波, 逗号贸易有限公司",,外资,"外贸"\r\n宁波拓疆物流有限公司,,浙商回归,\r\n`;
      const utf8 = await importFile('x.csv', Buffer.from(`\uFEFF${csv}`));
      expect(utf8).toMatchObject({ status: 'done', total: 2, inserted: 2, rejected: 0 });
      // the same rows as a Chinese Excel saves them: GBK, no BOM
      const gbk = Buffer.from(iconvGbk(csv));
      expect(await importFile('y.csv', gbk)).toMatchObject({ status: 'done', inserted: 0, unchanged: 2 });
      const e = (await call('GET', `/api/enterprises?q=${encodeURIComponent('逗号贸易')}`, promoter)).json().items[0];
      expect(e).toMatchObject({ name: '宁波, 逗号贸易有限公司', origin: 'foreign', tags: ['外贸'] });
    });

    it('export is exactly the filtered list, and imports back unchanged', async () => {
      const res = await call('GET', `/api/enterprises/export?tag=${encodeURIComponent('上市公司')}`, manager);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const rows = await readSheet(res.rawPayload);
      expect(rows[0]!.slice(0, HEAD.length + 1)).toEqual([...HEAD, '别名']);
      expect(rows.length - 1).toBe(names.length);
      expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(names));

      const full = await call('GET', '/api/enterprises/export', manager);
      const job = await importFile('export.xlsx', full.rawPayload);
      const total = (await call('GET', '/api/enterprises?limit=1', manager)).json().total;
      expect(job).toMatchObject({ status: 'done', total, inserted: 0, updated: 0, unchanged: total, rejected: 0 });
    });

    it('refuses files it cannot read, and non-managers', async () => {
      const bad = await call('POST', '/api/enterprises/import', manager, { filename: 'x.xlsx', contentBase64: Buffer.from('not a zip').toString('base64') });
      expect(bad.statusCode).toBe(400);
      expect(Object.keys(bad.json().fields)).toEqual(['contentBase64']);
      const wrongType = await call('POST', '/api/enterprises/import', manager, { filename: 'x.xls', contentBase64: 'AAAA' });
      expect(Object.keys(wrongType.json().fields)).toEqual(['filename']);
      const noHeader = await importFile('h.csv', Buffer.from('甲,乙\n1,2\n'));
      expect(noHeader).toMatchObject({ status: 'failed', error: '第一行应为表头，且包含“企业名称”列' });
      expect((await call('POST', '/api/enterprises/import', promoter, { filename: 'x.csv', contentBase64: 'AAAA' })).statusCode).toBe(403);
      expect((await call('GET', '/api/enterprises/import-template', promoter)).statusCode).toBe(403);
      const tpl = await call('GET', '/api/enterprises/import-template', admin);
      expect((await readSheet(tpl.rawPayload))[0]).toEqual([...HEAD, '别名']);
    });
  });

  describe('industries', () => {
    it('serves GB/T 4754-2017 for the cascader', async () => {
      const sections = (await call('GET', '/api/industries?level=section', promoter)).json().items;
      expect(sections).toHaveLength(20);
      const soft = (await call('GET', `/api/industries?q=${encodeURIComponent('基础软件')}`, promoter)).json().items;
      expect(soft).toEqual([{ code: '6511', name: '基础软件开发', level: 'class', parent: '651', section: 'I' }]);
      expect((await call('GET', '/api/industries?parent=65', promoter)).json().items.every((x: { parent: string }) => x.parent === '65')).toBe(true);
      expect((await call('GET', '/api/industries?q=651', promoter)).json().items.map((x: { code: string }) => x.code)).toContain('6511');
    });
  });
});

/** The check character for 17 characters (the contracts' function, through a valid code). */
async function fixCode(first17: string): Promise<string> {
  const { usccCheckChar } = await import('./uscc.js');
  return first17 + usccCheckChar(first17)!;
}

/** GBK bytes of a string: Node decodes GB18030 but does not encode it, so map through a small table. */
function iconvGbk(s: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return new Uint8Array(out);
}

import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, matchKeys, nameSimilarity, normaliseName, pinyinKey, splitName } from './names.js';

describe('normaliseName', () => {
  it.each([
    ['寰采星科技（宁波）有限公司', '寰采星科技宁波有限公司'],
    ['寰采星科技(宁波)有限公司', '寰采星科技宁波有限公司'],
    ['  宁波 寰采星　科技 有限公司 ', '宁波寰采星科技有限公司'],
    ['ＡＢＢ（中国）有限公司', 'abb中国有限公司'],
    ['【测试】〔公司〕「甲」『乙』《丙》〈丁〉[戊]{己}', '测试公司甲乙丙丁戊己'],
    ['TCL科技集团股份有限公司', 'tcl科技集团股份有限公司'],
  ])('%s → %s', (raw, norm) => expect(normaliseName(raw)).toBe(norm));
});

describe('splitName', () => {
  it.each([
    // raw name, regions, trade name, industry words, form
    ['宁波寰采星科技有限公司', ['宁波'], '寰采星', ['科技'], '有限公司'],
    ['寰采星科技(宁波)有限公司', ['宁波'], '寰采星', ['科技'], '有限公司'],
    ['寰采星科技（宁波）有限公司', ['宁波'], '寰采星', ['科技'], '有限公司'],
    ['寰采星(宁波)科技有限公司', ['宁波'], '寰采星', ['科技'], '有限公司'],
    ['寰采星科技宁波有限公司', ['宁波'], '寰采星', ['科技'], '有限公司'],
    ['宁波寰采星科技', ['宁波'], '寰采星', ['科技'], ''],
    ['寰采星科技有限公司宁波分公司', ['宁波'], '寰采星', ['科技'], '有限公司分公司'],
    ['浙江省宁波市海曙区华信电子有限公司', ['浙江', '宁波', '海曙'], '华信', ['电子'], '有限公司'],
    ['宁波海曙华信网络技术有限公司', ['宁波', '海曙'], '华信', ['网络技术'], '有限公司'],
    ['阿里巴巴（中国）网络技术有限公司', ['中国'], '阿里巴巴', ['网络技术'], '有限公司'],
    ['北京四维图新科技股份有限公司', ['北京'], '四维图新', ['科技'], '股份有限公司'],
    ['江西煌上煌集团食品股份有限公司', ['江西'], '煌上煌', ['食品'], '集团股份有限公司'],
    ['中国平安保险(集团)股份有限公司', ['中国'], '平安', ['保险'], '股份有限公司集团'],
    ['烽火通信科技股份有限公司', [], '烽火', ['通信', '科技'], '股份有限公司'],
    ['华帝股份有限公司', [], '华帝', [], '股份有限公司'],
    ['上海浦东发展银行股份有限公司', ['上海'], '浦东', ['发展', '银行'], '股份有限公司'],
    // a trade name that is only an industry word gives the region back: 宁波 is the bank's name
    ['宁波银行股份有限公司', [], '宁波', ['银行'], '股份有限公司'],
    ['深圳市物业发展(集团)股份有限公司', [], '深圳', ['物业', '发展'], '股份有限公司集团'],
    ['中国石油化工股份有限公司', [], '中国', ['石油化工'], '股份有限公司'],
    ['晋能控股山西电力股份有限公司', ['山西'], '晋能', ['控股', '电力'], '股份有限公司'],
    ['宁波华翔电子股份有限公司', ['宁波'], '华翔', ['电子'], '股份有限公司'],
    ['ABB(中国)有限公司', ['中国'], 'abb', [], '有限公司'],
    ['新能源', [], '新能源', [], ''],
  ])('%s', (raw, regions, trade, industry, form) => {
    const p = splitName(raw);
    expect({ regions: p.regions, trade: p.trade, industry: p.industry, form: p.form }).toEqual({ regions, trade, industry, form });
  });

  it('reads the same enterprise written two ways alike', () => {
    const a = splitName('寰采星科技(宁波)有限公司');
    const b = splitName('宁波寰采星科技有限公司');
    expect([a.trade, a.industry]).toEqual([b.trade, b.industry]);
    expect(a.trade).toBe('寰采星');
  });

  it('gives region codes that know 海曙 lies in 宁波 in 浙江', () => {
    expect(splitName('浙江省宁波市海曙区华信电子有限公司').regionCodes).toEqual(['33', '3302', '330203']);
    expect(splitName('中国华信电子有限公司').regionCodes).toEqual(['']);
  });
});

describe('pinyinKey', () => {
  it.each([
    ['寰采星', 'huancaixing'],
    ['寰彩星', 'huancaixing'],
    ['绿源', 'lvyuan'],
    ['abb', 'abb'],
  ])('%s → %s', (s, py) => expect(pinyinKey(s)).toBe(py));
});

describe('matchKeys', () => {
  it.each([
    ['宁波寰采星科技有限公司', 'store', ['t:寰采星', 'p:huancaixing', 'w:?采星|科技', 'w:寰?星|科技', 'w:寰采?|科技']],
    ['阿里巴巴（中国）网络技术有限公司', 'query', ['t:阿里巴巴', 'p:alibaba', 'w:?里巴巴', 'w:阿?巴巴', 'w:阿里?巴', 'w:阿里巴?']],
    // short trade names pair their keys with the industry word
    ['宁波华信电子有限公司', 'store', ['t:华信', 'p:huaxin', 't:华信|电子', 'p:huaxin|电子', 'w:?信|电子', 'w:华?|电子']],
    ['宁波华信电子有限公司', 'query', ['t:华信|电子', 'p:huaxin|电子', 'w:?信|电子', 'w:华?|电子']],
    // …unless the query has no industry word: then the plain keys every row carries
    ['华信', 'query', ['t:华信', 'p:huaxin']],
    // the head of the industry words for exact and pinyin keys, all of them for wildcards
    ['华信网络科技发展有限公司', 'query', ['t:华信|科技', 'p:huaxin|科技', 'w:?信|网络科技', 'w:华?|网络科技']],
  ] as const)('%s (%s)', (name, mode, keys) => expect(matchKeys(splitName(name), mode)).toEqual(keys));

  it('finds variants through a shared key', () => {
    const stored = new Set(matchKeys(splitName('宁波寰采星科技有限公司'), 'store'));
    for (const v of ['寰采星科技（宁波）有限公司', '宁波寰彩星科技有限公司', '宁波寰采晨科技有限公司', '寰采星科技', ' 宁波 寰采星 科技 (有限公司) ']) {
      expect(matchKeys(splitName(v), 'query').some((k) => stored.has(k)), v).toBe(true);
    }
    expect(matchKeys(splitName('宁波星采寰科技有限公司'), 'query').some((k) => stored.has(k))).toBe(false);
  });
});

describe('nameSimilarity', () => {
  const sim = (a: string, b: string, trgm = 0.5) => nameSimilarity(splitName(a), splitName(b), trgm);
  it.each([
    ['宁波寰采星科技有限公司', '宁波寰采星科技有限公司', true],
    ['寰采星科技（宁波）有限公司', '宁波寰采星科技有限公司', true],
    ['宁波寰彩星科技有限公司', '宁波寰采星科技有限公司', true],
    ['寰采星科技', '宁波寰采星科技有限公司', true],
    ['平安银行股份有限公司', '中国平安保险(集团)股份有限公司', false],
    ['宁波银行股份有限公司', '北京银行股份有限公司', false],
    ['中国石油化工股份有限公司', '中国石油天然气股份有限公司', false],
    ['宁波寰采星科技有限公司', '宁波寰采星贸易有限公司', false],
  ])('%s ~ %s: likely %s', (a, b, likely) => expect(sim(a, b) >= DUPLICATE_THRESHOLD).toBe(likely));

  it('ranks the homophone of the same business above a namesake in another trade', () => {
    const q = '宁波寰彩星科技有限公司';
    expect(sim(q, '宁波寰采星科技有限公司', 0.6)).toBeGreaterThan(sim(q, '杭州寰彩星贸易有限公司', 0.4));
  });
});

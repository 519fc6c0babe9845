import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitName } from '../../apps/api/src/modules/enterprises/names.js';
import { REGION_WORDS } from '../../apps/api/src/modules/enterprises/words.js';

/**
 * Word pools for synthetic company names, all taken from real data shipped in the repository:
 * trade-name characters (with their frequencies) from real A-share company names, region words
 * from GB/T 2260 (Zhejiang) and province/city names, industry words and forms as registries use them.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function realNames(): string[] {
  const a = JSON.parse(readFileSync(resolve(ROOT, 'apps/api/src/modules/enterprises/testdata/listed-sample.json'), 'utf8')) as { names: string[] };
  // the demo seed's sample of listed companies widens the pool where it is there
  const demo = resolve(ROOT, 'apps/api/src/seeds/data/listed-companies-sample.json');
  const b = existsSync(demo) ? (JSON.parse(readFileSync(demo, 'utf8')) as { companies: { fullName: string }[] }).companies : [];
  return [...new Set([...a.names, ...b.map((c) => c.fullName)])];
}

export type Pools = {
  tradeChars: string[];
  tradeWeights: number[];
  regions: string[];
  industries: string[];
  industryWeights: number[];
};

export function loadPools(): Pools {
  const freq = new Map<string, number>();
  for (const n of realNames()) {
    for (const c of splitName(n).trade) if (/\p{Script=Han}/u.test(c)) freq.set(c, (freq.get(c) ?? 0) + 1);
  }
  const chars = [...freq.keys()];
  // Zhejiang's cities and counties as names write them (宁波, 宁波市, 海曙), and a few places beyond
  const regions = [...REGION_WORDS.entries()].filter(([, w]) => w.code.startsWith('33')).map(([word]) => word);
  regions.push('上海', '北京', '江苏', '深圳', '广州', '苏州', '南京', '合肥', '福建', '厦门', '武汉', '成都');
  // common industry words first, weighted as they appear in real registrations
  const common = ['科技', '贸易', '电子', '网络科技', '信息技术', '机械', '新材料', '建设', '工程', '投资', '实业', '智能科技', '商贸', '物流', '文化传媒', '医药', '食品', '服饰', '五金', '塑业', '环保科技', '新能源', '汽车零部件', '电器', '家居', '进出口', '供应链管理', '企业管理咨询', '生物科技', '光电'];
  const rare = ['模具', '包装', '印刷', '纺织', '化工', '建材', '装饰工程', '教育科技', '健康科技', '医疗器械', '电气', '自动化', '精密机械', '橡塑', '金属制品', '轴承', '阀门', '水产', '农业发展', '园林', '酒店管理', '餐饮管理', '广告', '软件', '数据科技', '半导体', '通信', '光伏', '储能', '检测'];
  return {
    tradeChars: chars,
    tradeWeights: chars.map((c) => freq.get(c)!),
    regions,
    industries: [...common, ...rare],
    industryWeights: [...common.map(() => 4), ...rare.map(() => 1)],
  };
}

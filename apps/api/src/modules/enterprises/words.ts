import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT_DIR } from '../../platform/config.js';

/**
 * Word lists for splitting Chinese company names: region words (GB/T 2260), industry words and
 * company forms. Region words carry a code prefix so that 海曙 is known to lie in 宁波 and 浙江.
 */

type Division = { code: string; code6?: string; name: string; cities?: Division[]; districts?: Division[] };

/** Provinces and province-level regions of China with their GB/T 2260 2-digit codes. */
const PROVINCES: [string, string][] = [
  ['北京市', '11'], ['天津市', '12'], ['河北省', '13'], ['山西省', '14'], ['内蒙古自治区', '15'],
  ['辽宁省', '21'], ['吉林省', '22'], ['黑龙江省', '23'], ['上海市', '31'], ['江苏省', '32'],
  ['浙江省', '33'], ['安徽省', '34'], ['福建省', '35'], ['江西省', '36'], ['山东省', '37'],
  ['河南省', '41'], ['湖北省', '42'], ['湖南省', '43'], ['广东省', '44'], ['广西壮族自治区', '45'],
  ['海南省', '46'], ['重庆市', '50'], ['四川省', '51'], ['贵州省', '52'], ['云南省', '53'],
  ['西藏自治区', '54'], ['陕西省', '61'], ['甘肃省', '62'], ['青海省', '63'], ['宁夏回族自治区', '64'],
  ['新疆维吾尔自治区', '65'], ['台湾省', '71'], ['香港特别行政区', '81'], ['澳门特别行政区', '82'],
];

/** Major cities outside Zhejiang (prefecture level, GB/T 2260 4-digit codes). */
const CITIES: [string, string][] = [
  ['石家庄市', '1301'], ['唐山市', '1302'], ['秦皇岛市', '1303'], ['邯郸市', '1304'], ['保定市', '1306'], ['太原市', '1401'], ['大同市', '1402'],
  ['呼和浩特市', '1501'], ['包头市', '1502'], ['鄂尔多斯市', '1506'], ['沈阳市', '2101'], ['大连市', '2102'], ['鞍山市', '2103'], ['抚顺市', '2104'],
  ['长春市', '2201'], ['哈尔滨市', '2301'], ['大庆市', '2306'], ['南京市', '3201'], ['无锡市', '3202'], ['徐州市', '3203'], ['常州市', '3204'],
  ['苏州市', '3205'], ['南通市', '3206'], ['连云港市', '3207'], ['淮安市', '3208'], ['盐城市', '3209'], ['扬州市', '3210'], ['镇江市', '3211'],
  ['泰州市', '3212'], ['宿迁市', '3213'], ['合肥市', '3401'], ['芜湖市', '3402'], ['蚌埠市', '3403'], ['淮南市', '3404'], ['马鞍山市', '3405'],
  ['铜陵市', '3407'], ['安庆市', '3408'], ['黄山市', '3410'], ['滁州市', '3411'], ['阜阳市', '3412'], ['福州市', '3501'], ['厦门市', '3502'],
  ['莆田市', '3503'], ['泉州市', '3505'], ['漳州市', '3506'], ['南平市', '3507'], ['龙岩市', '3508'], ['南昌市', '3601'], ['景德镇市', '3602'],
  ['九江市', '3604'], ['赣州市', '3607'], ['济南市', '3701'], ['青岛市', '3702'], ['淄博市', '3703'], ['烟台市', '3706'], ['潍坊市', '3707'],
  ['济宁市', '3708'], ['泰安市', '3709'], ['威海市', '3710'], ['日照市', '3711'], ['临沂市', '3713'], ['郑州市', '4101'], ['开封市', '4102'],
  ['洛阳市', '4103'], ['平顶山市', '4104'], ['安阳市', '4105'], ['新乡市', '4107'], ['焦作市', '4108'], ['濮阳市', '4109'], ['许昌市', '4110'],
  ['南阳市', '4113'], ['武汉市', '4201'], ['黄石市', '4202'], ['十堰市', '4203'], ['宜昌市', '4205'], ['襄阳市', '4206'], ['荆州市', '4210'],
  ['长沙市', '4301'], ['株洲市', '4302'], ['湘潭市', '4303'], ['衡阳市', '4304'], ['岳阳市', '4306'], ['常德市', '4307'], ['广州市', '4401'],
  ['韶关市', '4402'], ['深圳市', '4403'], ['珠海市', '4404'], ['汕头市', '4405'], ['佛山市', '4406'], ['江门市', '4407'], ['湛江市', '4408'],
  ['茂名市', '4409'], ['肇庆市', '4412'], ['惠州市', '4413'], ['梅州市', '4414'], ['清远市', '4418'], ['东莞市', '4419'], ['中山市', '4420'],
  ['潮州市', '4451'], ['揭阳市', '4452'], ['南宁市', '4501'], ['柳州市', '4502'], ['桂林市', '4503'], ['北海市', '4505'], ['海口市', '4601'],
  ['三亚市', '4602'], ['成都市', '5101'], ['自贡市', '5103'], ['攀枝花市', '5104'], ['泸州市', '5105'], ['德阳市', '5106'], ['绵阳市', '5107'],
  ['宜宾市', '5115'], ['贵阳市', '5201'], ['遵义市', '5203'], ['昆明市', '5301'], ['拉萨市', '5401'], ['西安市', '6101'], ['宝鸡市', '6103'],
  ['咸阳市', '6104'], ['兰州市', '6201'], ['西宁市', '6301'], ['银川市', '6401'], ['乌鲁木齐市', '6501'],
];

const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '畲族自治县', '自治区', '自治县', '省', '市', '区', '县'];

/** The name without its administrative suffix (宁波市 → 宁波, 景宁畲族自治县 → 景宁), if at least two characters remain. */
function baseName(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}

export type RegionWord = { canonical: string; code: string };

function buildRegions(): Map<string, RegionWord> {
  const words = new Map<string, RegionWord>();
  const add = (name: string, code: string) => {
    const canonical = baseName(name);
    for (const w of [name, canonical]) if (!words.has(w)) words.set(w, { canonical, code });
  };
  // the country: compatible with every region
  add('中华人民共和国', '');
  add('中国', '');
  const d = JSON.parse(readFileSync(resolve(ROOT_DIR, 'packages/db/reference/divisions-zhejiang.json'), 'utf8')) as { province: Division };
  // Zhejiang first: its districts win over a same-named one elsewhere (普陀)
  add(d.province.name, d.province.code);
  for (const c of d.province.cities ?? []) {
    add(c.name, c.code);
    for (const x of c.districts ?? []) add(x.name, x.code);
  }
  for (const [name, code] of PROVINCES) add(name, code);
  for (const [name, code] of CITIES) add(name, code);
  // 内蒙古 etc. are also written without 自治区; 广西/宁夏/新疆/西藏 are covered by baseName
  add('内蒙古', '15');
  return words;
}

export const REGION_WORDS: ReadonlyMap<string, RegionWord> = buildRegions();

/**
 * Industry words (行业用语) that follow the trade name, longest forms included. Generic ones
 * (发展, 实业, 控股…) are split off like the rest but do not count when industries are compared.
 */
export const GENERIC_INDUSTRY_WORDS = new Set([
  '发展', '实业', '控股', '企业', '产业', '国际', '经营', '开发', '创新', '创业', '投资发展', '事业', '商业', '综合', '股份', '联合', '集团控股', '中国',
]);

const INDUSTRY_LIST = `
科技 技术 网络技术 网络科技 信息技术 信息科技 智能科技 电子科技 生物科技 新材料科技 环保科技 能源科技 数字科技 数据科技 医疗科技 汽车科技 光电科技
网络 信息 电子 电子商务 电子技术 电子信息 电器 电气 电力 电机 电缆 线缆 光缆 光电 光伏 光学 光电子 半导体 集成电路 芯片 微电子 通信 通讯 电讯 电信 物联网
软件 软件技术 系统 数据 大数据 云计算 人工智能 智能 智能装备 智能制造 数字 数码 计算机 互联网 传感 自动化 机器人 仪器 仪表 精密 精工 精密机械 测控
新能源 能源 清洁能源 储能 锂电 锂电池 电池 动力电池 燃气 天然气 石油 石化 石油化工 化工 化学 化学工业 化纤 热电 发电 电力设备 水务 水电 供水 供热 节能 节能环保
环保 环境 环境科技 生态 环境工程 新材料 材料 复合材料 高分子 塑料 塑胶 塑业 橡胶 橡塑 钢铁 钢结构 钢管 铸管 不锈钢 金属 有色金属 铝业 铜业 合金 稀土 矿业 矿产 煤业 煤炭 煤电 黄金 资源
水泥 建材 陶瓷 玻璃 石材 木业 家居 家具 家纺 纺织 印染 服饰 服装 制衣 鞋业 皮革 箱包 针织 丝绸 羊绒 化妆品 日化 日用品 用品 洗涤
食品 饮品 饮料 乳业 乳品 酒业 白酒 啤酒 葡萄酒 茶业 茶叶 粮油 油脂 米业 面业 调味品 水产 肉类 肉业 禽业 牧业 畜牧 养殖 种业 种植 农业 林业 渔业 农牧 农产品 农药 化肥 肥业 饲料 果蔬 蔬菜 花卉 园艺 园林 景观 绿化
医药 药业 制药 生物 生物医药 生物技术 生物工程 医疗 医疗器械 医疗设备 器械 健康 大健康 养老 康复 诊断 基因 疫苗 中药 药房 医院 卫生 保健
机械 机械设备 设备 装备 重工 轻工 机电 机床 工具 模具 五金 紧固件 轴承 阀门 泵业 液压 气动 传动 齿轮 锻造 铸造 铸件 压铸 标准件 零部件 配件 汽车 汽车零部件 汽配 车业 汽车部件 新能源汽车 摩托车 电动车 自行车 船舶 海洋 航空 航天 航空装备 轨道交通 动力 发动机
工业 制造 制品 金属制品 加工 包装 印刷 纸业 造纸 文具 玩具 工艺品 工艺 礼品 体育用品 运动 乐器
建设 建筑 建筑工程 工程 建工 路桥 市政 公路 铁路 交通 隧道 水利 装饰 装修 装饰工程 幕墙 门窗 房地产 地产 置业 房产 物业 物业管理 不动产 城市建设 城建 城投 规划 设计 勘察 测绘 监理 造价
贸易 商贸 国际贸易 进出口 外贸 经贸 供应链 物流 供应链管理 国际物流 运输 货运 航运 港口 码头 快递 仓储 冷链 商务 电商 零售 批发 百货 超市 连锁 商城 商场 销售 营销 代理 经销
投资 投资管理 资产管理 资本 资本管理 基金 基金管理 金融 金融服务 金融信息 银行 证券 保险 期货 信托 租赁 融资租赁 担保 典当 小额贷款 财富 财务 会计 税务 审计
管理 咨询 管理咨询 企业管理 信息咨询 服务 技术服务 信息服务 人力资源 劳务 外包 广告 传媒 文化 文化传媒 文化传播 传播 影视 影业 娱乐 游戏 动漫 出版 出版传媒 演艺 艺术 会展 展览
教育 培训 教育科技 体育 旅游 旅行 酒店 餐饮 酒店管理 食品科技 检测 检验 认证 质检 评估 知识产权 法律 安防 消防 安全 保安 清洁 环卫 家政 物业服务
发展 实业 控股 企业 产业 国际 经营 开发 创新 创业 投资发展 事业 商业 综合 股份 联合 集团控股
`;

export const INDUSTRY_WORDS: ReadonlySet<string> = new Set(INDUSTRY_LIST.split(/\s+/).filter((w) => w.length >= 2));

/** Company forms, stripped from the end of a name (longest first). */
export const FORM_WORDS: ReadonlySet<string> = new Set([
  '股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '总公司', '分公司', '子公司', '公司', '集团',
  '特殊普通合伙', '有限合伙', '普通合伙', '合伙企业', '个人独资企业', '独资企业', '分厂', '厂',
  '经营部', '门市部', '商行', '工作室', '事务所', '专业合作社', '合作社', '研究院', '研究所', '办事处', '代表处',
]);

/** Form words that may also stand between the trade name and the industry (煌上煌集团食品). */
export const MID_FORM_WORDS: ReadonlySet<string> = new Set(['集团']);

/** Bracketed words that are part of the form, e.g. 北京首旅酒店(集团)股份有限公司. */
export const BRACKET_FORMS: ReadonlySet<string> = new Set(['集团', '控股', '有限合伙', '普通合伙', '特殊普通合伙', '集团控股', '控股集团']);

export const maxLen = (words: Iterable<string>) => Math.max(...[...words].map((w) => w.length));

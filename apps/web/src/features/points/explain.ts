import type { TFunction } from 'i18next';
import type { PointEntry } from '@wutong/contracts';

const loc = (lang: string) => (lang === 'en-US' ? 'en-US' : 'zh-CN');

/** A factor or base as typed: 1.5, 5, 0.25 (no trailing zeros). */
export const formatFactor = (n: number, lang = 'zh-CN') => n.toLocaleString(loc(lang), { maximumFractionDigits: 4 });

/** Points with two decimals: "5.40", "-3.00". */
export const formatPoints = (n: number, lang = 'zh-CN') =>
  n.toLocaleString(loc(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'negative' }).replace('-', '−');

/** "60%" from 6000 basis points; "33.33%" where it is not whole. */
export const formatShare = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;

/**
 * One ledger entry in words: "签约 5 分 × 规模系数 1.5 × 重点区块 1.2 × 份额 60% = 5.40 分，规则第2版".
 * A reversal says which entry it cancels and carries the −1.
 */
export function explainPoint(e: Pick<PointEntry, 'points' | 'reversesId' | 'explanation'>, t: TFunction, lang = 'zh-CN'): string {
  const x = e.explanation;
  const terms: string[] = [];
  if (x.capital) {
    const usd = x.capital.category === 'foreign_usd';
    terms.push(
      t('assessment.points.explain.capital', {
        category: t(`assessment.points.explain.categories.${x.capital.category as 'foreign_usd'}`, { defaultValue: x.capital.category }),
        amount: x.capital.amountWan.toLocaleString(loc(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
        unit: usd ? t('assessment.points.explain.wanUsd') : t('assessment.points.explain.wanCny'),
        perWan: formatFactor(x.capital.perWan, lang),
      }),
    );
  } else {
    terms.push(t('assessment.points.explain.base', { event: t(`assessment.points.events.${x.event}`), points: formatFactor(x.base, lang) }));
  }
  for (const m of x.multipliers) terms.push(t(`assessment.points.explain.multipliers.${m.kind}`, { f: formatFactor(m.factor, lang) }));
  terms.push(t('assessment.points.explain.share', { share: formatShare(x.shareBp) }));
  const expr = terms.join(' × ');
  const result = t('assessment.points.explain.result', { points: formatPoints(e.points, lang), version: x.ruleVersion });
  if (e.reversesId !== null) return `${t('assessment.points.explain.reversal', { id: e.reversesId })}${expr} ${result}`;
  return `${expr} ${result}`;
}

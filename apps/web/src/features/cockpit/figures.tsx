import type { KeyboardEvent, ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Headline, IndicatorCode } from '@wutong/contracts';
import { decimal, formatNumber, formatValue, indicatorName, indicatorUnit, percent, unitLabel } from '../../shared/format';
import { aheadPoints } from './ahead-points';

/** Enter and Space open a figure like a click does. */
export const pressable = (onPress: () => void) => ({
  role: 'button' as const,
  tabIndex: 0,
  onClick: onPress,
  onKeyDown: (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onPress();
    }
  },
});

/** Completion as a bar, with a tick where 序时进度 stands. */
export function PaceBar({ completion, timeProgress }: { completion: number | null; timeProgress: number }) {
  const ahead = completion !== null && completion >= timeProgress;
  return (
    <div className="ck-pace" aria-hidden>
      <div className={`ck-pace-fill ${ahead ? 'ahead' : 'behind'}`} style={{ width: `${Math.min(100, Math.max(0, (completion ?? 0) * 100))}%` }} />
      <div className="ck-pace-tick" style={{ left: `${Math.min(100, Math.max(0, timeProgress * 100))}%` }} />
    </div>
  );
}

/** "超序时 3.2 个百分点" with a coloured dot (never colour alone). */
export function PaceText({ completion, timeProgress }: { completion: number | null; timeProgress: number }) {
  const { t } = useTranslation();
  const pts = aheadPoints(completion, timeProgress);
  if (pts === null) return null;
  const tone = pts > 0 ? 'ahead' : pts < 0 ? 'behind' : 'even';
  const text = pts > 0 ? t('cockpit.ahead', { n: decimal(pts, 1) }) : pts < 0 ? t('cockpit.behind', { n: decimal(-pts, 1) }) : t('cockpit.onPace');
  return (
    <span className={`ck-pace-text ${tone}`} data-testid="pace" data-tone={tone}>
      <span className="ck-dot" aria-hidden />
      {text}
    </span>
  );
}

export function RankText({ rank, short }: { rank: Headline['rank']; short?: boolean }) {
  const { t } = useTranslation();
  if (!rank) return null;
  const full = t('cockpit.rank', { kind: t(`org.kinds.${rank.kind}`), rank: rank.rank, of: rank.of });
  return (
    <span className="ck-rank" data-testid="rank" title={full}>
      {short ? t('cockpit.rankShort', { rank: rank.rank, of: rank.of }) : full}
    </span>
  );
}

/**
 * A headline figure: the big number and its unit, the target, the completion rate against 序时进度,
 * the rank. Clicking it opens the records behind it.
 */
export function HeadlineFigure({ h, onOpen, targetsLink, shortRank, extra }: { h: Headline; onOpen: () => void; targetsLink?: boolean; shortRank?: boolean; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unit = indicatorUnit(h.indicator);
  return (
    <div className="ck-figure" data-testid={`headline-${h.indicator}`} {...pressable(onOpen)} aria-label={`${indicatorName(h.indicator, lang)} ${formatValue(unit, h.value, lang)}`}>
      <div className="ck-figure-head">
        <span className="ck-figure-name">{indicatorName(h.indicator, lang)}</span>
        <RankText rank={h.rank} short={shortRank} />
      </div>
      <div className="ck-figure-value">
        <span className="ck-num" data-testid="figure-value" data-value={h.value}>
          {formatNumber(unit, h.value)}
        </span>
        <span className="ck-unit">{unitLabel(unit, lang)}</span>
      </div>
      {h.target !== null ? (
        <>
          <div className="ck-figure-meta">
            <span>{t('cockpit.target', { value: formatValue(unit, h.target, lang) })}</span>
            <span>
              {t('cockpit.completion')} <strong data-testid="completion">{percent(h.completion)}</strong>
            </span>
          </div>
          <PaceBar completion={h.completion} timeProgress={h.timeProgress} />
          <div className="ck-figure-meta">
            <span data-testid="time-progress">{t('cockpit.timeProgress', { p: percent(h.timeProgress) })}</span>
            <PaceText completion={h.completion} timeProgress={h.timeProgress} />
          </div>
        </>
      ) : (
        <div className="ck-figure-meta ck-no-target">
          <span>{t('cockpit.noTarget')}</span>
          {targetsLink ? (
            <Link to="/targets" onClick={(e) => e.stopPropagation()} data-testid="set-target-link">
              {t('cockpit.setTarget')}
            </Link>
          ) : null}
        </div>
      )}
      {extra}
    </div>
  );
}

/** A smaller figure (signing, construction, talents, energy, CO₂): the value and, when set, the completion rate. */
export function StatFigure({ code, h, onOpen }: { code: IndicatorCode; h: Headline; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unit = indicatorUnit(code);
  return (
    <div className="ck-stat" data-testid={`stat-${code}`} {...pressable(onOpen)}>
      <span className="ck-stat-name">{indicatorName(code, lang)}</span>
      <span className="ck-stat-value">
        <span className="ck-num" data-testid="figure-value" data-value={h.value}>
          {formatNumber(unit, h.value)}
        </span>
        <span className="ck-unit">{unitLabel(unit, lang)}</span>
      </span>
      <span className="ck-stat-meta">{h.target !== null ? `${t('cockpit.completion')} ${percent(h.completion)}` : t('cockpit.noTarget')}</span>
    </div>
  );
}

import { useMemo, useState, type ReactNode } from 'react';
import { Empty, Segmented, Select, Skeleton } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { INDICATORS, type IndicatorCode, type UnitKind } from '@wutong/contracts';
import { useCompletionRanking } from '../assessment';
import { useUnitRanking } from '../points';
import { decimal, formatValue, indicatorName, indicatorUnit, percent, periodText } from '../../shared/format';
import { pressable } from './figures';
import { EmptyState } from '../../shared/list-page';

export type RankRow = {
  key: string;
  rank: number;
  name: string;
  main: ReactNode;
  sub?: ReactNode;
  /** 0..1, drawn as a bar under the name */
  bar?: number;
  change?: number | null;
  highlight?: boolean;
  onOpen: () => void;
  testId?: string;
};

function Change({ change }: { change: number | null | undefined }) {
  const { t } = useTranslation();
  if (change === undefined) return null;
  if (change === null)
    return (
      <span className="ck-change new" title={t('cockpit.moved.new')}>
        {t('cockpit.moved.newShort')}
      </span>
    );
  if (change === 0)
    return (
      <span className="ck-change same" title={t('cockpit.moved.same')} aria-label={t('cockpit.moved.same')}>
        <MinusOutlined />
      </span>
    );
  const up = change > 0;
  return (
    <span className={`ck-change ${up ? 'up' : 'down'}`} title={t(up ? 'cockpit.moved.up' : 'cockpit.moved.down', { n: Math.abs(change) })}>
      {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
      {Math.abs(change)}
    </span>
  );
}

/**
 * A ranking as rows: the place, the name (and a bar), the figure; each row opens its records. The
 * highlighted row (the unit the cockpit shows) is always there, after the top ones if it is below them.
 */
export function RankList({ rows, testId, limit }: { rows: RankRow[]; testId: string; limit?: number }) {
  let shown = limit ? rows.slice(0, limit) : rows;
  const mine = rows.find((r) => r.highlight);
  if (limit && mine && !shown.includes(mine)) shown = [...rows.slice(0, limit - 1), mine];
  return (
    <ol className={`ck-ranklist${rows.some((r) => r.change !== undefined) ? '' : ' no-change'}`} data-testid={testId}>
      {shown.map((r) => (
        <li key={r.key} className={`ck-rankrow${r.highlight ? ' mine' : ''}`} data-testid={r.testId ?? 'rank-row'} {...pressable(r.onOpen)}>
          <span className={`ck-place p${Math.min(r.rank, 4)}`}>{r.rank}</span>
          <span className="ck-rank-name">
            <span className="ck-rank-label" title={r.name}>
              {r.name}
            </span>
            {r.bar !== undefined ? (
              <span className="ck-rank-bar" aria-hidden>
                <span style={{ width: `${Math.min(100, Math.max(0, r.bar * 100))}%` }} />
              </span>
            ) : null}
          </span>
          <span className="ck-rank-main">
            {r.main}
            {r.sub ? <span className="ck-rank-sub">{r.sub}</span> : null}
          </span>
          <Change change={r.change} />
        </li>
      ))}
    </ol>
  );
}

/** Which kind of unit to show first: the one the cockpit's unit is ranked in, else townships, else the first. */
function pickKind(kinds: UnitKind[], preferred?: UnitKind): UnitKind | undefined {
  if (preferred && kinds.includes(preferred)) return preferred;
  if (kinds.includes('township')) return 'township';
  return kinds[0];
}

function KindSwitch({ kinds, value, onChange, size }: { kinds: UnitKind[]; value?: UnitKind; onChange: (k: UnitKind) => void; size?: 'small' | 'middle' }) {
  const { t } = useTranslation();
  if (kinds.length < 2) return null;
  return <Segmented<UnitKind> size={size ?? 'small'} value={value} onChange={onChange} options={kinds.map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))} />;
}

type RankingProps = {
  year: number;
  /** the kind switch goes under the title (narrow panels) rather than beside it */
  kindsInBody?: boolean;
  /** the unit the cockpit shows: its row is highlighted and its kind shown first */
  unitId: number;
  preferredKind?: UnitKind;
  limit?: number;
  compact?: boolean;
  canSetTargets?: boolean;
};

/** 目标完成率排名 of one indicator, within one kind of unit. */
export function useCompletionRankingView({ year, unitId, preferredKind, limit, compact, canSetTargets, kindsInBody, onOpen }: RankingProps & { onOpen: (code: IndicatorCode, unitId: number, unitName: string, actual: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [indicator, setIndicator] = useState<IndicatorCode>('enterprises_introduced');
  const [kind, setKind] = useState<UnitKind | undefined>();
  const ranking = useCompletionRanking(year, indicator);
  const groups = useMemo(() => (ranking.data?.groups ?? []).filter((g) => g.items.length), [ranking.data]);
  const kinds = groups.map((g) => g.kind);
  const current = kind && kinds.includes(kind) ? kind : pickKind(kinds, preferredKind);
  const group = groups.find((g) => g.kind === current);
  const unit = indicatorUnit(indicator);

  const controls = (
    <div className="ck-rank-controls">
      <Select<IndicatorCode>
        size="small"
        value={indicator}
        onChange={setIndicator}
        style={{ width: compact ? 150 : 170 }}
        popupMatchSelectWidth={false}
        options={INDICATORS.map((i) => ({ value: i.code, label: indicatorName(i.code, lang) }))}
        data-testid="completion-indicator"
      />
      {kindsInBody ? null : <KindSwitch kinds={kinds} value={current} onChange={setKind} />}
    </div>
  );

  let body: ReactNode;
  if (ranking.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (ranking.error) body = <EmptyState description={ranking.error.message} />;
  else if (!group)
    body = (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <span>
            {t('cockpit.noRankingTargets', { year })}
            {canSetTargets ? (
              <>
                {' '}
                <Link to="/targets">{t('cockpit.setTarget')}</Link>
              </>
            ) : null}
          </span>
        }
      />
    );
  else
    body = (
      <>
        <div className="ck-rank-caption">
          {kindsInBody ? <KindSwitch kinds={kinds} value={current} onChange={setKind} /> : null}
          <span>
            {t('cockpit.timeProgress', { p: percent(ranking.data?.timeProgress) })} · {t(`org.kinds.${group.kind}`)} {t('cockpit.unitsCount', { n: group.items.length })}
          </span>
        </div>
        <RankList
          testId="completion-ranking"
          limit={limit}
          rows={group.items.map((r) => ({
            key: String(r.unitId),
            rank: r.rank,
            name: r.unitName,
            main: <strong>{percent(r.completion)}</strong>,
            sub: `${formatValue(unit, r.actual, lang)} / ${formatValue(unit, r.target, lang)}`,
            bar: r.completion ?? 0,
            highlight: r.unitId === unitId,
            onOpen: () => onOpen(indicator, r.unitId, r.unitName, r.actual),
          }))}
        />
      </>
    );
  return { controls, body };
}

/** 积分排名 of a year, within one kind of unit, with the change since the previous year. */
export function usePointsRankingView({ year, unitId, preferredKind, limit, kindsInBody, onOpen }: RankingProps & { onOpen: (unitId: number, unitName: string, period: string, periodText: string, points: number) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const period = String(year);
  const [kind, setKind] = useState<UnitKind | undefined>();
  const ranking = useUnitRanking(period);
  const groups = useMemo(() => (ranking.data?.groups ?? []).filter((g) => g.items.length), [ranking.data]);
  const kinds = groups.map((g) => g.kind);
  const current = kind && kinds.includes(kind) ? kind : pickKind(kinds, preferredKind);
  const group = groups.find((g) => g.kind === current);
  const max = Math.max(1, ...(group?.items.map((r) => r.points) ?? []));
  const periodName = periodText(period, lang);

  const controls = kindsInBody ? null : (
    <div className="ck-rank-controls">
      <KindSwitch kinds={kinds} value={current} onChange={setKind} />
    </div>
  );
  let body: ReactNode;
  if (ranking.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (ranking.error) body = <EmptyState description={ranking.error.message} />;
  else if (!group) body = <EmptyState description={t('cockpit.noPoints', { period: periodText })} />;
  else
    body = (
      <>
        <div className="ck-rank-caption">
          {kindsInBody ? <KindSwitch kinds={kinds} value={current} onChange={setKind} /> : null}
          <span>
            {periodName} · {t(`org.kinds.${group.kind}`)} {t('cockpit.unitsCount', { n: group.items.length })} · {t('cockpit.comparedWith', { period: periodText(ranking.data!.previous, lang) })}
          </span>
        </div>
        <RankList
          testId="points-ranking"
          limit={limit}
          rows={group.items.map((r) => ({
            key: String(r.unitId),
            rank: r.rank,
            name: r.unitName,
            main: (
              <strong>
                {decimal(r.points)} <span className="ck-rank-unit">{t('cockpit.pointsUnit')}</span>
              </strong>
            ),
            bar: r.points / max,
            change: r.change,
            highlight: r.unitId === unitId,
            onOpen: () => onOpen(r.unitId, r.unitName, period, periodName, r.points),
          }))}
        />
      </>
    );
  return { controls, body };
}

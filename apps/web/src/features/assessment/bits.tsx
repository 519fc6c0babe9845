import type { ReactNode } from 'react';
import { Button, DatePicker, Flex, Segmented, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { PeriodKind, UnitKind } from '@wutong/contracts';
import { convertPeriod, currentPeriod, parsePeriod, shiftPeriod, type Period } from './periods';
import { percent, periodText, punct } from '../../shared/format';
import { periodOfDate } from '@wutong/contracts';

export const AHEAD = '#389e0d';
export const BEHIND = '#d46b08';

/** The unit kinds that are ranked, in the order the pages show them. */
export const RANKED_KINDS: UnitKind[] = ['township', 'department', 'park', 'state_company'];

/**
 * Completion against 序时进度: the bar fills to the completion rate, a dark tick marks the share of
 * the target due by today; green when at or ahead of it, orange when behind — and the words say so.
 */
export function CompletionBar({
  completion,
  timeProgress,
  width = 150,
  withTime,
  testId,
}: {
  completion: number | null;
  timeProgress: number;
  width?: number;
  /** a second line with the 序时进度 figure */
  withTime?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  if (completion === null) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-completion="">
        {t('assessment.noTarget')}
      </Typography.Text>
    );
  }
  const ahead = completion >= timeProgress;
  const gap = Math.abs(completion - timeProgress) * 100;
  const color = ahead ? AHEAD : BEHIND;
  const reason = ahead ? t('assessment.aheadBy', { pp: gap.toFixed(1), tp: percent(timeProgress) }) : t('assessment.behindBy', { pp: gap.toFixed(1), tp: percent(timeProgress) });
  const bar = (
    <Flex align="center" gap={8}>
      <span style={{ position: 'relative', width, height: 8, borderRadius: 4, background: '#eef1f5', flex: 'none' }}>
        <span style={{ position: 'absolute', insetBlock: 0, insetInlineStart: 0, width: `${Math.min(1, completion) * 100}%`, borderRadius: 4, background: color }} />
        <span
          aria-hidden
          style={{ position: 'absolute', top: -3, bottom: -3, insetInlineStart: `calc(${Math.min(1, timeProgress) * 100}% - 1px)`, width: 2, background: '#1f2a3d', borderRadius: 1 }}
        />
      </span>
      <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, color, minWidth: 52, textAlign: 'right' }}>{percent(completion)}</span>
      <span style={{ fontSize: 12, color, whiteSpace: 'nowrap' }}>{ahead ? t('assessment.ahead') : t('assessment.behind')}</span>
    </Flex>
  );
  return (
    <Tooltip title={reason}>
      <div data-testid={testId} data-completion={completion.toFixed(4)} data-ahead={ahead ? '1' : '0'} aria-label={`${percent(completion)}${punct(i18n.language).list}${reason}`}>
        {bar}
        {withTime ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assessment.timeLine', { tp: percent(timeProgress) })}
          </Typography.Text>
        ) : null}
      </div>
    </Tooltip>
  );
}

/** ↑2 / ↓1 / — / 新: the change in rank since the previous period. */
export function RankChange({ change, previousRank }: { change: number | null; previousRank: number | null }) {
  const { t } = useTranslation();
  if (previousRank === null || change === null)
    return (
      <Tag color="blue" bordered={false} data-testid="rank-change" data-change="new" style={{ marginInlineEnd: 0 }}>
        {t('assessment.rankings.new')}
      </Tag>
    );
  if (change === 0)
    return (
      <Tooltip title={t('assessment.rankings.sameAs', { rank: previousRank })}>
        <Typography.Text type="secondary" data-testid="rank-change" data-change="0">
          —
        </Typography.Text>
      </Tooltip>
    );
  const up = change > 0;
  return (
    <Tooltip title={t('assessment.rankings.was', { rank: previousRank })}>
      <span data-testid="rank-change" data-change={String(change)} style={{ color: up ? AHEAD : BEHIND, fontWeight: 600, whiteSpace: 'nowrap' }}>
        {up ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
        {Math.abs(change)}
      </span>
    </Tooltip>
  );
}

const MEDALS = ['#d4a017', '#9ba7b4', '#c27c46'];

/** The rank as a badge: gold, silver and bronze for the first three (ties share them). */
export function RankBadge({ rank }: { rank: number }) {
  const medal = MEDALS[rank - 1];
  return (
    <span
      data-testid="rank"
      data-rank={rank}
      style={{
        display: 'inline-grid',
        placeItems: 'center',
        minWidth: 26,
        height: 26,
        padding: '0 6px',
        borderRadius: 13,
        fontWeight: 700,
        fontVariantNumeric: 'tabular-nums',
        background: medal ?? '#f0f2f5',
        color: medal ? '#fff' : 'rgba(0,0,0,0.65)',
      }}
    >
      {rank}
    </span>
  );
}

const fromDayjs = (d: Dayjs, kind: PeriodKind) => periodOfDate(kind, d.format('YYYY-MM-DD')) as Period;

/** Month / quarter / year, then the period itself, with ‹ › to step; shows "2026年11月", "2026年第4季度", "2026年". */
export function PeriodPicker({ value, onChange, allowClear, testId = 'period' }: { value?: string; onChange: (key: string | undefined) => void; allowClear?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  const p = parsePeriod(value);
  const kind: PeriodKind = p?.kind ?? 'month';
  const now = currentPeriod(kind);
  const isLatest = !!p && p.start >= now.start;
  const set = (next: Period) => onChange(next.key);
  return (
    <Flex gap={8} align="center" wrap data-testid={testId}>
      <Segmented<PeriodKind>
        value={kind}
        onChange={(k) => set(p ? convertPeriod(p, k) : currentPeriod(k))}
        options={(['month', 'quarter', 'year'] as const).map((k) => ({ value: k, label: <span data-testid={`${testId}-kind-${k}`}>{t(`assessment.periods.${k}`)}</span> }))}
      />
      <Flex gap={0} align="center">
        <Button type="text" icon={<LeftOutlined />} aria-label={t('assessment.periods.previous')} disabled={!p} onClick={() => p && set(shiftPeriod(p, -1))} data-testid={`${testId}-prev`} />
        <DatePicker
          picker={kind}
          allowClear={!!allowClear}
          value={p ? dayjs(p.start) : null}
          placeholder={t('assessment.periods.any')}
          format={(d) => periodText(fromDayjs(d, kind).key, i18n.language)}
          disabledDate={(d) => fromDayjs(d, kind).start > now.start}
          onChange={(d: Dayjs | null) => onChange(d ? fromDayjs(d, kind).key : undefined)}
          style={{ width: 150 }}
          data-testid={`${testId}-picker`}
        />
        <Button type="text" icon={<RightOutlined />} aria-label={t('assessment.periods.next')} disabled={!p || isLatest} onClick={() => p && set(shiftPeriod(p, 1))} data-testid={`${testId}-next`} />
      </Flex>
    </Flex>
  );
}

/** A year picker ("2026年"). */
export function YearPicker({ value, onChange, testId }: { value: number; onChange: (y: number) => void; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <DatePicker
      picker="year"
      allowClear={false}
      value={dayjs(new Date(value, 0, 1))}
      format={(d) => periodText(String(d.year()), i18n.language)}
      onChange={(d: Dayjs | null) => d && onChange(d.year())}
      style={{ width: 120 }}
      data-testid={testId}
    />
  );
}

/** A label and a control, side by side, for filter bars. */
export function Labeled({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Flex align="center" gap={8}>
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography.Text>
      {children}
    </Flex>
  );
}

import { useMemo } from 'react';
import { Flex, Table, Tooltip, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { INDICATORS, type IndicatorCode, type TargetRow, type UnitKind } from '@wutong/contracts';
import { AHEAD, BEHIND } from './bits';
import { entryUnit, formatIndicator } from './indicator-units';
import { indicatorName, percent, punct } from '../../shared/format';
import { EmptyState } from '../../shared/list-page';

type MatrixRow = { unitId: number; unitName: string; unitKind: UnitKind; cells: Partial<Record<IndicatorCode, TargetRow>> };

/** One cell: the completion rate, a bar with the 序时进度 tick, and the figures on hover. */
function Cell({ r, onOpen }: { r: TargetRow; onOpen?: (r: TargetRow) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (r.completion === null)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('assessment.noTarget')}
      </Typography.Text>
    );
  const ahead = r.completion >= r.timeProgress;
  const color = ahead ? AHEAD : BEHIND;
  const gap = (Math.abs(r.completion - r.timeProgress) * 100).toFixed(1);
  return (
    <Tooltip
      title={
        <div style={{ lineHeight: 1.8 }}>
          <div>
            <strong>{r.unitName}</strong> · {indicatorName(r.indicator, lang)}
          </div>
          <div>
            {t('assessment.targets.annualCol')}
            {punct(lang).colon}
            {formatIndicator(r.indicator, r.annual, lang)}
          </div>
          <div>
            {t('assessment.targets.actualCol')}
            {punct(lang).colon}
            {formatIndicator(r.indicator, r.actual, lang)}
          </div>
          <div>
            {ahead ? t('assessment.aheadBy', { tp: percent(r.timeProgress), pp: gap }) : t('assessment.behindBy', { tp: percent(r.timeProgress), pp: gap })}
          </div>
        </div>
      }
    >
      <button
        type="button"
        className="wt-matrix-cell"
        onClick={() => onOpen?.(r)}
        disabled={!onOpen}
        data-testid="matrix-cell"
        data-unit-id={r.unitId}
        data-indicator={r.indicator}
        data-completion={r.completion.toFixed(4)}
        aria-label={`${r.unitName} ${indicatorName(r.indicator, lang)} ${percent(r.completion)}`}
      >
        <span style={{ color, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{percent(r.completion)}</span>
        <span style={{ position: 'relative', display: 'block', height: 6, borderRadius: 3, background: '#eef1f5', marginTop: 4 }}>
          <span style={{ position: 'absolute', insetBlock: 0, insetInlineStart: 0, width: `${Math.min(1, r.completion) * 100}%`, borderRadius: 3, background: color }} />
          <span aria-hidden style={{ position: 'absolute', top: -2, bottom: -2, insetInlineStart: `calc(${Math.min(1, r.timeProgress) * 100}% - 1px)`, width: 2, background: '#1f2a3d' }} />
        </span>
      </button>
    </Tooltip>
  );
}

/**
 * 总览: units down, indicators across, each cell the completion rate against 序时进度 — the whole
 * year's standing on one screen. A cell opens the target; an empty cell offers to set one.
 */
export function TargetsMatrix({
  rows,
  order,
  loading,
  onEdit,
  onCreate,
  empty,
}: {
  rows: TargetRow[];
  order: (a: TargetRow, b: TargetRow) => number;
  loading: boolean;
  onEdit?: (r: TargetRow) => void;
  onCreate?: (unitId: number, indicator: IndicatorCode) => void;
  empty: React.ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { data, indicators } = useMemo(() => {
    const byUnit = new Map<number, MatrixRow>();
    for (const r of [...rows].sort(order)) {
      let row = byUnit.get(r.unitId);
      if (!row) byUnit.set(r.unitId, (row = { unitId: r.unitId, unitName: r.unitName, unitKind: r.unitKind, cells: {} }));
      row.cells[r.indicator] = r;
    }
    const present = new Set(rows.map((r) => r.indicator));
    return { data: [...byUnit.values()], indicators: INDICATORS.filter((i) => present.has(i.code)).map((i) => i.code) };
  }, [rows, order]);

  const columns: TableProps<MatrixRow>['columns'] = [
    {
      title: t('assessment.unit'),
      key: 'unit',
      width: 170,
      fixed: 'left',
      render: (_, r) => (
        <Flex vertical>
          <span style={{ fontWeight: 500 }} data-testid="matrix-unit">
            {r.unitName}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`org.kinds.${r.unitKind}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    ...indicators.map((code) => ({
      title: (
        <Flex vertical style={{ lineHeight: 1.3 }}>
          <span>{indicatorName(code, lang)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 11, fontWeight: 400 }}>
            {entryUnit(code, lang)}
          </Typography.Text>
        </Flex>
      ),
      key: code,
      width: 112,
      render: (_: unknown, r: MatrixRow) => {
        const cell = r.cells[code];
        if (cell) return <Cell r={cell} onOpen={onEdit} />;
        return onCreate ? (
          <Tooltip title={t('assessment.targets.setFor', { unit: r.unitName, indicator: indicatorName(code, lang) })}>
            <button type="button" className="wt-matrix-cell wt-matrix-empty" onClick={() => onCreate(r.unitId, code)} aria-label={t('assessment.targets.create')}>
              <PlusOutlined />
            </button>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        );
      },
    })),
  ];

  return (
    <Table<MatrixRow>
      rowKey="unitId"
      size="small"
      bordered
      columns={columns}
      dataSource={data}
      loading={loading}
      sticky={{ offsetHeader: 56 }}
      scroll={{ x: 170 + indicators.length * 112 }}
      pagination={false}
      locale={{ emptyText: <EmptyState description={empty} /> }}
      data-testid="targets-matrix"
    />
  );
}

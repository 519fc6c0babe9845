import { useState } from 'react';
import { Card, Col, Drawer, Flex, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CockpitPanels, FigureKind, PanelFigure, RecordColumn, RecordList } from '@wutong/contracts';
import { api } from '../../shared/api-client';
import { day, dayTime, decimal, formatCount, formatWan, formatYi, percent } from '../../shared/format';
import { EmptyState, LoadError } from '../../shared/list-page';
import { cockpitKey } from './cockpit-api';

/** A panel figure's value as the cockpit shows it, and its unit word. */
function figureText(kind: FigureKind, value: number | null, lang: string): { value: string; unit: string } {
  const en = lang === 'en-US';
  if (value === null) return { value: '—', unit: '' };
  switch (kind) {
    case 'cny':
      return { value: formatYi(value), unit: en ? '100M CNY' : '亿元' };
    case 'usd':
      return { value: formatYi(value), unit: en ? '100M USD' : '亿美元' };
    case 'percent':
      return { value: percent(value), unit: '' };
    case 'days':
      return { value: decimal(value, 1), unit: en ? 'working days' : '个工作日' };
    case 'kwh':
      return { value: decimal(value / 10_000, 2), unit: en ? '10k kWh' : '万千瓦时' };
    case 'co2_t':
      return { value: decimal(value / 10_000, 2), unit: en ? '10k t' : '万吨' };
    case 'mw':
      return { value: decimal(value, 1), unit: 'MW' };
    case 'count':
      return { value: formatCount(value), unit: '' };
    default:
      return { value: decimal(value, 2), unit: '' };
  }
}

function cellText(kind: RecordColumn['kind'], v: string | number | null): string {
  if (v === null || v === '') return '';
  switch (kind) {
    case 'cny':
    case 'usd':
      return typeof v === 'number' ? formatWan(v) : String(v);
    case 'percent':
      return typeof v === 'number' ? percent(v) : String(v);
    case 'date':
      return day(String(v));
    case 'datetime':
      return dayTime(String(v));
    case 'number':
      return typeof v === 'number' ? decimal(v, Number.isInteger(v) ? 0 : 2) : String(v);
    default:
      return String(v);
  }
}

/** The records behind a panel figure: the module's own list, whose sum equals the figure. */
function RecordsDrawer({ figure, onClose }: { figure: PanelFigure | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: [...cockpitKey, 'records', figure?.records],
    queryFn: () => api.get<RecordList>(figure!.records!),
    enabled: !!figure?.records,
  });
  const list = q.data;
  return (
    <Drawer open={!!figure} onClose={onClose} title={figure?.label} size="large" destroyOnHidden data-testid="panel-records">
      {q.error ? <LoadError error={q.error} /> : null}
      {list ? (
        <>
          <Flex gap={16} style={{ marginBottom: 12 }}>
            <Typography.Text data-testid="panel-records-total">{t('common.total', { n: formatCount(list.total) })}</Typography.Text>
            {list.sum !== null && figure ? (
              <Typography.Text data-testid="panel-records-sum">
                {t('cockpit.drill.sum')}
                <strong style={{ marginInline: 4 }}>{figureText(figure.kind, list.sum, i18n.language).value}</strong>
                {figureText(figure.kind, list.sum, i18n.language).unit}
              </Typography.Text>
            ) : null}
          </Flex>
          {list.rows.length ? (
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              dataSource={list.rows.map((r, i) => ({ ...r, __link: list.links?.[i] ?? null }))}
              columns={list.columns.map((c, k) => ({
                key: c.key,
                title: c.kind === 'cny' || c.kind === 'usd' ? `${c.label}（${c.kind === 'cny' ? '万元' : '万美元'}）` : c.label,
                align: c.kind === 'text' || c.kind === 'date' || c.kind === 'datetime' ? 'left' : 'right',
                render: (_: unknown, row: Record<string, string | number | null> & { __link: string | null }) => {
                  const text = cellText(c.kind, row[c.key] ?? null);
                  return k === 0 && row.__link ? <Link to={row.__link}>{text}</Link> : text;
                },
              }))}
            />
          ) : (
            <EmptyState description={t('cockpit.drill.empty')} />
          )}
        </>
      ) : null}
    </Drawer>
  );
}

/**
 * The other modules' sections of the cockpit (the fund, incentive payouts, talents and carbon…):
 * each figure as a tile, each drillable one opening the records that add up to it.
 */
export function ModulePanels({ year }: { year: number }) {
  const { i18n } = useTranslation();
  const [open, setOpen] = useState<PanelFigure>();
  const q = useQuery({ queryKey: [...cockpitKey, 'panels', year], queryFn: () => api.get<CockpitPanels>('/api/cockpit/panels', { year }) });
  if (!q.data?.panels.length) return null;
  return (
    <>
      {q.data.panels.map((p) => (
        <Card key={p.key} title={p.title} size="small" style={{ marginTop: 16 }} data-testid={`panel-${p.key}`}>
          <Row gutter={[16, 16]}>
            {p.figures.map((f) => {
              const v = figureText(f.kind, f.value, i18n.language);
              return (
                <Col key={f.key} xs={12} md={8} xl={6}>
                  <div
                    role={f.records ? 'button' : undefined}
                    tabIndex={f.records ? 0 : undefined}
                    onClick={() => f.records && setOpen(f)}
                    onKeyDown={(e) => e.key === 'Enter' && f.records && setOpen(f)}
                    style={{ cursor: f.records ? 'pointer' : 'default' }}
                    data-testid={`panel-figure-${p.key}-${f.key}`}
                    data-value={f.value ?? ''}
                  >
                    <Statistic title={f.label} value={v.value} suffix={v.unit} />
                    {f.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text> : null}
                  </div>
                </Col>
              );
            })}
          </Row>
        </Card>
      ))}
      <RecordsDrawer figure={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

import { Descriptions, Drawer, Spin, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useSnapshot } from './bulletins-api';
import { docKind, docUnit, listValue, pointsFmt, rankChange } from './format';
import { percent, periodText, punct } from '../../shared/format';
import { EmptyState } from '../../shared/list-page';

/** One frozen snapshot: points rankings of units (by kind) and people, completion rankings, adjustments. */
export function SnapshotDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const q = useSnapshot(id);
  const s = q.data;
  return (
    <Drawer open size={760} onClose={onClose} title={s ? t('bulletins.snapshots.detail', { period: periodText(s.period, i18n.language) }) : ''} data-testid="snapshot-drawer">
      {!s ? (
        <Spin />
      ) : (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'at', label: t('bulletins.snapshots.cols.frozenAt'), children: dayjs(s.frozenAt).format('YYYY-MM-DD HH:mm:ss') },
              { key: 'by', label: t('bulletins.snapshots.cols.frozenBy'), children: s.frozenBy ?? t('bulletins.snapshots.scheduler') },
              { key: 'sum', label: t('bulletins.snapshots.cols.checksum'), span: 2, children: <Typography.Text code copyable>{s.checksum}</Typography.Text> },
            ]}
          />
          <Tabs
            items={[
              {
                key: 'units',
                label: t('bulletins.snapshots.units'),
                children: s.data.unitRanking.groups.map((g) => (
                  <div key={g.kind} style={{ marginBottom: 16 }}>
                    <Typography.Title level={5}>{docKind(t, g.kind)}</Typography.Title>
                    <Table
                      size="small"
                      rowKey="unitId"
                      pagination={false}
                      dataSource={g.items}
                      columns={[
                        { title: t('bulletins.doc.rank'), dataIndex: 'rank', width: 70 },
                        { title: t('bulletins.doc.unitName'), dataIndex: 'unitName' },
                        { title: t('bulletins.doc.points'), dataIndex: 'points', align: 'right', render: (v: number) => pointsFmt(v) },
                        { title: t('bulletins.doc.change'), key: 'c', width: 90, render: (_, r) => rankChange(r.change, r.previousRank, t('bulletins.doc.newcomer')) },
                      ]}
                    />
                  </div>
                )),
              },
              {
                key: 'people',
                label: t('bulletins.snapshots.people'),
                children: (
                  <Table
                    size="small"
                    rowKey="userId"
                    dataSource={s.data.peopleRanking}
                    pagination={{ pageSize: 20 }}
                    columns={[
                      { title: t('bulletins.doc.rank'), dataIndex: 'rank', width: 70 },
                      { title: t('bulletins.doc.unitName'), dataIndex: 'unitName' },
                      { title: '', dataIndex: 'displayName' },
                      { title: t('bulletins.doc.points'), dataIndex: 'points', align: 'right', render: (v: number) => pointsFmt(v) },
                    ]}
                  />
                ),
              },
              {
                key: 'completion',
                label: t('bulletins.snapshots.completion'),
                children: s.data.completion.map((c) => (
                  <div key={c.indicator} style={{ marginBottom: 16 }}>
                    <Typography.Title level={5}>
                      {c.name}{punct(i18n.language).paren(docUnit(t, c.unit, true))}· {t('bulletins.doc.timeProgress')} {percent(c.timeProgress)}
                    </Typography.Title>
                    {c.groups.map((g) => (
                      <Table
                        key={g.kind}
                        size="small"
                        rowKey="unitId"
                        pagination={false}
                        title={() => docKind(t, g.kind)}
                        dataSource={g.items}
                        columns={[
                          { title: t('bulletins.doc.rank'), dataIndex: 'rank', width: 70 },
                          { title: t('bulletins.doc.unitName'), dataIndex: 'unitName' },
                          { title: t('bulletins.doc.ytd'), dataIndex: 'actual', align: 'right', render: (v: number) => listValue(c.unit, v) },
                          { title: t('bulletins.doc.target'), dataIndex: 'target', align: 'right', render: (v: number) => listValue(c.unit, v) },
                          { title: t('bulletins.doc.completion'), dataIndex: 'completion', align: 'right', render: (v: number | null) => percent(v) },
                        ]}
                      />
                    ))}
                  </div>
                )),
              },
              {
                key: 'adjustments',
                label: `${t('bulletins.snapshots.adjustments')} (${s.data.adjustments.length})`,
                children: s.data.adjustments.length ? (
                  <Table
                    size="small"
                    rowKey={(a) => `${a.measure}|${a.indicator}|${a.againstSnapshotId}|${a.unitId}`}
                    dataSource={s.data.adjustments}
                    pagination={false}
                    columns={[
                      { title: t('bulletins.doc.against'), dataIndex: 'againstPeriod', render: (v: string) => periodText(v, i18n.language) },
                      { title: t('bulletins.doc.unitName'), dataIndex: 'unitName' },
                      { title: t('bulletins.doc.measure'), key: 'm', render: (_, a) => (a.measure === 'points' ? t('bulletins.doc.pointsWord') : (s.data.completion.find((c) => c.indicator === a.indicator)?.name ?? a.indicator)) },
                      { title: t('bulletins.doc.delta'), key: 'd', align: 'right', render: (_, a) => { const c = s.data.completion.find((x) => x.indicator === a.indicator); const v = a.measure === 'points' || !c ? pointsFmt(a.delta) : listValue(c.unit, a.delta); return a.delta > 0 ? `+${v}` : v; } },
                    ]}
                  />
                ) : (
                  <EmptyState description={t('bulletins.snapshots.noAdjustments')} />
                ),
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

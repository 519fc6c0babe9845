import { useState } from 'react';
import { Button, Card, DatePicker, Flex, Table, Typography, type TableProps } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CoordinationItem, MeetingAgenda } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useCurrentUser } from '../auth';
import { LightDot } from '../../shared/light-dot';
import { coordinationAccess } from './access';
import { ActionModal } from './action-modal';
import { CategoryTag } from './bits';
import { downloadAgenda, useMeeting } from './coordination-api';
import { EmptyState, LoadError } from '../../shared/list-page';
import { punct } from '../../shared/format';

type AgendaItem = MeetingAgenda['items'][number];

/** 领导小组协调会: the items waiting for the lead group, its Word agenda, and the decision per item. */
export function CoordinationMeetingPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const onError = useErrorHandler();
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const meeting = useMeeting(date);
  const [recording, setRecording] = useState<AgendaItem | null>(null);
  const [exporting, setExporting] = useState(false);
  const canRecord = coordinationAccess.meeting(me);

  const onExport = async () => {
    setExporting(true);
    try {
      await downloadAgenda(date);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const itemCell = (r: CoordinationItem) => (
    <Flex vertical gap={2}>
      <Link to={`/coordination/${r.id}`} data-testid="meeting-item-link">
        <Typography.Text strong>{r.title}</Typography.Text>
      </Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.projectName} · {r.enterpriseName}
      </Typography.Text>
    </Flex>
  );

  const agendaColumns: TableProps<AgendaItem>['columns'] = [
    { key: 'n', title: '#', width: 48, render: (_, __, i) => i + 1 },
    { key: 'light', width: 40, render: (_, r) => <LightDot light={r.light} reasons={r.lightReasons} /> },
    { key: 'item', title: t('coordination.cols.item'), render: (_, r) => itemCell(r) },
    { key: 'category', title: t('coordination.cols.category'), width: 90, render: (_, r) => <CategoryTag category={r.category} /> },
    { key: 'raised', title: t('coordination.cols.raised'), width: 140, render: (_, r) => [r.raisedByUnitName, r.raisedByName].filter(Boolean).join(' ') },
    { key: 'neededBy', title: t('coordination.cols.neededBy'), width: 110, dataIndex: 'neededBy' },
    { key: 'note', title: t('coordination.meeting.escalationNote'), render: (_, r) => r.escalationNote ?? t('common.none') },
    ...(canRecord
      ? [
          {
            key: 'record',
            width: 120,
            render: (_: unknown, r: AgendaItem) => (
              <Button size="small" type="primary" onClick={() => setRecording(r)} data-testid="meeting-record">
                {t('coordination.meeting.record')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const decidedColumns: TableProps<CoordinationItem>['columns'] = [
    { key: 'light', width: 40, render: (_, r) => <LightDot light={r.light} reasons={r.lightReasons} /> },
    { key: 'item', title: t('coordination.cols.item'), render: (_, r) => itemCell(r) },
    { key: 'category', title: t('coordination.cols.category'), width: 90, render: (_, r) => <CategoryTag category={r.category} /> },
    { key: 'lead', title: t('coordination.cols.leadUnit'), width: 170, render: (_, r) => r.leadUnit?.name ?? t('common.none') },
    { key: 'deadline', title: t('coordination.cols.deadline'), width: 110, render: (_, r) => r.deadline ?? t('common.none') },
  ];

  return (
    <>
      <PageHeader
        title={t('coordination.meeting.title')}
        extra={
          <>
            <DatePicker
              value={dayjs(date)}
              format="YYYY-MM-DD"
              allowClear={false}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
              aria-label={t('coordination.meeting.date')}
              data-testid="meeting-date"
            />
            <Button type="primary" icon={<FileWordOutlined />} loading={exporting} onClick={() => void onExport()} data-testid="meeting-export">
              {t('coordination.meeting.exportAgenda')}
            </Button>
          </>
        }
      />
      <LoadError error={meeting.error} />
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={`${t('coordination.meeting.agenda')}${meeting.data ? punct(i18n.language).paren(String(meeting.data.items.length)) : ''}`}
        extra={<Typography.Text type="secondary">{t('coordination.meeting.agendaHelp')}</Typography.Text>}
        styles={{ body: { padding: 0 } }}
        data-testid="meeting-agenda"
      >
        <Table<AgendaItem>
          rowKey="id"
          columns={agendaColumns}
          dataSource={meeting.data?.items ?? []}
          loading={meeting.isFetching}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(r) => ({ 'data-testid': 'meeting-agenda-row', 'data-item-id': r.id }) as never}
          locale={{ emptyText: meeting.isPending ? ' ' : <EmptyState description={t('coordination.meeting.emptyAgenda')} /> }}
        />
      </Card>
      <Card size="small" title={`${t('coordination.meeting.decided')}${meeting.data ? punct(i18n.language).paren(String(meeting.data.decided.length)) : ''}`} styles={{ body: { padding: 0 } }} data-testid="meeting-decided">
        <Table<CoordinationItem>
          rowKey="id"
          columns={decidedColumns}
          dataSource={meeting.data?.decided ?? []}
          loading={meeting.isFetching}
          pagination={false}
          scroll={{ x: 800 }}
          onRow={(r) => ({ 'data-testid': 'meeting-decided-row', 'data-item-id': r.id }) as never}
          locale={{ emptyText: meeting.isPending ? ' ' : <EmptyState description={t('coordination.meeting.emptyDecided')} /> }}
        />
      </Card>
      {recording ? <ActionModal item={recording} action="meeting" onClose={() => setRecording(null)} /> : null}
    </>
  );
}

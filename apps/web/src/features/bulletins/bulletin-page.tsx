import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Modal, Popconfirm, Result, Spin, Steps, Tag, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, FileExcelOutlined, FileWordOutlined, PrinterOutlined, ReloadOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ApiError } from '../../shared/api-client';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { BulletinDocument } from './bulletin-document';
import { downloadBulletin, useBulletin, useBulletinCommand, useDiscardBulletin, useSaveNotes, type BulletinCommand } from './bulletins-api';
import { STATUS_COLORS } from './bulletins-page';
import { periodText } from '../../shared/format';

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** One bulletin: its workflow and actions above, the document itself (printable) below. */
export function BulletinPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useBulletin(id);
  const command = useBulletinCommand(id);
  const discard = useDiscardBulletin(id);
  const saveNotes = useSaveNotes(id);
  const [notes, setNotes] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<'docx' | 'xlsx' | null>(null);

  if (q.isPending) return <div className="page-loading" role="progressbar" aria-busy="true" />;
  if (q.isError) {
    const missing = q.error instanceof ApiError && q.error.status === 404;
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? t('errors.notFoundTitle') : t('errors.loadFailed')}
        subTitle={q.error.message}
        extra={<Link to="/bulletins">{t('bulletins.back')}</Link>}
      />
    );
  }
  const b = q.data;
  const run = (c: BulletinCommand) =>
    command.mutate(c, {
      onSuccess: () => message.success(t(`bulletins.done.${c}`)),
      onError: (e) => onError(e),
    });
  const download = (format: 'docx' | 'xlsx') => {
    setDownloading(format);
    downloadBulletin(id, format)
      .catch((e: unknown) => onError(e))
      .finally(() => setDownloading(null));
  };
  const step = b.status === 'draft' ? 0 : b.status === 'reviewed' ? 1 : 2;
  const docx = b.files.find((f) => f.format === 'docx');
  const xlsx = b.files.find((f) => f.format === 'xlsx');
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

  return (
    <>
      <div className="no-print">
        <PageHeader
          title={
            <Flex align="center" gap={8} wrap>
              <span>{b.title}</span>
              <Tag color={STATUS_COLORS[b.status]} data-testid="bulletin-status" data-status={b.status}>
                {t(`bulletins.statuses.${b.status}`)}
              </Tag>
            </Flex>
          }
          extra={
            <>
              <Button icon={<FileWordOutlined />} loading={downloading === 'docx'} onClick={() => download('docx')} data-testid="bulletin-docx">
                {t('bulletins.actions.docx')}
              </Button>
              <Button icon={<FileExcelOutlined />} loading={downloading === 'xlsx'} onClick={() => download('xlsx')} data-testid="bulletin-xlsx">
                {t('bulletins.actions.xlsx')}
              </Button>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="bulletin-print">
                {t('bulletins.actions.print')}
              </Button>
            </>
          }
        />
        <Card size="small" style={{ marginBottom: 16 }}>
          <Flex vertical gap={12}>
            <Steps
              size="small"
              current={step}
              status={step === 2 ? 'finish' : 'process'}
              items={[
                { title: t('bulletins.steps.draft'), description: `${b.generated?.userId === 0 ? t('bulletins.system') : b.generated?.name} · ${time(b.generated!.at)}` },
                { title: t('bulletins.steps.reviewed'), description: b.reviewed ? `${b.reviewed.name} · ${time(b.reviewed.at)}` : undefined },
                { title: t('bulletins.steps.published'), description: b.published ? `${b.published.name} · ${time(b.published.at)}` : undefined },
              ]}
            />
            <Flex gap={8} wrap>
              {b.can.review ? (
                <Button type="primary" icon={<CheckOutlined />} loading={command.isPending} onClick={() => run('review')} data-testid="bulletin-review">
                  {t('bulletins.actions.review')}
                </Button>
              ) : null}
              {b.can.publish ? (
                <Popconfirm title={t('bulletins.actions.publish')} description={<div style={{ maxWidth: 360 }}>{t('bulletins.confirm.publish')}</div>} onConfirm={() => run('publish')} okButtonProps={{ 'data-testid': 'bulletin-publish-confirm' } as never}>
                  <Button type="primary" danger icon={<SendOutlined />} loading={command.isPending} data-testid="bulletin-publish">
                    {t('bulletins.actions.publish')}
                  </Button>
                </Popconfirm>
              ) : null}
              {b.can.reopen ? (
                <Popconfirm title={t('bulletins.actions.reopen')} description={t('bulletins.confirm.reopen')} onConfirm={() => run('reopen')}>
                  <Button icon={<RollbackOutlined />} data-testid="bulletin-reopen">
                    {t('bulletins.actions.reopen')}
                  </Button>
                </Popconfirm>
              ) : null}
              {b.can.edit ? (
                <Button icon={<EditOutlined />} onClick={() => setNotes(b.content.notes)} data-testid="bulletin-edit-notes">
                  {t('bulletins.actions.editNotes')}
                </Button>
              ) : null}
              {b.can.discard ? (
                <Popconfirm title={t('bulletins.actions.regenerate')} description={t('bulletins.confirm.regenerate')} onConfirm={() => run('regenerate')}>
                  <Button icon={<ReloadOutlined />} data-testid="bulletin-regenerate">
                    {t('bulletins.actions.regenerate')}
                  </Button>
                </Popconfirm>
              ) : null}
              {b.can.discard ? (
                <Popconfirm
                  title={t('bulletins.actions.discard')}
                  description={t('bulletins.confirm.discard')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    discard.mutate(undefined, {
                      onSuccess: () => {
                        message.success(t('bulletins.done.discard'));
                        void navigate('/bulletins');
                      },
                      onError: (e) => onError(e),
                    })
                  }
                >
                  <Button danger icon={<DeleteOutlined />} data-testid="bulletin-discard">
                    {t('bulletins.actions.discard')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
            {b.status === 'published' && docx && xlsx ? (
              <Typography.Text type="secondary" data-testid="bulletin-archived">
                {t('bulletins.archived', { docx: kb(docx.bytes), xlsx: kb(xlsx.bytes), sha: docx.sha256.slice(0, 12) })}
              </Typography.Text>
            ) : (
              <Alert type="info" showIcon title={t('bulletins.preview')} />
            )}
            <Typography.Text type="secondary">
              {b.content.snapshot
                ? t('bulletins.snapshotCited', { period: periodText(b.content.snapshot.period, i18n.language), id: b.content.snapshot.id, at: time(b.content.snapshot.frozenAt) })
                : t('bulletins.noSnapshot')}
            </Typography.Text>
          </Flex>
        </Card>
      </div>
      <Spin spinning={command.isPending}>
        <BulletinDocument c={b.content} status={b.status} />
      </Spin>
      {notes !== null ? (
        <Modal
          open
          title={t('bulletins.actions.editNotes')}
          onCancel={() => setNotes(null)}
          okButtonProps={{ loading: saveNotes.isPending, 'data-testid': 'notes-save' } as never}
          onOk={() =>
            saveNotes.mutate(notes, {
              onSuccess: () => {
                message.success(t('bulletins.done.notes'));
                setNotes(null);
              },
              onError: (e) => onError(e),
            })
          }
        >
          <Input.TextArea rows={6} maxLength={4000} showCount value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('bulletins.notesPlaceholder')} data-testid="notes-input" />
        </Modal>
      ) : null}
    </>
  );
}

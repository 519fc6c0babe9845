import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Progress, Row, Space, Statistic, Steps, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { formatCount } from '../../shared/format';
import { downloadRejects, downloadTemplate, fileToBase64, rememberJob, rememberedJob, startImport, useImportJob } from './enterprises-api';

const MAX_BYTES = 15 * 1024 * 1024;
const ACCEPT = /\.(xlsx|csv)$/i;

/** Import enterprises from Excel/CSV: template, upload, a progress bar that can be left running, the outcome. */
export function EnterpriseImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [jobId, setJobId] = useState<number | undefined>(rememberedJob);
  const [uploading, setUploading] = useState(false);
  const [downloading, setDownloading] = useState<'template' | 'rejects' | null>(null);
  const job = useImportJob(jobId);
  const j = job.data;
  const done = j?.status === 'done' || j?.status === 'failed';
  const running = !!j && !done;

  const upload = async (file: File) => {
    if (!ACCEPT.test(file.name)) {
      message.error(t('enterprises.import.wrongType'));
      return;
    }
    if (file.size > MAX_BYTES) {
      message.error(t('enterprises.import.tooLarge', { mb: 15 }));
      return;
    }
    setUploading(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const started = await startImport({ filename: file.name, contentBase64 });
      rememberJob(started.id);
      setJobId(started.id);
    } catch (e) {
      onError(e);
    } finally {
      setUploading(false);
    }
  };

  const download = async (what: 'template' | 'rejects') => {
    setDownloading(what);
    try {
      await (what === 'template' ? downloadTemplate() : downloadRejects(jobId!));
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(null);
    }
  };

  const again = () => {
    rememberJob(undefined);
    setJobId(undefined);
  };

  const step = !j ? (uploading ? 1 : 0) : running ? 2 : 3;

  return (
    <>
      <PageHeader
        title={t('enterprises.import.title')}
        extra={
          <Link to="/enterprises">
            <Button>{t('enterprises.import.back')}</Button>
          </Link>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: t('enterprises.import.step1') },
            { title: t('enterprises.import.step2') },
            { title: t('enterprises.import.step3') },
            { title: t('enterprises.import.step4') },
          ]}
        />
      </Card>
      {!j ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={9}>
            <Card size="small" title={t('enterprises.import.templateTitle')} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary">{t('enterprises.import.templateHelp')}</Typography.Paragraph>
              <ul style={{ paddingInlineStart: 18, color: 'rgba(0,0,0,0.65)', lineHeight: 1.9, marginTop: 0 }}>
                <li>{t('enterprises.import.rule1')}</li>
                <li>{t('enterprises.import.rule2')}</li>
                <li>{t('enterprises.import.rule3')}</li>
                <li>{t('enterprises.import.rule4')}</li>
              </ul>
              <Button icon={<DownloadOutlined />} loading={downloading === 'template'} onClick={() => void download('template')} data-testid="import-template">
                {t('enterprises.import.template')}
              </Button>
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <Card size="small" title={t('enterprises.import.uploadTitle')} style={{ height: '100%' }}>
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                disabled={uploading}
                beforeUpload={(file) => {
                  void upload(file);
                  return Upload.LIST_IGNORE;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">{uploading ? <LoadingOutlined /> : <InboxOutlined />}</p>
                <p className="ant-upload-text">{uploading ? t('enterprises.import.reading') : t('enterprises.import.drop')}</p>
                <p className="ant-upload-hint">{t('enterprises.import.dropHint', { mb: 15 })}</p>
              </Upload.Dragger>
            </Card>
          </Col>
        </Row>
      ) : (
        <JobCard
          job={j}
          onAgain={again}
          onRejects={() => void download('rejects')}
          downloading={downloading === 'rejects'}
        />
      )}
      {job.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('errors.loadFailed')}
          description={job.error.message}
          action={<Button onClick={again}>{t('enterprises.import.again')}</Button>}
        />
      ) : null}
    </>
  );
}

function JobCard({ job, onAgain, onRejects, downloading }: { job: ImportJob; onAgain: () => void; onRejects: () => void; downloading: boolean }) {
  const { t } = useTranslation();
  const done = job.status === 'done';
  const failed = job.status === 'failed';
  const pct = done ? 100 : job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;
  const n = (v: number) => formatCount(v);
  const stat = (key: string, title: string, value: number, color?: string) => (
    <Col xs={12} sm={8} md={4} key={key}>
      <Statistic title={title} value={n(value)} styles={{ content: { color, fontVariantNumeric: 'tabular-nums' } }} data-testid={`import-${key}`} data-value={value} />
    </Col>
  );
  return (
    <Card
      size="small"
      data-testid="import-job"
      data-status={job.status}
      title={
        <Space>
          {done ? <CheckCircleFilled style={{ color: '#30a46c' }} /> : failed ? <CloseCircleFilled style={{ color: '#e5484d' }} /> : <LoadingOutlined />}
          <span>{job.filename}</span>
          <Tag color={done ? 'green' : failed ? 'red' : 'blue'} data-testid="import-status">
            {t(`enterprises.import.status.${job.status}`)}
          </Tag>
        </Space>
      }
    >
      <Progress percent={pct} status={failed ? 'exception' : done ? 'success' : 'active'} data-testid="import-progress" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {done || failed ? null : t('enterprises.import.leaveHint')}
        {job.total > 0 ? ` ${t('enterprises.import.processed', { processed: n(job.processed), total: n(job.total) })}` : null}
      </Typography.Paragraph>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {stat('total', t('enterprises.import.total'), job.total)}
        {stat('inserted', t('enterprises.import.inserted'), job.inserted, job.inserted ? '#1d4f91' : undefined)}
        {stat('updated', t('enterprises.import.updated'), job.updated, job.updated ? '#1d4f91' : undefined)}
        {stat('unchanged', t('enterprises.import.unchanged'), job.unchanged)}
        {stat('rejected', t('enterprises.import.rejected'), job.rejected, job.rejected ? '#e5484d' : undefined)}
      </Row>
      {failed ? <Alert type="error" showIcon title={t('enterprises.import.failed')} description={job.error ?? ''} style={{ marginBottom: 12 }} /> : null}
      {done ? (
        <Alert
          type={job.rejected ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-summary"
          title={
            job.inserted + job.updated === 0 && job.rejected === 0
              ? t('enterprises.import.nothingChanged', { unchanged: n(job.unchanged) })
              : t('enterprises.import.summary', { inserted: n(job.inserted), updated: n(job.updated), unchanged: n(job.unchanged), rejected: n(job.rejected) })
          }
          description={job.rejected ? t('enterprises.import.rejectsHelp') : undefined}
        />
      ) : null}
      <Flex gap={8} wrap>
        {done && job.rejected > 0 ? (
          <Button type="primary" danger icon={<DownloadOutlined />} loading={downloading} onClick={onRejects} data-testid="import-rejects">
            {t('enterprises.import.downloadRejects', { n: n(job.rejected) })}
          </Button>
        ) : null}
        {done || failed ? (
          <>
            <Button onClick={onAgain} data-testid="import-again">
              {t('enterprises.import.again')}
            </Button>
            <Link to="/enterprises">
              <Button type={job.rejected ? 'default' : 'primary'}>{t('enterprises.import.toRegistry')}</Button>
            </Link>
          </>
        ) : (
          <Link to="/enterprises">
            <Button>{t('enterprises.import.leave')}</Button>
          </Link>
        )}
      </Flex>
    </Card>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Col, Flex, Modal, Row, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, LoadingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportTargetsResult } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { fileToBase64 } from '../enterprises';
import { formatCount } from '../../shared/format';
import { downloadTargetTemplate, useImportTargets } from './assessment-api';

const MAX_BYTES = 15 * 1024 * 1024;

/** Targets from the Excel template: download it, fill it, upload it, and see what came of every row. */
export function TargetImportModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const importTargets = useImportTargets();
  const [result, setResult] = useState<(ImportTargetsResult & { filename: string }) | null>(null);
  const [downloading, setDownloading] = useState(false);
  const n = (v: number) => formatCount(v);

  const upload = async (file: File) => {
    if (!/\.xlsx$/i.test(file.name)) return void message.error(t('assessment.import.wrongType'));
    if (file.size > MAX_BYTES) return void message.error(t('assessment.import.tooLarge', { mb: 15 }));
    try {
      const contentBase64 = await fileToBase64(file);
      const r = await importTargets.mutateAsync({ filename: file.name, contentBase64 });
      setResult({ ...r, filename: file.name });
    } catch (e) {
      onError(e);
    }
  };

  const template = async () => {
    setDownloading(true);
    try {
      await downloadTargetTemplate();
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={t('assessment.import.title', { year })}
      onCancel={onClose}
      footer={
        result ? (
          <Flex justify="end" gap={8}>
            <Button onClick={() => setResult(null)} data-testid="target-import-again">
              {t('assessment.import.again')}
            </Button>
            <Button type="primary" onClick={onClose} data-testid="target-import-close">
              {t('assessment.import.done')}
            </Button>
          </Flex>
        ) : null
      }
      destroyOnHidden
      data-testid="target-import-modal"
    >
      {!result ? (
        <Flex vertical gap={12} style={{ marginTop: 12 }}>
          <Alert
            type="info"
            showIcon
            title={t('assessment.import.help')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18, lineHeight: 1.9 }}>
                <li>{t('assessment.import.rule1')}</li>
                <li>{t('assessment.import.rule2')}</li>
                <li>{t('assessment.import.rule3')}</li>
              </ul>
            }
            action={
              <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void template()} data-testid="target-template-in-modal">
                {t('assessment.import.template')}
              </Button>
            }
          />
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={importTargets.isPending}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
            data-testid="target-import-upload"
          >
            <p className="ant-upload-drag-icon">{importTargets.isPending ? <LoadingOutlined /> : <InboxOutlined />}</p>
            <p className="ant-upload-text">{importTargets.isPending ? t('assessment.import.reading') : t('assessment.import.drop')}</p>
            <p className="ant-upload-hint">{t('assessment.import.dropHint', { mb: 15 })}</p>
          </Upload.Dragger>
        </Flex>
      ) : (
        <div data-testid="target-import-result" style={{ marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{result.filename}</Typography.Paragraph>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={8}>
              <Statistic title={t('assessment.import.imported')} value={n(result.imported)} styles={{ content: { color: result.imported ? '#1d4f91' : undefined } }} data-testid="target-import-imported" data-value={result.imported} />
            </Col>
            <Col span={8}>
              <Statistic title={t('assessment.import.unchanged')} value={n(result.unchanged)} data-testid="target-import-unchanged" data-value={result.unchanged} />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('assessment.import.rejected')}
                value={n(result.rejected.length)}
                styles={{ content: { color: result.rejected.length ? '#e5484d' : undefined } }}
                data-testid="target-import-rejected"
                data-value={result.rejected.length}
              />
            </Col>
          </Row>
          <Alert
            type={result.rejected.length ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 12 }}
            title={
              result.rejected.length
                ? t('assessment.import.summaryRejected', { imported: n(result.imported), unchanged: n(result.unchanged), rejected: n(result.rejected.length) })
                : t('assessment.import.summary', { imported: n(result.imported), unchanged: n(result.unchanged) })
            }
          />
          {result.rejected.length ? (
            <Table
              size="small"
              rowKey={(r) => `${r.row}:${r.reason}`}
              dataSource={result.rejected}
              pagination={result.rejected.length > 8 ? { pageSize: 8, size: 'small' } : false}
              columns={[
                { title: t('assessment.import.row'), dataIndex: 'row', width: 90, render: (v: number) => t('assessment.import.rowN', { n: v }) },
                { title: t('assessment.import.reason'), dataIndex: 'reason' },
              ]}
              data-testid="target-import-rejects"
            />
          ) : null}
        </div>
      )}
    </Modal>
  );
}

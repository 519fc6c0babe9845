import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@wutong/contracts';
import { changedKeys, isObject } from './changed-keys';

function JsonBlock({ value, changed, testId }: { value: unknown; changed: Set<string>; testId: string }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) {
    return (
      <pre className="wt-json" data-testid={testId}>
        {t('audit.nothing')}
      </pre>
    );
  }
  if (!isObject(value)) {
    return (
      <pre className="wt-json" data-testid={testId}>
        {JSON.stringify(value, null, 2)}
      </pre>
    );
  }
  const entries = Object.entries(value);
  return (
    <pre className="wt-json" data-testid={testId}>
      {'{\n'}
      {entries.map(([k, v], i) => (
        <span key={k} className={changed.has(k) ? 'changed' : undefined}>
          {`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${i < entries.length - 1 ? ',' : ''}\n`}
        </span>
      ))}
      {'}'}
    </pre>
  );
}

export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changed = changedKeys(entry.before, entry.after);
  return (
    <div data-testid="audit-diff">
      <Row gutter={[16, 8]}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <JsonBlock value={entry.before} changed={changed} testId="audit-before" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <JsonBlock value={entry.after} changed={changed} testId="audit-after" />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {changed.size ? `${t('audit.changedHint')} · ` : ''}
        {t('audit.requestId')}: {entry.requestId ?? t('common.none')}
      </Typography.Text>
    </div>
  );
}

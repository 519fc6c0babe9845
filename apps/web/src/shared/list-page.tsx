import { useState, type CSSProperties, type ReactNode } from 'react';
import { Alert, Button, Card, Empty, Flex, Row, Table, Typography, type RowProps, type TableProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatCount } from './format';
import { useErrorHandler } from './use-error-handler';

/**
 * The frame every list page shares (UX.md, Tables): filters above in a small card, a failed load
 * said above the list, the list in a flush card with its counts and paging below, an export of
 * exactly what is filtered, and an empty state that says what to do next.
 */

/** Filters above the list: a small card holding a wrapping row of controls (each in a Col). */
export function FilterBar({ children, testId, align }: { children: ReactNode; testId?: string; align?: RowProps['align'] }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid={testId}>
      <Row gutter={[12, 12]} align={align}>
        {children}
      </Row>
    </Card>
  );
}

/** A failed load, said above the list (the message is the server's, in the user's language). */
export function LoadError({ error, style }: { error: Error | null | undefined; style?: CSSProperties }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert type="error" showIcon title={t('errors.loadFailed')} description={error.message} style={{ marginBottom: 12, ...style }} />;
}

/** The list in a flush card; `testId` names the list, `footer` (counts, "load more") sits under it. */
export function ListCard({ children, testId, title, footer, style }: { children: ReactNode; testId?: string; title?: ReactNode; footer?: ReactNode; style?: CSSProperties }) {
  return (
    <Card size="small" title={title} style={style} styles={{ body: { padding: 0 } }}>
      {testId ? <div data-testid={testId}>{children}</div> : children}
      {footer}
    </Card>
  );
}

/** A list table: rows keyed by id, a sticky header under the shell's bar; `clickable` rows open the record. */
export function ListTable<T extends object>({ clickable, ...props }: TableProps<T> & { clickable?: boolean }) {
  return <Table<T> rowKey="id" size="middle" sticky={{ offsetHeader: 56 }} className={clickable ? 'wt-clickable-rows' : undefined} {...props} />;
}

/** An empty list that says what to do next (the action as children). */
export function EmptyState({ description, children, style }: { description: ReactNode; children?: ReactNode; style?: CSSProperties }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={style}>
      {children}
    </Empty>
  );
}

/** "共 1,234 条". */
export function TotalCount({ n, testId }: { n: number; testId?: string }) {
  const { t } = useTranslation();
  return <span data-testid={testId}>{t('common.total', { n: formatCount(n) })}</span>;
}

/** The table pagination's total, as TotalCount. */
export const showTotal = (testId?: string) => (n: number) => <TotalCount n={n} testId={testId} />;

type LoadMoreProps = { shown: ReactNode; hasMore: boolean; loading: boolean; onMore: () => void; more: ReactNode; end?: ReactNode; testId?: string; shownTestId?: string };

/** Keyset paging under a list: how many are shown, then "load more" or the end of the list. */
export function LoadMore({ shown, hasMore, loading, onMore, more, end, testId, shownTestId }: LoadMoreProps) {
  return (
    <Flex justify="center" align="center" gap={12} style={{ padding: 12 }} wrap>
      <Typography.Text type="secondary" data-testid={shownTestId}>
        {shown}
      </Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid={testId}>
          {more}
        </Button>
      ) : end ? (
        <Typography.Text type="secondary">{end}</Typography.Text>
      ) : null}
    </Flex>
  );
}

/** "导出Excel": downloads what the list shows, busy while the server writes it; a failure is a toast. */
export function ExportButton({ onExport, testId, disabled, children }: { onExport: () => Promise<void>; testId?: string; disabled?: boolean; children: ReactNode }) {
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onExport();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} disabled={disabled} onClick={() => void run()} data-testid={testId}>
      {children}
    </Button>
  );
}

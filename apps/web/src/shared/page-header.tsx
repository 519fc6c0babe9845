import type { ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

type Props = { title: ReactNode; extra?: ReactNode; home?: boolean };

/** Breadcrumb, the page title, and the page's primary actions on the right. */
export function PageHeader({ title, extra, home }: Props) {
  const { t } = useTranslation();
  return (
    <div style={{ marginBottom: 16 }}>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={home ? [{ title: t('nav.home') }] : [{ title: <Link to="/">{t('nav.home')}</Link> }, { title }]}
      />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}

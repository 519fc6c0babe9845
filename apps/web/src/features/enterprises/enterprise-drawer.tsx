import { Button, Descriptions, Drawer, Flex, Grid, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, ProjectOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Enterprise } from '@wutong/contracts';
import { money } from '../../shared/format';
import { useEnterprise, useEnterpriseProjectCount } from './enterprises-api';
import { EnterpriseForm } from './enterprise-form';
import { LoadError } from '../../shared/list-page';

export type EnterpriseDrawerState = { mode: 'view' | 'edit'; id: number } | { mode: 'create' };

type Props = { state: EnterpriseDrawerState; onChange: (s: EnterpriseDrawerState | null) => void };

/** One enterprise: its record, former names and aliases, its projects; or the form that registers or changes it. */
export function EnterpriseDrawer({ state, onChange }: Props) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const id = state.mode === 'create' ? undefined : state.id;
  const one = useEnterprise(id);
  const e = one.data;
  const title =
    state.mode === 'create' ? t('enterprises.createTitle') : state.mode === 'edit' ? t('enterprises.editTitle', { name: e?.name ?? '' }) : (e?.name ?? t('common.loading'));

  return (
    <Drawer
      open
      title={title}
      onClose={() => onChange(null)}
      size={screens.sm ? 560 : '100%'}
      destroyOnHidden
      data-testid="enterprise-drawer"
      extra={
        state.mode === 'view' && e?.canEdit ? (
          <Button icon={<EditOutlined />} onClick={() => onChange({ mode: 'edit', id: e.id })} data-testid="enterprise-edit">
            {t('common.edit')}
          </Button>
        ) : null
      }
    >
      <LoadError error={one.error} style={{ marginBottom: 0 }} />
      {state.mode === 'create' ? (
        <EnterpriseForm onDone={(saved) => onChange({ mode: 'view', id: saved.id })} onCancel={() => onChange(null)} onOpen={(other) => onChange({ mode: 'view', id: other })} />
      ) : !e ? (
        one.isPending ? <Skeleton active /> : null
      ) : state.mode === 'edit' ? (
        <EnterpriseForm
          key={e.id}
          enterprise={e}
          onDone={(saved) => onChange({ mode: 'view', id: saved.id })}
          onCancel={() => onChange({ mode: 'view', id: e.id })}
          onOpen={(other) => onChange({ mode: 'view', id: other })}
        />
      ) : (
        <EnterpriseDetails e={e} />
      )}
    </Drawer>
  );
}

function EnterpriseDetails({ e }: { e: Enterprise }) {
  const { t, i18n } = useTranslation();
  const projects = useEnterpriseProjectCount(e);
  const former = e.aliases.filter((a) => a.kind === 'former');
  const aliases = e.aliases.filter((a) => a.kind === 'alias');
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const n = projects.data;
  return (
    <Flex vertical gap={16}>
      <Flex
        align="center"
        justify="space-between"
        gap={12}
        wrap
        style={{ background: '#f5f8fc', border: '1px solid #e3eaf3', borderRadius: 8, padding: '10px 14px' }}
        data-testid="enterprise-projects"
      >
        <Space>
          <ProjectOutlined style={{ color: '#1d4f91' }} />
          <span>
            {projects.isPending ? t('common.loading') : n === null || n === undefined ? t('enterprises.projectsUnknown') : t('enterprises.projectCount', { n })}
          </span>
        </Space>
        {n ? (
          <Link to={`/projects?q=${encodeURIComponent(e.name)}`} data-testid="enterprise-projects-link">
            {t('enterprises.viewProjects')}
          </Link>
        ) : (
          <Link to="/leads/new">{t('enterprises.reportLead')}</Link>
        )}
      </Flex>
      <Descriptions
        column={1}
        bordered
        size="small"
        styles={{ label: { width: 130 } }}
        items={[
          { key: 'name', label: t('enterprises.name'), children: <span data-testid="enterprise-detail-name">{e.name}</span> },
          { key: 'trade', label: t('enterprises.tradeName'), children: e.tradeName || none },
          { key: 'uscc', label: t('enterprises.uscc'), children: e.uscc ? <Typography.Text copyable code>{e.uscc}</Typography.Text> : none },
          { key: 'legalRep', label: t('enterprises.legalRep'), children: e.legalRep ?? none },
          { key: 'capital', label: t('enterprises.regCapital'), children: e.regCapital ? money(e.regCapital.amountMinor, e.regCapital.currency, i18n.language) : none },
          { key: 'founded', label: t('enterprises.foundedOn'), children: e.foundedOn ?? none },
          { key: 'industry', label: t('enterprises.industry'), children: e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : none },
          { key: 'origin', label: t('enterprises.origin'), children: e.origin ? t(`projects.origins.${e.origin}`) : none },
          { key: 'region', label: t('enterprises.regionCode'), children: e.regionCode ?? none },
          { key: 'address', label: t('enterprises.address'), children: e.address ?? none },
          {
            key: 'tags',
            label: t('enterprises.tags'),
            children: e.tags.length ? e.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none,
          },
          {
            key: 'former',
            label: t('enterprises.former'),
            children: former.length ? (
              <Flex vertical gap={2} data-testid="enterprise-former">
                {former.map((a) => (
                  <span key={a.id}>{a.name}</span>
                ))}
              </Flex>
            ) : (
              none
            ),
          },
          {
            key: 'alias',
            label: t('enterprises.alias'),
            children: aliases.length ? aliases.map((a) => <Tag key={a.id}>{a.name}</Tag>) : none,
          },
          { key: 'source', label: t('enterprises.source'), children: e.source ? t(`enterprises.sources.${sourceKey(e.source)}`) : none },
          { key: 'updated', label: t('enterprises.updatedAt'), children: dayjs(e.updatedAt).format('YYYY-MM-DD HH:mm') },
        ]}
      />
      {!e.canEdit ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('enterprises.readOnly')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

const SOURCES = ['manual', 'import', 'lead', 'demo'] as const;
const sourceKey = (s: string): (typeof SOURCES)[number] | 'other' => ((SOURCES as readonly string[]).includes(s) ? (s as (typeof SOURCES)[number]) : 'other');

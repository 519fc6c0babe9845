import { useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Col, Dropdown, Input, Select, Space, Tag, type TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined, MoreOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Role, User } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { can, ROLE_LIST, useCurrentUser } from '../auth';
import { ResetPasswordModal } from './reset-password-modal';
import { UserFormDrawer, type UserDrawerState } from './user-form-drawer';
import { exportUsers, useDeleteUser, useUpdateUser, useUsers, type UserFilters } from './users-api';
import { UnitPicker } from '../../shared/unit-picker';
import { EmptyState, ExportButton, FilterBar, ListCard, ListTable, LoadError, showTotal } from '../../shared/list-page';

const PAGE_SIZES = [20, 50, 100];

function readFilters(p: URLSearchParams): UserFilters {
  const unitId = Number(p.get('unitId'));
  const role = p.get('role');
  const active = p.get('active');
  return {
    ...(p.get('q') ? { q: p.get('q')! } : {}),
    ...(unitId > 0 ? { unitId } : {}),
    ...(role && (ROLE_LIST as readonly string[]).includes(role) ? { role: role as Role } : {}),
    ...(active === 'true' || active === 'false' ? { active } : {}),
  };
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = can.manageUsers(me);
  const { message, modal, notification } = App.useApp();
  const onError = useErrorHandler();
  const [params, setFilter, setParams] = useSearchPatch({ resetPage: true });
  const filters = useMemo(() => readFilters(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const users = useUsers(filters, page, pageSize);
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [drawer, setDrawer] = useState<UserDrawerState | null>(null);
  const [resetFor, setResetFor] = useState<User | null>(null);
  const [q, setQ] = useState(filters.q ?? '');

  

  // search as you type, without a request per keystroke
  useEffect(() => {
  const id = setTimeout(() => {
      const want = q.trim();
      if ((new URLSearchParams(window.location.search).get('q') ?? '') !== want) setFilter({ q: want || undefined });
    }, 350);
    return () => clearTimeout(id);
  }, [q, setFilter]);

  const setActive = (u: User, active: boolean) => {
  const run = () =>
      update.mutateAsync({ id: u.id, active }).then(
        () => message.success(t(active ? 'users.activated' : 'users.deactivated')),
        (e: unknown) => onError(e),
      );
    if (active) return void run();
    modal.confirm({
      title: t('users.deactivateConfirm', { name: u.displayName }),
      okText: t('users.deactivate'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  const confirmDelete = (u: User) =>
    modal.confirm({
      title: t('users.deleteTitle', { name: u.displayName }),
      content: t('users.deleteContent'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'user-delete-confirm' } as object) },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(u.id);
          message.success(t('users.deleted', { name: u.username }));
        } catch (e) {
          if (e instanceof ApiError && e.status === 409) {
            notification.warning({ title: t('users.cannotDelete'), description: e.message, duration: 8 });
          } else onError(e);
        }
      },
    });

  const columns: TableProps<User>['columns'] = [
    { title: t('users.username'), dataIndex: 'username', width: 140, fixed: 'left', render: (v: string) => <span data-testid="user-row-username">{v}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('users.unit'), dataIndex: 'unitName', width: 190, ellipsis: true },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      width: 180,
      render: (roles: Role[]) => (
        <Space size={4} wrap>
          {roles.map((r) => (
            <Tag key={r} color={r === 'admin' ? 'volcano' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {t(`roles.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('users.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? t('common.none') },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_, u) => (
        <Space size={4} wrap>
          <Badge status={u.active ? 'success' : 'default'} text={u.active ? t('common.active') : t('common.inactive')} />
          {u.mustChangePassword ? <Tag color="gold">{t('users.mustChangeTag')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('users.never')}</span>),
    },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, u) => (
        // the row opens the record; these buttons must not
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDrawer({ mode: 'edit', user: u })}>
            {t('common.edit')}
          </Button>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'reset', icon: <KeyOutlined />, label: t('users.resetPassword') },
                u.active
                  ? { key: 'deactivate', icon: <StopOutlined />, label: t('users.deactivate'), disabled: u.id === me.id }
                  : { key: 'activate', icon: <CheckCircleOutlined />, label: t('users.activate') },
                { type: 'divider' },
                { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), disabled: u.id === me.id },
              ],
              onClick: ({ key }) => {
                if (key === 'reset') setResetFor(u);
                if (key === 'deactivate') setActive(u, false);
                if (key === 'activate') setActive(u, true);
                if (key === 'delete') confirmDelete(u);
              },
            }}
          >
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} data-testid={`user-more-${u.username}`} />
          </Dropdown>
        </Space>
      ),
    });
  }

  const filtered = Object.keys(filters).length > 0;
  const emptyText = filtered ? t('users.emptyFiltered') : canManage ? t('users.emptyAdmin') : t('users.emptyReader');

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          <>
            <ExportButton onExport={() => exportUsers(filters)} testId="users-export">
              {t('users.export')}
            </ExportButton>
            {canManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setDrawer({ mode: 'create', unitId: filters.unitId ?? me.unitId })}
                data-testid="users-create"
              >
                {t('users.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <FilterBar>
          <Col xs={24} sm={12} lg={7}>
            <Input.Search allowClear placeholder={t('users.q')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => setQ(v)} data-testid="users-q" />
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <UnitPicker
              allowClear
              placeholder={t('users.allUnits')}
              value={filters.unitId}
              onChange={(v: number | undefined) => setFilter({ unitId: v })}
              testId="users-unit-filter"
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.allRoles')}
              value={filters.role}
              onChange={(v: Role | undefined) => setFilter({ role: v })}
              options={ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              data-testid="users-role-filter"
            />
          </Col>
          <Col xs={12} sm={8} lg={3}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('users.allStatus')}
              value={filters.active}
              onChange={(v: 'true' | 'false' | undefined) => setFilter({ active: v })}
              options={[
                { value: 'true', label: t('common.active') },
                { value: 'false', label: t('common.inactive') },
              ]}
              data-testid="users-active-filter"
            />
          </Col>
          <Col xs={24} sm={8} lg={3}>
            <Button
              block
              disabled={!filtered}
              data-testid="users-reset"
              onClick={() => {
                setQ('');
                setParams(new URLSearchParams(), { replace: true });
              }}
            >
              {t('common.reset')}
            </Button>
          </Col>
      </FilterBar>
      <LoadError error={users.error} />
      <ListCard testId="users-table">
          <ListTable<User>
            clickable
            columns={columns}
            dataSource={users.data?.items ?? []}
            loading={users.isFetching}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <EmptyState description={emptyText} /> }}
            onRow={(u) => ({ onClick: () => setDrawer(canManage ? { mode: 'edit', user: u } : { mode: 'view', user: u }) })}
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: showTotal('users-total'),
              onChange: (p, size) => setFilter({ page: p > 1 && size === pageSize ? p : undefined, size: size === 20 ? undefined : size }),
              style: { padding: '0 16px' },
            }}
          />
      </ListCard>
      {drawer ? <UserFormDrawer state={drawer} onClose={() => setDrawer(null)} /> : null}
      {resetFor ? <ResetPasswordModal user={resetFor} onClose={() => setResetFor(null)} /> : null}
    </>
  );
}

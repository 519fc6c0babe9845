import { App, Button, Card, Descriptions, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useDeleteUnit, useUpdateUnit } from './org-api';
import { ancestorIds, unitName } from './unit-tree';

type Props = {
  unit: OrgUnit;
  byId: ReadonlyMap<number, OrgUnit>;
  canManage: boolean;
  isRoot: boolean;
  onSelect: (id: number) => void;
  onAddChild: () => void;
  onEdit: () => void;
  onMove: () => void;
};

export function UnitDetails({ unit, byId, canManage, isRoot, onSelect, onAddChild, onEdit, onMove }: Props) {
  const { t, i18n } = useTranslation();
  const { message, modal, notification } = App.useApp();
  const onError = useErrorHandler();
  const update = useUpdateUnit();
  const remove = useDeleteUnit();
  const lang = i18n.language;
  const name = unitName(unit, lang);
  const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
  const chain = ancestorIds(unit, byId).map((id) => byId.get(id)!);

  const setActive = (active: boolean) =>
    update.mutate(
      { id: unit.id, active },
      { onSuccess: () => message.success(t(active ? 'org.activated' : 'org.deactivated')), onError: (e) => onError(e) },
    );

  const confirmDelete = () =>
    modal.confirm({
      title: t('org.deleteTitle', { name }),
      content: t('org.deleteContent'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'org-delete-confirm' } as object) },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(unit.id);
          message.success(t('org.deleted', { name }));
          onSelect(unit.parentId ?? 0);
        } catch (e) {
          // unit_has_records names what is still attached; say it where it cannot be missed
          if (e instanceof ApiError && e.status === 409) {
            notification.warning({ title: t('org.cannotDelete'), description: e.message, duration: 8 });
          } else onError(e);
        }
      },
    });

  const rootTip = isRoot ? t('org.rootHint') : undefined;

  return (
    <Card
      data-testid="org-details"
      title={
        <Flex align="center" gap={8} wrap>
          <span className={unit.active ? undefined : 'wt-tree-inactive'} data-testid="org-details-name">
            {name}
          </span>
          <Tag color="blue">{t(`org.kinds.${unit.kind}`)}</Tag>
          {unit.active ? null : <Tag>{t('org.inactiveTag')}</Tag>}
        </Flex>
      }
    >
      {canManage ? (
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Button icon={<PlusOutlined />} onClick={onAddChild} data-testid="org-details-add-child">
            {t('org.addChild')}
          </Button>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="org-edit">
            {t('common.edit')}
          </Button>
          <Tooltip title={rootTip}>
            <Button icon={<DragOutlined />} onClick={onMove} disabled={isRoot} data-testid="org-move">
              {t('org.move')}
            </Button>
          </Tooltip>
          {unit.active ? (
            <Popconfirm
              title={t('org.deactivateConfirm', { name })}
              okText={t('org.deactivate')}
              cancelText={t('common.cancel')}
              onConfirm={() => setActive(false)}
              disabled={isRoot}
              styles={{ root: { maxWidth: 320 } }}
            >
              <Tooltip title={rootTip}>
                <Button icon={<StopOutlined />} disabled={isRoot} loading={update.isPending} data-testid="org-deactivate">
                  {t('org.deactivate')}
                </Button>
              </Tooltip>
            </Popconfirm>
          ) : (
            <Button icon={<CheckCircleOutlined />} onClick={() => setActive(true)} loading={update.isPending} data-testid="org-activate">
              {t('org.activate')}
            </Button>
          )}
          <Tooltip title={rootTip}>
            <Button danger icon={<DeleteOutlined />} disabled={isRoot} onClick={confirmDelete} data-testid="org-delete">
              {t('common.delete')}
            </Button>
          </Tooltip>
        </Flex>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'name', label: t('org.name'), children: unit.name },
          { key: 'nameEn', label: t('org.nameEn'), children: unit.nameEn ?? t('common.none') },
          { key: 'code', label: t('org.code'), children: unit.code ?? t('common.none') },
          { key: 'kind', label: t('org.kind'), children: t(`org.kinds.${unit.kind}`) },
          {
            key: 'parent',
            label: t('org.parent'),
            children: parent ? (
              <Typography.Link onClick={() => onSelect(parent.id)}>{unitName(parent, lang)}</Typography.Link>
            ) : (
              t('common.none')
            ),
          },
          {
            key: 'status',
            label: t('common.status'),
            children: unit.active ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>,
          },
          {
            key: 'users',
            label: t('org.userCount'),
            children: (
              <Flex gap={12} align="center" wrap>
                <span data-testid="org-user-count">{unit.userCount}</span>
                {unit.userCount > 0 ? <Link to={`/users?unitId=${unit.id}`}>{t('org.viewUsers')}</Link> : null}
              </Flex>
            ),
          },
          { key: 'children', label: t('org.childCount'), children: unit.childCount },
          { key: 'sort', label: t('org.sortOrder'), children: unit.sortOrder },
          {
            key: 'path',
            label: t('org.path'),
            span: 'filled',
            children: [...chain, unit].map((u) => unitName(u, lang)).join(' / '),
          },
        ]}
      />
    </Card>
  );
}

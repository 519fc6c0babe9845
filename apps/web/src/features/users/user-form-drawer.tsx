import { App, Button, Descriptions, Drawer, Flex, Form, Grid, Input, Select, Space, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CreateUser, Role, UpdateUser, User } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { ROLE_LIST } from '../auth';
import { generatePassword, useCreateUser, useUpdateUser } from './users-api';
import { UnitPicker } from '../../shared/unit-picker';

export type UserDrawerState = { mode: 'create'; unitId?: number } | { mode: 'edit'; user: User } | { mode: 'view'; user: User };

type Values = { username: string; displayName: string; unitId: number; roles: Role[]; password: string; phone?: string; active: boolean };

type Props = { state: UserDrawerState; onClose: () => void };

const USERNAME = /^[a-zA-Z0-9_.-]+$/;
const PHONE = /^[0-9+\- ]*$/;

export function UserFormDrawer({ state, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const pending = create.isPending || update.isPending;
  const roleOptions = ROLE_LIST.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  const onFinish = (v: Values) => {
    if (state.mode === 'create') {
      const body: CreateUser = {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        unitId: v.unitId,
        roles: v.roles,
        password: v.password,
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      };
      create.mutate(body, {
        onSuccess: (u) => {
          message.success(t('users.created', { name: u.username }));
          onClose();
        },
        onError: (e) => onError(e, form),
      });
    } else if (state.mode === 'edit') {
      const u = state.user;
      const patch: UpdateUser = {};
      if (v.displayName.trim() !== u.displayName) patch.displayName = v.displayName.trim();
      if (v.unitId !== u.unitId) patch.unitId = v.unitId;
      if ([...v.roles].sort().join() !== [...u.roles].sort().join()) patch.roles = v.roles;
      const phone = v.phone?.trim() ? v.phone.trim() : null;
      if (phone !== u.phone) patch.phone = phone;
      if (v.active !== u.active) patch.active = v.active;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { id: u.id, ...patch },
        {
          onSuccess: () => {
            message.success(t('users.saved'));
            onClose();
          },
          onError: (e) => onError(e, form),
        },
      );
    }
  };

  const title =
    state.mode === 'create'
      ? t('users.createTitle')
      : t(state.mode === 'edit' ? 'users.editTitle' : 'users.viewTitle', { name: state.user.displayName });

  const initial: Partial<Values> =
    state.mode === 'create'
      ? { unitId: state.unitId, roles: ['promoter'], active: true }
      : {
          username: state.user.username,
          displayName: state.user.displayName,
          unitId: state.user.unitId,
          roles: state.user.roles,
          phone: state.user.phone ?? '',
          active: state.user.active,
        };

  const footer =
    state.mode === 'view' ? null : (
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="user-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    );

  return (
    <Drawer open title={title} onClose={onClose} size={screens.sm ? 480 : '100%'} footer={footer} destroyOnHidden data-testid="user-drawer">
      {state.mode === 'view' ? (
        <Descriptions
          column={1}
          bordered
          size="small"
          items={[
            { key: 'username', label: t('users.username'), children: state.user.username },
            { key: 'displayName', label: t('users.displayName'), children: state.user.displayName },
            { key: 'unit', label: t('users.unit'), children: state.user.unitName },
            {
              key: 'roles',
              label: t('users.roles'),
              children: state.user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {t(`roles.${r}`)}
                </Tag>
              )),
            },
            { key: 'phone', label: t('users.phone'), children: state.user.phone ?? t('common.none') },
            { key: 'status', label: t('common.status'), children: state.user.active ? t('common.active') : t('common.inactive') },
            {
              key: 'lastLogin',
              label: t('users.lastLogin'),
              children: state.user.lastLoginAt ? dayjs(state.user.lastLoginAt).format('YYYY-MM-DD HH:mm') : t('users.never'),
            },
            { key: 'created', label: t('users.createdAt'), children: dayjs(state.user.createdAt).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={pending}>
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={state.mode === 'create' ? t('users.usernameRule') : undefined}
            rules={
              state.mode === 'create'
                ? [
                    { required: true, whitespace: true, message: t('common.required', { field: t('users.username') }) },
                    { min: 3, max: 40, message: t('users.usernameRule') },
                    { pattern: USERNAME, message: t('users.usernameRule') },
                  ]
                : []
            }
          >
            <Input disabled={state.mode !== 'create'} autoComplete="off" data-testid="user-username" />
          </Form.Item>
          <Form.Item
            name="displayName"
            label={t('users.displayName')}
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) },
              { max: 40, message: t('common.maxLength', { max: 40 }) },
            ]}
          >
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true, message: t('common.required', { field: t('users.unit') }) }]}>
            <UnitPicker inactive="disable" keep={state.mode === 'create' ? undefined : state.user.unitId}
              testId="user-unit"
              placeholder={t('users.unit')}
            />
          </Form.Item>
          <Form.Item name="roles" label={t('users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRule') }]}>
            <Select mode="multiple" options={roleOptions} data-testid="user-roles" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          {state.mode === 'create' ? (
            <Form.Item label={t('users.initialPassword')} required extra={t('users.initialPasswordHelp')}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="password"
                  noStyle
                  rules={[
                    { required: true, message: t('common.required', { field: t('users.initialPassword') }) },
                    { min: 8, message: t('users.passwordRule') },
                    { max: 128, message: t('common.maxLength', { max: 128 }) },
                  ]}
                >
                  <Input.Password autoComplete="new-password" data-testid="user-password" />
                </Form.Item>
                <Button onClick={() => form.setFieldValue('password', generatePassword())}>{t('users.generate')}</Button>
              </Space.Compact>
            </Form.Item>
          ) : null}
          <Form.Item
            name="phone"
            label={t('users.phone')}
            rules={[
              { max: 20, message: t('common.maxLength', { max: 20 }) },
              { pattern: PHONE, message: t('users.phoneRule') },
            ]}
          >
            <Input inputMode="tel" data-testid="user-phone" />
          </Form.Item>
          {state.mode === 'edit' ? (
            <Form.Item name="active" label={t('common.status')} valuePropName="checked">
              <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} data-testid="user-active" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Drawer>
  );
}

import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CreateEnterprise, isValidUscc, shanghaiDate, type Currency, type Enterprise, type EnterpriseOrigin, type UpdateEnterprise } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { DateInput } from '../../shared/date-input';
import { dateRule } from '../../shared/form-rules';
import { useDebounced } from '../../shared/use-debounced';
import { useErrorHandler } from '../../shared/use-error-handler';
import { IndustryCascader } from '../industries';
import { ORIGINS } from '../projects';
import { useCreateEnterprise, useEnterpriseMatch, useUpdateEnterprise } from './enterprises-api';

const CURRENCY_CHOICES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'] as const satisfies readonly Currency[];
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const DIVISION = /^\d{6}(\d{3})?$/;
const WAN = 1_000_000;

type AliasRow = { name?: string; kind: 'former' | 'alias' };
type Values = {
  name: string;
  uscc?: string;
  legalRep?: string;
  regCapitalWan?: number | null;
  currency: Currency;
  foundedOn?: string | null;
  industryCode?: string;
  regionCode?: string;
  origin?: EnterpriseOrigin;
  address?: string;
  tags?: string[];
  aliases?: AliasRow[];
};

export type UsccProblem = 'shape' | 'check' | undefined;

/** Shape first (a clear message while typing), then the check digit (GB 32100-2015). */
export function usccProblem(raw: string | undefined): UsccProblem {
  const v = (raw ?? '').trim().toUpperCase();
  if (!v) return undefined;
  if (!USCC_SHAPE.test(v)) return 'shape';
  return isValidUscc(v) ? undefined : 'check';
}

const initialValues = (e?: Enterprise): Partial<Values> =>
  e
    ? {
        name: e.name,
        uscc: e.uscc ?? '',
        legalRep: e.legalRep ?? '',
        regCapitalWan: e.regCapital ? e.regCapital.amountMinor / WAN : null,
        currency: (e.regCapital?.currency as Currency | undefined) ?? 'CNY',
        foundedOn: e.foundedOn ?? null,
        industryCode: e.industryCode ?? undefined,
        regionCode: e.regionCode ?? '',
        origin: e.origin ?? undefined,
        address: e.address ?? '',
        tags: e.tags,
        aliases: e.aliases.map((a) => ({ name: a.name, kind: a.kind })),
      }
    : { currency: 'CNY', tags: [], aliases: [] };

const trimmed = (s: string | undefined) => s?.trim() || undefined;
const aliasesOf = (rows: AliasRow[] | undefined) =>
  (rows ?? []).flatMap((a) => (a.name?.trim() ? [{ name: a.name.trim(), kind: a.kind }] : []));

type Props = {
  enterprise?: Enterprise;
  onDone: (e: Enterprise) => void;
  onCancel: () => void;
  /** a duplicate hint was clicked: show that enterprise instead */
  onOpen: (id: number) => void;
};

/** Register or change an enterprise: USCC checked as it is typed, duplicates hinted as the name is typed. */
export function EnterpriseForm({ enterprise, onDone, onCancel, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  // a refusal because the registry has this enterprise already (same credit code or name): which one
  const [exists, setExists] = useState<{ id: number; message: string } | null>(null);
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateEnterprise();
  const update = useUpdateEnterprise();
  const pending = create.isPending || update.isPending;
  const initial = useMemo(() => initialValues(enterprise), [enterprise]);

  const name = Form.useWatch('name', form) ?? '';
  const uscc = Form.useWatch('uscc', form) ?? '';
  const match = useEnterpriseMatch(useDebounced(name, 300), useDebounced(uscc, 300));
  const hints = (match.data?.candidates ?? []).filter((c) => c.enterprise.id !== enterprise?.id);
  const usccTaken = hints.find((c) => c.usccMatch);

  const failed = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'enterprise_exists' && e.existingId) setExists({ id: e.existingId, message: e.message });
    onError(e, form);
  };

  const onFinish = (v: Values) => {
    const regCapital =
      v.regCapitalWan !== undefined && v.regCapitalWan !== null ? { amountMinor: Math.round(v.regCapitalWan * WAN), currency: v.currency } : undefined;
    const foundedOn = v.foundedOn?.trim() || undefined;
    const aliases = aliasesOf(v.aliases);
    if (!enterprise) {
      const body: CreateEnterprise = {
        name: v.name.trim(),
        ...(trimmed(v.uscc) ? { uscc: v.uscc!.trim().toUpperCase() } : {}),
        ...(trimmed(v.legalRep) ? { legalRep: v.legalRep!.trim() } : {}),
        ...(regCapital ? { regCapital } : {}),
        ...(foundedOn ? { foundedOn } : {}),
        ...(v.industryCode ? { industryCode: v.industryCode } : {}),
        ...(trimmed(v.regionCode) ? { regionCode: v.regionCode!.trim() } : {}),
        ...(v.origin ? { origin: v.origin } : {}),
        ...(trimmed(v.address) ? { address: v.address!.trim() } : {}),
        ...(v.tags?.length ? { tags: v.tags } : {}),
        ...(aliases.length ? { aliases } : {}),
      };
      create.mutate(body, {
        onSuccess: (e) => {
          message.success(t('enterprises.created', { name: e.name }));
          onDone(e);
        },
        onError: failed,
      });
      return;
    }
    const e = enterprise;
    const patch: UpdateEnterprise = {};
    if (v.name.trim() !== e.name) patch.name = v.name.trim();
    const u = trimmed(v.uscc)?.toUpperCase() ?? null;
    if (u !== e.uscc) patch.uscc = u;
    const legalRep = trimmed(v.legalRep) ?? null;
    if (legalRep !== e.legalRep) patch.legalRep = legalRep;
    if ((regCapital?.amountMinor ?? null) !== (e.regCapital?.amountMinor ?? null) || (regCapital && regCapital.currency !== e.regCapital?.currency)) {
      patch.regCapital = regCapital ?? null;
    }
    if ((foundedOn ?? null) !== e.foundedOn) patch.foundedOn = foundedOn ?? null;
    if ((v.industryCode ?? null) !== e.industryCode) patch.industryCode = v.industryCode ?? null;
    const regionCode = trimmed(v.regionCode) ?? null;
    if (regionCode !== e.regionCode) patch.regionCode = regionCode;
    if ((v.origin ?? null) !== e.origin) patch.origin = v.origin ?? null;
    const address = trimmed(v.address) ?? null;
    if (address !== e.address) patch.address = address;
    if ((v.tags ?? []).join('\u0001') !== e.tags.join('\u0001')) patch.tags = v.tags ?? [];
    const key = (xs: { name: string; kind: string }[]) => xs.map((a) => `${a.kind}:${a.name}`).join('\u0001');
    if (key(aliases) !== key(e.aliases)) patch.aliases = aliases;
    if (!Object.keys(patch).length) {
      onDone(e);
      return;
    }
    update.mutate(
      { id: e.id, ...patch },
      {
        onSuccess: (saved) => {
          message.success(t('enterprises.saved'));
          onDone(saved);
        },
        onError: failed,
      },
    );
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      onValuesChange={(changed: Partial<Values>) => {
        if ('name' in changed || 'uscc' in changed) setExists(null);
      }}
      disabled={pending}
      data-testid="enterprise-form"
    >
      {exists ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('duplicates.existsTitle')}
          description={exists.message}
          action={
            <Button size="small" type="primary" onClick={() => onOpen(exists.id)} data-testid="enterprise-exists-open">
              {t('duplicates.existsOpen')}
            </Button>
          }
          data-testid="enterprise-exists"
        />
      ) : null}
      <Form.Item
        name="name"
        label={t('enterprises.name')}
        rules={[
          { required: true, whitespace: true, message: t('common.required', { field: t('enterprises.name') }) },
          { max: 200, message: t('common.maxLength', { max: 200 }) },
        ]}
        extra={
          hints.length ? (
            <Alert
              type={hints.some((h) => h.likely) ? 'warning' : 'info'}
              showIcon
              style={{ marginTop: 6 }}
              data-testid="enterprise-hints"
              title={hints.some((h) => h.likely) ? t('enterprises.hintLikely') : t('enterprises.hintSimilar')}
              description={
                <Flex vertical gap={4}>
                  {hints.map((h) => (
                    <Flex key={h.enterprise.id} gap={6} wrap align="center">
                      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onOpen(h.enterprise.id)}>
                        {h.enterprise.name}
                      </Button>
                      {h.matchedName !== h.enterprise.name ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('enterprises.matchedName', { name: h.matchedName })}
                        </Typography.Text>
                      ) : null}
                      {h.usccMatch ? <Tag color="red">{t('enterprises.sameUscc')}</Tag> : h.likely ? <Tag color="orange">{t('enterprises.likely')}</Tag> : null}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('enterprises.projectCount', { n: h.projectCount })}
                      </Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              }
            />
          ) : undefined
        }
      >
        <Input autoComplete="off" data-testid="enterprise-name" />
      </Form.Item>
      <Form.Item
        name="uscc"
        label={t('enterprises.uscc')}
        normalize={(v: string | undefined) => v?.toUpperCase().replace(/\s/g, '')}
        extra={usccTaken ? <Typography.Text type="danger">{t('enterprises.usccTaken', { name: usccTaken.enterprise.name })}</Typography.Text> : t('enterprises.usccHelp')}
        rules={[
          {
            validator: (_, v: string | undefined) => {
              const p = usccProblem(v);
              return p ? Promise.reject(new Error(t(p === 'shape' ? 'enterprises.usccShape' : 'enterprises.usccCheck'))) : Promise.resolve();
            },
          },
        ]}
      >
        <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid="enterprise-uscc" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="legalRep" label={t('enterprises.legalRep')} rules={[{ max: 50, message: t('common.maxLength', { max: 50 }) }]}>
            <Input data-testid="enterprise-legal-rep" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="foundedOn" label={t('enterprises.foundedOn')} rules={[dateRule(CreateEnterprise.shape.foundedOn, i18n.language)]}>
            <DateInput disabledDay={(d) => d > shanghaiDate()} testId="enterprise-founded" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('enterprises.regCapital')}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="regCapitalWan" noStyle>
            <InputNumber<number> min={0} precision={2} style={{ width: '65%' }} placeholder={t('enterprises.regCapitalWan')} data-testid="enterprise-capital" />
          </Form.Item>
          <Form.Item name="currency" noStyle>
            <Select style={{ width: '35%' }} options={CURRENCY_CHOICES.map((c) => ({ value: c, label: t(`enterprises.currencies.${c}`) }))} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item name="industryCode" label={t('enterprises.industry')}>
        <IndustryCascaderField placeholder={t('enterprises.industryPlaceholder')} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="origin" label={t('enterprises.origin')}>
            <Select allowClear options={ORIGINS.map((o) => ({ value: o, label: t(`projects.origins.${o}`) }))} data-testid="enterprise-origin" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="regionCode" label={t('enterprises.regionCode')} rules={[{ pattern: DIVISION, message: t('enterprises.regionCodeRule') }]}>
            <Input inputMode="numeric" maxLength={9} placeholder="330203" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={t('enterprises.address')} rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
        <Input />
      </Form.Item>
      <Form.Item name="tags" label={t('enterprises.tags')} extra={t('enterprises.tagsHelp')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item label={t('enterprises.aliases')} extra={t('enterprises.aliasesHelp')}>
        <Form.List name="aliases">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Space.Compact key={f.key} style={{ width: '100%' }}>
                  <Form.Item name={[f.name, 'kind']} noStyle>
                    <Select
                      style={{ width: 110 }}
                      options={[
                        { value: 'former', label: t('enterprises.former') },
                        { value: 'alias', label: t('enterprises.alias') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} noStyle rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
                    <Input placeholder={t('enterprises.aliasName')} />
                  </Form.Item>
                  <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'former', name: '' })} style={{ alignSelf: 'flex-start' }}>
                {t('enterprises.addAlias')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Flex
        justify="flex-end"
        gap={8}
        style={{ position: 'sticky', bottom: -24, background: '#fff', padding: '12px 0 24px', marginBottom: -24, borderTop: '1px solid #f0f0f0', zIndex: 2 }}
      >
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="enterprise-form-submit">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}

/** The cascader as a form control: value in, code out. */
function IndustryCascaderField({ value, onChange, placeholder }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string }) {
  return <IndustryCascader value={value} onChange={(i) => onChange?.(i?.code)} placeholder={placeholder} testId="enterprise-industry" />;
}

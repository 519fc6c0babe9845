import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Modal, Progress, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@wutong/contracts';
import { decimal, percentOfBp } from '../../shared/format';
import { useSetCoPromoters } from './project-api';
import { useServerErrors } from '../../shared/use-error-handler';
import { UnitPicker } from '../../shared/unit-picker';
import { EmptyState } from '../../shared/list-page';

type Row = { unitId?: number; percent?: number | null };
type Values = { units: Row[] };

const FULL = 10_000;
const bpOf = (percent: number | null | undefined) => (typeof percent === 'number' ? Math.round(percent * 100) : 0);

/** Splits 100% evenly in basis points; the first units take the remainder so the sum is exact. */
export function evenShares(n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(FULL / n);
  return Array.from({ length: n }, (_, i) => base + (i < FULL - base * n ? 1 : 0));
}

function CoPromotersModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<Values>();
  const save = useSetCoPromoters(project.id);
  const rows = (Form.useWatch('units', form) ?? []) as Row[];
  const sum = rows.reduce((s, r) => s + bpOf(r?.percent), 0);
  const ids = rows.map((r) => r?.unitId).filter((x): x is number => typeof x === 'number');
  const duplicate = new Set(ids).size !== ids.length;
  const complete = rows.length > 0 && rows.every((r) => r?.unitId && bpOf(r.percent) > 0);
  const ok = sum === FULL && !duplicate && complete;

  const even = () => {
  const shares = evenShares(rows.length);
    form.setFieldValue(
      'units',
      rows.map((r, i) => ({ ...r, percent: (shares[i] ?? 0) / 100 })),
    );
  };

  const onFinish = (v: Values) =>
    save.mutate(
      { units: v.units.map((r) => ({ unitId: r.unitId!, shareBp: bpOf(r.percent) })) },
      {
        onSuccess: () => {
          message.success(t('project.co.saved'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <Modal
      open
      title={t('project.co.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ disabled: !ok, ...({ 'data-testid': 'co-submit' } as object) }}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('project.co.help')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ units: project.coPromoters.map((c) => ({ unitId: c.unitId, percent: c.shareBp / 100 })) }}
      >
        <Form.List name="units">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'unitId']} rules={[{ required: true, message: t('project.co.unitRequired') }]} style={{ flex: 1, minWidth: 0 }}>
                    <UnitPicker inactive="skip"
                      placeholder={t('project.co.unit')}
                      testId={`co-unit-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'percent']} rules={[{ required: true, message: t('project.co.shareRequired') }]} style={{ width: 130 }}>
                    <InputNumber<number> min={0.01} max={100} precision={2} suffix="%" style={{ width: '100%' }} data-testid={`co-percent-${f.name}`} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} aria-label={t('common.delete')} />
                </Flex>
              ))}
              <Flex gap={8} wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ percent: null })} disabled={fields.length >= 20}>
                  {t('project.co.add')}
                </Button>
                <Button onClick={even} disabled={fields.length === 0}>
                  {t('project.co.even')}
                </Button>
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
      <Alert
        style={{ marginTop: 16 }}
        type={ok ? 'success' : 'warning'}
        showIcon
        title={<span data-testid="co-sum">{duplicate ? t('project.co.duplicate') : !complete ? t('project.co.incomplete') : sum === FULL ? t('project.co.sumOk') : t('project.co.sumBad', { p: `${decimal(sum / 100)}%` })}</span>}
      />
    </Modal>
  );
}

/** 协同招商: the units sharing the credit for a project, and their shares. */
export function CoPromotersCard({ project, canManage }: { project: ProjectDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card
      size="small"
      title={t('project.co.heading')}
      style={{ marginBottom: 16 }}
      data-testid="co-card"
      extra={
        canManage ? (
          <Button type="link" size="small" onClick={() => setOpen(true)} style={{ paddingInline: 0 }} data-testid="co-edit">
            {t('project.co.edit')}
          </Button>
        ) : null
      }
    >
      {project.coPromoters.length === 0 ? (
        <EmptyState description={t('project.co.empty')} />
      ) : (
        project.coPromoters.map((c) => (
          <div key={c.unitId} style={{ marginBottom: 8 }} data-testid="co-row">
            <Flex justify="space-between">
              <span>{c.unitName}</span>
              <strong>{percentOfBp(c.shareBp)}</strong>
            </Flex>
            <Progress percent={c.shareBp / 100} showInfo={false} size="small" />
          </div>
        ))
      )}
      {open ? <CoPromotersModal project={project} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

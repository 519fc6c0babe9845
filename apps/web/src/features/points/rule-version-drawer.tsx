import { useState } from 'react';
import { App, Button, Card, Col, Drawer, Flex, Form, Input, InputNumber, Row, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CreateRuleVersion, type PointEvent, type RuleVersion, type ScoringRules } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { dateRule } from '../../shared/form-rules';
import { useErrorHandler } from '../../shared/use-error-handler';
import { IndustryCascader, useIndustries } from '../industries';
import { useCreateRuleVersion } from './points-api';
import { groupedNumber } from '../../shared/format';
import { priorityCode, priorityLabel } from './priority-industries';
import { shanghaiDate } from '@wutong/contracts';

type Values = {
  effectiveFrom: string;
  note: string;
  events: ScoringRules['events'];
  capitalPerWan: ScoringRules['capitalPerWan'];
  size: { minInvestmentWan: number | null; factor: number | null }[];
  priorityCodes: string[];
  priorityFactor: number;
  keyBlock: number;
};

export const SCORED_EVENTS: Exclude<PointEvent, 'capital'>[] = ['lead_accepted', 'signed', 'registered', 'construction', 'production'];
export const CAPITAL_CATEGORIES = ['foreign_usd', 'domestic_out_of_city', 'zhejiang_returning'] as const;

const EMPTY: ScoringRules = {
  events: { lead_accepted: 0, signed: 0, registered: 0, construction: 0, production: 0 },
  capitalPerWan: { foreign_usd: 0, domestic_out_of_city: 0, zhejiang_returning: 0 },
  multipliers: { size: [], priorityIndustries: { codes: [], factor: 1 }, keyBlock: 1 },
};

/** Priority industry codes as tags with names; a cascader adds one (any level: section, division, group, class). */
function CodesInput({ value = [], onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const industries = useIndustries();
  const [picking, setPicking] = useState(0);
  return (
    <Flex vertical gap={8} data-testid="rule-priority-codes">
      <Flex gap={6} wrap>
        {value.length === 0 ? <Typography.Text type="secondary">{t('assessment.rules.form.noCodes')}</Typography.Text> : null}
        {value.map((c) => (
          <Tag key={c} closable onClose={() => onChange?.(value.filter((x) => x !== c))} style={{ marginInlineEnd: 0 }} data-testid="rule-priority-code">
            {priorityLabel(c, industries.data?.byCode)}
          </Tag>
        ))}
      </Flex>
      <IndustryCascader
        key={picking}
        testId="rule-priority-add"
        placeholder={t('assessment.rules.form.addCode')}
        onChange={(i) => {
          const code = i ? priorityCode(i) : undefined;
          if (code && !value.includes(code)) onChange?.([...value, code]);
          setPicking((n) => n + 1);
        }}
      />
    </Flex>
  );
}

const toValues = (r: ScoringRules): Omit<Values, 'effectiveFrom' | 'note'> => ({
  events: { ...r.events },
  capitalPerWan: { ...r.capitalPerWan },
  size: r.multipliers.size.map((s) => ({ ...s })),
  priorityCodes: [...r.multipliers.priorityIndustries.codes],
  priorityFactor: r.multipliers.priorityIndustries.factor,
  keyBlock: r.multipliers.keyBlock,
});

/**
 * A new version of the scoring rules, prefilled from the one in force. Saving asks first, saying
 * what happens: every entry from the effective date on is scored again under the new version.
 */
export function RuleVersionDrawer({
  base,
  nextVersion,
  onClose,
  onCreated,
}: {
  base: RuleVersion | undefined;
  nextVersion: number;
  onClose: () => void;
  onCreated: (r: { version: number; rescoredEntries: number; effectiveFrom: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const create = useCreateRuleVersion();
  const [form] = Form.useForm<Values>();

  const submit = async () => {
    const v = await form.validateFields();
    const effectiveFrom = v.effectiveFrom.trim();
    const rules: ScoringRules = {
      events: v.events,
      capitalPerWan: v.capitalPerWan,
      multipliers: {
        size: v.size.map((s) => ({ minInvestmentWan: s.minInvestmentWan ?? 0, factor: s.factor ?? 1 })).sort((a, b) => a.minInvestmentWan - b.minInvestmentWan),
        priorityIndustries: { codes: v.priorityCodes, factor: v.priorityFactor },
        keyBlock: v.keyBlock,
      },
    };
    const past = effectiveFrom <= shanghaiDate();
    modal.confirm({
      title: t('assessment.rules.confirmTitle', { version: nextVersion, date: effectiveFrom }),
      width: 560,
      content: (
        <Flex vertical gap={8} data-testid="rules-confirm">
          <Typography.Paragraph style={{ margin: 0 }}>{t('assessment.rules.confirmRescore', { date: effectiveFrom })}</Typography.Paragraph>
          <Typography.Paragraph style={{ margin: 0 }}>{t('assessment.rules.confirmKeep', { date: effectiveFrom })}</Typography.Paragraph>
          <Typography.Paragraph type={past ? 'warning' : 'secondary'} style={{ margin: 0 }}>
            {past ? t('assessment.rules.confirmPast') : t('assessment.rules.confirmFuture')}
          </Typography.Paragraph>
        </Flex>
      ),
      okText: t('assessment.rules.confirmOk'),
      okButtonProps: { ...({ 'data-testid': 'rules-confirm-ok' } as object) },
      cancelText: t('common.cancel'),
      onOk: () =>
        create
          .mutateAsync({ effectiveFrom, note: v.note.trim(), rules })
          .then((r) => {
            onCreated({ ...r, effectiveFrom });
            onClose();
          })
          .catch((e: unknown) => onError(e, form)),
    });
  };

  const pts = (name: (string | number)[], label: string, testId: string, suffix = t('assessment.rules.form.pointsSuffix')) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('assessment.rules.form.required') }]} style={{ marginBottom: 12 }}>
      <InputNumber<number> style={{ width: '100%' }} min={0} max={1e6} step={1} suffix={suffix} data-testid={testId} />
    </Form.Item>
  );
  const factor = (name: (string | number)[], label: string, testId: string, extra?: string) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('assessment.rules.form.required') }]} style={{ marginBottom: 12 }}>
      <InputNumber<number> style={{ width: '100%' }} min={0.01} max={100} step={0.1} prefix="×" data-testid={testId} />
    </Form.Item>
  );

  return (
    <Drawer
      open
      size={720}
      onClose={onClose}
      title={t('assessment.rules.newTitle', { version: nextVersion })}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => void submit()} data-testid="rules-save">
            {t('assessment.rules.save')}
          </Button>
        </Space>
      }
      data-testid="rules-drawer"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ effectiveFrom: shanghaiDate(), note: '', ...toValues(base?.rules ?? EMPTY) }}
      >
        {base ? (
          <Typography.Paragraph type="secondary">{t('assessment.rules.form.prefilled', { version: base.version })}</Typography.Paragraph>
        ) : null}
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="effectiveFrom" label={t('assessment.rules.effectiveFrom')} required rules={[dateRule(CreateRuleVersion.shape.effectiveFrom, i18n.language)]}>
              <DateInput testId="rules-effective-from" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="note"
              label={t('assessment.rules.note')}
              rules={[
                { required: true, whitespace: true, message: t('assessment.rules.form.noteRequired') },
                { max: 500, message: t('common.maxLength', { max: 500 }) },
              ]}
            >
              <Input placeholder={t('assessment.rules.form.notePlaceholder')} maxLength={500} data-testid="rules-note" />
            </Form.Item>
          </Col>
        </Row>

        <Card size="small" title={t('assessment.rules.form.events')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            {SCORED_EVENTS.map((e) => (
              <Col span={8} key={e}>
                {pts(['events', e], t(`assessment.points.events.${e}`), `rules-event-${e}`)}
              </Col>
            ))}
          </Row>
        </Card>

        <Card size="small" title={t('assessment.rules.form.capital')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            {CAPITAL_CATEGORIES.map((c) => (
              <Col span={8} key={c}>
                {pts(['capitalPerWan', c], t(`assessment.points.explain.categories.${c}`), `rules-capital-${c}`, c === 'foreign_usd' ? t('assessment.rules.form.perWanUsd') : t('assessment.rules.form.perWanCny'))}
              </Col>
            ))}
          </Row>
        </Card>

        <Card size="small" title={t('assessment.rules.form.size')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('assessment.rules.form.sizeHelp')}
          </Typography.Paragraph>
          <Form.List name="size">
            {(fields, { add, remove }) => (
              <Flex vertical gap={0}>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Col span={11}>
                      <Form.Item name={[f.name, 'minInvestmentWan']} rules={[{ required: true, message: t('assessment.rules.form.required') }]} style={{ marginBottom: 8 }}>
                        <InputNumber<number>
                          style={{ width: '100%' }}
                          min={0}
                          max={1e9}
                          prefix="≥"
                          suffix={t('assessment.rules.form.wanYuan')}
                          {...groupedNumber()}
                          data-testid={`rules-size-min-${i}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={10}>
                      <Form.Item name={[f.name, 'factor']} rules={[{ required: true, message: t('assessment.rules.form.required') }]} style={{ marginBottom: 8 }}>
                        <InputNumber<number> style={{ width: '100%' }} min={0.01} max={100} step={0.1} prefix="×" data-testid={`rules-size-factor-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 10} onClick={() => add({ minInvestmentWan: null, factor: null })} data-testid="rules-size-add">
                  {t('assessment.rules.form.addSize')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>

        <Card size="small" title={t('assessment.rules.form.priority')} style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col span={16}>
              <Form.Item name="priorityCodes" label={t('assessment.rules.form.priorityCodes')} style={{ marginBottom: 12 }}>
                <CodesInput />
              </Form.Item>
            </Col>
            <Col span={8}>{factor(['priorityFactor'], t('assessment.rules.form.priorityFactor'), 'rules-priority-factor')}</Col>
          </Row>
        </Card>

        <Card size="small" title={t('assessment.rules.form.keyBlock')}>
          <Row gutter={12}>
            <Col span={8}>{factor(['keyBlock'], t('assessment.rules.form.keyBlockFactor'), 'rules-key-block', t('assessment.rules.form.keyBlockHelp'))}</Col>
          </Row>
        </Card>
      </Form>
    </Drawer>
  );
}

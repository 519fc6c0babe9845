import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Row, Segmented, Select, Table, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FxRate } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { contractRule, dateRule } from '../../shared/form-rules';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { formatCount } from '../../shared/format';
import { useFxRates, useSetFxRate } from './assessment-api';
import { shanghaiDate } from '@wutong/contracts';
import { EmptyState, LoadError } from '../../shared/list-page';

const CURRENCIES: FxRate['currency'][] = ['USD', 'EUR', 'HKD', 'JPY', 'GBP'];
type Values = { currency: FxRate['currency']; onDate: string; rate: number | null; source?: string };

/** 汇率: the dated rates that convert foreign figures to CNY where a figure adds them up. */
export function FxRatesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const rates = useFxRates();
  const setRate = useSetFxRate();
  const [form] = Form.useForm<Values>();
  const [currency, setCurrency] = useState<FxRate['currency'] | 'all'>('all');
  const today = shanghaiDate();

  const rows = useMemo(
    () =>
      [...(rates.data ?? [])]
        .filter((r) => currency === 'all' || r.currency === currency)
        .sort((a, b) => b.onDate.localeCompare(a.onDate) || a.currency.localeCompare(b.currency)),
    [rates.data, currency],
  );
  // the rate in force today per currency: the latest dated on or before today
  const inForce = useMemo(() => {
    const m = new Map<string, FxRate>();
    for (const r of rates.data ?? []) {
      if (r.onDate > today) continue;
      const cur = m.get(r.currency);
      if (!cur || r.onDate > cur.onDate) m.set(r.currency, r);
    }
    return m;
  }, [rates.data, today]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      const onDate = v.onDate.trim();
      await setRate.mutateAsync({ currency: v.currency, onDate, rate: v.rate!, ...(v.source?.trim() ? { source: v.source.trim() } : {}) });
      message.success(t('assessment.fx.saved', { currency: v.currency, date: onDate }));
      form.setFieldsValue({ rate: null, source: '' });
    } catch (e) {
      onError(e, form);
    }
  };

  const columns: TableProps<FxRate>['columns'] = [
    { title: t('assessment.fx.currency'), dataIndex: 'currency', width: 140, render: (c: FxRate['currency']) => `${c} ${t(`assessment.fx.names.${c}`)}` },
    { title: t('assessment.fx.onDate'), dataIndex: 'onDate', width: 130 },
    {
      title: t('assessment.fx.rate'),
      dataIndex: 'rate',
      width: 200,
      align: 'right',
      render: (v: number, r) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          1 {r.currency} = <strong>{v.toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 6 })}</strong> CNY
        </span>
      ),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 110,
      render: (_, r) =>
        inForce.get(r.currency) === r ? (
          <Typography.Text type="success">{t('assessment.fx.inForce')}</Typography.Text>
        ) : r.onDate > today ? (
          <Typography.Text type="secondary">{t('assessment.fx.future')}</Typography.Text>
        ) : null,
    },
    { title: t('assessment.fx.source'), dataIndex: 'source', render: (v: string | undefined) => v ?? <Typography.Text type="secondary">—</Typography.Text> },
  ];

  return (
    <>
      <PageHeader title={t('assessment.fx.title')} />
      <Typography.Paragraph type="secondary">{t('assessment.fx.help')}</Typography.Paragraph>
      <Card size="small" title={t('assessment.fx.add')} style={{ marginBottom: 12 }}>
        <Form<Values> form={form} layout="vertical" requiredMark initialValues={{ currency: 'USD', onDate: today, rate: null, source: '' }}>
          <Row gutter={12} align="bottom">
            <Col xs={12} md={4}>
              <Form.Item name="currency" label={t('assessment.fx.currency')} rules={[{ required: true }]}>
                <Select options={CURRENCIES.map((c) => ({ value: c, label: `${c} ${t(`assessment.fx.names.${c}`)}` }))} data-testid="fx-currency" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="onDate" label={t('assessment.fx.onDate')} required rules={[dateRule(FxRate.shape.onDate, lang)]}>
                <DateInput testId="fx-date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="rate" label={t('assessment.fx.rateLabel')} rules={[{ required: true, message: t('assessment.fx.rateRequired') }, contractRule(FxRate.shape.rate, lang)]}>
                <InputNumber<number> style={{ width: '100%' }} step={0.01} inputMode="decimal" suffix="CNY" data-testid="fx-rate" />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item name="source" label={t('assessment.fx.source')} rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
                <Input placeholder={t('assessment.fx.sourcePlaceholder')} maxLength={200} data-testid="fx-source" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item>
                <Button type="primary" block icon={<PlusOutlined />} loading={setRate.isPending} onClick={() => void submit()} data-testid="fx-save">
                  {t('assessment.fx.save')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('assessment.fx.sameDayHint')}
          </Typography.Text>
        </Form>
      </Card>
      <LoadError error={rates.error} />
      <Card
        size="small"
        styles={{ body: { padding: 0 } }}
        title={t('assessment.fx.list')}
        extra={
          <Segmented<FxRate['currency'] | 'all'>
            size="small"
            value={currency}
            onChange={setCurrency}
            options={[{ value: 'all', label: t('common.all') }, ...CURRENCIES.map((c) => ({ value: c, label: c }))]}
          />
        }
      >
        <Table<FxRate>
          rowKey={(r) => `${r.currency}:${r.onDate}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={rates.isFetching}
          onRow={(r) => ({ 'data-testid': 'fx-row', 'data-key': `${r.currency}:${r.onDate}` }) as object}
          locale={{ emptyText: <EmptyState description={t('assessment.fx.empty')} /> }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n: formatCount(n) }), style: { padding: '0 16px' } }}
        />
      </Card>
    </>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { INDICATORS, type IndicatorCode, type TargetRow, type TargetSplit } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useSetTarget } from './assessment-api';
import { entryUnit, evenSplit, formatIndicator, partsCount, scaleOf, toBase, toDisplay } from './indicator-units';
import { groupedNumber, indicatorName, punct } from '../../shared/format';
import { UnitPicker } from '../../shared/unit-picker';

export type TargetModalState = { mode: 'create'; unitId?: number; indicator?: IndicatorCode; year: number } | { mode: 'edit'; row: TargetRow };

type Values = { unitId?: number; indicator?: IndicatorCode; annual?: number | null; split: TargetSplit };


/**
 * Sets one unit's yearly target for one indicator, in display units (家, 万元, t…), optionally split
 * by quarter or month. The parts start as an even split and follow the annual until edited by hand;
 * they must add up to the annual exactly, which the form says as the user types.
 */
export function TargetModal({ state, onClose }: { state: TargetModalState; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const save = useSetTarget();
  const [form] = Form.useForm<Values>();
  const editing = state.mode === 'edit' ? state.row : undefined;
  const year = editing ? editing.year : state.mode === 'create' ? state.year : new Date().getFullYear();

  const indicator = (Form.useWatch('indicator', form) ?? editing?.indicator) as IndicatorCode | undefined;
  const annual = Form.useWatch('annual', form) as number | null | undefined;
  const split = (Form.useWatch('split', form) ?? editing?.split ?? 'none') as TargetSplit;
  const n = partsCount(split);

  // the parts in display units; `touched` once the user edits one, after which they stop following the annual
  const [parts, setParts] = useState<(number | null)[]>(() =>
    editing?.parts && editing.parts.length ? editing.parts.map((p) => toDisplay(editing.indicator, p)) : [],
  );
  const [touched, setTouched] = useState(!!editing?.parts?.length);

  const resplit = (ind: IndicatorCode | undefined, a: number | null | undefined, count: number) => {
    if (!ind || count === 0) return setParts([]);
    setParts(evenSplit(ind, toBase(ind, a ?? 0), count).map((p) => toDisplay(ind, p)));
  };

  // the split changed (or an untouched split follows the annual): an even split again
  useEffect(() => {
    if (n === 0) return;
    if (parts.length !== n || !touched) resplit(indicator, annual, n);
    // parts and touched are read, not watched: only the split, the annual and the indicator re-split
  }, [n, annual, indicator]);

  
  const annualBase = indicator && annual !== null && annual !== undefined ? toBase(indicator, annual) : undefined;
  const partsBase = indicator ? parts.map((p) => (p === null ? 0 : toBase(indicator, p))) : [];
  const sumBase = partsBase.reduce((a, b) => a + b, 0);
  const partsMissing = parts.some((p) => p === null);
  const diff = annualBase === undefined ? 0 : sumBase - annualBase;
  const partsOk = n === 0 || (annualBase !== undefined && !partsMissing && diff === 0);

  const submit = async () => {
  const v = await form.validateFields();
    if (!partsOk || !v.indicator || v.unitId === undefined || annualBase === undefined) return;
    try {
      const saved = await save.mutateAsync({
        unitId: v.unitId,
        indicator: v.indicator,
        year,
        annual: annualBase,
        split: v.split,
        ...(n ? { parts: partsBase } : {}),
      });
      message.success(t('assessment.targets.saved', { unit: saved.unitName, indicator: indicatorName(saved.indicator, lang) }));
      onClose();
    } catch (e) {
      onError(e, form);
    }
  };

  const suffix = indicator ? entryUnit(indicator, lang) : '';
  const decimals = indicator ? scaleOf(indicator).digits : 0;
  const partLabel = (i: number) => (split === 'quarter' ? t('assessment.targets.quarterN', { n: i + 1 }) : t('assessment.targets.monthN', { n: i + 1 }));

  return (
    <Modal
      open
      width={n === 12 ? 760 : 600}
      title={editing ? t('assessment.targets.editTitle', { unit: editing.unitName, year }) : t('assessment.targets.createTitle', { year })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !partsOk, ...({ 'data-testid': 'target-save' } as object) }}
      destroyOnHidden
      data-testid="target-modal"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{
          unitId: editing?.unitId ?? (state.mode === 'create' ? state.unitId : undefined),
          indicator: editing?.indicator ?? (state.mode === 'create' ? state.indicator : undefined),
          annual: editing ? toDisplay(editing.indicator, editing.annual) : null,
          split: editing?.split ?? 'none',
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('indicator' in changed && !editing) {
            setTouched(false);
          }
        }}
        style={{ marginTop: 12 }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="unitId" label={t('assessment.unit')} rules={[{ required: true, message: t('assessment.targets.unitRequired') }]}>
              <UnitPicker inactive="skip"
                disabled={!!editing}
                placeholder={t('assessment.targets.pickUnit')}
                testId="target-unit"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="indicator" label={t('assessment.indicator')} rules={[{ required: true, message: t('assessment.targets.indicatorRequired') }]}>
              <Select
                disabled={!!editing}
                placeholder={t('assessment.targets.pickIndicator')}
                options={INDICATORS.map((i) => ({ value: i.code, label: `${indicatorName(i.code, lang)}${punct(lang).paren(entryUnit(i.code, lang))}` }))}
                data-testid="target-indicator"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="annual"
              label={t('assessment.targets.annual', { year })}
              rules={[{ required: true, message: t('assessment.targets.annualRequired') }]}
              extra={indicator && scaleOf(indicator).per > 1 ? t('assessment.targets.annualHint', { unit: suffix }) : undefined}
            >
              <InputNumber<number>
                style={{ width: '100%' }}
                min={0}
                max={indicator ? 1e15 / scaleOf(indicator).per : undefined}
                precision={decimals}
                step={1}
                suffix={suffix}
                {...groupedNumber(decimals)}
                disabled={!indicator}
                placeholder={indicator ? t('assessment.targets.annualPlaceholder') : t('assessment.targets.pickIndicatorFirst')}
                data-testid="target-annual"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="split" label={t('assessment.targets.split')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                style={{ display: 'flex' }}
                options={(['none', 'quarter', 'month'] as const).map((s) => ({
                  value: s,
                  label: <span data-testid={`target-split-${s}`}>{t(`assessment.splits.${s}`)}</span>,
                  style: { flex: 1, textAlign: 'center' },
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {n > 0 && indicator ? (
          <div data-testid="target-parts">
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Text strong>{split === 'quarter' ? t('assessment.targets.partsQuarter') : t('assessment.targets.partsMonth')}</Typography.Text>
              <Button
                size="small"
                onClick={() => {
                  setTouched(false);
                  resplit(indicator, annual, n);
                }}
                data-testid="target-even"
              >
                {t('assessment.targets.even')}
              </Button>
            </Flex>
            <Row gutter={[10, 6]}>
              {parts.map((p, i) => (
                <Col span={n === 12 ? 6 : 12} key={i}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {partLabel(i)}
                  </Typography.Text>
                  <InputNumber<number>
                    style={{ width: '100%' }}
                    min={0}
                    precision={decimals}
                    {...groupedNumber(decimals)}
                    value={p}
                    status={p === null ? 'error' : undefined}
                    onChange={(v) => {
                      setTouched(true);
                      setParts((cur) => cur.map((x, j) => (j === i ? v : x)));
                    }}
                    aria-label={partLabel(i)}
                    data-testid={`target-part-${i + 1}`}
                  />
                </Col>
              ))}
            </Row>
            <div style={{ marginTop: 10 }} data-testid="target-parts-check" data-ok={partsOk ? '1' : '0'}>
              {annualBase === undefined ? (
                <Typography.Text type="secondary">{t('assessment.targets.enterAnnualFirst')}</Typography.Text>
              ) : partsOk ? (
                <Typography.Text type="success">
                  <CheckCircleFilled /> {t('assessment.targets.partsMatch', { sum: formatIndicator(indicator, sumBase, lang) })}
                </Typography.Text>
              ) : (
                <Alert
                  type="error"
                  showIcon
                  icon={<ExclamationCircleFilled />}
                  title={
                    partsMissing
                      ? t('assessment.targets.partsMissing')
                      : t(diff > 0 ? 'assessment.targets.partsOver' : 'assessment.targets.partsUnder', {
                          sum: formatIndicator(indicator, sumBase, lang),
                          annual: formatIndicator(indicator, annualBase, lang),
                          diff: formatIndicator(indicator, Math.abs(diff), lang),
                        })
                  }
                />
              )}
            </div>
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}

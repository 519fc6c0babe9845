import { App, Button, Card, Form, Input, InputNumber, Select, Typography, type FormRule } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import type { ReactElement } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { GATE_EVIDENCE, shanghaiDate, type ProjectDetail, type Stage } from '@wutong/contracts';
import { CURRENCIES } from './enums';
import { EVIDENCE_FIELDS, evidenceKind, type EvidenceField } from './evidence';
import { minorToWan, punct, thousands, wanToMinor, moneyUnit } from '../../shared/format';
import { stageLabel } from './stages';
import { useTransition } from './project-api';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { DateInput } from '../../shared/date-input';
import { amountWanRule, dateRule, refusedBy, type FieldSchema } from '../../shared/form-rules';

type EvidenceValue = string | number | null | undefined;
type Values = { evidence: Partial<Record<EvidenceField, EvidenceValue>> };

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

const isEvidenceField = (f: string): f is EvidenceField => (EVIDENCE_FIELDS as readonly string[]).includes(f);

/** Sensible defaults: today's dates, CNY, and what the project already knows. */
function initialEvidence(p: ProjectDetail, fields: readonly EvidenceField[]): Values['evidence'] {
  const v: Values['evidence'] = {};
  for (const f of fields) {
    const kind = evidenceKind(f);
    if (kind === 'date') v[f] = shanghaiDate();
    if (kind === 'currency') v[f] = 'CNY';
  }
  if (fields.includes('agreedInvestmentMinor') && p.investmentMinor) {
    v.agreedInvestmentMinor = minorToWan(p.investmentMinor);
    v.agreedInvestmentCurrency = p.investmentCurrency;
  }
  if (fields.includes('uscc') && p.enterprise.uscc) v.uscc = p.enterprise.uscc;
  if (fields.includes('landOrCarrier') && p.carrier) v.landOrCarrier = p.carrier;
  return v;
}

const filled = (v: EvidenceValue) => v !== undefined && v !== null && (typeof v !== 'string' || v.trim() !== '');

/** The evidence as the API takes it: dates as YYYY-MM-DD, amounts in minor units, empty fields left out. */
function toEvidence(values: Values['evidence']): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) {
    if (!filled(v) || !isEvidenceField(k)) continue;
    const kind = evidenceKind(k);
    if (kind === 'date' && typeof v === 'string') out[k] = v.trim();
    else if (kind === 'money' && typeof v === 'number') out[k] = wanToMinor(v);
    else if (typeof v === 'string') out[k] = kind === 'text' && k === 'uscc' ? v.trim().toUpperCase() : v.trim();
    else if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** The contract's schema of an evidence field at the gate into `next` (dates: IsoDate, or PastDate for what has happened). */
function evidenceSchema(next: Stage, field: EvidenceField): FieldSchema | undefined {
  const shape = (GATE_EVIDENCE[next] as { shape: Record<string, FieldSchema> }).shape;
  return shape[field];
}

/** The form rules of an evidence field: the contract's own for dates and amounts. */
function evidenceRules(next: Stage, field: EvidenceField, lang: string, t: TFunction): FormRule[] {
  const kind = evidenceKind(field);
  const schema = evidenceSchema(next, field);
  if (field === 'uscc') return [{ pattern: USCC, message: t('project.gate.usccRule') }];
  if (schema && kind === 'date') return [dateRule(schema, lang)];
  if (schema && kind === 'money') return [amountWanRule(schema, lang)];
  return [];
}

/** The input for one evidence field (a function, not a component: Form.Item wires value and onChange into it). */
function evidenceInput(next: Stage, field: EvidenceField, currency: string, lang: string, t: TFunction): ReactElement {
  const kind = evidenceKind(field);
  const testId = `gate-${field}`;
  const schema = evidenceSchema(next, field);
  if (kind === 'date') return <DateInput disabledDay={schema ? refusedBy(schema) : undefined} testId={testId} />;
  if (kind === 'currency') return <Select options={CURRENCIES.map((c) => ({ value: c, label: t(`project.currencies.${c}`) }))} data-testid={testId} />;
  if (kind === 'money')
    return <InputNumber<number> style={{ width: '100%' }} precision={2} suffix={moneyUnit(currency, lang)} inputMode="decimal" {...thousands} data-testid={testId} />;
  return <Input placeholder={t(`project.evidencePlaceholder.${field}`)} data-testid={testId} />;
}

type Props = { project: ProjectDetail; onDrop: () => void; onReopen: () => void; reopenTo: Stage | undefined; inbox: boolean };

/** The next stage's gate: what evidence it needs, a form to give it, and the move forward. */
export function GateCard({ project, onDrop, onReopen, reopenTo, inbox }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<Values>();
  const transition = useTransition(project.id);
  const next = project.nextStage;
  const fields = project.gateFields.filter(isEvidenceField);
  const watched = (Form.useWatch('evidence', form) ?? {}) as Values['evidence'];

  // a lead moves on once accepted (the server would take a transition as acceptance, skipping the inbox)
  if (project.intake !== 'accepted') {
    return (
      <Card size="small" title={t(`project.intake.${project.intake}`)} style={{ marginBottom: 16 }} data-testid="gate-card" data-next="">
        <Typography.Paragraph style={{ margin: 0 }}>
          {t(`project.gate.intake.${project.intake}`)}
          {project.intakeNote ? (
            <>
              <br />
              <Typography.Text type="secondary">{project.intakeNote}</Typography.Text>
            </>
          ) : null}
        </Typography.Paragraph>
        {project.intake === 'pending' && inbox ? (
          <Link to="/inbox" data-testid="gate-to-inbox">
            {t('project.gate.toInbox')}
          </Link>
        ) : null}
      </Card>
    );
  }

  if (project.stage === 'dropped') {
    return (
      <Card size="small" title={t('project.gate.droppedTitle')} style={{ marginBottom: 16 }} data-testid="gate-card" data-next="">
        <Typography.Paragraph>
          {reopenTo ? t('project.gate.droppedAt', { stage: stageLabel(reopenTo, lang) }) : t('project.gate.dropped')}
          {project.droppedReason ? (
            <>
              <br />
              <Typography.Text type="secondary">
                {t('project.droppedReason')}
                {punct(lang).colon}
                {project.droppedReason}
              </Typography.Text>
            </>
          ) : null}
        </Typography.Paragraph>
        {project.canEdit ? (
          <Button type="primary" block onClick={onReopen} data-testid="project-reopen">
            {t('project.reopen')}
          </Button>
        ) : null}
      </Card>
    );
  }

  if (!next) {
    return (
      <Card size="small" title={t('project.gate.doneTitle')} style={{ marginBottom: 16 }} data-testid="gate-card" data-next="">
        <Typography.Paragraph style={{ margin: 0 }}>
          <CheckCircleFilled style={{ color: '#30a46c', marginInlineEnd: 6 }} />
          {t('project.gate.done')}
        </Typography.Paragraph>
      </Card>
    );
  }

  const nextName = stageLabel(next, lang);
  const onFinish = (v: Values) =>
    transition.mutate(
      { to: next, evidence: toEvidence(v.evidence ?? {}) },
      {
        onSuccess: (p) => {
          message.success(t('project.gate.advanced', { stage: stageLabel(p.stage, lang) }));
          form.resetFields();
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <Card
      size="small"
      title={t('project.gate.title', { stage: nextName })}
      style={{ marginBottom: 16 }}
      data-testid="gate-card"
      data-next={next}
      extra={
        project.canEdit ? (
          <Button type="link" danger size="small" onClick={onDrop} data-testid="project-drop" style={{ paddingInline: 0 }}>
            {t('project.drop')}
          </Button>
        ) : null
      }
    >
      {fields.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('project.gate.none', { stage: nextName })}</Typography.Paragraph>
      ) : (
        <ul className="wt-checklist" data-testid="gate-checklist">
          {fields.map((f) => (
            <li key={f} data-filled={filled(watched[f]) ? 'yes' : 'no'}>
              {filled(watched[f]) ? <CheckCircleFilled style={{ color: '#30a46c' }} /> : <ClockCircleOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
              {t(`project.evidence.${f}`)}
            </li>
          ))}
        </ul>
      )}
      {project.canEdit ? (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ evidence: initialEvidence(project, fields) }}
          onValuesChange={(changed) => clearChangedErrors(form, changed)}
          disabled={transition.isPending}
          key={`${project.id}-${project.stage}`}
        >
          {fields.map((f) => {
            const currencyField = f.replace(/Minor$/, 'Currency');
            const currency = evidenceKind(f) === 'money' && isEvidenceField(currencyField) ? String(watched[currencyField] ?? 'CNY') : 'CNY';
            return (
              <Form.Item
                key={f}
                name={['evidence', f]}
                label={t(`project.evidence.${f}`)}
                required
                normalize={f === 'uscc' ? (v: string | undefined) => v?.toUpperCase() : undefined}
                rules={evidenceRules(next, f, lang, t)}
              >
                {evidenceInput(next, f, currency, lang, t)}
              </Form.Item>
            );
          })}
          <Button type="primary" htmlType="submit" block size="large" loading={transition.isPending} data-testid="gate-submit">
            {t('project.gate.advance', { stage: nextName })}
          </Button>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('project.readOnly')}</Typography.Text>
      )}
    </Card>
  );
}

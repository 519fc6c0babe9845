import { useRef, useState } from 'react';
import { Alert, Button, Card, Collapse, Flex, Form, Input, InputNumber, Radio, Result, Select, Space, Typography } from 'antd';
import { CloseOutlined, ShopOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ReportLead, t as catalogue, type LeadSource, type MatchCandidate, type ProjectType, type ReportResult } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { PageHeader } from '../../shared/page-header';
import { useDebounced } from '../../shared/use-debounced';
import { IndustryPicker } from './industry-picker';
import { thousands, wanToMinor, moneyUnit } from '../../shared/format';
import { amountWanRule, contractRule } from '../../shared/form-rules';
import { currentLang } from '../../shared/lang';
import { CURRENCIES, LEAD_SOURCES, PROJECT_TYPES } from './enums';
import { useEnterpriseMatch, useProjectVisible, useReportLead } from './project-api';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { EnterpriseHints } from './enterprise-hints';
import './closed-loop.css';

type Values = {
  enterpriseName: string;
  uscc?: string;
  contactName: string;
  contactPhone?: string;
  contactTitle?: string;
  projectType: ProjectType;
  source: LeadSource;
  investmentWan?: number | null;
  currency: string;
  industryCode?: string;
  note?: string;
  duplicateAction?: 'join' | 'claim';
  claimReason?: string;
  /** why this is another enterprise than the very similar one the registry has */
  differsReason?: string;
};

const PHONE = /^[0-9+\- ]*$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const INITIAL: Partial<Values> = { projectType: 'new', source: 'visit', currency: 'CNY' };

/** server field paths → the fields of this form */
const RENAME: Record<string, string> = {
  'newEnterprise.name': 'enterpriseName',
  'newEnterprise.uscc': 'uscc',
  'newEnterprise.differsReason': 'differsReason',
  enterpriseId: 'enterpriseName',
  investmentMinor: 'investmentWan',
  investmentCurrency: 'currency',
};

const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** the same enterprise for certain (credit code, or the same name): the server uses it, no reason is asked */
const isExact = (c: MatchCandidate) => c.usccMatch || c.similarity >= 0.9995;

/** The enterprise the registry has that this new one is very likely the same as. */
type Likely = { id: number; name: string; candidate?: MatchCandidate; message?: string };

function Success({ result, onAnother }: { result: ReportResult; onAnother: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const visible = useProjectVisible(result.outcome === 'claimed' ? null : result.projectId);
  const title = t(`lead.success.${result.outcome}`);
  const followUp =
    result.outcome === 'claimed'
      ? t('lead.followUpClaim', { unit: result.followUpUnit, date: result.followUpBy })
      : t('lead.followUp', { unit: result.followUpUnit, date: result.followUpBy });
  return (
    <Card data-testid="lead-success" data-outcome={result.outcome}>
      <Result
        status="success"
        title={<span data-testid="lead-success-title">{title}</span>}
        subTitle={
          <Space orientation="vertical" size={4}>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="lead-success-followup">
              {followUp}
            </Typography.Text>
            {result.outcome === 'reported' && result.duplicateReview === 'pending' ? (
              <Alert type="info" showIcon title={t('duplicates.heldTitle')} description={t('duplicates.heldText')} style={{ textAlign: 'start' }} data-testid="lead-success-held" />
            ) : result.outcome === 'reported' ? (
              <Typography.Text type="secondary">{t('lead.firstReport')}</Typography.Text>
            ) : null}
            {result.outcome === 'joined' ? <Typography.Text type="secondary">{t('lead.joinedHelp')}</Typography.Text> : null}
          </Space>
        }
        extra={
          <Flex vertical gap={10} style={{ maxWidth: 320, margin: '0 auto' }}>
            {visible.data ? (
              <Button type="primary" size="large" block onClick={() => navigate(`/projects/${visible.data.id}`)} data-testid="lead-success-project">
                {t('lead.viewProject')}
              </Button>
            ) : null}
            {result.outcome === 'claimed' ? (
              <Button type="primary" size="large" block onClick={() => navigate('/arbitrations')} data-testid="lead-success-arbitrations">
                {t('lead.viewClaim')}
              </Button>
            ) : null}
            <Button size="large" block onClick={onAnother} data-testid="lead-success-another">
              {t('lead.reportAnother')}
            </Button>
            <Link to="/" style={{ textAlign: 'center', padding: 8 }}>
              {t('lead.backHome')}
            </Link>
          </Flex>
        }
      />
    </Card>
  );
}

export function ReportLeadPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm<Values>();
  const onError = useServerErrors();
  const report = useReportLead();
  const [likely, setLikely] = useState<Likely | null>(null);
  const likelyRef = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<MatchCandidate | null>(null);
  const [serverDup, setServerDup] = useState<string | null>(null);
  const [result, setResult] = useState<ReportResult | null>(null);
  const dupRef = useRef<HTMLDivElement>(null);

  const name = Form.useWatch('enterpriseName', form) ?? '';
  const uscc = Form.useWatch('uscc', form) ?? '';
  const currency = Form.useWatch('currency', form) ?? 'CNY';
  const action = Form.useWatch('duplicateAction', form);
  const settledName = useDebounced(name, 300);
  const settledUscc = useDebounced(uscc, 300);
  const match = useEnterpriseMatch(picked ? '' : settledName, picked ? '' : settledUscc);
  const checked = !picked && (settledName.trim().length >= 2 || settledUscc.trim().length === 18);
  const candidates = checked ? (match.data?.candidates ?? []).slice(0, 5) : [];
  const needsChoice = (!!picked && picked.projectCount > 0) || serverDup !== null;

  const pick = (c: MatchCandidate) => {
    setPicked(c);
    setServerDup(null);
    setLikely(null);
    form.setFieldsValue({ enterpriseName: c.enterprise.name, ...(c.enterprise.uscc ? { uscc: c.enterprise.uscc } : {}) });
    void form.validateFields(['enterpriseName']);
    if (c.projectCount > 0) setTimeout(() => dupRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);
  };

  const unpick = () => {
    setPicked(null);
    setServerDup(null);
    form.setFieldsValue({ duplicateAction: undefined, claimReason: undefined });
  };

  const askReason = (l: Likely) => {
    setLikely(l);
    setTimeout(() => {
      likelyRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      form.getFieldInstance('differsReason')?.focus?.();
    }, 50);
  };

  const submit = (v: Values) => {
    const differsReason = likely ? trimmed(v.differsReason) : undefined;
    const newEnterprise = {
      name: v.enterpriseName.trim(),
      ...(trimmed(v.uscc) ? { uscc: trimmed(v.uscc)!.toUpperCase() } : {}),
      ...(differsReason ? { differsReason } : {}),
    };
    const body: ReportLead = {
      ...(picked ? { enterpriseId: picked.enterprise.id } : { newEnterprise }),
      contactName: v.contactName.trim(),
      ...(trimmed(v.contactPhone) ? { contactPhone: trimmed(v.contactPhone) } : {}),
      ...(trimmed(v.contactTitle) ? { contactTitle: trimmed(v.contactTitle) } : {}),
      ...(v.industryCode ? { industryCode: v.industryCode } : {}),
      ...(typeof v.investmentWan === 'number' ? { investmentMinor: wanToMinor(v.investmentWan), investmentCurrency: v.currency as ReportLead['investmentCurrency'] } : {}),
      projectType: v.projectType,
      source: v.source,
      ...(trimmed(v.note) ? { note: trimmed(v.note) } : {}),
      ...(needsChoice && v.duplicateAction ? { duplicateAction: v.duplicateAction } : {}),
      ...(needsChoice && v.duplicateAction === 'claim' ? { claimReason: v.claimReason?.trim() ?? '' } : {}),
    };
    report.mutate(body, {
      onSuccess: (r) => {
        setResult(r);
        window.scrollTo({ top: 0 });
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'likely_duplicate') {
          // the server's match calls it very likely the same: pick it, or say why it is another
          const candidate = candidates.find((c) => c.enterprise.id === e.existingId);
          askReason({ id: e.existingId ?? 0, name: candidate?.enterprise.name ?? '', candidate, message: e.message });
          return;
        }
        if (e instanceof ApiError && e.code === 'duplicate_project') {
          // the enterprise has an open project: the report can only join it or claim it
          setServerDup(e.message);
          setTimeout(() => dupRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }), 50);
          return;
        }
        onError(e, form, RENAME);
      },
    });
  };

  const onFinish = (v: Values) => {
    // a new enterprise very like a known one needs a stated reason (the server asks it too, and holds the lead for the centre)
    if (!picked && !likely && !candidates.some(isExact)) {
      const strong = candidates.find((c) => c.likely);
      if (strong) return askReason({ id: strong.enterprise.id, name: strong.enterprise.name, candidate: strong });
    }
    submit(v);
  };

  const another = () => {
    setResult(null);
    setPicked(null);
    setServerDup(null);
    setLikely(null);
    form.resetFields();
    window.scrollTo({ top: 0 });
  };

  const submitLabel =
    needsChoice && action === 'join'
      ? t('lead.submitJoin')
      : needsChoice && action === 'claim'
        ? t('lead.submitClaim')
        : likely && !picked
          ? t('duplicates.submitNew')
          : t('lead.submit');

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t('lead.title')} />
      {result ? (
        <Success result={result} onAnother={another} />
      ) : (
        <Card styles={{ body: { padding: '16px 16px 8px' } }}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('lead.intro')}
          </Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            size="large"
            className="wt-lead-form"
            initialValues={INITIAL}
            onFinish={onFinish}
            onValuesChange={(changed: Partial<Values>) => {
              clearChangedErrors(form, changed);
              // another name: the question was about the old one
              if ('enterpriseName' in changed) setLikely(null);
            }}
            disabled={report.isPending}
            scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
            data-testid="lead-form"
          >
            <Form.Item
              name="enterpriseName"
              label={t('lead.enterpriseName')}
              rules={[
                { required: true, whitespace: true, message: t('lead.nameRequired') },
                { min: 2, message: t('lead.nameShort') },
                { max: 100, message: t('common.maxLength', { max: 100 }) },
              ]}
              extra={
                picked ? (
                  <Flex align="center" gap={8} wrap style={{ marginTop: 6 }} data-testid="lead-picked">
                    <ShopOutlined style={{ color: '#1d4f91' }} />
                    <span>{t('lead.picked')}</span>
                    <Button type="link" size="small" icon={<CloseOutlined />} onClick={unpick} style={{ paddingInline: 0 }} data-testid="lead-unpick">
                      {t('lead.unpick')}
                    </Button>
                  </Flex>
                ) : (
                  <div style={{ marginTop: checked ? 8 : 0 }}>
                    <EnterpriseHints candidates={candidates} loading={match.isFetching} checked={checked} onPick={pick} />
                  </div>
                )
              }
            >
              <Input
                placeholder={t('lead.enterprisePlaceholder')}
                autoComplete="off"
                data-testid="lead-enterprise"
                onChange={(e) => {
                  if (picked && e.target.value !== picked.enterprise.name) unpick();
                }}
                allowClear
              />
            </Form.Item>

            {likely && !picked ? (
              <div ref={likelyRef} data-testid="lead-likely" data-enterprise-id={likely.id}>
                <Alert
                  type="warning"
                  showIcon
                  title={t('duplicates.likelyTitle')}
                  description={
                    <Flex vertical gap={8}>
                      <span data-testid="lead-likely-message">{likely.message ?? t('duplicates.likelyText', { name: likely.name })}</span>
                      <Flex gap={8} wrap>
                        {likely.candidate ? (
                          <Button size="small" type="primary" onClick={() => pick(likely.candidate!)} data-testid="lead-likely-pick">
                            {t('duplicates.itIsThisOne')}
                          </Button>
                        ) : null}
                        {likely.id ? (
                          <Link to={`/enterprises?id=${likely.id}`} target="_blank" data-testid="lead-likely-open">
                            {t('duplicates.openEnterprise', { name: likely.name || t('duplicates.theEnterprise') })}
                          </Link>
                        ) : null}
                      </Flex>
                    </Flex>
                  }
                  style={{ marginBottom: 12 }}
                />
                <Form.Item
                  name="differsReason"
                  label={t('duplicates.reasonLabel')}
                  extra={t('duplicates.reasonHelp')}
                  required
                  rules={[
                    { required: true, whitespace: true, message: catalogue(currentLang(), 'reason_required') },
                    contractRule(ReportLead.shape.newEnterprise.unwrap().shape.differsReason, lang),
                  ]}
                >
                  <Input.TextArea rows={3} placeholder={t('duplicates.reasonPlaceholder')} data-testid="lead-differs-reason" />
                </Form.Item>
              </div>
            ) : null}

            {needsChoice ? (
              <div ref={dupRef} data-testid="lead-duplicate">
                <Alert
                  type="warning"
                  showIcon
                  title={t('lead.dupTitle')}
                  description={<span data-testid="lead-duplicate-message">{serverDup ?? t('lead.dupText', { n: picked?.projectCount ?? 1 })}</span>}
                  style={{ marginBottom: 12 }}
                />
                <Form.Item name="duplicateAction" rules={[{ required: true, message: t('lead.dupRequired') }]}>
                  <Radio.Group style={{ width: '100%' }} data-testid="lead-duplicate-action">
                    <Flex vertical gap={8}>
                      <Radio value="join" className="wt-hint" style={{ margin: 0 }} data-testid="lead-join">
                        <strong>{t('lead.dupJoin')}</strong>
                        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t('lead.dupJoinHelp')}</div>
                      </Radio>
                      <Radio value="claim" className="wt-hint" style={{ margin: 0 }} data-testid="lead-claim">
                        <strong>{t('lead.dupClaim')}</strong>
                        <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t('lead.dupClaimHelp')}</div>
                      </Radio>
                    </Flex>
                  </Radio.Group>
                </Form.Item>
                {action === 'claim' ? (
                  <Form.Item
                    name="claimReason"
                    label={t('lead.claimReason')}
                    rules={[
                      { required: true, whitespace: true, message: t('lead.claimReasonRequired') },
                      { max: 500, message: t('common.maxLength', { max: 500 }) },
                    ]}
                  >
                    <Input.TextArea rows={3} placeholder={t('lead.claimReasonPlaceholder')} data-testid="lead-claim-reason" />
                  </Form.Item>
                ) : null}
              </div>
            ) : null}

            <Form.Item
              name="contactName"
              label={t('lead.contactName')}
              rules={[
                { required: true, whitespace: true, message: t('lead.contactNameRequired') },
                { max: 40, message: t('common.maxLength', { max: 40 }) },
              ]}
            >
              <Input placeholder={t('lead.contactNamePlaceholder')} autoComplete="off" data-testid="lead-contact-name" />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t('lead.contactPhone')}
              rules={[
                { pattern: PHONE, message: t('lead.phoneRule') },
                { max: 20, message: t('common.maxLength', { max: 20 }) },
              ]}
            >
              <Input inputMode="tel" type="tel" placeholder={t('lead.contactPhonePlaceholder')} autoComplete="off" data-testid="lead-contact-phone" />
            </Form.Item>
            <Form.Item name="projectType" label={t('lead.projectType')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="wt-choice-grid"
                options={PROJECT_TYPES.map((v) => ({ value: v, label: t(`project.types.${v}`) }))}
                data-testid="lead-project-type"
              />
            </Form.Item>
            <Form.Item name="source" label={t('lead.source')} rules={[{ required: true }]}>
              <Select<LeadSource> options={LEAD_SOURCES.map((v) => ({ value: v, label: t(`project.sources.${v}`) }))} data-testid="lead-source" />
            </Form.Item>
            <Form.Item
              name="investmentWan"
              label={t('lead.investment')}
              extra={t('lead.investmentHelp')}
              rules={[amountWanRule(ReportLead.shape.investmentMinor, lang)]}
            >
              <InputNumber<number>
                style={{ width: '100%' }}
                precision={2}
                inputMode="decimal"
                suffix={moneyUnit(currency, lang)}
                placeholder="0.00"
                {...thousands}
                data-testid="lead-investment"
              />
            </Form.Item>
            <Form.Item name="industryCode" label={t('lead.industry')}>
              <IndustryPicker testId="lead-industry" size="large" />
            </Form.Item>
            <Form.Item name="note" label={t('lead.note')} rules={[{ max: 2000, message: t('common.maxLength', { max: 2000 }) }]}>
              <Input.TextArea rows={3} placeholder={t('lead.notePlaceholder')} data-testid="lead-note" />
            </Form.Item>
            <Collapse
              ghost
              size="small"
              style={{ marginBottom: 12 }}
              items={[
                {
                  key: 'more',
                  label: t('lead.more'),
                  forceRender: true,
                  children: (
                    <>
                      <Form.Item
                        name="uscc"
                        label={t('lead.uscc')}
                        extra={t('lead.usccHelp')}
                        normalize={(v: string | undefined) => v?.toUpperCase()}
                        rules={[{ pattern: USCC, message: t('lead.usccRule') }]}
                      >
                        <Input maxLength={18} autoComplete="off" disabled={!!picked} data-testid="lead-uscc" />
                      </Form.Item>
                      <Form.Item name="contactTitle" label={t('lead.contactTitle')} rules={[{ max: 40, message: t('common.maxLength', { max: 40 }) }]}>
                        <Input autoComplete="off" data-testid="lead-contact-title" />
                      </Form.Item>
                      <Form.Item name="currency" label={t('lead.currency')}>
                        <Select options={CURRENCIES.map((c) => ({ value: c, label: t(`project.currencies.${c}`) }))} data-testid="lead-currency" />
                      </Form.Item>
                    </>
                  ),
                },
              ]}
            />
            <Form.Item>
              <Button type="primary" htmlType="submit" block loading={report.isPending} style={{ height: 52, fontSize: 17 }} data-testid="lead-submit">
                {submitLabel}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
    </div>
  );
}

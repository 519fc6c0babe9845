import { App, Button, Col, Divider, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UpdateProject, type ProjectDetail, type ProjectType } from '@wutong/contracts';
import { CURRENCIES, PROJECT_TYPES, type Currency } from './enums';
import { minorToWan, thousands, wanToMinor, moneyUnit } from '../../shared/format';
import { IndustryPicker } from './industry-picker';
import { useUpdateProject } from './project-api';
import { useKeyBlocks } from './projects-api';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { amountWanRule, contractRule } from '../../shared/form-rules';

type Values = {
  name: string;
  projectType: ProjectType;
  industryCode?: string | null;
  investmentWan?: number | null;
  investmentCurrency: Currency;
  fixedAssetWan?: number | null;
  fixedAssetCurrency: Currency;
  keyBlockId?: number | null;
  carrier?: string | null;
  expectedJobs?: number | null;
  expectedOutputWan?: number | null;
  expectedTaxWan?: number | null;
  annualGenerationKwh?: number | null;
  co2AvoidedT?: number | null;
  talents?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactTitle?: string | null;
  note?: string | null;
};

const PHONE = /^[0-9+\- ]*$/;
const RENAME = {
  investmentMinor: 'investmentWan',
  fixedAssetMinor: 'fixedAssetWan',
  expectedOutputMinor: 'expectedOutputWan',
  expectedTaxMinor: 'expectedTaxWan',
} as const;
type MoneyField = keyof typeof RENAME;
type CountField = 'expectedJobs' | 'talents' | 'annualGenerationKwh' | 'co2AvoidedT';

const wan = (minor: number | null) => (minor === null ? null : minorToWan(minor));
const minor = (w: number | null | undefined) => (typeof w === 'number' ? wanToMinor(w) : null);
const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const num = (n: number | null | undefined) => (typeof n === 'number' ? n : null);
/** projects store the industry without its section letter ('3911'); the picker gives 'C3911' */
const bareIndustry = (c: string | null | undefined) => (c ? c.replace(/^([A-T])(\d)/, '$2') : null);
const asCurrency = (c: string): Currency => ((CURRENCIES as readonly string[]).includes(c) ? (c as Currency) : 'CNY');

function initial(p: ProjectDetail): Values {
  return {
    name: p.name,
    projectType: p.projectType,
    industryCode: p.industryCode,
    investmentWan: wan(p.investmentMinor),
    investmentCurrency: asCurrency(p.investmentCurrency),
    fixedAssetWan: wan(p.fixedAssetMinor),
    fixedAssetCurrency: asCurrency(p.fixedAssetCurrency),
    keyBlockId: p.keyBlockId,
    carrier: p.carrier,
    expectedJobs: p.expectedJobs,
    expectedOutputWan: wan(p.expectedOutputMinor),
    expectedTaxWan: wan(p.expectedTaxMinor),
    annualGenerationKwh: p.annualGenerationKwh,
    co2AvoidedT: p.co2AvoidedT,
    talents: p.talents,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactTitle: p.contactTitle,
    note: p.note,
  };
}

/** Only what changed is sent (PATCH); null clears a field. */
function patchOf(p: ProjectDetail, v: Values): UpdateProject {
  const out: UpdateProject = {};
  const set = <K extends keyof UpdateProject>(k: K, next: UpdateProject[K], before: unknown) => {
    if (next !== before) out[k] = next;
  };
  if (v.name.trim() !== p.name) out.name = v.name.trim();
  set('projectType', v.projectType, p.projectType);
  if (bareIndustry(v.industryCode) !== bareIndustry(p.industryCode)) out.industryCode = v.industryCode ?? null;
  set('investmentMinor', minor(v.investmentWan), p.investmentMinor);
  set('investmentCurrency', v.investmentCurrency, p.investmentCurrency);
  set('fixedAssetMinor', minor(v.fixedAssetWan), p.fixedAssetMinor);
  set('fixedAssetCurrency', v.fixedAssetCurrency, p.fixedAssetCurrency);
  set('keyBlockId', v.keyBlockId ?? null, p.keyBlockId);
  set('carrier', text(v.carrier), p.carrier);
  set('expectedJobs', num(v.expectedJobs), p.expectedJobs);
  set('expectedOutputMinor', minor(v.expectedOutputWan), p.expectedOutputMinor);
  set('expectedTaxMinor', minor(v.expectedTaxWan), p.expectedTaxMinor);
  set('annualGenerationKwh', num(v.annualGenerationKwh), p.annualGenerationKwh);
  set('co2AvoidedT', num(v.co2AvoidedT), p.co2AvoidedT);
  set('talents', num(v.talents), p.talents);
  set('contactName', text(v.contactName), p.contactName);
  set('contactPhone', text(v.contactPhone), p.contactPhone);
  set('contactTitle', text(v.contactTitle), p.contactTitle);
  set('note', text(v.note), p.note);
  return out;
}

export function EditProjectDrawer({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const onError = useServerErrors();
  const [form] = Form.useForm<Values>();
  const update = useUpdateProject(project.id);
  const blocks = useKeyBlocks();
  const invCur = Form.useWatch('investmentCurrency', form) ?? 'CNY';
  const faCur = Form.useWatch('fixedAssetCurrency', form) ?? 'CNY';

  const onFinish = (v: Values) => {
    const patch = patchOf(project, v);
    if (Object.keys(patch).length === 0) {
      message.info(t('project.noChange'));
      onClose();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        message.success(t('project.saved'));
        onClose();
      },
      onError: (e) => onError(e, form, RENAME),
    });
  };

  // the contract's limits, with its messages; no min/max on the inputs, which would silently change what was typed
  const money = (field: MoneyField, label: string, currency: string) => (
    <Form.Item name={RENAME[field]} label={label} rules={[amountWanRule(UpdateProject.shape[field], lang)]}>
      <InputNumber<number> style={{ width: '100%' }} precision={2} inputMode="decimal" suffix={moneyUnit(currency, lang)} {...thousands} data-testid={`project-${RENAME[field]}`} />
    </Form.Item>
  );
  const currencySelect = <Select options={CURRENCIES.map((c) => ({ value: c, label: t(`project.currencies.${c}`) }))} />;
  const count = (field: CountField, label: string, precision = 0) => (
    <Form.Item name={field} label={label} rules={[contractRule(UpdateProject.shape[field], lang)]}>
      <InputNumber<number> style={{ width: '100%' }} precision={precision} inputMode={precision ? 'decimal' : 'numeric'} />
    </Form.Item>
  );

  return (
    <Drawer
      open
      title={t('project.editTitle')}
      onClose={onClose}
      size={screens.sm ? 560 : '100%'}
      destroyOnHidden
      data-testid="project-edit-drawer"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="project-edit-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial(project)}
        onFinish={onFinish}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        disabled={update.isPending}
      >
        <Divider titlePlacement="start" plain>
          {t('project.sections.basic')}
        </Divider>
        <Form.Item
          name="name"
          label={t('project.fields.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('project.fields.name') }) },
            { max: 120, message: t('common.maxLength', { max: 120 }) },
          ]}
        >
          <Input data-testid="project-edit-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="projectType" label={t('project.projectType')}>
              <Select options={PROJECT_TYPES.map((v) => ({ value: v, label: t(`project.types.${v}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="keyBlockId" label={t('project.keyBlock')}>
              <Select
                allowClear
                loading={blocks.isPending}
                options={(blocks.data ?? []).map((b) => ({ value: b.id, label: lang === 'en-US' && b.nameEn ? b.nameEn : b.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="industryCode" label={t('project.industry')}>
          <IndustryPicker />
        </Form.Item>
        <Form.Item name="carrier" label={t('project.fields.carrier')} rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>

        <Divider titlePlacement="start" plain>
          {t('project.sections.economics')}
        </Divider>
        <Row gutter={12}>
          <Col xs={16}>{money('investmentMinor', t('project.investment'), invCur)}</Col>
          <Col xs={8}>
            <Form.Item name="investmentCurrency" label={t('project.fields.currency')}>
              {currencySelect}
            </Form.Item>
          </Col>
          <Col xs={16}>{money('fixedAssetMinor', t('project.fields.fixedAsset'), faCur)}</Col>
          <Col xs={8}>
            <Form.Item name="fixedAssetCurrency" label={t('project.fields.currency')}>
              {currencySelect}
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            {money('expectedOutputMinor', t('project.fields.expectedOutput'), 'CNY')}
          </Col>
          <Col xs={24} sm={12}>
            {money('expectedTaxMinor', t('project.fields.expectedTax'), 'CNY')}
          </Col>
          <Col xs={12} sm={8}>
            {count('expectedJobs', t('project.fields.expectedJobs'))}
          </Col>
          <Col xs={12} sm={8}>
            {count('talents', t('project.fields.talents'))}
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('project.sections.green')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            {count('annualGenerationKwh', t('project.fields.annualGenerationKwh'))}
          </Col>
          <Col xs={24} sm={12}>
            {count('co2AvoidedT', t('project.fields.co2AvoidedT'), 2)}
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('project.sections.contact')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="contactName" label={t('project.fields.contactName')} rules={[{ max: 40, message: t('common.maxLength', { max: 40 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="contactTitle" label={t('project.fields.contactTitle')} rules={[{ max: 40, message: t('common.maxLength', { max: 40 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="contactPhone"
              label={t('project.fields.contactPhone')}
              rules={[
                { pattern: PHONE, message: t('lead.phoneRule') },
                { max: 20, message: t('common.maxLength', { max: 20 }) },
              ]}
            >
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('project.fields.note')} rules={[{ max: 2000, message: t('common.maxLength', { max: 2000 }) }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

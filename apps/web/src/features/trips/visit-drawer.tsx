import { useState } from 'react';
import { Alert, App, Button, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Row, Segmented, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CreateTripVisit, ReportLead, shanghaiDate, t as catalogue, type ProjectType } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { amountWanRule, contractRule, dateRule } from '../../shared/form-rules';
import { currentLang } from '../../shared/lang';
import { ApiError } from '../../shared/api-client';
import { useDebounced } from '../../shared/use-debounced';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useEnterpriseMatch } from '../enterprises';
import { IndustryCascader } from '../industries';
import { projectIndustryParam, stageLabel, useProjectSearch } from '../projects';
import { useAddVisit, type TripDetail } from './trips-api';

const PROJECT_TYPES: ProjectType[] = ['new', 'expansion', 'zhejiang_returning', 'foreign'];
const WAN = 1_000_000;

type Target = 'project' | 'lead';
type Values = {
  projectId?: number;
  enterpriseName?: string;
  contactName?: string;
  contactPhone?: string;
  projectType: ProjectType;
  investmentWan?: number | null;
  industry?: string;
  occurredOn: string;
  place?: string;
  attendees?: string;
  notes?: string;
  nextStep?: string;
  nextDue?: string;
  /** why the new enterprise is not the very similar one the registry has */
  differsReason?: string;
};

const clampDay = (d: string, from: string, to: string) => (d < from ? from : d > to ? to : d);
const text = (s: string | undefined) => s?.trim() || undefined;

/** A visit on a trip: on a project already in the system, or filing the enterprise met there as a new lead. */
export function VisitDrawer({ trip, onClose }: { trip: TripDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const add = useAddVisit(trip.id);
  const [target, setTarget] = useState<Target>('project');
  const [projectQ, setProjectQ] = useState('');
  const projects = useProjectSearch(useDebounced(projectQ, 300));
  const [picked, setPicked] = useState<{ id: number; name: string } | null>(null);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  // the server's match calls the new enterprise very likely a known one: a reason is needed (the lead is then held for the centre)
  const [likely, setLikely] = useState<string | null>(null);
  const enterpriseName = Form.useWatch('enterpriseName', form) ?? '';
  const match = useEnterpriseMatch(useDebounced(enterpriseName, 300), '', target === 'lead' && !picked);
  const hints = match.data?.candidates.slice(0, 4) ?? [];

  const submit = (v: Values, duplicateAction?: 'join') => {
    const visit = {
      occurredOn: v.occurredOn.trim(),
      ...(text(v.place) ? { place: text(v.place) } : {}),
      ...(text(v.attendees) ? { attendees: text(v.attendees) } : {}),
      ...(text(v.notes) ? { notes: text(v.notes) } : {}),
      ...(text(v.nextStep) ? { nextStep: text(v.nextStep) } : {}),
      ...(v.nextDue?.trim() ? { nextDue: v.nextDue.trim() } : {}),
    };
    let body: CreateTripVisit;
    if (target === 'project') {
      body = { projectId: v.projectId!, ...visit };
    } else {
      const lead: ReportLead = {
        ...(picked
          ? { enterpriseId: picked.id }
          : { newEnterprise: { name: v.enterpriseName!.trim(), ...(likely && text(v.differsReason) ? { differsReason: text(v.differsReason) } : {}) } }),
        contactName: v.contactName!.trim(),
        ...(text(v.contactPhone) ? { contactPhone: text(v.contactPhone) } : {}),
        projectType: v.projectType,
        source: 'trip',
        ...(v.investmentWan ? { investmentMinor: Math.round(v.investmentWan * WAN), investmentCurrency: 'CNY' as const } : {}),
        ...(v.industry ? { industryCode: v.industry } : {}),
        ...(duplicateAction ? { duplicateAction } : {}),
      };
      body = { lead, ...visit };
    }
    add.mutate(body, {
      onSuccess: () => {
        message.success(target === 'project' ? t('trips.visitAdded') : duplicateAction ? t('trips.visitJoined') : t('trips.visitLeadFiled'));
        onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'duplicate_project') {
          setDuplicateOf(e.message);
          return;
        }
        if (e instanceof ApiError && e.code === 'likely_duplicate') {
          setLikely(e.message);
          return;
        }
        onError(e, form);
      },
    });
  };

  const footer = (
    <Flex justify="flex-end" gap={8}>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="visit-submit">
        {t('common.save')}
      </Button>
    </Flex>
  );

  return (
    <Drawer open title={t('trips.addVisitTitle', { destination: trip.destination })} onClose={onClose} size={screens.sm ? 520 : '100%'} footer={footer} destroyOnHidden data-testid="visit-drawer">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => submit(v)}
        disabled={add.isPending}
        initialValues={{ projectType: 'new', occurredOn: clampDay(shanghaiDate(), trip.startOn, trip.endOn) }}
      >
        <Form.Item label={t('trips.visitOn')}>
          <Segmented<Target>
            block
            value={target}
            onChange={(v) => {
              setTarget(v);
              setDuplicateOf(null);
            }}
            options={[
              { value: 'project', label: <span data-testid="visit-target-project">{t('trips.onProject')}</span> },
              { value: 'lead', label: <span data-testid="visit-target-lead">{t('trips.onNewLead')}</span> },
            ]}
          />
        </Form.Item>
        {target === 'project' ? (
          <Form.Item name="projectId" label={t('trips.project')} rules={[{ required: true, message: t('trips.projectRequired') }]} extra={t('trips.projectHelp')}>
            <Select
              showSearch={{ filterOption: false, onSearch: setProjectQ }}
              placeholder={t('trips.projectPlaceholder')}
              loading={projects.isFetching}
              options={(projects.data ?? []).map((p) => ({
                value: p.id,
                label: (
                  <Flex justify="space-between" gap={8}>
                    <Typography.Text ellipsis>{p.name}</Typography.Text>
                    <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
                      {stageLabel(p.stage, i18n.language)} · {p.unitName}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
              notFoundContent={projectQ ? t('trips.noProject') : undefined}
              data-testid="visit-project"
            />
          </Form.Item>
        ) : (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('trips.leadHelp')} />
            <Form.Item
              name="enterpriseName"
              label={t('trips.enterpriseName')}
              rules={picked ? [] : [{ required: true, whitespace: true, message: t('common.required', { field: t('trips.enterpriseName') }) }]}
              extra={
                picked ? (
                  <Flex gap={6} align="center" style={{ marginTop: 4 }}>
                    <Tag color="blue" closable onClose={() => setPicked(null)} data-testid="visit-picked-enterprise">
                      {t('trips.pickedEnterprise', { name: picked.name })}
                    </Tag>
                  </Flex>
                ) : hints.length ? (
                  <Flex vertical gap={2} style={{ marginTop: 4 }} data-testid="visit-enterprise-hints">
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('trips.hintsTitle')}
                    </Typography.Text>
                    {hints.map((h) => (
                      <Flex key={h.enterprise.id} gap={6} align="center" wrap>
                        <Button
                          size="small"
                          type="link"
                          style={{ padding: 0, height: 'auto' }}
                          onClick={() => {
                            setPicked({ id: h.enterprise.id, name: h.enterprise.name });
                            form.setFieldValue('enterpriseName', h.enterprise.name);
                            setDuplicateOf(null);
                          }}
                        >
                          {h.enterprise.name}
                        </Button>
                        {h.likely ? <Tag color="orange">{t('enterprises.likely')}</Tag> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('enterprises.projectCount', { n: h.projectCount })}
                        </Typography.Text>
                      </Flex>
                    ))}
                  </Flex>
                ) : undefined
              }
            >
              <Input
                disabled={!!picked}
                autoComplete="off"
                data-testid="visit-enterprise"
                onChange={() => {
                  setDuplicateOf(null);
                  setLikely(null);
                }}
              />
            </Form.Item>
            {likely && !picked ? (
              <>
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={likely} data-testid="visit-likely" />
                <Form.Item
                  name="differsReason"
                  label={t('duplicates.reasonLabel')}
                  extra={t('duplicates.reasonHelp')}
                  required
                  rules={[
                    { required: true, whitespace: true, message: catalogue(currentLang(), 'reason_required') },
                    contractRule(ReportLead.shape.newEnterprise.unwrap().shape.differsReason, i18n.language),
                  ]}
                >
                  <Input.TextArea rows={2} placeholder={t('duplicates.reasonPlaceholder')} data-testid="visit-differs-reason" />
                </Form.Item>
              </>
            ) : null}
            {duplicateOf ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="visit-duplicate"
                title={duplicateOf}
                description={t('trips.duplicateHelp')}
                action={
                  <Button size="small" type="primary" onClick={() => submit(form.getFieldsValue(true), 'join')} loading={add.isPending} data-testid="visit-join">
                    {t('trips.join')}
                  </Button>
                }
              />
            ) : null}
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="contactName"
                  label={t('trips.contactName')}
                  rules={[
                    { required: true, whitespace: true, message: t('common.required', { field: t('trips.contactName') }) },
                    { max: 40, message: t('common.maxLength', { max: 40 }) },
                  ]}
                >
                  <Input data-testid="visit-contact" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="contactPhone" label={t('trips.contactPhone')} rules={[{ pattern: /^[0-9+\- ]*$/, message: t('users.phoneRule') }, { max: 20, message: t('common.maxLength', { max: 20 }) }]}>
                  <Input inputMode="tel" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="projectType" label={t('trips.projectType')} rules={[{ required: true }]}>
                  <Select options={PROJECT_TYPES.map((p) => ({ value: p, label: t(`trips.projectTypes.${p}`) }))} data-testid="visit-project-type" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="investmentWan" label={t('trips.investment')} rules={[amountWanRule(ReportLead.shape.investmentMinor, i18n.language)]}>
                  <InputNumber<number> precision={2} inputMode="decimal" style={{ width: '100%' }} suffix={t('projects.wanYuan')} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="industry" label={t('trips.industry')}>
              <LeadIndustry />
            </Form.Item>
          </>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="occurredOn" label={t('trips.occurredOn')} required rules={[dateRule(CreateTripVisit.shape.occurredOn, i18n.language)]}>
              <DateInput testId="visit-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label={t('trips.place')} rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
              <Input placeholder={trip.destination} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="attendees" label={t('trips.attendees')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input placeholder={t('trips.attendeesPlaceholder')} />
        </Form.Item>
        <Form.Item name="notes" label={t('trips.notes')} rules={[{ max: 4000, message: t('common.maxLength', { max: 4000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('trips.notesPlaceholder')} data-testid="visit-notes" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="nextStep" label={t('trips.nextStep')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="nextDue" label={t('trips.nextDue')} rules={[dateRule(CreateTripVisit.shape.nextDue, i18n.language)]}>
              <DateInput disabledDay={(d) => d < shanghaiDate()} testId="visit-next-due" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}

/** The lead's industry as ReportLead takes it: the section letter and the code (C3670). */
function LeadIndustry({ value, onChange }: { value?: string; onChange?: (v: string | undefined) => void }) {
  const code = value && value.length > 1 ? value.slice(1) : value;
  return <IndustryCascader value={code} onChange={(i) => onChange?.(projectIndustryParam(i))} />;
}

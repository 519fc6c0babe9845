import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { AssignCoordinationItem, COORDINATION_LEVELS, levelRank, MeetingOutcome, shanghaiDate, type CoordinationAction, type CoordinationItem } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { dateRule } from '../../shared/form-rules';
import { punct } from '../../shared/format';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { useItemCommand } from './coordination-api';
import { UnitPicker } from '../../shared/unit-picker';

type Values = {
  to?: 'department' | 'lead_group';
  note?: string;
  leadUnitId?: number;
  cooperatingUnitIds?: number[];
  deadline?: string;
  meetingDate?: string;
  decision?: string;
  confirmBy?: 'owner' | 'contact';
  contactName?: string;
  reason?: string;
};

type Props = { item: Pick<CoordinationItem, 'id' | 'title' | 'level' | 'leadUnit' | 'cooperatingUnits' | 'deadline'>; action: CoordinationAction; onClose: () => void; onDone?: () => void };

const day = (d: string) => d.trim();
const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

/** One dialog per command on an item; the server names any field it refuses, and the form marks it. */
export function ActionModal({ item, action, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<Values>();
  const command = useItemCommand(item.id, action);
  const confirmBy = Form.useWatch('confirmBy', form);
  const higher = COORDINATION_LEVELS.filter((l) => levelRank(l) > levelRank(item.level)) as ('department' | 'lead_group')[];
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  const notPast = (d: string) => d < shanghaiDate();

  const body = (v: Values): unknown => {
    switch (action) {
      case 'escalate':
        return { to: v.to, note: v.note };
      case 'assign':
        return { leadUnitId: v.leadUnitId, cooperatingUnitIds: v.cooperatingUnitIds ?? [], deadline: v.deadline && day(v.deadline), ...(text(v.note) ? { note: text(v.note) } : {}) };
      case 'meeting':
        return { meetingDate: v.meetingDate && day(v.meetingDate), decision: v.decision, leadUnitId: v.leadUnitId, cooperatingUnitIds: v.cooperatingUnitIds ?? [], deadline: v.deadline && day(v.deadline) };
      case 'progress':
      case 'resolve':
        return { note: v.note };
      case 'confirm':
        return { ...(v.confirmBy === 'contact' ? { contactName: text(v.contactName) } : {}), ...(text(v.note) ? { note: text(v.note) } : {}) };
      case 'reopen':
        return { reason: v.reason };
    }
  };

  const onFinish = (v: Values) =>
    command.mutate(body(v) as never, {
      onSuccess: () => {
        message.success(action === 'meeting' ? t('coordination.meeting.recorded') : t('coordination.form.saved'));
        onDone?.();
        onClose();
      },
      onError: (e) => onError(e, form),
    });

  const units = (
    <>
      <Form.Item name="leadUnitId" label={t('coordination.form.leadUnit')} rules={[{ required: true, message: t('coordination.form.leadUnitRequired') }]} extra={action === 'assign' ? t('coordination.form.leadUnitHelp') : undefined}>
        <UnitPicker inactive="skip" allowClear testId="coordination-lead-unit" />
      </Form.Item>
      <Form.Item name="cooperatingUnitIds" label={t('coordination.form.cooperating')}>
        <UnitPicker<number[]> inactive="skip" allowClear multiple testId="coordination-coop-units" />
      </Form.Item>
      <Form.Item name="deadline" label={t('coordination.form.deadline')} required rules={[dateRule(AssignCoordinationItem.shape.deadline, i18n.language)]}>
        <DateInput disabledDay={notPast} testId="coordination-deadline" />
      </Form.Item>
    </>
  );

  const fields = () => {
    switch (action) {
      case 'escalate':
        return (
          <>
            <Form.Item name="to" label={t('coordination.form.to')} rules={[{ required: true, message: t('coordination.form.toRequired') }]}>
              <Radio.Group data-testid="coordination-escalate-to" options={higher.map((l) => ({ value: l, label: t(`coordination.levels.${l}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('coordination.form.escalateNote')} rules={[...required(t('coordination.form.noteRequired')), { max: 1000, message: t('common.maxLength', { max: 1000 }) }]}>
              <Input.TextArea rows={3} placeholder={t('coordination.form.escalateNotePlaceholder')} data-testid="coordination-note" />
            </Form.Item>
          </>
        );
      case 'assign':
        return (
          <>
            {units}
            <Form.Item name="note" label={t('coordination.form.assignNote')} rules={[{ max: 1000, message: t('common.maxLength', { max: 1000 }) }]}>
              <Input.TextArea rows={2} data-testid="coordination-note" />
            </Form.Item>
          </>
        );
      case 'meeting':
        return (
          <>
            <Form.Item name="meetingDate" label={t('coordination.form.meetingDate')} required rules={[dateRule(MeetingOutcome.shape.meetingDate, i18n.language)]}>
              <DateInput disabledDay={(d) => d > shanghaiDate()} testId="coordination-meeting-date" />
            </Form.Item>
            <Form.Item name="decision" label={t('coordination.form.decision')} rules={[...required(t('coordination.form.decisionRequired')), { max: 2000, message: t('common.maxLength', { max: 2000 }) }]}>
              <Input.TextArea rows={3} placeholder={t('coordination.form.decisionPlaceholder')} data-testid="coordination-decision" />
            </Form.Item>
            {units}
          </>
        );
      case 'progress':
      case 'resolve':
        return (
          <Form.Item
            name="note"
            label={t(action === 'progress' ? 'coordination.form.progressNote' : 'coordination.form.resolveNote')}
            extra={action === 'resolve' ? t('coordination.form.resolveHelp') : undefined}
            rules={[...required(t('coordination.form.noteRequired')), { max: 2000, message: t('common.maxLength', { max: 2000 }) }]}
          >
            <Input.TextArea rows={4} placeholder={t(action === 'progress' ? 'coordination.form.progressPlaceholder' : 'coordination.form.resolvePlaceholder')} data-testid="coordination-note" />
          </Form.Item>
        );
      case 'confirm':
        return (
          <>
            <Alert type="info" showIcon title={t('coordination.form.confirmHelp')} style={{ marginBottom: 16 }} />
            <Form.Item name="confirmBy" label={t('coordination.form.confirmHow')}>
              <Radio.Group
                data-testid="coordination-confirm-by"
                options={[
                  { value: 'owner', label: t('coordination.form.confirmSelf') },
                  { value: 'contact', label: t('coordination.form.confirmContact') },
                ]}
              />
            </Form.Item>
            {confirmBy === 'contact' ? (
              <Form.Item
                name="contactName"
                label={t('coordination.form.contactName')}
                extra={t('coordination.form.contactHelp')}
                rules={[...required(t('coordination.form.contactRequired')), { max: 40, message: t('common.maxLength', { max: 40 }) }]}
              >
                <Input data-testid="coordination-contact-name" />
              </Form.Item>
            ) : null}
            <Form.Item name="note" label={t('coordination.form.confirmNote')} rules={[{ max: 1000, message: t('common.maxLength', { max: 1000 }) }]}>
              <Input.TextArea rows={2} data-testid="coordination-note" />
            </Form.Item>
          </>
        );
      case 'reopen':
        return (
          <>
            <Alert type="warning" showIcon title={t('coordination.form.reopenWarning')} style={{ marginBottom: 16 }} />
            <Form.Item name="reason" label={t('coordination.form.reopenReason')} rules={[...required(t('coordination.form.reasonRequired')), { max: 1000, message: t('common.maxLength', { max: 1000 }) }]}>
              <Input.TextArea rows={3} placeholder={t('coordination.form.reopenPlaceholder')} data-testid="coordination-note" />
            </Form.Item>
          </>
        );
    }
  };

  const initialValues: Values = {
    to: higher[0],
    confirmBy: 'owner',
    meetingDate: shanghaiDate(),
    leadUnitId: item.leadUnit?.id,
    cooperatingUnitIds: item.cooperatingUnits.map((u) => u.id),
    deadline: item.deadline && item.deadline >= shanghaiDate() ? item.deadline : undefined,
  };

  return (
    <Modal
      open
      title={action === 'meeting' ? t('coordination.meeting.recordTitle', { title: item.title }) : `${t(`coordination.actions.${action}`)}${punct(i18n.language).colon}${item.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`coordination.actions.${action}`)}
      okButtonProps={{ loading: command.isPending, danger: action === 'reopen', 'data-testid': 'coordination-action-submit' } as never}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={command.isPending}
        initialValues={initialValues}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        data-testid={`coordination-form-${action}`}
      >
        {fields()}
      </Form>
    </Modal>
  );
}

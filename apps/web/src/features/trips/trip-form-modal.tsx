import { App, Col, Form, Input, Modal, Row } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addDays, CreateTrip, shanghaiDate, t as catalogue } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { dateRule } from '../../shared/form-rules';
import { currentLang } from '../../shared/lang';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useCurrentUser } from '../auth';
import { useCreateTrip } from './trips-api';
import { UnitPicker } from '../../shared/unit-picker';

type Values = { destination: string; startOn: string; endOn: string; leader: string; delegation?: string; purpose?: string; unitId: number };

/** Plan an outbound trip (出访): where, when, who leads, who goes. */
export function TripFormModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const create = useCreateTrip();
  const [form] = Form.useForm<Values>();
  
  const onFinish = (v: Values) => {
    const body: CreateTrip = {
      destination: v.destination.trim(),
      startOn: v.startOn.trim(),
      endOn: v.endOn.trim(),
      leader: v.leader.trim(),
      ...(v.delegation?.trim() ? { delegation: v.delegation.trim() } : {}),
      ...(v.purpose?.trim() ? { purpose: v.purpose.trim() } : {}),
      ...(v.unitId !== me.unitId ? { unitId: v.unitId } : {}),
    };
    create.mutate(body, {
      onSuccess: (trip) => {
        message.success(t('trips.created', { destination: trip.destination }));
        onClose();
        void navigate(`/trips/${trip.id}`);
      },
      onError: (e) => onError(e, form),
    });
  };

  return (
    <Modal
      open
      title={t('trips.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...({ 'data-testid': 'trip-form-submit' } as object) }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ unitId: me.unitId, startOn: addDays(shanghaiDate(), 7), endOn: addDays(shanghaiDate(), 9) }}
        disabled={create.isPending}
      >
        <Form.Item
          name="destination"
          label={t('trips.destination')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('trips.destination') }) },
            { max: 100, message: t('common.maxLength', { max: 100 }) },
          ]}
        >
          <Input placeholder={t('trips.destinationPlaceholder')} data-testid="trip-destination" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="startOn" label={t('trips.startOn')} required rules={[dateRule(CreateTrip.shape.startOn, i18n.language)]}>
              <DateInput testId="trip-start" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="endOn"
              label={t('trips.endOn')}
              required
              dependencies={['startOn']}
              rules={[
                dateRule(CreateTrip.shape.endOn, i18n.language),
                ({ getFieldValue }) => ({
                  validator: (_, end: string | undefined) =>
                    end && String(getFieldValue('startOn') ?? '') > end ? Promise.reject(new Error(catalogue(currentLang(), 'end_before_start'))) : Promise.resolve(),
                }),
              ]}
            >
              <DateInput testId="trip-end" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="leader"
          label={t('trips.leader')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('trips.leader') }) },
            { max: 40, message: t('common.maxLength', { max: 40 }) },
          ]}
        >
          <Input placeholder={t('trips.leaderPlaceholder')} data-testid="trip-leader" />
        </Form.Item>
        <Form.Item name="delegation" label={t('trips.delegation')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('trips.delegationPlaceholder')} data-testid="trip-delegation" />
        </Form.Item>
        <Form.Item name="purpose" label={t('trips.purpose')} rules={[{ max: 1000, message: t('common.maxLength', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="unitId" label={t('trips.unit')} rules={[{ required: true, message: t('common.required', { field: t('trips.unit') }) }]}>
          <UnitPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

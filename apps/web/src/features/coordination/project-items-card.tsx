import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Skeleton, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addDays, RaiseCoordinationItem, shanghaiDate, type CoordinationCategory, type ProjectDetail } from '@wutong/contracts';
import { DateInput } from '../../shared/date-input';
import { dateRule } from '../../shared/form-rules';
import { useCurrentUser } from '../auth';
import { LightDot } from '../../shared/light-dot';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { coordinationAccess } from './access';
import { CATEGORIES, CategoryTag, StatusTag } from './bits';
import { useCoordinationList, useRaiseItem } from './coordination-api';
import { EmptyState } from '../../shared/list-page';

type RaiseValues = { category: CoordinationCategory; title: string; description: string; neededBy: string };

/** 提出协调事项: what the enterprise needs from the government, and by when. */
function RaiseModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<RaiseValues>();
  const raise = useRaiseItem();
  const onFinish = (v: RaiseValues) =>
    raise.mutate(
      { projectId: project.id, category: v.category, title: v.title.trim(), description: v.description.trim(), neededBy: v.neededBy.trim() },
      {
        onSuccess: () => {
          message.success(t('coordination.raise.done'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Modal
      open
      title={t('coordination.raise.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('coordination.raise.button')}
      okButtonProps={{ loading: raise.isPending, 'data-testid': 'coordination-raise-submit' } as never}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={560}
    >
      <Typography.Paragraph type="secondary">{project.name}</Typography.Paragraph>
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={raise.isPending}
        initialValues={{ neededBy: addDays(shanghaiDate(), 14) }}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        data-testid="coordination-raise-form"
      >
        <Form.Item name="category" label={t('coordination.raise.category')} rules={[{ required: true, message: t('coordination.raise.categoryRequired') }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`coordination.categories.${c}`) }))} data-testid="coordination-raise-category" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('coordination.raise.itemTitle')}
          rules={[
            { required: true, whitespace: true, message: t('coordination.raise.titleRequired') },
            { max: 100, message: t('common.maxLength', { max: 100 }) },
          ]}
        >
          <Input placeholder={t('coordination.raise.itemTitlePlaceholder')} data-testid="coordination-raise-title" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('coordination.raise.description')}
          rules={[
            { required: true, whitespace: true, message: t('coordination.raise.descriptionRequired') },
            { max: 2000, message: t('common.maxLength', { max: 2000 }) },
          ]}
        >
          <Input.TextArea rows={4} placeholder={t('coordination.raise.descriptionPlaceholder')} data-testid="coordination-raise-description" />
        </Form.Item>
        <Form.Item name="neededBy" label={t('coordination.raise.neededBy')} extra={t('coordination.raise.neededByHelp')} required rules={[dateRule(RaiseCoordinationItem.shape.neededBy, i18n.language)]}>
          <DateInput disabledDay={(d) => d < shanghaiDate()} testId="coordination-raise-needed-by" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The project page's card: its coordination items, and raising a new one. */
export function ProjectCoordinationCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [raising, setRaising] = useState(false);
  const list = useCoordinationList({ projectId: project.id }, 1, 50);
  const canRaise = project.canEdit && coordinationAccess.raise(me) && project.stage !== 'dropped' && (project.intake === 'accepted' || project.intake === 'pending');
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('coordination.card.title')}
      style={{ marginBottom: 16 }}
      data-testid="project-coordination"
      extra={
        canRaise ? (
          <Button size="small" type="primary" ghost icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="coordination-raise">
            {t('coordination.raise.button')}
          </Button>
        ) : null
      }
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : items.length ? (
        <Flex vertical gap={4}>
          {items.map((i) => (
            <Link key={i.id} to={`/coordination/${i.id}`} className="wt-row" data-testid="project-coordination-item" data-item-id={i.id}>
              <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
                <LightDot light={i.light} reasons={i.lightReasons} />
                <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {i.title}
                </Typography.Text>
                <span style={{ display: 'flex', gap: 4, flex: 'none' }}>
                  <CategoryTag category={i.category} />
                  <StatusTag status={i.status} />
                </span>
              </span>
              <span className="wt-row-meta">
                {t('coordination.neededBy')} {i.neededBy}
                {i.leadUnit ? ` · ${t('coordination.leadUnit')} ${i.leadUnit.name}` : ''}
              </span>
            </Link>
          ))}
          {list.data && list.data.total > items.length ? <Link to={`/coordination?projectId=${project.id}`}>{t('coordination.card.all')}</Link> : null}
        </Flex>
      ) : (
        <EmptyState description={t('coordination.card.empty')} />
      )}
      {raising ? <RaiseModal project={project} onClose={() => setRaising(false)} /> : null}
    </Card>
  );
}

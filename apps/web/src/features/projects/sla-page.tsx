import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, InputNumber, Row, Skeleton, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaRule, SlaRuleCode } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { LIGHT_COLORS } from '../../shared/light-dot';
import { useSaveSlaRules, useSlaRules } from './sla-api';
import { LoadError } from '../../shared/list-page';
import { punct } from '../../shared/format';

const RULES: SlaRuleCode[] = ['lead_uncontacted', 'no_activity', 'signed_not_registered', 'next_step_overdue'];
/** The server's defaults (apps/api/src/modules/projects/lights.ts), offered as a starting point. */
const DEFAULTS: SlaRule[] = [
  { rule: 'lead_uncontacted', yellowDays: 1, redDays: 3 },
  { rule: 'no_activity', yellowDays: 14, redDays: 30 },
  { rule: 'signed_not_registered', yellowDays: null, redDays: 90 },
  { rule: 'next_step_overdue', yellowDays: 0, redDays: null },
];

type Level = 'yellowDays' | 'redDays';

const byRule = (items: readonly SlaRule[]) => RULES.map((rule) => items.find((r) => r.rule === rule) ?? { rule, yellowDays: null, redDays: null });
const same = (a: SlaRule, b: SlaRule) => a.yellowDays === b.yellowDays && a.redDays === b.redDays;
const invalid = (r: SlaRule) => r.yellowDays !== null && r.redDays !== null && r.yellowDays >= r.redDays;

/** The rule in words, as it reads for the current numbers. */
export function useRuleSentence() {
  const { t } = useTranslation();
  return (r: SlaRule): string => {
    const phrase = (n: number) =>
      r.rule === 'next_step_overdue' ? (n === 0 ? t('sla.overdueAtOnce') : t('sla.overdueBy', { n })) : String(n);
    const y = r.yellowDays;
    const red = r.redDays;
    if (y === null && red === null) return t('sla.off');
    if (y !== null && red !== null) return t(`sla.rules.${r.rule}.both`, { y: phrase(y), r: phrase(red) });
    if (y !== null) return t(`sla.rules.${r.rule}.yellowOnly`, { y: phrase(y) });
    return t(`sla.rules.${r.rule}.redOnly`, { r: phrase(red!) });
  };
}

export function SlaPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const saved = useSlaRules();
  const save = useSaveSlaRules();
  const sentence = useRuleSentence();
  const [draft, setDraft] = useState<SlaRule[] | null>(null);
  useEffect(() => {
    if (saved.data) setDraft(byRule(saved.data));
  }, [saved.data]);

  const current = saved.data ? byRule(saved.data) : [];
  const changed = draft ? draft.filter((r, i) => !same(r, current[i]!)) : [];
  const hasInvalid = !!draft?.some(invalid);

  const set = (rule: SlaRuleCode, level: Level, value: number | null) =>
    setDraft((d) => (d ? d.map((r) => (r.rule === rule ? { ...r, [level]: value } : r)) : d));

  const onSave = () => {
    if (!draft || !changed.length || hasInvalid) return;
    modal.confirm({
      title: t('sla.confirmTitle'),
      width: 560,
      content: (
        <Flex vertical gap={8} data-testid="sla-confirm">
          <Typography.Paragraph style={{ margin: 0 }}>{t('sla.confirmText')}</Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {changed.map((r) => (
              <li key={r.rule}>
                <strong>{t(`sla.rules.${r.rule}.title`)}</strong>
                {punct(i18n.language).colon}
                {sentence(r)}
              </li>
            ))}
          </ul>
        </Flex>
      ),
      okText: t('sla.save'),
      okButtonProps: { ...({ 'data-testid': 'sla-confirm-ok' } as object) },
      cancelText: t('common.cancel'),
      onOk: () =>
        save.mutateAsync(draft).then(
          () => {
            message.success(t('sla.saved'));
          },
          (e: unknown) => onError(e),
        ),
    });
  };

  return (
    <>
      <PageHeader
        title={t('sla.title')}
        extra={
          <>
            <Button onClick={() => setDraft(byRule(DEFAULTS))} disabled={!draft} data-testid="sla-defaults">
              {t('sla.defaults')}
            </Button>
            <Button onClick={() => setDraft(current)} disabled={!changed.length} data-testid="sla-undo">
              {t('sla.undo')}
            </Button>
            <Button type="primary" onClick={onSave} disabled={!changed.length || hasInvalid} loading={save.isPending} data-testid="sla-save">
              {t('sla.save')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('sla.intro')} description={t('sla.introDetail')} />
      <LoadError error={saved.error} />
      {!draft ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {draft.map((r, i) => (
            <Col xs={24} lg={12} key={r.rule}>
              <RuleCard rule={r} changed={!same(r, current[i]!)} sentence={sentence(r)} onSet={(level, v) => set(r.rule, level, v)} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function RuleCard({ rule, changed, sentence, onSet }: { rule: SlaRule; changed: boolean; sentence: string; onSet: (level: Level, v: number | null) => void }) {
  const { t } = useTranslation();
  const unit = rule.rule === 'lead_uncontacted' ? t('sla.workingDays') : t('sla.days');
  const bad = invalid(rule);
  const level = (l: Level, color: string, label: string, fallback: number) => {
    const v = rule[l];
    return (
      <Flex align="center" gap={10} wrap>
        <Space size={6} style={{ width: 64 }}>
          <span style={{ width: 10, height: 10, borderRadius: '50%', background: color, display: 'inline-block' }} />
          <span>{label}</span>
        </Space>
        <Switch
          size="small"
          checked={v !== null}
          onChange={(on) => onSet(l, on ? fallback : null)}
          aria-label={t('sla.levelOn', { level: label })}
          data-testid={`sla-${rule.rule}-${l === 'yellowDays' ? 'yellow' : 'red'}-on`}
        />
        {v !== null ? (
          <InputNumber<number>
            min={0}
            max={3650}
            precision={0}
            value={v}
            onChange={(n) => onSet(l, n ?? 0)}
            suffix={unit}
            style={{ width: 140 }}
            status={bad ? 'error' : undefined}
            data-testid={`sla-${rule.rule}-${l === 'yellowDays' ? 'yellow' : 'red'}`}
          />
        ) : (
          <Typography.Text type="secondary">{t('sla.levelOff')}</Typography.Text>
        )}
      </Flex>
    );
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          {t(`sla.rules.${rule.rule}.title`)}
          {changed ? <Typography.Text type="warning" style={{ fontSize: 12, fontWeight: 400 }}>{t('sla.unsaved')}</Typography.Text> : null}
        </Space>
      }
      style={{ height: '100%', borderColor: changed ? '#f5a623' : undefined }}
      data-testid={`sla-rule-${rule.rule}`}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t(`sla.rules.${rule.rule}.what`)}
      </Typography.Paragraph>
      <Flex vertical gap={10}>
        {level('yellowDays', LIGHT_COLORS.yellow, t('light.yellow'), rule.redDays !== null ? Math.max(0, rule.redDays - 1) : 1)}
        {level('redDays', LIGHT_COLORS.red, t('light.red'), rule.yellowDays !== null ? rule.yellowDays + 1 : 3)}
      </Flex>
      <div
        style={{ marginTop: 12, padding: '8px 12px', background: bad ? '#fff1f0' : '#f5f8fc', borderRadius: 6, lineHeight: 1.7 }}
        data-testid={`sla-${rule.rule}-sentence`}
      >
        {bad ? <Typography.Text type="danger">{t('sla.orderRule')}</Typography.Text> : sentence}
      </div>
    </Card>
  );
}

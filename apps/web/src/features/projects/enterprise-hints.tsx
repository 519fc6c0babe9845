import { Button, Flex, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MatchCandidate } from '@wutong/contracts';
import { decimal } from '../../shared/format';

type Props = {
  candidates: readonly MatchCandidate[];
  loading: boolean;
  /** a name long enough to have been checked */
  checked: boolean;
  onPick: (c: MatchCandidate) => void;
};

/** Live duplicate hints under the name: USCC matches first, then names by similarity, with their projects. */
export function EnterpriseHints({ candidates, loading, checked, onPick }: Props) {
  const { t } = useTranslation();
  if (!checked) return null;
  if (loading && !candidates.length) {
    return (
      <Flex align="center" gap={8} style={{ color: 'rgba(0,0,0,0.55)', fontSize: 13 }} data-testid="lead-hints-loading">
        <Spin size="small" /> {t('lead.checking')}
      </Flex>
    );
  }
  if (!candidates.length) {
    return (
      <Flex align="center" gap={6} style={{ color: '#237804', fontSize: 13 }} data-testid="lead-no-match">
        <CheckCircleFilled /> {t('lead.noMatch')}
      </Flex>
    );
  }
  return (
    <div data-testid="lead-hints" aria-live="polite">
      <Typography.Text type="warning" style={{ display: 'block', fontSize: 13, marginBottom: 6 }}>
        {t('lead.hintsTitle')}
      </Typography.Text>
      {candidates.map((c) => (
        <div key={c.enterprise.id} className={c.likely ? 'wt-hint likely' : 'wt-hint'} data-testid="lead-hint" data-enterprise-id={c.enterprise.id}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong style={{ display: 'block' }} data-testid="lead-hint-name">
              {c.enterprise.name}
            </Typography.Text>
            {c.matchedName !== c.enterprise.name ? (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('lead.matchedAlias', { name: c.matchedName })}
              </Typography.Text>
            ) : null}
            <Flex wrap gap={4} style={{ marginTop: 4 }}>
              {c.usccMatch ? (
                <Tag color="red">{t('lead.usccMatch')}</Tag>
              ) : c.similarity >= 0.9995 ? (
                <Tag color="red">{t('lead.sameName')}</Tag>
              ) : (
                <Tag>{t('lead.similarity', { p: decimal(c.similarity * 100, 1) })}</Tag>
              )}
              {c.likely && !c.usccMatch && c.similarity < 0.9995 ? <Tag color="orange">{t('lead.likely')}</Tag> : null}
              {c.projectCount > 0 ? (
                <Tag color="volcano" data-testid="lead-hint-projects">
                  {t('lead.projects', { n: c.projectCount })}
                </Tag>
              ) : (
                <Tag color="green">{t('lead.noProjects')}</Tag>
              )}
            </Flex>
          </div>
          <Button onClick={() => onPick(c)} style={{ flex: 'none', minHeight: 40 }} data-testid="lead-hint-pick">
            {t('lead.pick')}
          </Button>
        </div>
      ))}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Intake, ProjectListItem, Stage } from '@wutong/contracts';
import { STAGE_COLORS, stageLabel } from './stages';
import { LightDot } from '../../shared/light-dot';

export function StageTag({ stage }: { stage: Stage }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} style={{ marginInlineEnd: 0 }} data-testid="stage-tag" data-stage={stage}>
      {stageLabel(stage, i18n.language)}
    </Tag>
  );
}

const INTAKE_COLORS: Record<Intake, string> = { pending: 'orange', accepted: 'green', rejected: 'red', merged: 'default' };

export function IntakeTag({ intake }: { intake: Intake }) {
  const { t } = useTranslation();
  return (
    <Tag color={INTAKE_COLORS[intake]} style={{ marginInlineEnd: 0 }} data-testid="intake-tag" data-intake={intake}>
      {t(`project.intake.${intake}`)}
    </Tag>
  );
}

/** 首报 waits: the lead is held as a suspected duplicate until the investment centre decides. */
export function FirstReportHeldTag() {
  const { t } = useTranslation();
  return (
    <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="first-report-held">
      {t('duplicates.heldTag')}
    </Tag>
  );
}

type RowProps = { project: ProjectListItem; tags?: ReactNode; meta?: ReactNode; extra?: ReactNode; testId?: string };

/**
 * One project as a tappable row (the whole row opens it): light and name, tags on the right, a line
 * of what matters below. At least 48 px high, for thumbs.
 */
export function ProjectRow({ project, tags, meta, extra, testId }: RowProps) {
  return (
    <Link to={`/projects/${project.id}`} className="wt-row" data-testid={testId} data-project-id={project.id}>
      <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
        <LightDot light={project.light} reasons={project.lightReasons} />
        <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
          {project.name}
        </Typography.Text>
        <span style={{ display: 'flex', gap: 4, flex: 'none' }}>{tags}</span>
      </span>
      {meta ? <span className="wt-row-meta">{meta}</span> : null}
      {extra ? <span className="wt-row-meta">{extra}</span> : null}
    </Link>
  );
}

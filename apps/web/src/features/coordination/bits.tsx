import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoordinationCategory, CoordinationLevel, CoordinationStatus } from '@wutong/contracts';

const keys = <K extends string>(r: Record<K, true>) => Object.keys(r) as K[];
// keyed by the contract types: a value added there is a compile error here
export const CATEGORIES = keys<CoordinationCategory>({ land: true, energy: true, approval: true, finance: true, talent: true, infrastructure: true, other: true });
export const LEVELS = keys<CoordinationLevel>({ unit: true, department: true, lead_group: true });
export const STATUSES = keys<CoordinationStatus>({ open: true, assigned: true, resolved: true, closed: true });

const CATEGORY_COLORS: Record<CoordinationCategory, string> = { land: 'orange', energy: 'volcano', approval: 'blue', finance: 'gold', talent: 'purple', infrastructure: 'cyan', other: 'default' };
const LEVEL_COLORS: Record<CoordinationLevel, string> = { unit: 'default', department: 'geekblue', lead_group: 'magenta' };
const STATUS_COLORS: Record<CoordinationStatus, string> = { open: 'warning', assigned: 'processing', resolved: 'cyan', closed: 'success' };

export function CategoryTag({ category }: { category: CoordinationCategory }) {
  const { t } = useTranslation();
  return (
    <Tag color={CATEGORY_COLORS[category]} style={{ marginInlineEnd: 0 }} data-testid="coordination-category" data-category={category}>
      {t(`coordination.categories.${category}`)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: CoordinationLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLORS[level]} style={{ marginInlineEnd: 0 }} data-testid="coordination-level" data-level={level}>
      {t(`coordination.levels.${level}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: CoordinationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="coordination-status" data-status={status}>
      {t(`coordination.statuses.${status}`)}
    </Tag>
  );
}

import { useTranslation } from 'react-i18next';
import { IndustryCascader } from '../industries';
import { projectIndustryParam } from './project-query';

type Props = { value?: string; onChange?: (code: string | undefined) => void; id?: string; testId?: string; size?: 'large' | 'middle' };

/**
 * The industry of a project as a form field: GB/T 4754 in the shared cascader, the value as the
 * projects API takes it — the section letter, followed by the code when deeper ('C3911'); a stored
 * code may come without its section ('3911').
 */
export function IndustryPicker({ value, onChange, id, testId, size }: Props) {
  const { t } = useTranslation();
  const bare = value && /^[A-T]\d/.test(value) ? value.slice(1) : value;
  return (
    <IndustryCascader
      id={id}
      size={size}
      testId={testId}
      value={bare}
      placeholder={t('project.industryPlaceholder')}
      onChange={(i) => onChange?.(projectIndustryParam(i))}
    />
  );
}

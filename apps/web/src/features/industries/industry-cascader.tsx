import { useMemo, type CSSProperties } from 'react';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Industry } from '@wutong/contracts';
import { industryPath, useIndustries, type IndustryOption } from './industries-api';

type Props = {
  /** the picked code at any level: a section letter (C) or a 2–4 digit code */
  value?: string;
  onChange?: (industry: Industry | undefined) => void;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
  disabled?: boolean;
  /** as a form field: the label's target */
  id?: string;
  size?: 'large' | 'middle';
};

/** GB/T 4754-2017 as a cascader with search by name or code; any level can be picked. */
export function IndustryCascader({ value, onChange, placeholder, testId, style, disabled, id, size }: Props) {
  const { t } = useTranslation();
  const industries = useIndustries();
  const byCode = industries.data?.byCode;
  const path = useMemo(() => (value && byCode ? industryPath(value, byCode) : value ? [value] : []), [value, byCode]);
  return (
    <Cascader<IndustryOption>
      style={{ width: '100%', ...style }}
      id={id}
      size={size}
      data-testid={testId}
      disabled={disabled}
      options={industries.data?.options ?? []}
      loading={industries.isPending}
      value={path.length ? path : undefined}
      changeOnSelect
      allowClear
      placeholder={placeholder ?? t('projects.filters.industry')}
      showSearch={{
        filter: (input, opts) => {
          const q = input.trim().toLowerCase();
          return opts.some((o) => o.label.toLowerCase().includes(q));
        },
        limit: 80,
      }}
      displayRender={(labels) => String(labels[labels.length - 1] ?? '')}
      onChange={(p) => {
        const code = Array.isArray(p) && p.length ? String(p[p.length - 1]) : undefined;
        onChange?.(code && byCode ? byCode.get(code) : undefined);
      }}
    />
  );
}

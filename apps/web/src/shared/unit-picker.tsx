import { useMemo } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { buildForest, toOptions, useUnits } from '../features/org';

type Props<V extends number | number[]> = Omit<TreeSelectProps<V>, 'treeData' | 'onChange' | 'value'> & {
  value?: V;
  onChange?: (v: V | undefined) => void;
  testId?: string;
  /** inactive units: left out with their subtree (`skip`), listed but not pickable (`disable`, except `keep`), or listed */
  inactive?: 'skip' | 'disable' | 'show';
  /** with `disable`: the unit a record is already in stays pickable */
  keep?: number;
};

/** A unit of the org tree within my scope, searchable by name; the filter bars' and forms' unit picker. */
export function UnitPicker<V extends number | number[] = number>({ testId, inactive = 'show', keep, onChange, style, ...rest }: Props<V>) {
  const { i18n } = useTranslation();
  const units = useUnits();
  const options = useMemo(
    () =>
      toOptions(buildForest(units.data ?? []), i18n.language, {
        skipInactive: inactive === 'skip',
        ...(inactive === 'disable' ? { disabled: (u: { active: boolean; id: number }) => !u.active && u.id !== keep } : {}),
      }),
    [units.data, i18n.language, inactive, keep],
  );
  return (
    <TreeSelect<V>
      treeData={options}
      loading={units.isPending}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      style={{ width: '100%', ...style }}
      data-testid={testId}
      onChange={(v) => onChange?.(v)}
      {...rest}
    />
  );
}

import { useMemo } from 'react';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Industry } from '@wutong/contracts';
import { useIndustries } from './project-api';

type Option = { value: string; label: string; children?: Option[] };

function buildTree(items: readonly Industry[]): Option[] {
  const nodes = new Map<string, Option>();
  const roots: Option[] = [];
  // the API lists parents before children (by code length)
  for (const i of items) {
    const node: Option = { value: i.code, label: `${i.code} ${i.name}` };
    nodes.set(i.code, node);
    const parent = i.parent ? nodes.get(i.parent) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

/** The cascader's path for a stored code: 'C3911', '3911' (projects store it without the section) or 'C'. */
export function industryPath(code: string | null | undefined, byCode: ReadonlyMap<string, Industry>): string[] | undefined {
  if (!code) return undefined;
  const bare = /^[A-T]\d/.test(code) ? code.slice(1) : code;
  const path: string[] = [];
  let cur = byCode.get(bare);
  while (cur) {
    path.unshift(cur.code);
    cur = cur.parent ? byCode.get(cur.parent) : undefined;
  }
  return path.length ? path : undefined;
}

/** A picked path as the API takes it: the section letter, followed by the code when deeper ('C3911'). */
export function industryCodeOf(path: readonly string[] | undefined): string | undefined {
  if (!path?.length) return undefined;
  const section = path[0]!;
  const last = path[path.length - 1]!;
  return last === section ? section : `${section}${last}`;
}

type Props = { value?: string; onChange?: (code: string | undefined) => void; id?: string; testId?: string; size?: 'large' | 'middle' };

/** GB/T 4754-2017 as a cascader with search (name or code); any level may be picked. */
export function IndustryPicker({ value, onChange, id, testId, size }: Props) {
  const { t } = useTranslation();
  const industries = useIndustries();
  const byCode = useMemo(() => new Map((industries.data ?? []).map((i) => [i.code, i])), [industries.data]);
  const options = useMemo(() => buildTree(industries.data ?? []), [industries.data]);
  const path = useMemo(() => industryPath(value, byCode), [value, byCode]);
  return (
    <Cascader<Option>
      id={id}
      data-testid={testId}
      size={size}
      options={options}
      value={path}
      loading={industries.isPending}
      changeOnSelect
      allowClear
      placeholder={t('project.industryPlaceholder')}
      displayRender={(labels) => labels[labels.length - 1]}
      showSearch={{
        filter: (input, opts) => {
          const q = input.trim().toUpperCase();
          return opts.some((o) => o.label.toUpperCase().includes(q));
        },
        limit: 50,
      }}
      onChange={(p) => onChange?.(industryCodeOf(p as string[] | undefined))}
      style={{ width: '100%' }}
    />
  );
}

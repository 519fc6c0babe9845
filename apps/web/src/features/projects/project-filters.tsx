import { useEffect, useMemo, useState } from 'react';
import { Button, Col, DatePicker, Flex, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Light, Stage } from '@wutong/contracts';
import { useDebounced } from '../../shared/use-debounced';
import { useCurrentUser } from '../auth';
import { IndustryCascader } from '../industries';
import { industryCodeOf, projectIndustryParam, type ProjectFilters } from './project-query';
import { useKeyBlocks, useOwnerOptions, useUser } from './projects-api';
import { LIGHT_COLORS } from '../../shared/light-dot';
import { LIGHTS, ORIGINS, STAGES, stageLabel, type Origin } from './stages';
import { projectAccess } from './access';
import { UnitPicker } from '../../shared/unit-picker';
import { punct } from '../../shared/format';

type Props = {
  filters: ProjectFilters;
  onChange: (patch: Partial<ProjectFilters>) => void;
  /** phone width: every control takes the full row */
  stacked?: boolean;
  /** hides the stage chips (the search row shows them on wide screens) */
  hideStage?: boolean;
};

const CHIP = { border: '1px solid #d6dde8', paddingInline: 10, marginInlineEnd: 6 } as const;

/** The search box: typed locally, written to the address once the user pauses. */
export function ProjectSearch({ value, onChange }: { value?: string; onChange: (q: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState(value ?? '');
  const settled = useDebounced(q, 350);
  // the address changed elsewhere (reset, back button): follow it
  useEffect(() => setQ(value ?? ''), [value]);
  useEffect(() => {
  const want = settled.trim() || undefined;
    if (want !== (value ?? undefined)) onChange(want);
    // only a settled edit writes; the address changing is followed by the effect above
  }, [settled]);
  return (
    <Input.Search
      allowClear
      placeholder={t('projects.filters.q')}
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={(v) => {
        setQ(v);
        onChange(v.trim() || undefined);
      }}
      data-testid="projects-q"
    />
  );
}

export function StageChips({ value, onChange }: { value?: Stage[]; onChange: (v: Stage[] | undefined) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex align="center" gap={4} wrap data-testid="projects-stage-filter">
      <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
        {t('projects.filters.stage')}
      </Typography.Text>
      <Tag.CheckableTagGroup<Stage>
        multiple
        styles={{ item: CHIP }}
        value={value ?? []}
        onChange={(v) => onChange(v.length ? STAGES.filter((s) => v.includes(s)) : undefined)}
        options={STAGES.map((s) => ({ value: s, label: <span data-testid={`stage-chip-${s}`}>{stageLabel(s, i18n.language)}</span> }))}
      />
    </Flex>
  );
}

export function LightChips({ value, onChange }: { value?: Light[]; onChange: (v: Light[] | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={4} wrap data-testid="projects-light-filter">
      <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
        {t('projects.filters.light')}
      </Typography.Text>
      <Tag.CheckableTagGroup<Light>
        multiple
        styles={{ item: CHIP }}
        value={value ?? []}
        onChange={(v) => onChange(v.length ? LIGHTS.filter((l) => v.includes(l)) : undefined)}
        options={LIGHTS.map((l) => ({
          value: l,
          label: (
            <span data-testid={`light-chip-${l}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <span style={{ width: 8, height: 8, borderRadius: '50%', background: LIGHT_COLORS[l] }} />
              {t(`light.${l}`)}
            </span>
          ),
        }))}
      />
    </Flex>
  );
}

/** 万元 from–to; written when the user leaves the field or presses Enter. */
function InvestmentRange({ min, max, onChange }: { min?: number; max?: number; onChange: (min?: number, max?: number) => void }) {
  const { t } = useTranslation();
  const [lo, setLo] = useState<number | null>(min ?? null);
  const [hi, setHi] = useState<number | null>(max ?? null);
  useEffect(() => setLo(min ?? null), [min]);
  useEffect(() => setHi(max ?? null), [max]);
  const commit = () => {
  const a = lo ?? undefined;
  const b = hi ?? undefined;
    if (a !== min || b !== max) onChange(a, b);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<number>
        style={{ width: '50%' }}
        min={0}
        precision={2}
        placeholder={t('projects.filters.minInvestment')}
        value={lo}
        onChange={setLo}
        onBlur={commit}
        onPressEnter={commit}
        data-testid="projects-min-investment"
        aria-label={t('projects.filters.minInvestment')}
      />
      <InputNumber<number>
        style={{ width: '50%' }}
        min={0}
        precision={2}
        placeholder={t('projects.filters.maxInvestment')}
        value={hi}
        onChange={setHi}
        onBlur={commit}
        onPressEnter={commit}
        suffix={t('projects.wanYuan')}
        data-testid="projects-max-investment"
        aria-label={t('projects.filters.maxInvestment')}
      />
    </Space.Compact>
  );
}

/** Every filter of the project list but the search box. */
export function ProjectFilterControls({ filters, onChange, stacked, hideStage }: Props) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const blocks = useKeyBlocks();
  const canPickOwners = projectAccess.pickOwners(me);
  const [ownerQ, setOwnerQ] = useState('');
  const owners = useOwnerOptions(useDebounced(ownerQ, 300), filters.unitId, canPickOwners);
  const chosenOwner = useUser(filters.ownerUserId, canPickOwners && !owners.data?.some((u) => u.id === filters.ownerUserId));

  const ownerOptions = useMemo(() => {
  const list = [...(owners.data ?? [])];
    if (chosenOwner.data && !list.some((u) => u.id === chosenOwner.data.id)) list.push(chosenOwner.data);
    return list.map((u) => ({ value: u.id, label: `${u.displayName}${punct(i18n.language).paren(u.unitName)}` }));
  }, [owners.data, chosenOwner.data]);

  const col = (lg: number) => (stacked ? { span: 24 } : { xs: 24, sm: 12, lg });
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  return (
    <Row gutter={[12, 12]}>
      {hideStage ? null : (
        <Col span={24}>
          <StageChips value={filters.stage} onChange={(stage) => onChange({ stage })} />
        </Col>
      )}
      <Col span={24}>
        <LightChips value={filters.light} onChange={(light) => onChange({ light })} />
      </Col>
      <Col {...col(6)}>
        <UnitPicker
          allowClear
          placeholder={t('projects.filters.unit')}
          value={filters.unitId}
          onChange={(v: number | undefined) => onChange({ unitId: v, ownerUserId: undefined })}
          testId="projects-unit-filter"
        />
      </Col>
      <Col {...col(4)}>
        {canPickOwners ? (
          <Select
            allowClear
            style={{ width: '100%' }}
            placeholder={t('projects.filters.owner')}
            value={filters.ownerUserId}
            onChange={(v: number | undefined) => onChange({ ownerUserId: v })}
            showSearch={{ filterOption: false, onSearch: setOwnerQ }}
            onClear={() => setOwnerQ('')}
            loading={owners.isFetching}
            options={ownerOptions}
            data-testid="projects-owner-filter"
          />
        ) : (
          <MineFilter value={filters.mine} onChange={(mine) => onChange({ mine })} />
        )}
      </Col>
      <Col {...col(6)}>
        <IndustryCascader
          testId="projects-industry-filter"
          value={filters.industry ? industryCodeOf(filters.industry) : undefined}
          onChange={(i) => onChange({ industry: projectIndustryParam(i) })}
        />
      </Col>
      <Col {...col(4)}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('projects.filters.keyBlock')}
          value={filters.keyBlockId}
          onChange={(v: number | undefined) => onChange({ keyBlockId: v })}
          loading={blocks.isPending}
          options={(blocks.data ?? []).map((b) => ({ value: b.id, label: i18n.language === 'en-US' && b.nameEn ? b.nameEn : b.name }))}
          data-testid="projects-block-filter"
        />
      </Col>
      <Col {...col(4)}>
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('projects.filters.origin')}
          value={filters.origin}
          onChange={(v: Origin | undefined) => onChange({ origin: v })}
          options={ORIGINS.map((o) => ({ value: o, label: t(`projects.origins.${o}`) }))}
          data-testid="projects-origin-filter"
        />
      </Col>
      <Col {...col(8)}>
        <InvestmentRange min={filters.minInvestment} max={filters.maxInvestment} onChange={(minInvestment, maxInvestment) => onChange({ minInvestment, maxInvestment })} />
      </Col>
      <Col {...col(8)}>
        <DatePicker.RangePicker
          style={{ width: '100%' }}
          value={range}
          allowEmpty={[true, true]}
          placeholder={[t('projects.filters.reportedFrom'), t('projects.filters.reportedTo')]}
          onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          data-testid="projects-date-filter"
        />
      </Col>
      {canPickOwners ? (
        <Col {...col(4)}>
          <MineFilter value={filters.mine} onChange={(mine) => onChange({ mine })} />
        </Col>
      ) : null}
    </Row>
  );
}

/** 我负责的 / 我上报的: one select, shown where the owner picker is not. */
function MineFilter({ value, onChange }: { value: 'owner' | 'reporter' | undefined; onChange: (v: 'owner' | 'reporter' | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      style={{ width: '100%' }}
      placeholder={t('projects.filters.mine')}
      value={value}
      onChange={onChange}
      options={[
        { value: 'owner', label: t('projects.filters.mineOwner') },
        { value: 'reporter', label: t('projects.filters.mineReporter') },
      ]}
      data-testid="projects-mine-filter"
    />
  );
}

export function ResetFilters({ disabled, onReset, block }: { disabled: boolean; onReset: () => void; block?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button block={block} disabled={disabled} onClick={onReset} data-testid="projects-reset">
      {t('projects.filters.reset')}
    </Button>
  );
}

import { useMemo, useState } from 'react';
import { Button, Col, Select } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/page-header';
import { useDebounced } from '../../shared/use-debounced';
import { useCurrentUser } from '../auth';
import { useOwnerOptions, useProjectSearch, useProjectVisible, useUser } from '../projects';
import { assessmentAccess, parsePeriod, PeriodPicker } from '../assessment';
import { type PointFilters } from './points-api';
import { PointsLedger } from './points-ledger';
import { UnitPicker } from '../../shared/unit-picker';
import { FilterBar, ListCard } from '../../shared/list-page';
import { punct } from '../../shared/format';

const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= 2147483647 ? n : undefined;
};

function readParams(p: URLSearchParams): PointFilters {
  const period = p.get('period');
  const f: PointFilters = {};
  const unitId = positive(p.get('unitId'));
  const userId = positive(p.get('userId'));
  const projectId = positive(p.get('projectId'));
  if (unitId) f.unitId = unitId;
  if (userId) f.userId = userId;
  if (projectId) f.projectId = projectId;
  if (period && parsePeriod(period)) f.period = period;
  return f;
}

/** 积分明细: the ledger behind every ranking, filtered by unit, person, project and period, each entry explained. */
export function PointsPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const [params, setQuery, setParams] = useSearchPatch();
  const filters = useMemo(() => readParams(params), [params]);
  const canPickPeople = assessmentAccess.pickPeople(me);
  const [personQ, setPersonQ] = useState('');
  const people = useOwnerOptions(useDebounced(personQ, 300), filters.unitId, canPickPeople);
  const chosenPerson = useUser(filters.userId, canPickPeople && filters.userId !== me.id && !people.data?.some((u) => u.id === filters.userId));
  const [projectQ, setProjectQ] = useState('');
  const projects = useProjectSearch(useDebounced(projectQ, 300));


  const personOptions = useMemo(() => {
  const list = (people.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${punct(i18n.language).paren(u.unitName)}` }));
    if (chosenPerson.data && !list.some((o) => o.value === chosenPerson.data.id)) list.push({ value: chosenPerson.data.id, label: `${chosenPerson.data.displayName}${punct(i18n.language).paren(chosenPerson.data.unitName)}` });
    if (!list.some((o) => o.value === me.id)) list.unshift({ value: me.id, label: `${me.displayName}${punct(i18n.language).paren(me.unitName)}` });
    return list;
  }, [people.data, chosenPerson.data, me]);
  // a project picked through the address (a link from elsewhere) is named by a quiet lookup
  const pickedProject = useProjectVisible(filters.projectId && !projects.data?.some((p) => p.id === filters.projectId) ? filters.projectId : null);
  const projectOptions = useMemo(() => {
  const list = (projects.data ?? []).map((p) => ({ value: p.id, label: p.name }));
    if (pickedProject.data && !list.some((o) => o.value === pickedProject.data.id)) list.push({ value: pickedProject.data.id, label: pickedProject.data.name });
    return list;
  }, [projects.data, pickedProject.data]);

  const mine = filters.userId === me.id && !filters.unitId && !filters.projectId;
  const filtered = Object.keys(filters).some((k) => k !== 'period');

  return (
    <>
      <PageHeader
        title={t('assessment.points.title')}
        extra={
          <Button
            type={mine ? 'primary' : 'default'}
            icon={<UserOutlined />}
            onClick={() => setQuery({ userId: mine ? undefined : me.id, unitId: undefined, projectId: undefined })}
            data-testid="points-mine"
          >
            {t('assessment.points.mine')}
          </Button>
        }
      />
      <FilterBar align="middle">
          <Col xs={24} md={12} xl={4}>
            <UnitPicker
              allowClear
              placeholder={t('assessment.unit')}
              value={filters.unitId}
              onChange={(v: number | undefined) => setQuery({ unitId: v })}
              testId="points-unit"
            />
          </Col>
          <Col xs={24} md={12} xl={4}>
            {canPickPeople ? (
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('assessment.points.person')}
                value={filters.userId}
                onChange={(v: number | undefined) => setQuery({ userId: v })}
                showSearch={{ filterOption: false, onSearch: setPersonQ }}
                onClear={() => setPersonQ('')}
                loading={people.isFetching}
                options={personOptions}
                data-testid="points-person"
              />
            ) : (
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('assessment.points.person')}
                value={filters.userId}
                onChange={(v: number | undefined) => setQuery({ userId: v })}
                options={[{ value: me.id, label: `${me.displayName}${punct(i18n.language).paren(t('assessment.points.me'))}` }]}
                data-testid="points-person"
              />
            )}
          </Col>
          <Col xs={24} md={12} xl={4}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('assessment.points.project')}
              value={filters.projectId}
              onChange={(v: number | undefined) => setQuery({ projectId: v })}
              showSearch={{ filterOption: false, onSearch: setProjectQ }}
              onClear={() => setProjectQ('')}
              loading={projects.isFetching}
              options={projectOptions}
              labelRender={(o) => o.label ?? t('assessment.points.projectN', { id: o.value })}
              data-testid="points-project"
            />
          </Col>
          <Col flex="auto">
            <PeriodPicker value={filters.period} onChange={(p) => setQuery({ period: p })} allowClear testId="points-period" />
          </Col>
          <Col flex="none">
            <Button disabled={!filtered && !filters.period} onClick={() => setParams(new URLSearchParams(), { replace: true })} data-testid="points-reset">
              {t('common.reset')}
            </Button>
          </Col>
      </FilterBar>
      <ListCard>
        <PointsLedger filters={filters} />
      </ListCard>
    </>
  );
}

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Empty, Input, Row, Skeleton, Tag, Tree, type TreeDataNode } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { can, useCurrentUser } from '../auth';
import { useUnits } from './org-api';
import { UnitDetails } from './unit-details';
import { UnitFormModal } from './unit-form-modal';
import { UnitMoveModal } from './unit-move-modal';
import { ancestorIds, buildForest, unitName, visibleIds, type UnitNode } from './unit-tree';
import { EmptyState } from '../../shared/list-page';

type Dialog = { kind: 'create'; parent: OrgUnit } | { kind: 'edit'; unit: OrgUnit } | { kind: 'move'; unit: OrgUnit } | null;

/** New units go after their siblings unless the admin says otherwise. */
function nextSortOrder(units: readonly OrgUnit[], parentId: number): number {
  const siblings = units.filter((u) => u.parentId === parentId).map((u) => u.sortOrder);
  return siblings.length ? Math.min(100000, Math.max(...siblings) + 1) : 0;
}

function highlight(text: string, term: string): ReactNode {
  const q = term.trim().toLowerCase();
  const at = q ? text.toLowerCase().indexOf(q) : -1;
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

export function OrgPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const canManage = can.manageOrg(me);
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const [term, setTerm] = useState('');
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const lang = i18n.language;

  const list = useMemo(() => units.data ?? [], [units.data]);
  const byId = useMemo(() => new Map(list.map((u) => [u.id, u])), [list]);
  const forest = useMemo(() => buildForest(list), [list]);
  const visible = useMemo(() => visibleIds(list, term), [list, term]);

  const requested = Number(params.get('unit'));
  const selected = byId.get(requested) ?? forest[0]?.unit;

  // open the roots at first, and always the chain down to the selected unit
  useEffect(() => {
    if (!selected) return;
    setExpanded((prev) => {
      const base = prev ?? forest.map((n) => n.unit.id);
      const need = ancestorIds(selected, byId).filter((id) => !base.includes(id));
      return need.length || !prev ? [...base, ...need] : prev;
    });
  }, [selected, byId, forest]);

  const select = (id: number) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unit', String(id));
    else next.delete('unit');
    setParams(next, { replace: true });
  };

  const treeData = useMemo(() => {
    const walk = (nodes: UnitNode[]): TreeDataNode[] =>
      nodes
        .filter((n) => !visible || visible.has(n.unit.id))
        .map((n) => ({
          key: n.unit.id,
          title: (
            <span className={n.unit.active ? undefined : 'wt-tree-inactive'} data-testid={`org-node-${n.unit.id}`}>
              {highlight(unitName(n.unit, lang), term)}
              {n.unit.active ? null : (
                <Tag style={{ marginInlineStart: 6 }} variant="filled">
                  {t('org.inactiveTag')}
                </Tag>
              )}
            </span>
          ),
          children: walk(n.children),
        }));
    return walk(forest);
  }, [forest, visible, lang, term, t]);

  const expandedKeys = visible ? [...visible] : (expanded ?? []);

  const isRoot = (u: OrgUnit) => u.id === me.regionId || u.parentId === null;

  let tree: ReactNode;
  if (units.isPending) tree = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (units.isError) tree = <Alert type="error" showIcon title={t('errors.loadFailed')} description={units.error.message} />;
  else if (list.length === 0) tree = <Empty description={canManage ? t('org.emptyAdmin') : t('org.emptyReader')} />;
  else if (treeData.length === 0) tree = <EmptyState description={t('org.noMatch', { q: term.trim() })} />;
  else
    tree = (
      <Tree
        blockNode
        showLine={{ showLeafIcon: false }}
        treeData={treeData}
        selectedKeys={selected ? [selected.id] : []}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpanded(keys.map(Number))}
        onSelect={(keys) => {
          const k = keys[0];
          if (k !== undefined) select(Number(k));
        }}
      />
    );

  return (
    <>
      <PageHeader
        title={t('org.title')}
        extra={
          canManage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!selected}
              onClick={() => selected && setDialog({ kind: 'create', parent: selected })}
              data-testid="org-add-child"
            >
              {t('org.addChild')}
            </Button>
          ) : (
            <Tag icon={<EyeOutlined />}>{t('org.readOnly')}</Tag>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <Input.Search
              allowClear
              placeholder={t('org.search')}
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              style={{ marginBottom: 12 }}
              data-testid="org-search"
            />
            <div data-testid="org-tree" style={{ maxHeight: 'calc(100vh - 260px)', minHeight: 120, overflow: 'auto' }}>
              {tree}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          {selected ? (
            <UnitDetails
              unit={selected}
              byId={byId}
              canManage={canManage}
              isRoot={isRoot(selected)}
              onSelect={select}
              onAddChild={() => setDialog({ kind: 'create', parent: selected })}
              onEdit={() => setDialog({ kind: 'edit', unit: selected })}
              onMove={() => setDialog({ kind: 'move', unit: selected })}
            />
          ) : units.isPending ? null : (
            <Card>
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
      {dialog?.kind === 'create' ? (
        <UnitFormModal
          mode="create"
          parent={dialog.parent}
          nextSortOrder={nextSortOrder(list, dialog.parent.id)}
          onClose={() => setDialog(null)}
          onDone={(u) => {
            setDialog(null);
            setExpanded((prev) => [...(prev ?? []), dialog.parent.id]);
            select(u.id);
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <UnitFormModal mode="edit" unit={dialog.unit} isRoot={isRoot(dialog.unit)} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'move' ? (
        <UnitMoveModal
          unit={dialog.unit}
          units={list}
          onClose={() => setDialog(null)}
          onDone={(u) => {
            setDialog(null);
            select(u.id);
          }}
        />
      ) : null}
    </>
  );
}

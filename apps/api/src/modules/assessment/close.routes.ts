import { CloseAssessment, IdParams, SnapshotDetail, SnapshotList, SnapshotListQuery } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './close.service.js';

const tags = ['assessment-close'];

export const assessmentCloseRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/assessment/snapshots',
    summary: '定期考核: the frozen rankings of my region, newest first (published: everyone reads them)',
    tags,
    query: SnapshotListQuery,
    // frozen rankings name the region's units and people on purpose
    reveals: 'region-names',
    response: SnapshotList,
    handler: (ctx, { query }) => service.listSnapshots(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/assessment/snapshots/:id',
    summary: 'One frozen snapshot: points rankings of units and people, completion rankings, adjustments',
    tags,
    params: IdParams,
    entities: { id: 'assessment_snapshot' },
    reveals: 'region-names',
    response: SnapshotDetail,
    handler: (ctx, { params }) => service.getSnapshot(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/assessment/snapshots',
    summary: 'Close a period by hand (month 2026-04, quarter 2026-Q2, year 2026): freeze its rankings once',
    tags,
    roles: service.CLOSE_ROLES,
    acts: 'own-region',
    body: CloseAssessment,
    reveals: 'region-names',
    response: SnapshotDetail,
    handler: (ctx, { body }) => service.closeByHand(ctx, body.period),
  }),
];

import { CreateRuleVersion, CreateRuleVersionResult, PeopleRanking, PointList, PointsQuery, RankingQuery, RebuildResult, RuleVersionList, UnitRanking } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './points.service.js';

const tags = ['points'];
const pointsEntities = { unitId: 'org_unit', userId: 'user', projectId: 'project' };
const PeopleQuery = RankingQuery.pick({ period: true }).strict();

export const pointsRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/scoring-rules',
    summary: 'The scoring rule versions of my region, newest first (published: everyone reads them)',
    tags,
    // a version names the administrator who recorded it
    reveals: 'region-names',
    response: RuleVersionList,
    handler: (ctx) => service.listRules(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/scoring-rules',
    summary: 'Record a scoring rule version; every event on or after its effective date is re-scored',
    tags,
    roles: service.RULE_ROLES,
    acts: 'own-region',
    body: CreateRuleVersion,
    response: CreateRuleVersionResult,
    handler: (ctx, { body }) => service.createRule(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/points/rebuild',
    summary: 'Recompute my region’s ledger from the records; appends only corrections',
    tags,
    roles: service.REBUILD_ROLES,
    acts: 'own-region',
    response: RebuildResult,
    handler: (ctx) => service.rebuild(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/points',
    summary: 'Ledger entries of the units in my scope and my own, each with its explanation',
    tags,
    query: PointsQuery,
    entities: pointsEntities,
    response: PointList,
    handler: (ctx, { query }) => service.listPoints(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/points/export',
    summary: 'The filtered ledger entries as Excel',
    tags,
    query: PointsQuery,
    entities: pointsEntities,
    response: 'file',
    handler: (ctx, { query }) => service.exportPoints(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/rankings/units',
    summary: 'Units ranked by points within their kind (period defaults to this month)',
    tags,
    query: RankingQuery,
    reveals: 'region-names',
    response: UnitRanking,
    handler: (ctx, { query }) => service.unitRanking(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/rankings/units/export',
    summary: 'The unit ranking as Excel',
    tags,
    query: RankingQuery,
    reveals: 'region-names',
    response: 'file',
    handler: (ctx, { query }) => service.exportUnitRanking(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/rankings/people',
    summary: 'People ranked by points (period defaults to this month)',
    tags,
    query: PeopleQuery,
    reveals: 'region-names',
    response: PeopleRanking,
    handler: (ctx, { query }) => service.peopleRanking(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/rankings/people/export',
    summary: 'The people ranking as Excel',
    tags,
    query: PeopleQuery,
    reveals: 'region-names',
    response: 'file',
    handler: (ctx, { query }) => service.exportPeopleRanking(ctx, query),
  }),
];

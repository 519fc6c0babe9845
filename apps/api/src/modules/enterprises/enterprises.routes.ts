import {
  CreateEnterprise,
  Enterprise,
  EnterpriseList,
  IdParams,
  ImportJob,
  ListEnterprisesQuery,
  MatchQuery,
  MatchResult,
  MergeEnterprise,
  StartImport,
  UpdateEnterprise,
} from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './enterprises.service.js';
import * as importer from './enterprises.import.js';

const tags = ['enterprises'];
/** who registers and edits enterprises; leaders read, experts and enterprise users only read */
const writers = ['admin', 'manager', 'unit_head', 'promoter', 'fund_manager'] as const;
const importers = ['admin', 'manager'] as const;

/** base64 inflates by a third: a 15 MB workbook travels in about 20 MB of JSON */
const IMPORT_BODY_LIMIT = 21 * 1024 * 1024;

export const enterpriseRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/enterprises',
    summary: 'The region’s enterprise registry: search by name, alias or USCC, filter, sort, page',
    tags,
    query: ListEnterprisesQuery,
    response: EnterpriseList,
    handler: (ctx, { query }) => service.listEnterprises(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/export',
    summary: 'The filtered registry as Excel (the import template’s columns)',
    tags,
    query: ListEnterprisesQuery,
    response: 'file',
    handler: (ctx, { query }) => service.exportEnterprises(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/match',
    summary: 'Duplicate hints for a name and/or USCC, ranked, with similarity and project counts',
    tags,
    query: MatchQuery,
    response: MatchResult,
    handler: (ctx, { query }) => service.matchEnterprises(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/import-template',
    summary: 'The Excel template for importing enterprises',
    tags,
    roles: importers,
    response: 'file',
    handler: (ctx) => service.importTemplate(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/enterprises/import',
    summary: 'Import enterprises from .xlsx or .csv (base64 in JSON) as a background job; upserts by USCC, else by exact name',
    tags,
    roles: importers,
    body: StartImport,
    entities: { unitId: 'org_unit' },
    bodyLimit: IMPORT_BODY_LIMIT,
    // the job row commits at once; the rows are imported after the answer, chunk by chunk
    transaction: false,
    response: ImportJob,
    handler: (ctx, { body }) => importer.startImport(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/import/:id',
    summary: 'Progress of an import job',
    tags,
    roles: importers,
    params: IdParams,
    entities: { id: 'import_job' },
    response: ImportJob,
    handler: (ctx, { params }) => importer.getImportJob(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/import/:id/rejects',
    summary: 'The rows an import job rejected, with the reason, as Excel',
    tags,
    roles: importers,
    params: IdParams,
    entities: { id: 'import_job' },
    response: 'file',
    handler: (ctx, { params }) => importer.importRejects(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/enterprises/:id',
    summary: 'One enterprise, with its former names and aliases',
    tags,
    params: IdParams,
    entities: { id: 'enterprise' },
    response: Enterprise,
    handler: (ctx, { params }) => service.getEnterprise(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/enterprises',
    summary: 'Register an enterprise (USCC checked and unique)',
    tags,
    roles: writers,
    body: CreateEnterprise,
    entities: { unitId: 'org_unit' },
    response: Enterprise,
    handler: (ctx, { body }) => service.createEnterprise(ctx, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/enterprises/:id',
    summary: 'Change an enterprise (managers, admins, or whoever registered it)',
    tags,
    roles: writers,
    params: IdParams,
    entities: { id: 'enterprise' },
    body: UpdateEnterprise,
    response: Enterprise,
    handler: (ctx, { params, body }) => service.updateEnterprise(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/enterprises/:id/merge',
    summary: 'Merge two records of one enterprise: names, code and projects move into the one kept (the investment centre)',
    tags,
    roles: service.MERGE_ROLES,
    params: IdParams,
    entities: { id: 'enterprise', intoEnterpriseId: 'enterprise' },
    body: MergeEnterprise,
    response: Enterprise,
    handler: (ctx, { params, body }) => service.mergeEnterprise(ctx, params.id, body.intoEnterpriseId, body.note),
  }),
];

import { CreateTrip, CreateTripVisit, IdParams, TripDetail, TripList } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import { EDIT_ROLES as EDIT } from '../projects/index.js';
import * as service from './trips.service.js';

// the API document groups trips with the closed loop they feed
const tags = ['projects'];

export const tripRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/trips',
    summary: 'Outbound trips (出访) in my scope',
    tags,
    response: TripList,
    handler: (ctx) => service.listTrips(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/trips',
    summary: 'Plan an outbound trip',
    tags,
    roles: EDIT,
    body: CreateTrip,
    entities: { unitId: 'org_unit' },
    response: TripDetail,
    handler: (ctx, { body }) => service.createTrip(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/trips/:id',
    summary: 'A trip with its visits',
    tags,
    params: IdParams,
    entities: { id: 'trip' },
    response: TripDetail,
    handler: (ctx, { params }) => service.getTrip(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/trips/:id/visits',
    summary: 'Log a visit on a trip (on a project, or filing a new lead)',
    tags,
    roles: EDIT,
    params: IdParams,
    body: CreateTripVisit,
    entities: { id: 'trip', projectId: 'project' },
    response: TripDetail,
    handler: (ctx, { params, body }) => service.addTripVisit(ctx, params.id, body),
  }),
];

import { z } from 'zod';
import { Id, Name, Text, IsoDate } from './common.js';
import { Activity, ReportLead } from './projects.js';

export const CreateTrip = z
  .object({
    destination: Name(100),
    startOn: IsoDate,
    endOn: IsoDate,
    leader: Name(40),
    delegation: Text(500).optional(),
    purpose: Text(1000).optional(),
    unitId: Id.optional(),
  })
  .strict()
  .refine((v) => v.endOn >= v.startOn, { path: ['endOn'], message: 'i18n:end_before_start' });
export type CreateTrip = z.infer<typeof CreateTrip>;

export const Trip = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  destination: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  leader: z.string(),
  delegation: z.string().nullable(),
  purpose: z.string().nullable(),
  visitCount: z.number().int(),
});
export type Trip = z.infer<typeof Trip>;
export const TripList = z.object({ items: z.array(Trip) });
export const TripDetail = Trip.extend({ visits: z.array(Activity) });

/** A visit on a trip: an activity, on an existing project or filed as a new lead. */
export const CreateTripVisit = z
  .object({
    projectId: Id.optional(),
    lead: ReportLead.optional(),
    occurredOn: IsoDate,
    place: Text(200).optional(),
    attendees: Text(500).optional(),
    notes: Text(4000).optional(),
    nextStep: Text(500).optional(),
    nextDue: IsoDate.optional(),
  })
  .strict();
export type CreateTripVisit = z.infer<typeof CreateTripVisit>;

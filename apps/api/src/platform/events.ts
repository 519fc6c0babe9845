/**
 * Domain events inside one process. The module that owns a change defines its events
 * (`defineEvent`) and exports them from its `index.ts`; a module that derives data from the change
 * declares a listener in its manifest (`listen`); `modules.ts` connects the two. So one list —
 * the manifests, in the order `modules.ts` gives them — shows what runs after a stage change, and
 * no module registers anything as a side effect of being imported.
 *
 * A listener runs inside the emitter's transaction (`ctx.db` is the transaction): what it derives
 * commits or rolls back with the change it derives from. A listener that throws fails the command.
 */

export type AppEvent<P, C = unknown> = {
  readonly name: string;
  /** Runs every connected listener in order, awaiting each. */
  emit: (ctx: C, payload: P) => Promise<void>;
};

type Handler = (ctx: never, payload: never) => Promise<void>;

type EventState = { handlers: { listener: string; run: Handler }[] };
const STATE = new WeakMap<object, EventState>();

export function defineEvent<P, C = unknown>(name: string): AppEvent<P, C> {
  const state: EventState = { handlers: [] };
  const event: AppEvent<P, C> = {
    name,
    emit: async (ctx, payload) => {
      for (const h of state.handlers) await (h.run as (c: C, p: P) => Promise<void>)(ctx, payload);
    },
  };
  STATE.set(event, state);
  return event;
}

/** A listener as a manifest declares it: which event, a name for the wiring table, and what it does. */
export type Listener = { event: AppEvent<never, never>; name: string; run: Handler };

export function listen<P, C>(event: AppEvent<P, C>, name: string, run: (ctx: C, payload: P) => Promise<void>): Listener {
  return { event: event as AppEvent<never, never>, name, run: run as Handler };
}

/** Connects the listeners to their events, replacing any earlier wiring (idempotent). */
export function connectListeners(listeners: readonly Listener[]): void {
  const events = new Set(listeners.map((l) => l.event));
  for (const e of events) STATE.get(e)!.handlers = [];
  for (const l of listeners) STATE.get(l.event)!.handlers.push({ listener: l.name, run: l.run });
}

/** What listens to an event, in order (the wiring table, tests). */
export function listenersOf(event: AppEvent<never, never>): string[] {
  return STATE.get(event)?.handlers.map((h) => h.listener) ?? [];
}

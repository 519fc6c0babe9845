import { lazy, type ComponentType } from 'react';

/**
 * A page loaded with its route, in a chunk of its own: the login screen must not pay for tables,
 * trees and pickers. Features expose their pages this way from their index; `preload` fetches the
 * chunk ahead of need.
 */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return Object.assign(
    lazy(() => load().then((m) => ({ default: m[name] }))),
    { preload: () => void load() },
  );
}

let afterSignIn: (() => void)[] = [];

/** The router names what the first screen after signing in needs (the shell, the workbench). */
export function setAfterSignIn(preloads: (() => void)[]) {
  afterSignIn = preloads;
}

/** The login page fetches it while the user types, after its own first paint. */
export function preloadAfterSignIn() {
  for (const p of afterSignIn) p();
}

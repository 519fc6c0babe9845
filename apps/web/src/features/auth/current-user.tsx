import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '@wutong/contracts';

const CurrentUser = createContext<Me | null>(null);

export function CurrentUserProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <CurrentUser.Provider value={me}>{children}</CurrentUser.Provider>;
}

/** The signed-in user; only pages under the auth gate call it, so it is always there. */
export function useCurrentUser(): Me {
  const me = useContext(CurrentUser);
  if (!me) throw new Error('useCurrentUser outside the signed-in area');
  return me;
}

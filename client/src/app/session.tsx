import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { LoginDocument, LogoutDocument, MeDocument, type UserFieldsFragment, type UserErrorFieldsFragment } from '../../generated/graphql';
import { createApiClient, tokenStore } from './api';

export type Viewer = UserFieldsFragment;

interface SessionValue {
  viewer: Viewer | null;
  /** The token was refused: the page stays, a sign-in dialog opens over it. */
  expired: boolean;
  /** The user signed out themselves: the next sign-in starts on the start page, not where they were. */
  signedOut: boolean;
  signIn(login: string, password: string): Promise<UserErrorFieldsFragment[]>;
  signOut(): Promise<void>;
  /** Resolves at the next sign-in: a step refused because the session expired is then taken again. */
  signedInAgain(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; pages under the signed-in layout may rely on it. */
export function useViewer(): Viewer {
  const { viewer } = useSession();
  if (!viewer) throw new Error('useViewer without a signed-in user');
  return viewer;
}

type Phase = { kind: 'loading' } | { kind: 'ready'; viewer: Viewer | null };

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  // A new client per signed-in user: nothing cached for one user is shown to the next.
  const [epoch, setEpoch] = useState(0);
  const client = useMemo(() => createApiClient(() => tokenStore.get() && setExpired(true)), [epoch]);
  const waitingForSignIn = useRef<Array<() => void>>([]);
  const signedInAgain = useCallback(() => new Promise<void>((resolve) => waitingForSignIn.current.push(resolve)), []);

  useEffect(() => {
    if (!tokenStore.get()) return setPhase({ kind: 'ready', viewer: null });
    void client
      .query(MeDocument, {}, { requestPolicy: 'network-only' })
      .toPromise()
      .then(({ data }) => {
        if (!data) tokenStore.clear();
        setExpired(false);
        setPhase({ kind: 'ready', viewer: data?.me ?? null });
      });
    // Only on the first load: later sign-ins set the viewer themselves.
  }, []);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const { data, error } = await client.mutation(LoginDocument, { login, password }).toPromise();
      if (error) return [{ field: null, code: 'INVALID' as const, message: 'Сервер недоступен. Повторите попытку.' }];
      const payload = data!.login;
      if (!payload.token || !payload.user) return payload.errors;
      tokenStore.set(payload.token);
      setExpired(false);
      setSignedOut(false);
      setPhase({ kind: 'ready', viewer: payload.user });
      // A fresh client: the mounted page re-runs its queries with the new token, nothing cached carries over.
      setEpoch((e) => e + 1);
      for (const resume of waitingForSignIn.current.splice(0)) resume();
      return [];
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await client.mutation(LogoutDocument, {}).toPromise();
    tokenStore.clear();
    setExpired(false);
    setSignedOut(true);
    setPhase({ kind: 'ready', viewer: null });
    setEpoch((e) => e + 1);
  }, [client]);

  const value = useMemo<SessionValue>(
    () => ({ viewer: phase.kind === 'ready' ? phase.viewer : null, expired, signedOut, signIn, signOut, signedInAgain }),
    [phase, expired, signedOut, signIn, signOut, signedInAgain],
  );

  if (phase.kind === 'loading') return <p className="boot">Загрузка…</p>;
  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Provider as UrqlProvider } from 'urql';
import { LoginDocument, LogoutDocument, MeDocument, type UserFieldsFragment, type UserErrorFieldsFragment } from '../../generated/graphql';
import { createApiClient, NO_SIGN_IN_AGAIN, SignedInAsAnother, sessionClient, tokenStore } from './api';

export type Viewer = UserFieldsFragment;

interface SessionValue {
  viewer: Viewer | null;
  /** The token was refused: the page stays, a sign-in dialog opens over it. */
  expired: boolean;
  /** The user signed out themselves: the next sign-in starts on the start page, not where they were. */
  signedOut: boolean;
  signIn(login: string, password: string): Promise<UserErrorFieldsFragment[]>;
  signOut(): Promise<void>;
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

interface Waiting {
  resume(): void;
  drop(reason: Error): void;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [expired, setExpired] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  // A new client per signed-in user: nothing cached for one user is shown to the next.
  const [epoch, setEpoch] = useState(0);
  const viewer = useRef<Viewer | null>(null);
  viewer.current = phase.kind === 'ready' ? phase.viewer : null;
  // The requests refused for an expired session, waiting for the user to sign in again over the page.
  const waiting = useRef<Waiting[]>([]);
  const signInAgain = useCallback(
    () =>
      new Promise<void>((resume, drop) => {
        waiting.current.push({ resume, drop });
        setExpired(true);
      }),
    [],
  );
  const client = useMemo(() => createApiClient(signInAgain), [epoch, signInAgain]);

  useEffect(() => {
    if (!tokenStore.get()) return setPhase({ kind: 'ready', viewer: null });
    void client
      .query(MeDocument, {}, { requestPolicy: 'network-only', ...NO_SIGN_IN_AGAIN })
      .toPromise()
      .then(({ data }) => {
        if (!data) tokenStore.clear();
        setExpired(false);
        setPhase({ kind: 'ready', viewer: data?.me ?? null });
      });
    // Only on the first load: later sign-ins set the viewer themselves.
  }, []);

  const signIn = useCallback(async (login: string, password: string) => {
    const { data, error } = await sessionClient.mutation(LoginDocument, { login, password }).toPromise();
    if (error) return [{ field: null, code: 'INVALID' as const, message: 'Сервер недоступен. Повторите попытку.' }];
    const payload = data!.login;
    if (!payload.token || !payload.user) return payload.errors;
    // The same user back after an expiry keeps the client: the waiting requests are sent again on it
    // and the page's queries refresh there. Anyone else gets a fresh client, nothing cached carries
    // over, and the steps taken in the other user's name are dropped, not sent in this one's.
    const sameUser = viewer.current?.id === payload.user.id;
    tokenStore.set(payload.token);
    setExpired(false);
    setSignedOut(false);
    setPhase({ kind: 'ready', viewer: payload.user });
    if (!sameUser) setEpoch((e) => e + 1);
    for (const request of waiting.current.splice(0)) {
      if (sameUser) request.resume();
      else request.drop(new SignedInAsAnother());
    }
    return [];
  }, []);

  const signOut = useCallback(async () => {
    await sessionClient.mutation(LogoutDocument, {}).toPromise();
    tokenStore.clear();
    setExpired(false);
    setSignedOut(true);
    setPhase({ kind: 'ready', viewer: null });
    setEpoch((e) => e + 1);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({ viewer: phase.kind === 'ready' ? phase.viewer : null, expired, signedOut, signIn, signOut }),
    [phase, expired, signedOut, signIn, signOut],
  );

  if (phase.kind === 'loading') return <p className="boot">Загрузка…</p>;
  return (
    <SessionContext.Provider value={value}>
      <UrqlProvider value={client}>{children}</UrqlProvider>
    </SessionContext.Provider>
  );
}

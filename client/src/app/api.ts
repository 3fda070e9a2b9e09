import { Client, cacheExchange, fetchExchange, mapExchange, type CombinedError } from 'urql';

const TOKEN_KEY = 'razbor.token';

/** The sign-in token lives in localStorage so that a reload or a second tab stays signed in. */
export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

export const authHeaders = (): Record<string, string> => {
  const token = tokenStore.get();
  return token ? { authorization: `Bearer ${token}` } : {};
};

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return Boolean(error?.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
}

/**
 * One urql client per signed-in session. Every request carries the current token; a request the
 * server refuses as unauthenticated reports the expiry so that the page can ask to sign in again
 * without being unmounted (what the user typed stays on screen).
 */
export function createApiClient(onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    // Apollo's CSRF protection wants POST with a JSON body, not GET.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: authHeaders() }),
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          if (isUnauthenticated(error)) onUnauthenticated();
        },
      }),
      fetchExchange,
    ],
  });
}

/** A plain-language message for a failed request: what a user can act on, never a stack trace. */
export function describeRequestError(error: CombinedError): string {
  if (error.networkError) return 'Сервер недоступен. Проверьте подключение и повторите попытку.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return 'Недостаточно прав для этого действия.';
  if (codes.includes('UNAUTHENTICATED')) return 'Сеанс истёк. Войдите снова.';
  return error.graphQLErrors[0]?.message ?? 'Не удалось выполнить запрос. Повторите попытку.';
}

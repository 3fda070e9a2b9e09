import { authExchange } from '@urql/exchange-auth';
import { Client, cacheExchange, fetchExchange, type CombinedError } from 'urql';

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

/** Context of the start-up check of a stored token: a refused one means signed out, not a dialog. */
export const NO_SIGN_IN_AGAIN = { signInAgainOnExpiry: false } as const;

/**
 * One urql client per signed-in user. Every request carries the current token. A request that the
 * server refuses as unauthenticated waits, with every request sent meanwhile, while `signInAgain`
 * asks the user to sign in over the page (nothing is unmounted, what was typed stays); then each
 * is sent again once with the new token, so the step the user took is finished without a second
 * click. When `signInAgain` rejects (another user signed in), they end with that error instead.
 */
export function createApiClient(signInAgain: () => Promise<void>): Client {
  return new Client({
    url: '/graphql',
    // Apollo's CSRF protection wants POST with a JSON body, not GET.
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation: (operation) => utils.appendHeaders(operation, authHeaders()),
        didAuthError: (error, operation) => isUnauthenticated(error) && tokenStore.get() !== null && operation.context.signInAgainOnExpiry !== false,
        refreshAuth: signInAgain,
      })),
      fetchExchange,
    ],
  });
}

/** For signing in and out: never held back while a refused request waits for the sign-in. */
export const sessionClient = new Client({
  url: '/graphql',
  preferGetMethod: false,
  requestPolicy: 'network-only',
  fetchOptions: () => ({ headers: authHeaders() }),
  exchanges: [fetchExchange],
});

/** Why a step taken before the session expired was not sent: someone else signed in over the page. */
export class SignedInAsAnother extends Error {
  constructor() {
    super('signed in as another user');
  }
}

/** A plain-language message for a failed request: what a user can act on, never a stack trace. */
export function describeRequestError(error: CombinedError): string {
  if (error.networkError instanceof SignedInAsAnother) return 'Вошёл другой пользователь: действие не выполнено.';
  if (error.networkError) return 'Сервер недоступен. Проверьте подключение и повторите попытку.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return 'Недостаточно прав для этого действия.';
  if (codes.includes('UNAUTHENTICATED')) return 'Сеанс истёк. Войдите снова.';
  return error.graphQLErrors[0]?.message ?? 'Не удалось выполнить запрос. Повторите попытку.';
}

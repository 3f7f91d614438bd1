/** The service's HTTP API, as the signed-in person; tokens are kept in this tab only. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  me: Me;
}

export interface Me {
  id: string;
  username: string;
  agencyId: string;
  agencyType: string;
  roles: string[];
  scope: { level: string; code: string | null };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: { vi: string; en: string } },
  ) {
    super(body.message?.en ?? `HTTP ${status}`);
  }
}

const KEY = 'cpr.session';

/** Fired when the session has ended under the person's feet (expired, or ended elsewhere): the console asks them to sign in again. */
export const SESSION_ENDED = 'cpr:session-ended';

export function loadSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  return stored ? (JSON.parse(stored) as Session) : null;
}

function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

async function send<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, parsed ?? {});
  return parsed as T;
}

export async function signIn(username: string, password: string): Promise<Session> {
  const tokens = await send<{ accessToken: string; refreshToken: string }>('POST', '/auth/sign-in', { username, password });
  const me = await send<Me>('GET', '/auth/me', undefined, tokens.accessToken);
  const session = { ...tokens, me };
  saveSession(session);
  return session;
}

export async function signOut(): Promise<void> {
  const session = loadSession();
  saveSession(null);
  if (session) forgetDrafts(session.me.id);
  if (session) await send('POST', '/auth/sign-out', undefined, session.accessToken).catch(() => undefined);
}

/** Runs a call with the access token; an expired one is refreshed once, and a session that cannot be is ended. */
async function authorized<T>(call: (token: string) => Promise<T>): Promise<T> {
  const session = loadSession();
  if (!session) throw new ApiError(401, {});
  try {
    return await call(session.accessToken);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    const tokens = await send<{ accessToken: string; refreshToken: string }>('POST', '/auth/refresh', { refreshToken: session.refreshToken }).catch(
      () => {
        // The tab's drafts stay: they are the person's, and come back once they sign in again.
        saveSession(null);
        dispatchEvent(new Event(SESSION_ENDED));
        throw error;
      },
    );
    saveSession({ ...session, ...tokens });
    return call(tokens.accessToken);
  }
}

/** Calls the API. */
export function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return authorized((token) => send<T>(method, path, body, token));
}

/** Fetches a file the API serves (a report's workbook). */
export function fetchFile(path: string): Promise<Blob> {
  return authorized(async (token) => {
    const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new ApiError(response.status, JSON.parse((await response.text()) || '{}'));
    return response.blob();
  });
}

/**
 * Where a form's unsent draft is kept: this tab only, under the signed-in person, so that the next
 * person at the browser never sees a child's or a caller's details. Signing out forgets them.
 */
export function draftKey(form: string): string {
  return `cpr.draft.${loadSession()?.me.id ?? 'nobody'}.${form}`;
}

function forgetDrafts(userId: string): void {
  const prefix = `cpr.draft.${userId}.`;
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
}

/** A single-use ticket to open an event stream: EventSource cannot send the access token in a header. */
export async function streamTicket(): Promise<string> {
  return (await api<{ ticket: string }>('POST', '/auth/stream-tickets')).ticket;
}

import { DEMO_PASSWORD } from '../../src/accounts/demo-accounts';

/** Real HTTP against the running app, as one signed-in person. */
export interface Answer<T = any> {
  status: number;
  body: T;
}

export class Api {
  private token: string | null = null;
  refreshToken: string | null = null;
  /** Sent with every request, such as `x-forwarded-for` to play someone at another address. */
  headers: Record<string, string> = {};

  /**
   * @param username sign in as this account (demo password unless given); none for anonymous calls.
   * @param renew sign in again when the test clock has outrun the access token.
   */
  constructor(
    readonly baseUrl: string,
    readonly username: string | null = null,
    private readonly password = DEMO_PASSWORD,
    private readonly renew = true,
  ) {}

  get accessToken(): string | null {
    return this.token;
  }

  async signIn(): Promise<Answer> {
    const answer = await this.call<{ accessToken: string; refreshToken: string }>('POST', '/auth/sign-in', { username: this.username, password: this.password }, false);
    if (answer.status === 200) {
      this.token = answer.body.accessToken;
      this.refreshToken = answer.body.refreshToken;
    }
    return answer;
  }

  get<T = any>(path: string): Promise<Answer<T>> {
    return this.call<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<Answer<T>> {
    return this.call<T>('POST', path, body);
  }

  put<T = any>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>('PUT', path, body);
  }

  patch<T = any>(path: string, body: unknown): Promise<Answer<T>> {
    return this.call<T>('PATCH', path, body);
  }

  delete<T = any>(path: string): Promise<Answer<T>> {
    return this.call<T>('DELETE', path);
  }

  async call<T>(method: string, path: string, body?: unknown, authenticate = true): Promise<Answer<T>> {
    if (authenticate && this.username && !this.token) await this.expectSignedIn();
    let answer = await this.send<T>(method, path, body, authenticate);
    if (authenticate && this.renew && answer.status === 401 && this.username) {
      await this.expectSignedIn();
      answer = await this.send<T>(method, path, body, authenticate);
    }
    return answer;
  }

  private async expectSignedIn(): Promise<void> {
    const answer = await this.signIn();
    if (answer.status !== 200) throw new Error(`${this.username} could not sign in: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  private async send<T>(method: string, path: string, body: unknown, authenticate: boolean): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...this.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authenticate && this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

/** Real HTTP against the running app, as a client would call it. */
export interface Answer<T = any> {
  status: number;
  body: T;
}

export class Api {
  constructor(private readonly baseUrl: string) {}

  get<T = any>(path: string): Promise<Answer<T>> {
    return this.call<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}, actor = 'tester'): Promise<Answer<T>> {
    return this.call<T>('POST', path, body, actor);
  }

  put<T = any>(path: string, body: unknown, actor = 'tester'): Promise<Answer<T>> {
    return this.call<T>('PUT', path, body, actor);
  }

  delete<T = any>(path: string, actor = 'tester'): Promise<Answer<T>> {
    return this.call<T>('DELETE', path, undefined, actor);
  }

  patch<T = any>(path: string, body: unknown, actor = 'tester'): Promise<Answer<T>> {
    return this.call<T>('PATCH', path, body, actor);
  }

  private async call<T>(method: string, path: string, body?: unknown, actor?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (actor) headers['x-actor'] = actor;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
}

import { Desk } from './support/demo';
import { startApp, TestApp } from './support/test-app';

/** What a client can send before any of our rules run: the body's bytes, its headers, the query string. */
describe('Requests no handler should ever see', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    await desk.operator.signIn();
  });

  afterAll(() => testApp.close());

  async function send(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string> = {}, token = desk.operator.accessToken) {
    const response = await fetch(`${testApp.url}${path}`, {
      method,
      body,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  const deep = (levels: number) => `{"username":"binhlu.police","password":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it.each([
    ['a body nested 30,000 levels deep, signed in', 'POST', '/cases', deep(30_000), {}, 400, 'INVALID_INPUT'],
    ['a body nested 30,000 levels deep, anonymous', 'POST', '/auth/sign-in', deep(30_000), {}, 400, 'INVALID_INPUT'],
    ['a charset we do not read', 'POST', '/cases', '{}', { 'content-type': 'application/json; charset=foo' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a form instead of JSON', 'POST', '/auth/sign-in', 'username=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a plain body labelled br', 'POST', '/cases', '{}', { 'content-encoding': 'br' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a plain body labelled gzip', 'POST', '/cases', '{}', { 'content-encoding': 'gzip' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a JSON list instead of an object', 'POST', '/cases', '[{"channel":"hotline_111"}]', {}, 400, 'INVALID_INPUT'],
    ['a __proto__ key', 'POST', '/cases', '{"channel":"hotline_111","__proto__":{"admin":true}}', {}, 400, 'INVALID_INPUT'],
    ['a nested constructor key', 'POST', '/auth/sign-in', '{"username":{"constructor":{"prototype":1}},"password":"x"}', {}, 400, 'INVALID_INPUT'],
    ['a lone surrogate', 'POST', '/auth/sign-in', '{"username":"ab\\ud800c","password":"x"}', {}, 400, 'INVALID_INPUT'],
    ['a NUL character, which PostgreSQL cannot store', 'POST', '/auth/sign-in', '{"username":"\\u0000","password":"wrong-password-fuzz"}', {}, 400, 'INVALID_INPUT'],
    ['bytes that are not UTF-8', 'POST', '/auth/sign-in', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), {}, 400, 'INVALID_INPUT'],
    ['a page past any list', 'GET', `/agencies?page=1e300`, undefined, {}, 400, 'INVALID_INPUT'],
    ['a page that is not a number', 'GET', `/agencies?page=abc`, undefined, {}, 400, 'INVALID_INPUT'],
    ['an id that cannot be one', 'GET', `/cases/..%2F..%2Fetc`, undefined, {}, 400, 'INVALID_INPUT'],
    ['a route that does not exist', 'DELETE', `/cases`, undefined, {}, 404, 'NOT_FOUND'],
  ])('answers %s with a documented 4xx', async (_, method, path, body, headers, status, code) => {
    const answer = await send(method as string, path as string, body as string | Buffer | undefined, headers as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, code, message: { vi: expect.any(String), en: expect.any(String) } });
    expect(Object.keys(answer.body).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
  });

  it('never echoes the body or the framework’s own message back', async () => {
    const answer = await send('POST', '/cases', '{"channel": "SECRET-NAME-Lò-Thị-M",,}');
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(/SECRET|Lò|position|Unexpected|Expected/);
    const route = await send('GET', '/no-such-route?child=SECRET', undefined);
    expect(route.status).toBe(404);
    expect(route.text).not.toContain('SECRET');
  });

  it('takes a body in UTF-8 with the charset named, and a request with no body at all', async () => {
    const named = await send('POST', '/auth/sign-in', '{"username":"nobody.here","password":"x"}', { 'content-type': 'application/json; charset=UTF-8' }, null);
    expect(named.status).toBe(401);
    const empty = await fetch(`${testApp.url}/auth/me`, { headers: { authorization: `Bearer ${desk.operator.accessToken}` } });
    expect(empty.status).toBe(200);
  });
});

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { Api } from './support/api';
import { AGENCY, caseInSupport, Desk, inboxTask, traffickingReport } from './support/demo';
import { startApp, TestApp } from './support/test-app';

/**
 * Fixed so that a failure is the same failure on every machine; the count keeps `npm test` short.
 * FUZZ_SEED and FUZZ_RUNS explore further: `FUZZ_SEED=7 FUZZ_RUNS=5000 npx jest test/generated-requests`.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 800);

/**
 * What a hostile-but-fair client can send to every route of our OpenAPI document: wrong types,
 * missing and extra fields, deep nesting, huge strings, odd Unicode, odd headers, with valid and
 * invalid tokens. Whatever it is, the answer is a success or a documented 4xx, and a refused
 * request leaves the database as it was.
 */
describe('Generated requests to every route', () => {
  let testApp: TestApp;
  let desk: Desk;
  const ids: Record<string, string> = {};

  /** The security bookkeeping that refusals are meant to write: the audit trail, sign-in counts, stream tickets. */
  const BOOKKEEPING = new Set(['audit_log', 'sign_in_records', 'stream_tickets', 'migrations', 'sqlite_sequence']);

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
    ids.case = await caseInSupport(desk, { outOfSchool: true });
    ids.task = (await inboxTask(desk, AGENCY.policeA, ids.case, 'open.police.pending')).id;
    for (const username of ['hotline.operator', 'binhlu.officer', 'binhlu.chair', 'binhlu.police', 'admin']) await desk.as(username).signIn();
  }, 60_000);

  afterAll(() => testApp.close());

  async function fingerprint(): Promise<string> {
    const tables: Array<{ name: string }> = await testApp.query(
      testApp.dataSource.options.type === 'postgres'
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`
        : `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
    );
    const hash = createHash('sha256');
    for (const { name } of tables.filter((t) => !BOOKKEEPING.has(t.name))) {
      // A guessing burst e-mails the administrators: bookkeeping too, not a change to a case.
      const where = name === 'outbox_messages' ? ` WHERE kind <> 'sign_in_burst'` : '';
      // The gazetteer's 3,348 units, summed rather than read whole: an added or renamed unit changes the sums.
      const select =
        name === 'administrative_units'
          ? `SELECT COUNT(*) AS n, MAX(updated_at) AS changed, SUM(LENGTH(name)) AS names FROM "${name}"`
          : `SELECT * FROM "${name}"${where} ORDER BY 1`;
      hash.update(name).update(JSON.stringify(await testApp.query(select)));
    }
    return hash.digest('hex');
  }

  /** Who may call a route: their token is sent most of the time, so that requests get past authorisation. */
  const owners: Array<[RegExp, string]> = [
    [/^POST \/cases$/, 'hotline.operator'],
    [/^(GET|POST) \/cases\/|^GET \/agencies\/\{agencyId\}\/inbox|\/tasks\//, 'binhlu.officer'],
    [/\/alerts/, 'binhlu.chair'],
    [/\/accounts|\/agencies|\/calendar|\/audit|\/gazetteer|\/reporting-chains/, 'admin'],
  ];
  const ownerOf = (route: string) => owners.find(([pattern]) => pattern.test(route))?.[1] ?? 'binhlu.police';

  /** A valid body for each route that takes one, so that mutations reach past the first check. */
  const templates: Record<string, () => unknown> = {
    'POST /auth/sign-in': () => ({ username: 'binhlu.police', password: 'wrong-password-fuzz' }),
    'POST /auth/refresh': () => ({ refreshToken: 'not-a-token.really' }),
    'POST /accounts': () => ({ username: 'fuzz.account', displayName: 'Fuzz', agencyId: AGENCY.communeA, roles: ['officer'], password: 'short' }),
    'PATCH /accounts/{id}': () => ({ displayName: 'Fuzz', roles: ['officer'] }),
    'POST /agencies': () => ({ type: 'COMMUNE_PC', nameVi: 'x', nameEn: 'x', level: 'commune', provinceCode: '12' }),
    'PATCH /agencies/{id}': () => ({ nameVi: 'x', level: 'planet' }),
    'PUT /calendar/{year}': () => ({ published: 'yes' }),
    'PUT /calendar/days/{date}': () => ({ kind: 'day_off', nameVi: '', nameEn: 'x' }),
    'POST /cases': () => traffickingReport({ receivedAt: '1900-01-01T00:00:00Z' }),
    'POST /cases/{id}/events': () => ({ type: 'REOPENED', data: { reason: ' ' } }),
    'POST /tasks/{id}/accept': () => ({ expectedVersion: 0 }),
    'POST /tasks/{id}/decline': () => ({ reason: '   ' }),
    'POST /tasks/{id}/extend': () => ({ until: '2020-01-01', reason: 'x' }),
    'POST /tasks/{id}/complete': () => ({ data: { founded: 'maybe' } }),
    'POST /gazetteer/units': () => ({ code: '03999', level: 'commune', name: 'Xã Thử', provinceCode: '99' }),
    'PATCH /gazetteer/units/{code}': () => ({ name: ' ' }),
    'POST /gazetteer/mergers': () => ({ oldCode: '03390', newCode: '03390', effectiveOn: '2026-02-30' }),
    'PUT /reporting-chains/{provinceCode}': () => ({ communeLeadTypes: ['COMMUNE_PC', 'COMMUNE_PC'], coordinatorAgencyId: AGENCY.communeA }),
  };

  const oddText = fc.oneof(
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
    { arbitrary: fc.constantFrom('\ud800', 'a\udc00b', '\u0000', '‮', 'Lò Thị M.', "'; DROP TABLE cases; --", '<script>x</script>', '=cmd|', '__proto__', ' \n\t '), weight: 4 },
    { arbitrary: fc.constant('x'.repeat(70_000)), weight: 1 },
  );
  const oddValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    oddText,
    fc.constantFrom(null, [], {}, 1e300, -1, 0.5, true, Number.MAX_SAFE_INTEGER + 2),
  );
  const nested = (depth: number, inner: unknown): unknown => (depth === 0 ? inner : { a: nested(depth - 1, inner) });

  /** Every place in a template: its fields, and the fields of its nested objects. */
  function places(value: unknown, path: string[] = []): string[][] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    return Object.entries(value).flatMap(([key, inner]) => [[...path, key], ...places(inner, [...path, key])]);
  }

  /** A template changed at one place: a field replaced, removed, nested deep or put in a list, or an unknown one added. */
  function mutated(template: unknown): fc.Arbitrary<unknown> {
    const all = places(template);
    if (all.length === 0) return oddValue;
    return fc.tuple(fc.constantFrom(...all), fc.nat(4), oddValue, fc.string({ maxLength: 12 })).map(([path, how, value, extra]) => {
      const copy = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
      const parent = path.slice(0, -1).reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, copy);
      const key = path[path.length - 1];
      if (how === 0) parent[key] = value;
      else if (how === 1) delete parent[key];
      else if (how === 2) parent[extra || 'extra'] = value;
      else if (how === 3) parent[key] = nested(40, value);
      else parent[key] = [parent[key]];
      return copy;
    });
  }

  type Generated = { method: string; path: string; route: string; body: string | Uint8Array | undefined; headers: Record<string, string> };

  function requests(operations: Array<{ method: string; path: string; query: string[] }>): fc.Arbitrary<Generated> {
    const pathValue = fc.oneof(
      fc.constantFrom(() => ids.case, () => ids.task, () => AGENCY.communeA, () => '9b2f7a52-5d8a-4a57-9d7a-0f0e4b9d2c11').map((f) => f()),
      fc.constantFrom('2026', '2026-02-30', '12', '03390', '99999', '..', '%2e%2e%2f', '12-2026-1', '%00', 'x'.repeat(300)),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    // Mostly what a client would send, so that most requests reach the routes' own checks.
    const contentType = fc.oneof(
      { arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8'), weight: 8 },
      { arbitrary: fc.constantFrom('application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', undefined), weight: 1 },
    );
    return fc.constantFrom(...operations).chain((operation) => {
      const route = `${operation.method} ${operation.path}`;
      const template = templates[route];
      const token = fc.oneof(
        { arbitrary: fc.constant(ownerOf(route)), weight: 3 },
        { arbitrary: fc.constantFrom(null, 'garbage', 'hotline.operator', 'binhlu.officer', 'binhlu.chair', 'binhlu.police', 'admin'), weight: 1 },
      );
      const body = fc.oneof(
        { arbitrary: (template ? mutated(template()) : oddValue).map((value) => JSON.stringify(value)), weight: 6 },
        { arbitrary: fc.anything({ maxDepth: 3 }).map((value) => JSON.stringify(value)), weight: 1 },
        { arbitrary: fc.constant(`${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`), weight: 1 },
        { arbitrary: fc.constant(undefined), weight: 1 },
      );
      const queryValue = fc.oneof(fc.constantFrom('1', '1e300', '-5', 'NaN', 'overdue', AGENCY.communeA, ''), fc.string({ maxLength: 10 }));
      const query = fc.array(fc.tuple(fc.constantFrom(...operation.query, 'access_token', 'x'), queryValue), { maxLength: 3 });
      return fc
        .record({
          pathValues: fc.array(pathValue, { minLength: 3, maxLength: 3 }),
          query,
          body,
          raw: fc.oneof({ arbitrary: fc.constant(null), weight: 8 }, { arbitrary: fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant('{"a":1,,}')), weight: 1 }),
          token,
          contentType,
          encoding: fc.oneof({ arbitrary: fc.constant(undefined), weight: 12 }, { arbitrary: fc.constantFrom('gzip', 'br'), weight: 1 }),
        })
        .map(({ pathValues, query, body, raw, token, contentType, encoding }): Generated => {
          let n = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () => pathValues[n++]);
          const search = new URLSearchParams(query).toString();
          const headers: Record<string, string> = {};
          if (contentType) headers['content-type'] = contentType;
          if (encoding) headers['content-encoding'] = encoding;
          if (token === 'garbage') headers.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.';
          else if (token) headers.authorization = `Bearer ${desk.as(token).accessToken}`;
          const payload = raw ?? body;
          return { method: operation.method, path: `${path}${search ? `?${search}` : ''}`, route, body: payload, headers };
        });
    });
  }

  it('answers every generated request with a success or a documented 4xx, and changes nothing when it refuses', async () => {
    const doc = (await new Api(testApp.url).get('/api/openapi.json')).body;
    const operations = Object.entries<Record<string, { parameters?: Array<{ in: string; name: string }> }>>(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        }))
        // The live stream stays open on success; its refusals are tested in alerts-and-mail.
        .filter((operation) => operation.path !== '/alerts/stream' && operation.path !== '/auth/sign-out'),
    );
    expect(operations.length).toBeGreaterThan(25);
    const statuses = new Map<number, number>();

    // The answers a probe of a running instance once found to be 500s: always among the cases tried.
    const json = { 'content-type': 'application/json' };
    const as = (username: string) => ({ ...json, authorization: `Bearer ${desk.as(username).accessToken}` });
    const report = (change: Record<string, unknown>) => JSON.stringify({ ...traffickingReport(), ...change });
    const deep = `{"data":${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}}`;
    const known: Generated[] = [
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({ location: undefined }), headers: as('hotline.operator') },
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({ location: [] }), headers: as('hotline.operator') },
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({ child: undefined, reporter: [] }), headers: as('hotline.operator') },
      { method: 'POST', path: '/auth/sign-in', route: 'POST /auth/sign-in', body: deep, headers: json },
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({}), headers: { ...as('hotline.operator'), 'content-type': 'application/json; charset=foo' } },
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({}), headers: { ...as('hotline.operator'), 'content-encoding': 'br' } },
      { method: 'POST', path: '/cases', route: 'POST /cases', body: report({}), headers: { ...as('hotline.operator'), 'content-encoding': 'gzip' } },
      { method: 'GET', path: `/agencies/${AGENCY.communeA}/inbox?page=1e300`, route: 'GET /agencies/{agencyId}/inbox', body: undefined, headers: as('binhlu.officer') },
      { method: 'GET', path: `/alerts?agencyId=${AGENCY.communeA}&page=1e300`, route: 'GET /alerts', body: undefined, headers: as('binhlu.chair') },
      { method: 'POST', path: `/tasks/${ids.task}/complete`, route: 'POST /tasks/{id}/complete', body: deep, headers: as('binhlu.police') },
      { method: 'PATCH', path: `/agencies/${AGENCY.communeA}`, route: 'PATCH /agencies/{id}', body: '{"level":null}', headers: as('admin') },
    ];

    await fc.assert(
      fc.asyncProperty(requests(operations), async (request) => {
        const before = await fingerprint();
        const response = await fetch(`${testApp.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.method === 'GET' || request.method === 'HEAD' ? undefined : request.body,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect([request.route, response.status < 500]).toEqual([request.route, true]);
        if (response.status >= 400) {
          const body = JSON.parse(text);
          expect(body).toMatchObject({ statusCode: response.status, code: expect.any(String), message: { vi: expect.any(String), en: expect.any(String) } });
          expect(Object.keys(body).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
          expect([request.route, await fingerprint()]).toEqual([request.route, before]);
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: known.map((request) => [request]) },
    );
    // The generator must reach past authentication and validation, not only bounce off the first check.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([400, 401, 404]));
    console.log(`Generated requests by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
  }, 300_000);
});

import Ajv, { ValidateFunction } from 'ajv';
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AGENCY, completeStep, DEMO_COMMUNE_A, Desk, inboxTask, openCase, traffickingReport } from './support/demo';
import { TestSmtpServer } from './support/smtp';

/** The service as built: Nest's OpenAPI plugin reads the DTOs' types at build time, not under ts-jest. */
const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

type Schema = Record<string, unknown>;

/** OpenAPI 3.0's `nullable` as JSON Schema says it, so that a validator reads the document as a client's generator does. */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Schema;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, key === 'example' ? value : jsonSchema(value)]));
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

describe('The OpenAPI document of the built service: real schemas for every answer, and answers that keep to them', () => {
  let service: ChildProcess;
  let url: string;
  let desk: Desk;
  let document: any;
  const validators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    const port = await TestSmtpServer.freePort();
    service = spawn(process.execPath, [MAIN], { cwd: join(__dirname, '..'), env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
    url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 600 && !(await fetch(`${url}/health`).then((r) => r.ok, () => false)); i++) {
      if (service.exitCode !== null) throw new Error('the built service stopped at start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    desk = new Desk(url);
    document = await (await fetch(`${url}/api/openapi.json`)).json();
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'api', components: jsonSchema(document.components) });
    for (const [path, operations] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        for (const [status, response] of Object.entries<any>(operation.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!schema) continue;
          const rooted = JSON.parse(JSON.stringify(schema).replace(/"#\/components/g, '"api#/components'));
          validators.set(`${method.toUpperCase()} ${path} ${status}`, ajv.compile(jsonSchema(rooted) as Schema));
        }
      }
    }
  });

  afterAll(() => new Promise<void>((resolve) => (service.exitCode !== null ? resolve() : (service.once('exit', () => resolve()), service.kill('SIGTERM')))));

  /** An answer checked against what the document promises for its route and status. */
  function keepsToDocument(operation: string, answer: { status: number; body: unknown }): void {
    const validate = validators.get(`${operation} ${answer.status}`);
    expect([operation, answer.status, validate ? 'documented' : 'undocumented']).toEqual([operation, answer.status, 'documented']);
    const valid = validate!(answer.body);
    expect([operation, valid ? [] : validate!.errors]).toEqual([operation, []]);
  }

  it('gives every operation a typed answer and its refusals, and the alert stream as text/event-stream', () => {
    const untyped: string[] = [];
    const withoutRefusals: string[] = [];
    for (const [path, operations] of Object.entries<any>(document.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        const success = Object.entries<any>(operation.responses).filter(([status]) => status.startsWith('2'));
        for (const [status, response] of success) {
          if (status === '204') continue;
          const schemas = Object.values<any>(response.content ?? {}).map((content) => content.schema);
          const empty = (s: any) => !s || (s.type === 'object' && !s.properties && !s.$ref && !s.additionalProperties);
          if (schemas.length === 0 || schemas.some(empty)) untyped.push(name);
        }
        if (!operation.responses['400']?.content || !operation.responses['404']?.content) withoutRefusals.push(name);
      }
    }
    expect(untyped).toEqual([]);
    expect(withoutRefusals).toEqual([]);
    expect(Object.keys(document.paths['/alerts/stream'].get.responses['200'].content)).toEqual(['text/event-stream']);
    // A task's and an event's data: one of the declared shapes, each with its required fields.
    for (const dto of ['TaskActionDto', 'SendEventDto']) {
      expect(document.components.schemas[dto].properties.data.anyOf.map((s: any) => s.$ref)).toEqual(
        expect.arrayContaining(['#/components/schemas/VerificationData', '#/components/schemas/ReferralOutcomeData', '#/components/schemas/ReasonData']),
      );
    }
    expect(document.components.schemas.VerificationData.required).toEqual(expect.arrayContaining(['founded', 'emergency']));
    expect(document.components.schemas.ReasonData.required).toEqual(['reason']);
    const complete = document.components.schemas.CasePacketDto.properties;
    expect(complete.intake.$ref ?? complete.intake.allOf?.[0]?.$ref).toContain('IntakeViewDto');
  });

  it('answers as the document says: a case opened, read by two agencies, a step done, an inbox, alerts, a report, and refusals', async () => {
    const opened = await desk.operator.post('/cases', traffickingReport());
    keepsToDocument('POST /cases', opened);
    keepsToDocument('GET /cases/{id}', await desk.operator.get(`/cases/${opened.body.id}`));
    keepsToDocument('GET /cases/{id}', await desk.of(AGENCY.policeA).get(`/cases/${opened.body.id}`));
    keepsToDocument('GET /agencies/{agencyId}/inbox', await desk.operator.get(`/agencies/${AGENCY.hotline}/inbox`));
    const task = await inboxTask(desk, AGENCY.hotline, opened.body.id, 'open.procedure.intake');
    keepsToDocument('GET /tasks/{id}', await desk.operator.get(`/tasks/${task.id}`));
    keepsToDocument('POST /tasks/{id}/complete', await desk.operator.post(`/tasks/${task.id}/complete`, {}));
    const caseId = (await openCase(desk)).id;
    await completeStep(desk, AGENCY.hotline, caseId, 'open.procedure.intake');
    const police = await inboxTask(desk, AGENCY.policeA, caseId, 'open.police.pending');
    keepsToDocument('POST /tasks/{id}/claim', await desk.of(AGENCY.policeA).post(`/tasks/${police.id}/claim`, {}));
    keepsToDocument('POST /tasks/{id}/accept', await desk.of(AGENCY.policeA).post(`/tasks/${police.id}/accept`, {}));
    keepsToDocument('GET /alerts', await desk.as('binhlu.chair').get(`/alerts?agencyId=${AGENCY.communeA}`));
    keepsToDocument('GET /reports/catalogue', await desk.as('binhlu.culture.head').get('/reports/catalogue'));
    keepsToDocument('GET /reports/{level}/{code}/{period}', await desk.as('binhlu.culture.head').get(`/reports/commune/${DEMO_COMMUNE_A}/2026-H1`));
    keepsToDocument('GET /gazetteer/units', await desk.operator.get('/gazetteer/units?q=binh lu'));
    keepsToDocument('POST /cases', await desk.operator.post('/cases', { channel: 'fax' }));
    keepsToDocument('GET /cases/{id}', await desk.operator.get('/cases/00000000-0000-4000-8000-00000000dead'));
    keepsToDocument('POST /tasks/{id}/accept', await desk.of(AGENCY.policeA).post(`/tasks/${police.id}/accept`, {}));
  });
});

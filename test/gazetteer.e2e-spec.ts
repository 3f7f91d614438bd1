import units from '../src/database/data/vn-administrative-units-2025.json';
import { Gazetteer } from '../src/gazetteer/gazetteer.service';
import { Desk, traffickingReport } from './support/demo';
import { startApp, TestApp } from './support/test-app';

describe('The gazetteer of administrative units', () => {
  let testApp: TestApp;
  let desk: Desk;

  beforeAll(async () => {
    testApp = await startApp();
    desk = new Desk(testApp.url);
  });

  afterAll(() => testApp.close());

  it('loads every province and commune of the 2025 map with its statistics code', async () => {
    const rows: Array<{ code: string; level: string; name: string; province_code: string | null }> = await testApp.query(
      `SELECT code, level, name, province_code FROM administrative_units`,
    );
    const stored = new Map(rows.map((row) => [row.code, row]));
    const expected = units.provinces.flatMap((p) => [
      { code: p.code, level: 'province', name: p.name, province_code: null },
      ...p.communes.map((c) => ({ code: c.code, level: 'commune', name: c.name, province_code: p.code })),
    ]);
    expect(expected).toHaveLength(34 + 3314);
    expect(rows).toHaveLength(expected.length);
    expect(expected.filter((unit) => JSON.stringify(stored.get(unit.code)) !== JSON.stringify(unit))).toEqual([]);
  });

  it('finds a unit by its name typed without diacritics, closest first', async () => {
    const officer = desk.as('binhlu.officer');
    const plain = await officer.get('/gazetteer/units?q=binh%20lu');
    expect(plain.status).toBe(200);
    expect(plain.body[0]).toEqual({ code: '03390', level: 'commune', name: 'Xã Bình Lư', provinceCode: '12', mergedInto: null });
    expect((await officer.get(`/gazetteer/units?q=${encodeURIComponent('BÌNH LƯ')}`)).body[0].code).toBe('03390');
    expect((await officer.get('/gazetteer/units?q=lai%20chau&level=province')).body).toEqual([
      { code: '12', level: 'province', name: 'Tỉnh Lai Châu', provinceCode: null, mergedInto: null },
    ]);
    const inProvince = (await officer.get('/gazetteer/units?provinceCode=12&level=commune&limit=100')).body;
    expect(inProvince).toHaveLength(38);
    expect((await officer.get('/gazetteer/units?q=doan%20ket&provinceCode=12')).body.map((u: any) => u.name)).toEqual(['Phường Đoàn Kết']);
    expect((await officer.get('/gazetteer/units/03390')).body.name).toBe('Xã Bình Lư');
    expect((await officer.get('/gazetteer/units/99999')).status).toBe(404);
    expect((await officer.get('/gazetteer/units/LCU')).status).toBe(400);
  });

  it('lets administrators add a missing unit, rename one and record a merger, and nobody else', async () => {
    const admin = desk.as('admin');
    const officer = desk.as('binhlu.officer');
    expect((await officer.post('/gazetteer/units', { code: '03999', level: 'commune', name: 'Xã Thử', provinceCode: '12' })).status).toBe(403);
    expect((await admin.post('/gazetteer/units', { code: '03999', level: 'commune', name: 'Xã Thử' })).body.details[0].field).toBe('provinceCode');
    expect((await admin.post('/gazetteer/units', { code: '03999', level: 'commune', name: 'Xã Thử', provinceCode: '99' })).status).toBe(400);
    expect((await admin.post('/gazetteer/units', { code: '03390', level: 'commune', name: 'Xã Trùng', provinceCode: '12' })).status).toBe(409);
    const added = await admin.post('/gazetteer/units', { code: '03999', level: 'commune', name: 'Xã Nậm Thử', provinceCode: '12' });
    expect(added.status).toBe(201);
    expect((await officer.get('/gazetteer/units?q=nam%20thu')).body[0].code).toBe('03999');

    expect((await admin.patch('/gazetteer/units/03999', { name: 'Xã Nậm Thử Mới' })).body.name).toBe('Xã Nậm Thử Mới');
    expect((await officer.get('/gazetteer/units?q=thu%20moi')).body.map((u: any) => u.code)).toEqual(['03999']);
    expect((await officer.get('/gazetteer/units?q=binh%20l')).body.map((u: any) => u.name)).toContain('Xã Bình Lư');

    // A case reported in the commune before it merges keeps the place it was reported in.
    const reported = await desk.operator.post('/cases', traffickingReport({ location: { provinceCode: '12', communeCode: '03999' } }));
    expect(reported.status).toBe(201);

    expect((await admin.post('/gazetteer/mergers', { oldCode: '03999', newCode: '12', effectiveOn: '2026-04-01' })).status).toBe(400);
    const merged = await admin.post('/gazetteer/mergers', { oldCode: '03999', newCode: '03390', effectiveOn: '2026-04-01' });
    expect(merged.status).toBe(201);
    expect((await admin.post('/gazetteer/mergers', { oldCode: '03390', newCode: '03999', effectiveOn: '2026-05-01' })).status).toBe(400);
    expect((await officer.get('/gazetteer/units/03999')).body.mergedInto).toEqual({ code: '03390', effectiveOn: '2026-04-01' });

    const [place] = await testApp.query(`SELECT commune_code FROM cases WHERE id = ?`, [reported.body.id]);
    expect(place.commune_code).toBe('03999');
    const gazetteer = testApp.app.get(Gazetteer);
    expect(await gazetteer.current('03999', new Date('2026-03-31T10:00:00Z'))).toBe('03999');
    expect(await gazetteer.current('03999', new Date('2026-04-01T01:00:00Z'))).toBe('03390');
    const [audit] = await testApp.query(`SELECT action, subject_id FROM audit_log WHERE action = 'unit.merge'`);
    expect(audit).toEqual({ action: 'unit.merge', subject_id: '03999' });
  });
});

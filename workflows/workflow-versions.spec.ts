import corpus from './versions/v1-corpus.json';
import { describeDue, WorkingCalendar } from './calendar';
import { activeStates, openSteps, restoreCase } from './case-workflow';
import { reachesClosed } from './case-events.fixture';
import { V1PersistedCase } from './versions/v1';
import { CaseMigrationError, migrateToCurrent, stepLabel } from './workflow-versions';

const AT = '2026-04-01T03:00:00.000Z';

describe('workflow version 1 → 2', () => {
  const entries = corpus as Array<{ state: string; machineVersion: number; persisted: V1PersistedCase; openSteps: string[] }>;

  it('has a stored version-1 snapshot for every resting state of version 1', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(entries.map((e) => e.machineVersion))).toEqual(new Set([1]));
  });

  it.each(entries.map((e) => [e.state, e]))('migrates the stored %s case to a valid version-2 case that can still be closed', (_, entry) => {
    const { persisted, renamedSteps } = migrateToCurrent(1, entry.persisted, AT);
    const snapshot = restoreCase(persisted);
    const open = openSteps(snapshot).map((s) => s.step);
    // Every task open under version 1 carries on under its version-2 name.
    for (const step of entry.openSteps) expect(open).toContain(renamedSteps.get(step));
    expect(reachesClosed(snapshot, AT)).toBe(true);
  });

  it('puts a version-1 case carrying out its plan into follow-up beside its referrals', () => {
    const entry = entries.find((e) => e.state === 'support.police.pending')!;
    const snapshot = restoreCase(migrateToCurrent(1, entry.persisted, AT).persisted);
    expect(activeStates(snapshot.value)).toEqual(expect.arrayContaining(['open.procedure.followUp', 'open.police.pending']));
  });

  it('tells the police at once of a version-1 case whose findings show a crime before the plan', () => {
    const entry = entries.find((e) => e.state === 'specificAssessment')!;
    const withSigns = { ...entry.persisted, context: { ...entry.persisted.context, findings: { traffickingSigns: true } } };
    const { persisted } = migrateToCurrent(1, withSigns, AT);
    expect(activeStates(persisted.value as never)).toContain('open.police.pending');
    expect(persisted.context.referrals.police).toMatchObject({ openedAt: AT, clockFrom: AT, outcome: null });
  });

  it('refuses, naming it, a state version 1 never had, and a version nobody knows', () => {
    const entry = entries.find((e) => e.state === 'verification')!;
    expect(() => migrateToCurrent(1, { ...entry.persisted, value: 'retiredStep' }, AT)).toThrow(new CaseMigrationError('version 1 has no state "retiredStep"'));
    expect(() => migrateToCurrent(0, entry.persisted, AT)).toThrow(/no migration from workflow version 0/);
  });

  it('names a version-1 task’s step as version 2 does', () => {
    expect(stepLabel('support.police.inProgress', 1).en).toBe('Verifying the crime report; prosecution decision due');
    expect(stepLabel('verification').en).toBe('Verification and risk assessment (form 02)');
    expect(stepLabel('open.procedure.verification', 2)).toEqual(stepLabel('verification'));
  });
});

describe('due times as people say them', () => {
  it('says a deadline that ends a working day as the end of that day, never 00:00 of the next', () => {
    expect(describeDue(new Date('2026-02-26T17:00:00.000Z'))).toEqual({ vi: 'hết ngày 26/02/2026', en: 'end of 26 Feb 2026' });
    expect(describeDue(new Date('2026-03-03T01:00:00.000Z'))).toEqual({ vi: '08:00 ngày 03/03/2026', en: '08:00, 3 Mar 2026' });
  });

  it('moves a period’s last day off to the next working day when the rule says so', () => {
    const calendar = new WorkingCalendar();
    expect(calendar.endOfDay('2026-03-22', true).toISOString()).toBe('2026-03-23T17:00:00.000Z');
    expect(calendar.endOfDay('2026-03-22', false).toISOString()).toBe('2026-03-22T17:00:00.000Z');
    expect(calendar.endOfDay('2026-02-14', true).toISOString()).toBe('2026-02-23T17:00:00.000Z');
  });
});

import { alertMoments, dueAlerts, firstAlertAt } from './escalation';
import { POLICY_V1 } from './policy';

const ladder = POLICY_V1.escalation;
const opened = new Date('2026-03-02T13:00:00Z');
const due = new Date('2026-03-03T01:00:00Z'); // 12 hours allowed

describe('the escalation ladder', () => {
  it('places each rung in the task’s own allowed time', () => {
    expect(alertMoments(opened, due, ladder).map((m) => [m.rung.level, m.at.toISOString()])).toEqual([
      ['due_soon', '2026-03-02T22:00:00.000Z'],
      ['overdue', '2026-03-03T01:00:00.000Z'],
      ['overdue_long', '2026-03-03T07:00:00.000Z'],
      ['escalated', '2026-03-03T13:00:00.000Z'],
    ]);
    expect(firstAlertAt(opened, due, ladder)).toEqual(new Date('2026-03-02T22:00:00Z'));
  });

  it('raises nothing before the first rung', () => {
    expect(dueAlerts({ openedAt: opened, dueAt: due, alertLevel: null }, new Date('2026-03-02T21:59:59Z'), ladder)).toEqual({
      due: [],
      nextAlertAt: new Date('2026-03-02T22:00:00Z'),
    });
  });

  it('raises every rung passed since the last one, once, when the service was down', () => {
    const result = dueAlerts({ openedAt: opened, dueAt: due, alertLevel: 'due_soon' }, new Date('2026-03-03T08:00:00Z'), ladder);
    expect(result.due.map((m) => m.rung.level)).toEqual(['overdue', 'overdue_long']);
    expect(result.nextAlertAt).toEqual(new Date('2026-03-03T13:00:00Z'));
  });

  it('stops after the top rung', () => {
    expect(dueAlerts({ openedAt: opened, dueAt: due, alertLevel: 'escalated' }, new Date('2026-04-01T00:00:00Z'), ladder)).toEqual({
      due: [],
      nextAlertAt: null,
    });
  });

  it('gives a step opened after its due time a scale of at least an hour', () => {
    const late = alertMoments(new Date('2026-03-03T05:00:00Z'), due, ladder);
    expect(late.map((m) => m.at.toISOString())).toEqual([
      '2026-03-03T00:45:00.000Z',
      '2026-03-03T01:00:00.000Z',
      '2026-03-03T01:30:00.000Z',
      '2026-03-03T02:00:00.000Z',
    ]);
  });
});

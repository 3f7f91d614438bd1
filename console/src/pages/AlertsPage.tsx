import { FormEvent, useContext, useEffect, useState } from 'react';
import { api, ApiError, Session, streamTicket } from '../api';
import { useCommuneNames } from '../communes';
import { formatDue, LanguageContext, useLabel, useWords } from '../i18n';
import { href, onLink } from '../router';
import { ALERT_LEVELS, AlertLevel } from '../../../workflows/policy';

interface Alert {
  id: string;
  caseId: string;
  taskId: string;
  caseNumber: string;
  stepLabel: { vi: string; en: string };
  level: string;
  levelLabel: { vi: string; en: string };
  agencyName: { vi: string; en: string } | null;
  /** The agency that owes the step. */
  agencyId: string;
  communeCode: string;
  dueAt: string;
  /** How late, at the service's time, in working days where the deadline counts them. */
  lateness: { vi: string; en: string } | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  assignee: string | null;
}

interface LateReport {
  unit: { level: string; code: string; name: string };
  period: { id: string; label: { vi: string; en: string } };
  dueAt: string;
  agency: { nameVi: string; nameEn: string };
  yours: boolean;
}

interface Assignee {
  username: string;
  displayName: string;
}

/** A late step of the supervisor's own agency, given to one of its people (whoever had claimed it). */
function AssignStep({ taskId, onAssigned }: { taskId: string; onAssigned: (username: string) => void }) {
  const t = useWords();
  const label = useLabel();
  const [people, setPeople] = useState<Assignee[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const failed = (failure: unknown) => setError(failure instanceof ApiError && failure.body.message ? label(failure.body.message) : String(failure));
  if (!people) {
    return (
      <button type="button" className="quiet" onClick={() => void api<Assignee[]>('GET', `/tasks/${taskId}/assignees`).then(setPeople, failed)}>
        {t('assign')}
      </button>
    );
  }
  const assign = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', `/tasks/${taskId}/assign`, { username: chosen });
      onAssigned(chosen);
    } catch (failure) {
      failed(failure);
    }
  };
  return (
    <form className="row" onSubmit={(event) => void assign(event)} aria-label={t('assign')}>
      <label>
        {t('assignTo')}
        <select value={chosen} onChange={(e) => setChosen(e.target.value)} required>
          <option value="" />
          {people.map((person) => (
            <option key={person.username} value={person.username}>
              {person.displayName}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('assign')}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}

/** Open alerts for the supervisor's agency, followed live from the alert stream, and its late periodic reports. */
export function AlertsPage({ session }: { session: Session }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  /** What came of a reminder, by step. */
  const [reminders, setReminders] = useState<Record<string, string>>({});
  const [live, setLive] = useState(false);
  const [lateReports, setLateReports] = useState<LateReport[]>([]);
  const commune = useCommuneNames(alerts.map((alert) => alert.communeCode));
  const agencyId = session.me.agencyId;
  const supervises = session.me.roles.some((role) => role === 'supervisor' || role === 'coordinator');

  useEffect(() => {
    void api<{ items: Alert[] }>('GET', `/alerts?agencyId=${agencyId}&pageSize=200`).then((page) => setAlerts(page.items));
    void api<LateReport[]>('GET', '/reports/late').then(setLateReports);
    let stream: EventSource | null = null;
    let stopped = false;
    // A ticket is good once: each (re)connection asks for a new one, so the browser's own retry is not used.
    const connect = async () => {
      const ticket = await streamTicket().catch(() => null);
      if (stopped || !ticket) return;
      stream = new EventSource(`/alerts/stream?agencyId=${agencyId}&ticket=${encodeURIComponent(ticket)}`);
      stream.onopen = () => setLive(true);
      stream.onerror = () => {
        setLive(false);
        stream?.close();
        if (!stopped) setTimeout(() => void connect(), 5000);
      };
      stream.addEventListener('alert', (event) => {
        const alert = JSON.parse((event as MessageEvent<string>).data) as Alert;
        setAlerts((current) => [alert, ...current.filter((a) => a.id !== alert.id)]);
      });
    };
    void connect();
    return () => {
      stopped = true;
      stream?.close();
    };
  }, [agencyId]);

  /** Seeing a step's alert is seeing all of its rungs. */
  const acknowledge = async (taskId: string) => {
    const rungs = alerts.filter((a) => a.taskId === taskId);
    await Promise.all(rungs.map((a) => api('POST', `/alerts/${a.id}/acknowledge`, {})));
    setAlerts((current) => current.filter((a) => a.taskId !== taskId));
  };

  /** The lead or coordinating agency chases the one that owes the step: an e-mail, once an hour. */
  const remind = async (alert: Alert) => {
    try {
      await api('POST', `/alerts/${alert.id}/remind`, {});
      setReminders((r) => ({ ...r, [alert.taskId]: t('reminded') }));
    } catch (failure) {
      setReminders((r) => ({ ...r, [alert.taskId]: failure instanceof ApiError && failure.body.message ? label(failure.body.message) : String(failure) }));
    }
  };

  // One row per step: its highest rung stands for the ones below it.
  const byStep = new Map<string, Alert>();
  for (const alert of alerts) {
    const kept = byStep.get(alert.taskId);
    if (!kept || ALERT_LEVELS.indexOf(alert.level as AlertLevel) > ALERT_LEVELS.indexOf(kept.level as AlertLevel)) byStep.set(alert.taskId, alert);
  }
  const steps = [...byStep.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const counts = new Map<string, number>();
  for (const alert of steps) {
    const key = `${commune(alert.communeCode)}|${label(alert.levelLabel)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  return (
    <section className="card" aria-labelledby="alerts-title">
      <h1 id="alerts-title">
        {t('alerts')} <span className={`live ${live ? 'on' : ''}`} role="status">{live ? t('live') : '…'}</span>
      </h1>
      <h2>{t('countsByCommune')}</h2>
      <table data-testid="alert-counts">
        <thead>
          <tr>
            <th scope="col">{t('communeName')}</th>
            <th scope="col">{t('level')}</th>
            <th scope="col">#</th>
          </tr>
        </thead>
        <tbody>
          {[...counts].map(([key, count]) => (
            <tr key={key}>
              <td>{key.split('|')[0]}</td>
              <td>{key.split('|')[1]}</td>
              <td>{count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lateReports.length > 0 && (
        <>
          <h2>{t('lateReports')}</h2>
          <ul className="alerts" data-testid="late-reports">
            {lateReports.map((report) => (
              <li key={`${report.unit.code}:${report.period.id}`} className="alert overdue">
                <strong>{t('overdue')}</strong> — {report.unit.name}: {label(report.period.label)} ({label({ vi: report.agency.nameVi, en: report.agency.nameEn })}), {t('due')}{' '}
                {formatDue(report.dueAt, language)}
                <div className="row">
                  <a
                    href={href(`/reports/${report.unit.level}/${report.unit.code}/${report.period.id}`)}
                    onClick={onLink(`/reports/${report.unit.level}/${report.unit.code}/${report.period.id}`)}
                  >
                    {t('openReport')}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('alerts')}</h2>
      {steps.length === 0 && <p>{t('nothing')}</p>}
      <ul className="alerts" aria-live="polite">
        {steps.map((alert) => (
          <li key={alert.id} className={`alert ${alert.level}`} data-testid="alert">
            <strong>{label(alert.levelLabel)}</strong> — {alert.caseNumber}: {label(alert.stepLabel)} ({label(alert.agencyName)}), {t('due')}{' '}
            {formatDue(alert.dueAt, language)}
            {alert.lateness && <strong className="late"> — {label(alert.lateness)}</strong>}
            {alert.assignee && <span> — {`${t('claimedBy')} ${alert.assignee}`}</span>}
            <div className="row">
              <a href={href(`/tasks/${alert.taskId}`)} onClick={onLink(`/tasks/${alert.taskId}`)}>{t('openTask')}</a>
              <a href={href(`/cases/${alert.caseId}`)} onClick={onLink(`/cases/${alert.caseId}`)}>{t('openCase')}</a>
              {alert.agencyId === agencyId && supervises && (
                <AssignStep taskId={alert.taskId} onAssigned={(username) => setAlerts((current) => current.map((a) => (a.taskId === alert.taskId ? { ...a, assignee: username } : a)))} />
              )}
              {alert.agencyId !== agencyId && (
                <button type="button" className="quiet" onClick={() => void remind(alert)}>{t('remind')}</button>
              )}
              <button type="button" onClick={() => void acknowledge(alert.taskId)}>{t('acknowledge')}</button>
            </div>
            {reminders[alert.taskId] && <p role="status">{reminders[alert.taskId]}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

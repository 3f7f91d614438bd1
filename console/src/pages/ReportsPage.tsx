import { useContext, useEffect, useState } from 'react';
import { api, ApiError, fetchFile, Session } from '../api';
import { formatDue, LanguageContext, useLabel, useWords } from '../i18n';
import { href, onLink } from '../router';

type Label = { vi: string; en: string };
type Figure = { numerator: number | null; denominator?: number | null; suppressed: boolean };

interface Sheet {
  id: string;
  label: Label;
  clause: string;
  measure: 'count' | 'share';
  target: Label | null;
  total: Figure;
  breakdowns: Array<{ id: string; label: Label; cells: Array<{ value: string; label: Label; figure: Figure }> }>;
}

interface Report {
  unit: { level: 'commune' | 'province'; code: string; name: string };
  period: { id: string; label: Label; firstDay: string; lastDay: string };
  agency: { id: string; nameVi: string; nameEn: string } | null;
  status: 'draft' | 'submitted' | 'received';
  statusLabel: Label;
  dueAt: string;
  overdue: boolean;
  suppressed: boolean;
  suppressionThreshold: number | null;
  indicators: Sheet[];
  manual: Array<{ id: string; label: Label; unit: Label; value: number | null; enteredBy: string | null }>;
  submittedBy: string | null;
  submittedAt: string | null;
}

interface CommuneStatus {
  communeCode: string;
  name: string;
  status: 'missing' | 'submitted' | 'received';
  overdue: boolean;
}

function Shown({ figure, threshold }: { figure: Figure; threshold: number | null }) {
  if (figure.suppressed) return <span title={`< ${threshold ?? 5}`}>{`<${threshold ?? 5}`}</span>;
  if (figure.denominator === undefined) return <>{figure.numerator}</>;
  if (figure.denominator === 0) return <span title="0/0">—</span>;
  const share = figure.denominator ? ` (${Math.round(((figure.numerator ?? 0) / figure.denominator) * 1000) / 10}%)` : '';
  return <>{`${figure.numerator}/${figure.denominator}${share}`}</>;
}

async function download(path: string, name: string): Promise<void> {
  const url = URL.createObjectURL(await fetchFile(path));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** A unit's periodic report: its figures, the hand-entered ones, and sending it up; for a province, its communes' reports too. */
export function ReportsPage({ session, level, code, period: chosen }: { session: Session; level?: string; code?: string; period?: string }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const unitLevel = level === 'commune' || level === 'province' ? level : session.me.scope.level === 'commune' ? 'commune' : 'province';
  const unitCode = code ?? session.me.scope.code ?? '';
  const [periods, setPeriods] = useState<Array<{ id: string; label: Label }>>([]);
  const [period, setPeriod] = useState(chosen ?? '');
  const [report, setReport] = useState<Report | null>(null);
  const [communes, setCommunes] = useState<CommuneStatus[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});

  useEffect(() => {
    void api<{ currentPeriod: string; periods: Array<{ id: string; label: Label }> }>('GET', '/reports/catalogue').then((catalogue) => {
      setPeriods(catalogue.periods);
      setPeriod((current) => current || catalogue.currentPeriod);
    });
  }, []);

  const load = async () => {
    if (!period || !unitCode) return;
    setMessage(null);
    try {
      setReport(await api<Report>('GET', `/reports/${unitLevel}/${unitCode}/${period}`));
      setCommunes(unitLevel === 'province' ? (await api<{ communes: CommuneStatus[] }>('GET', `/reports/province/${unitCode}/${period}/communes`)).communes : null);
    } catch (error) {
      setReport(null);
      setMessage(error instanceof ApiError && error.body.message ? label(error.body.message) : t('error'));
    }
  };
  useEffect(() => void load(), [period, unitLevel, unitCode]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      await load();
      setMessage(done);
    } catch (error) {
      setMessage(error instanceof ApiError && error.body.message ? label(error.body.message) : t('error'));
    }
  };

  const base = `/reports/${unitLevel}/${unitCode}/${period}`;
  const own = report?.agency?.id === session.me.agencyId;
  const signs = session.me.roles.includes('supervisor') || session.me.roles.includes('coordinator');
  const fileName = (format: string) => `bao-cao-${unitCode}-${period}.${format}`;

  return (
    <section className="card" aria-labelledby="reports-title">
      <h1 id="reports-title">{t('reports')}</h1>
      <div className="row">
        <label>
          {t('period')}
          <select value={period} onChange={(event) => setPeriod(event.target.value)}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {label(p.label)}
              </option>
            ))}
          </select>
        </label>
        {level && (
          <a href={href('/reports')} onClick={onLink('/reports')}>
            {t('back')}
          </a>
        )}
      </div>
      {message && <p role="status">{message}</p>}
      {report && (
        <>
          <h2>
            {report.unit.name} — {label(report.period.label)}
          </h2>
          <p>
            {t('status')}: <strong data-testid="report-status">{label(report.statusLabel)}</strong>. {t('due')} {formatDue(report.dueAt, language)}
            {report.overdue && <strong className="late"> — {t('overdue')}</strong>}
            {report.suppressed && <> — {t('smallCellsHidden')}</>}
          </p>
          <div className="row">
            <button type="button" onClick={() => void download(`${base}/file`, fileName('xlsx'))}>
              {t('downloadXlsx')}
            </button>
            <button type="button" onClick={() => void download(`${base}/file?format=csv`, fileName('csv'))}>
              {t('downloadCsv')}
            </button>
            {own && signs && report.status === 'draft' && (
              <button type="button" onClick={() => void act(() => api('POST', `${base}/submit`, {}), t('reportSubmitted'))}>
                {t('submitReport')}
              </button>
            )}
            {own && signs && report.status === 'draft' && unitLevel === 'province' && (
              <button type="button" onClick={() => void act(() => api('POST', `${base}/submit`, { source: 'consolidated' }), t('reportSubmitted'))}>
                {t('consolidateAndSubmit')}
              </button>
            )}
          </div>
          <table data-testid="report-indicators">
            <caption>{t('indicators')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('indicator')}</th>
                <th scope="col">{t('figure')}</th>
                <th scope="col">{t('target')}</th>
              </tr>
            </thead>
            <tbody>
              {report.indicators.map((sheet) => (
                <tr key={sheet.id}>
                  <th scope="row">
                    <details>
                      <summary>{label(sheet.label)}</summary>
                      <small>{sheet.clause}</small>
                      {sheet.breakdowns
                        .filter((b) => b.cells.length > 0)
                        .map((breakdown) => (
                          <p key={breakdown.id}>
                            <em>{label(breakdown.label)}:</em>{' '}
                            {breakdown.cells.map((cell, i) => (
                              <span key={cell.value}>
                                {i > 0 && '; '}
                                {label(cell.label)} <Shown figure={cell.figure} threshold={report.suppressionThreshold} />
                              </span>
                            ))}
                          </p>
                        ))}
                    </details>
                  </th>
                  <td>
                    <Shown figure={sheet.total} threshold={report.suppressionThreshold} />
                  </td>
                  <td>{label(sheet.target)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('manualFigures')}</h2>
          <ul className="plain">
            {report.manual.map((figure) => (
              <li key={figure.id}>
                {own && report.status === 'draft' ? (
                  <label>
                    {label(figure.label)} ({label(figure.unit)})
                    <input
                      type="number"
                      min={0}
                      value={values[figure.id] ?? (figure.value === null ? '' : String(figure.value))}
                      onChange={(event) => setValues({ ...values, [figure.id]: event.target.value })}
                      onBlur={(event) => {
                        if (event.target.value === '') return;
                        void act(() => api('PUT', `${base}/manual/${figure.id}`, { value: Number(event.target.value) }), t('saved'));
                      }}
                    />
                  </label>
                ) : (
                  <>
                    {label(figure.label)}: {figure.value ?? t('notEntered')} {figure.value !== null && label(figure.unit)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {communes && (
        <>
          <h2>{t('communesReports')}</h2>
          <table data-testid="commune-reports">
            <thead>
              <tr>
                <th scope="col">{t('communeName')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('action')}</th>
              </tr>
            </thead>
            <tbody>
              {communes.map((commune) => (
                <tr key={commune.communeCode} className={commune.overdue ? 'late' : ''}>
                  <td>
                    <a href={href(`/reports/commune/${commune.communeCode}`)} onClick={onLink(`/reports/commune/${commune.communeCode}`)}>
                      {commune.name}
                    </a>
                  </td>
                  <td>
                    {t(commune.status === 'missing' ? 'notSubmitted' : commune.status === 'submitted' ? 'submitted' : 'received')}
                    {commune.overdue && ` — ${t('overdue')}`}
                  </td>
                  <td>
                    {commune.status === 'submitted' && signs && (
                      <button
                        type="button"
                        onClick={() => void act(() => api('POST', `/reports/commune/${commune.communeCode}/${period}/receive`), t('received'))}
                      >
                        {t('receive')} {commune.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {!report && !message && <p>…</p>}
    </section>
  );
}

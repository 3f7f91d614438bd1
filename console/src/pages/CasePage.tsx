import { FormEvent, useContext, useEffect, useState } from 'react';
import { STATES } from '../../../workflows/case-workflow';
import { CASE_EVENT_PERMISSIONS } from '../../../workflows/case-event-permissions';
import { EVENT_LABELS } from '../../../workflows/labels';
import { api, ApiError, loadSession } from '../api';
import { showDay } from '../day-input';
import { formatDue, formatTime, LanguageContext, useLabel, useWords, Word } from '../i18n';
import { CaseFacts } from './CaseFacts';

/** What a step of the history recorded, as the decree's forms ask for it; codes and ids stay out. */
function EntryRecord({ payload }: { payload: Record<string, any> }) {
  const t = useWords();
  const rows: Array<[string, string]> = [];
  const text = (word: Word, value: unknown) => typeof value === 'string' && value.trim() !== '' && rows.push([t(word), value]);
  text('reason', payload.reason);
  text('outcome', payload.outcome);
  text('notes', payload.notes);
  if (typeof payload.measures === 'string') text('measures', payload.measures);
  text('needs', payload.needs);
  if (payload.meeting) {
    rows.push([t('heldOn'), showDay(payload.meeting.heldOn)]);
    text('participants', payload.meeting.participants);
    text('minutes', payload.meeting.minutes);
  }
  text('planGoals', payload.goals);
  if (Array.isArray(payload.measures)) {
    for (const [index, m] of payload.measures.entries()) rows.push([`${t('measure')} ${index + 1}`, `${m.measure} — ${m.responsible} — ${t('measureBy')} ${showDay(m.by)}`]);
  }
  text('decisionNumber', payload.decisionNumber);
  if (payload.decidedOn) rows.push([t('decidedOn'), showDay(payload.decidedOn)]);
  if (payload.until) rows.push([t('extendUntil'), showDay(payload.until)]);
  if (rows.length === 0) return null;
  return (
    <dl className="record">
      {rows.map(([term, value], index) => (
        <div key={index}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The direct children of a state, in the statechart's own order. */
const childrenOf = (parent: string) => [...STATES.keys()].filter((path) => path.startsWith(`${parent}.`) && !path.slice(parent.length + 1).includes('.'));
const REGIONS = childrenOf('open');

/** The procedure drawn from the statechart's own states, the case's current states highlighted. */
function Statechart({ active }: { active: Set<string> }) {
  const label = useLabel();
  const t = useWords();
  const isActive = (path: string) => [...active].some((a) => a === path || a.startsWith(`${path}.`));
  const box = (path: string, text: string) => (
    <li key={path} className={`state ${isActive(path) ? 'active' : ''}`} aria-current={isActive(path) ? 'step' : undefined} data-state={path}>
      {text}
    </li>
  );
  return (
    <figure className="statechart" aria-label={t('statechart')}>
      <ol className="steps">
        <li className={`state region ${isActive('open') ? 'active' : ''}`} data-state="open">
          {label(STATES.get('open')?.label)}
          <div className="lanes">
            {REGIONS.map((region) => (
              <div key={region} className="lane">
                <span className="lane-name">{label(STATES.get(region)?.label)}</span>
                <ol>{childrenOf(region).map((step) => box(step, label(STATES.get(step)?.label)))}</ol>
              </div>
            ))}
          </div>
        </li>
        {box('closed', label(STATES.get('closed')?.label))}
      </ol>
    </figure>
  );
}

/** The commune's turning points, sent on the case itself rather than through a task; each needs a reason. */
const TURNING_POINTS = ['PLAN_RETURNED', 'CLOSURE_PROPOSED', 'CLOSURE_REJECTED', 'NEW_PLAN_REQUIRED', 'REOPENED'] as const;

function TurningPoints({ facts, onDone }: { facts: Record<string, any>; onDone: () => void }) {
  const t = useWords();
  const label = useLabel();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const allowed = new Set<string>((facts.allowedEvents ?? []).map((event: { type: string }) => event.type));
  const roles = loadSession()?.me.roles ?? [];
  // The API checks the agency too; the console offers only what the person's roles allow.
  const open = TURNING_POINTS.filter((type) => allowed.has(type) && CASE_EVENT_PERMISSIONS[type]?.roles.some((role) => roles.includes(role)));
  if (open.length === 0) return null;
  const send = async (event: FormEvent, type: string) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/cases/${facts.id}/events`, { type, data: { reason: reasons[type] ?? '' }, expectedVersion: facts.version });
      onDone();
    } catch (failure) {
      setError(failure instanceof ApiError ? label(failure.body.message) : String(failure));
    }
  };
  return (
    <section className="card" aria-labelledby="turning-title">
      <h2 id="turning-title">{t('turningPoints')}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {open.map((type) => (
        <form key={type} onSubmit={(event) => void send(event, type)} aria-label={label(EVENT_LABELS[type])}>
          <label>
            {`${t('reason')} — ${label(EVENT_LABELS[type])}`}
            <textarea value={reasons[type] ?? ''} onChange={(e) => setReasons({ ...reasons, [type]: e.target.value })} required rows={2} />
          </label>
          <button type="submit">{label(EVENT_LABELS[type])}</button>
        </form>
      ))}
    </section>
  );
}

export function CasePage({ id }: { id: string }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [facts, setFacts] = useState<Record<string, any> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    api<Record<string, any>>('GET', `/cases/${id}`)
      .then(setFacts)
      .catch((failure) => setError(failure instanceof ApiError ? label(failure.body.message) : String(failure)));
  useEffect(() => void load(), [id]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!facts) return <p aria-busy="true">…</p>;
  const active = new Set<string>((facts.states ?? []).map((s: { path: string }) => s.path));
  return (
    <div>
      <section className="card" aria-labelledby="case-title">
        <h1 id="case-title">{facts.caseNumber}</h1>
        <Statechart active={active} />
      </section>
      <TurningPoints facts={facts} onDone={() => void load()} />
      <div className="columns">
        <section className="card" aria-labelledby="tasks-title">
          <h2 id="tasks-title">{t('tasks')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('agency')}</th>
                <th scope="col">{t('due')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {(facts.tasks ?? []).map((task: any) => (
                <tr key={task.id} className={task.overdue ? 'overdue' : ''}>
                  <td>{label(task.label)}</td>
                  <td>{label(task.agencyName)}</td>
                  <td>{formatDue(task.dueAt, language)} {task.overdue && <span className="badge">{t('overdue')}</span>}</td>
                  <td>{task.status === 'open' ? '…' : t('done')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {facts.history && (
            <>
              <h2>{t('timeline')}</h2>
              <ol className="timeline">
                {facts.history.map((entry: any) => (
                  <li key={entry.seq}>
                    {formatTime(entry.at, language)} — {label(EVENT_LABELS[entry.type as keyof typeof EVENT_LABELS] ?? { vi: entry.type, en: entry.type })} ({entry.actor})
                    <EntryRecord payload={entry.payload ?? {}} />
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
        <CaseFacts facts={facts} />
      </div>
    </div>
  );
}

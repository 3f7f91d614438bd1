import { useContext, useEffect, useState } from 'react';
import { STATES } from '../../../workflows/case-workflow';
import { REFERRAL_KINDS } from '../../../workflows/policy';
import { api, ApiError } from '../api';
import { formatTime, LanguageContext, useLabel, useWords } from '../i18n';
import { CaseFacts } from './CaseFacts';

const MAIN_STEPS = ['intake', 'verification', 'emergencyIntervention', 'specificAssessment', 'planDrafting', 'planApproval', 'support', 'followUp', 'closureProposed', 'closed'];
const REFERRAL_STEPS = ['pending', 'declined', 'inProgress', 'done', 'notRequired'];

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
        {MAIN_STEPS.map((step) =>
          step === 'support' ? (
            <li key={step} className={`state region ${isActive('support') ? 'active' : ''}`} data-state="support">
              {label(STATES.get('support')?.label)}
              <div className="lanes">
                {REFERRAL_KINDS.map((kind) => (
                  <div key={kind} className="lane">
                    <span className="lane-name">{label(STATES.get(`support.${kind}`)?.label)}</span>
                    <ol>{REFERRAL_STEPS.map((s) => box(`support.${kind}.${s}`, label(STATES.get(`support.${kind}.${s}`)?.label)))}</ol>
                  </div>
                ))}
              </div>
            </li>
          ) : (
            box(step, label(STATES.get(step)?.label))
          ),
        )}
      </ol>
    </figure>
  );
}

export function CasePage({ id }: { id: string }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [facts, setFacts] = useState<Record<string, any> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<Record<string, any>>('GET', `/cases/${id}`)
      .then(setFacts)
      .catch((failure) => setError(failure instanceof ApiError ? label(failure.body.message) : String(failure)));
  }, [id]);
  if (error) return <p role="alert" className="error">{error}</p>;
  if (!facts) return <p aria-busy="true">…</p>;
  const active = new Set<string>((facts.states ?? []).map((s: { path: string }) => s.path));
  return (
    <div>
      <section className="card" aria-labelledby="case-title">
        <h1 id="case-title">{facts.caseNumber}</h1>
        <Statechart active={active} />
      </section>
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
                  <td>{formatTime(task.dueAt, language)} {task.overdue && <span className="badge">{t('overdue')}</span>}</td>
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
                    {formatTime(entry.at, language)} — {entry.type} ({entry.actor})
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

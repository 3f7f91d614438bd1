import { FormEvent, useContext, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { formatTime, LanguageContext, useLabel, useWords } from '../i18n';
import { href, navigate, onLink } from '../router';
import { CaseFacts } from './CaseFacts';
import type { Task } from './InboxPage';

type Field = { name: string; kind: 'text' | 'check'; word: Parameters<ReturnType<typeof useWords>>[0] };

/** What each kind of step asks for when it is completed; the API checks it again. */
const COMPLETION: Record<string, Field[]> = {
  forward: [],
  verify: [
    { name: 'founded', kind: 'check', word: 'founded' },
    { name: 'emergency', kind: 'check', word: 'emergency' },
  ],
  intervene: [
    { name: 'separated', kind: 'check', word: 'separated' },
    { name: 'measures', kind: 'text', word: 'measures' },
  ],
  assess: [],
  draft_plan: [],
  approve_plan: [],
  complete_referral: [{ name: 'outcome', kind: 'text', word: 'outcome' }],
  reassign_referral: [{ name: 'agencyId', kind: 'text', word: 'reassignTo' }],
  review: [
    { name: 'stable', kind: 'check', word: 'stable' },
    { name: 'notes', kind: 'text', word: 'notes' },
  ],
  decide_closure: [],
};

export function TaskPage({ id }: { id: string }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [task, setTask] = useState<Task | null>(null);
  const [facts, setFacts] = useState<Record<string, any> | null>(null);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<Task>('GET', `/tasks/${id}`).then(async (found) => {
      setTask(found);
      setFacts(await api('GET', `/cases/${found.caseId}`));
    });
  }, [id]);

  const act = async (path: string, body: unknown) => {
    setError(null);
    try {
      await api('POST', `/tasks/${id}/${path}`, body);
      navigate('/inbox');
    } catch (failure) {
      setError(failure instanceof ApiError ? label(failure.body.message) : String(failure));
    }
  };
  const complete = (event: FormEvent) => {
    event.preventDefault();
    const data: Record<string, unknown> = {};
    for (const field of COMPLETION[task!.action] ?? []) data[field.name] = values[field.name] ?? (field.kind === 'check' ? false : '');
    if (task!.action === 'assess') data.findings = {};
    void act('complete', { data });
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void act('decline', { reason });
  };

  if (!task) return <p aria-busy="true">…</p>;
  return (
    <div className="columns">
      <section className="card" aria-labelledby="task-title">
        <h1 id="task-title">{label(task.label)}</h1>
        <p>
          {t('due')}: {formatTime(task.dueAt, language)} {task.overdue && <span className="badge">{t('overdue')}</span>}
        </p>
        <p>
          <a href={href(`/cases/${task.caseId}`)} onClick={onLink(`/cases/${task.caseId}`)}>{t('openCase')}</a>
        </p>
        {error && <p role="alert" className="error">{error}</p>}
        {task.action === 'accept_referral' ? (
          <>
            <button type="button" onClick={() => void act('accept', {})}>{t('accept')}</button>
            <form onSubmit={decline} aria-label={t('decline')}>
              <label>
                {t('declineReason')}
                <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required rows={3} />
              </label>
              <button type="submit" className="danger">{t('decline')}</button>
            </form>
          </>
        ) : (
          <form onSubmit={complete} aria-label={t('complete')}>
            {(COMPLETION[task.action] ?? []).map((field) =>
              field.kind === 'check' ? (
                <label key={field.name} className="check">
                  <input type="checkbox" name={field.name} checked={Boolean(values[field.name])} onChange={(e) => setValues({ ...values, [field.name]: e.target.checked })} />
                  {t(field.word)}
                </label>
              ) : (
                <label key={field.name}>
                  {t(field.word)}
                  <textarea name={field.name} value={String(values[field.name] ?? '')} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} required rows={2} />
                </label>
              ),
            )}
            <button type="submit">{t('complete')}</button>
          </form>
        )}
      </section>
      {facts && <CaseFacts facts={facts} />}
    </div>
  );
}

import { FormEvent, useContext, useEffect, useState } from 'react';
import { WAITING_STEPS } from '../../../workflows/case-workflow';
import { ACTION_LABELS } from '../../../workflows/labels';
import { TaskAction } from '../../../workflows/case.machine';
import { CURRENT_POLICY, REFERRAL_KINDS, ReferralKind } from '../../../workflows/policy';
import { api, ApiError, loadSession } from '../api';
import { FINDINGS } from '../findings';
import { formatDue, LanguageContext, useLabel, useWords } from '../i18n';
import { href, navigate, onLink } from '../router';
import { DayInput } from '../day-input';
import { CaseFacts } from './CaseFacts';
import type { Task } from './InboxPage';

interface Agency {
  id: string;
  nameVi: string;
  nameEn: string;
}

type Field = {
  name: string;
  kind: 'text' | 'line' | 'day' | 'check' | 'findings' | 'referrals' | 'agency' | 'result' | 'meeting' | 'measures';
  word: Parameters<ReturnType<typeof useWords>>[0];
};

interface Measure {
  measure: string;
  responsible: string;
  by: string;
}

const NO_MEASURE: Measure = { measure: '', responsible: '', by: '' };

/** What each kind of step asks for when it is completed; the API checks it again. */
const COMPLETION: Record<string, Field[]> = {
  forward: [],
  // Mẫu số 02: the verification and first assessment of risk.
  verify: [
    { name: 'notes', kind: 'text', word: 'verificationNotes' },
    { name: 'founded', kind: 'check', word: 'founded' },
    { name: 'emergency', kind: 'check', word: 'emergency' },
    { name: 'findings', kind: 'findings', word: 'findings' },
  ],
  intervene: [
    { name: 'separated', kind: 'check', word: 'separated' },
    { name: 'measures', kind: 'text', word: 'measures' },
  ],
  // Mẫu số 03: the assessment and its needs meeting.
  assess: [
    { name: 'findings', kind: 'findings', word: 'findings' },
    { name: 'needs', kind: 'text', word: 'needs' },
    { name: 'meeting', kind: 'meeting', word: 'needsMeeting' },
  ],
  // Mẫu số 04: the plan, its measures, and the referrals beyond those the findings open.
  draft_plan: [
    { name: 'goals', kind: 'text', word: 'planGoals' },
    { name: 'measures', kind: 'measures', word: 'planMeasures' },
    { name: 'additionalReferrals', kind: 'referrals', word: 'additionalReferrals' },
  ],
  // Mẫu số 05: the decision approving the plan.
  approve_plan: [
    { name: 'decisionNumber', kind: 'line', word: 'decisionNumber' },
    { name: 'decidedOn', kind: 'day', word: 'decidedOn' },
  ],
  complete_referral: [
    { name: 'result', kind: 'result', word: 'result' },
    { name: 'outcome', kind: 'text', word: 'outcome' },
  ],
  end_separation: [{ name: 'notes', kind: 'text', word: 'notes' }],
  reassign_referral: [{ name: 'agencyId', kind: 'agency', word: 'reassignTo' }],
  review: [
    { name: 'stable', kind: 'check', word: 'stable' },
    { name: 'notes', kind: 'text', word: 'notes' },
  ],
  decide_closure: [],
};

/** The results the law fixes for a referral's completion (the police's art. 147 decision), if any. */
function resultsOf(task: Task) {
  return task.referral ? CURRENT_POLICY.referrals[task.referral as ReferralKind].results : undefined;
}

function fieldsOf(task: Task): Field[] {
  return (COMPLETION[task.action] ?? []).filter((field) => field.kind !== 'result' || resultsOf(task) !== undefined);
}

export function TaskPage({ id }: { id: string }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [task, setTask] = useState<Task | null>(null);
  const [facts, setFacts] = useState<Record<string, any> | null>(null);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [findings, setFindings] = useState<Record<string, boolean>>({});
  const [referrals, setReferrals] = useState<string[]>([]);
  const [meeting, setMeeting] = useState({ heldOn: '', participants: '', minutes: '' });
  const [measures, setMeasures] = useState<Measure[]>([NO_MEASURE]);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api<Task>('GET', `/tasks/${id}`).then(async (found) => {
      // The form opens once it holds what earlier steps recorded, so that nothing typed is overwritten.
      const view = await api<Record<string, any>>('GET', `/cases/${found.caseId}`);
      setFacts(view);
      // What earlier steps found is where this one starts: the officer unticks what no longer holds.
      setFindings(Object.fromEntries(Object.entries(view.findings ?? {}).filter(([, value]) => value === true)) as Record<string, boolean>);
      // A plan sent back is redrafted from the one returned.
      const lastPlan = [...(view.history ?? [])].reverse().find((entry: { type: string }) => entry.type === 'PLAN_DRAFTED')?.payload;
      if (found.action === 'draft_plan' && lastPlan) {
        setValues({ goals: lastPlan.goals ?? '' });
        if (lastPlan.measures?.length) setMeasures(lastPlan.measures);
        setReferrals(lastPlan.additionalReferrals ?? []);
      }
      if (found.action === 'reassign_referral') setAgencies((await api<{ items: Agency[] }>('GET', '/agencies?pageSize=200')).items);
      setTask(found);
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
  const me = loadSession()?.me.username;
  const supervises = Boolean(loadSession()?.me.roles.some((role) => role === 'supervisor' || role === 'coordinator'));
  /** Claiming keeps the step for oneself; giving it back leaves it to the agency again. */
  const claim = async (path: 'claim' | 'release') => {
    setError(null);
    try {
      setTask(await api<Task>('POST', `/tasks/${id}/${path}`, {}));
    } catch (failure) {
      setError(failure instanceof ApiError ? label(failure.body.message) : String(failure));
    }
  };
  const complete = (event: FormEvent) => {
    event.preventDefault();
    const data: Record<string, unknown> = {};
    for (const field of fieldsOf(task!)) {
      if (field.kind === 'findings') data.findings = findings;
      else if (field.kind === 'referrals') data.additionalReferrals = referrals;
      else if (field.kind === 'meeting') data.meeting = meeting;
      else if (field.kind === 'measures') data.measures = measures;
      else data[field.name] = values[field.name] ?? (field.kind === 'check' ? false : '');
    }
    void act('complete', { data });
  };
  const decline = (event: FormEvent) => {
    event.preventDefault();
    void act('decline', { reason });
  };
  const extend = (event: FormEvent) => {
    event.preventDefault();
    void act('extend', { until, reason });
  };

  if (!task) return <p aria-busy="true">…</p>;
  return (
    <div className="columns">
      <section className="card" aria-labelledby="task-title">
        <h1 id="task-title">{label(task.label)}</h1>
        <p>
          {t('due')}: {formatDue(task.dueAt, language)} {task.overdue && <span className="badge">{t('overdue')}</span>}
        </p>
        <p>
          <a href={href(`/cases/${task.caseId}`)} onClick={onLink(`/cases/${task.caseId}`)}>{t('openCase')}</a>
        </p>
        {error && <p role="alert" className="error">{error}</p>}
        <p className="row">
          {task.assignee ? `${t('claimedBy')} ${task.assignee}` : t('notClaimed')}
          {!task.assignee && (
            <button type="button" onClick={() => void claim('claim')}>
              {t('claim')}
            </button>
          )}
          {task.assignee && (task.assignee === me || supervises) && (
            <button type="button" onClick={() => void claim('release')}>
              {t('release')}
            </button>
          )}
        </p>
        {task.action === 'accept_referral' ? (
          <>
            <button type="button" onClick={() => void act('accept', {})}>{label(ACTION_LABELS.accept_referral)}</button>
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
            {fieldsOf(task).map((field) =>
              field.kind === 'result' ? (
                <label key={field.name}>
                  {t(field.word)}
                  <select name="result" value={String(values.result ?? '')} onChange={(e) => setValues({ ...values, result: e.target.value })} required>
                    <option value="" />
                    {Object.entries(resultsOf(task) ?? {}).map(([code, result]) => (
                      <option key={code} value={code}>
                        {label(result)} ({result.basis})
                      </option>
                    ))}
                  </select>
                </label>
              ) : field.kind === 'findings' ? (
                <fieldset key={field.name}>
                  <legend>{t(field.word)}</legend>
                  {FINDINGS.map(([key, name]) => (
                    <label key={key} className="check">
                      <input type="checkbox" name={key} checked={Boolean(findings[key])} onChange={(e) => setFindings({ ...findings, [key]: e.target.checked })} />
                      {label(name)}
                    </label>
                  ))}
                </fieldset>
              ) : field.kind === 'referrals' ? (
                <fieldset key={field.name}>
                  <legend>{t(field.word)}</legend>
                  {REFERRAL_KINDS.map((kind) => (
                    <label key={kind} className="check">
                      <input
                        type="checkbox"
                        name={kind}
                        checked={referrals.includes(kind)}
                        onChange={(e) => setReferrals(e.target.checked ? [...referrals, kind] : referrals.filter((r) => r !== kind))}
                      />
                      {label(CURRENT_POLICY.referrals[kind].label)}
                    </label>
                  ))}
                </fieldset>
              ) : field.kind === 'agency' ? (
                <label key={field.name}>
                  {t(field.word)}
                  <select name={field.name} value={String(values[field.name] ?? '')} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} required>
                    <option value="" />
                    {agencies.map((agency) => (
                      <option key={agency.id} value={agency.id}>
                        {label({ vi: agency.nameVi, en: agency.nameEn })}
                      </option>
                    ))}
                  </select>
                </label>
              ) : field.kind === 'meeting' ? (
                <fieldset key={field.name}>
                  <legend>{t(field.word)}</legend>
                  <DayInput name="heldOn" label={t('heldOn')} value={meeting.heldOn} onChange={(heldOn) => setMeeting({ ...meeting, heldOn })} required />
                  <label>
                    {t('participants')}
                    <input name="participants" value={meeting.participants} onChange={(e) => setMeeting({ ...meeting, participants: e.target.value })} required />
                  </label>
                  <label>
                    {t('minutes')}
                    <textarea name="minutes" value={meeting.minutes} onChange={(e) => setMeeting({ ...meeting, minutes: e.target.value })} required rows={4} />
                  </label>
                </fieldset>
              ) : field.kind === 'measures' ? (
                <fieldset key={field.name}>
                  <legend>{t(field.word)}</legend>
                  {measures.map((row, index) => {
                    const change = (part: Partial<Measure>) => setMeasures(measures.map((m, i) => (i === index ? { ...m, ...part } : m)));
                    return (
                      <div key={index} className="measure" data-testid="measure">
                        <label>
                          {t('measure')} {index + 1}
                          <input name={`measure-${index}`} value={row.measure} onChange={(e) => change({ measure: e.target.value })} required />
                        </label>
                        <label>
                          {t('responsible')}
                          <input name={`responsible-${index}`} value={row.responsible} onChange={(e) => change({ responsible: e.target.value })} required />
                        </label>
                        <DayInput name={`by-${index}`} label={t('measureBy')} value={row.by} onChange={(by) => change({ by })} required />
                        {measures.length > 1 && (
                          <button type="button" className="quiet" onClick={() => setMeasures(measures.filter((_, i) => i !== index))}>
                            {t('removeMeasure')}
                          </button>
                        )}
                      </div>
                    );
                  })}
                  <button type="button" className="quiet" onClick={() => setMeasures([...measures, NO_MEASURE])}>
                    {t('addMeasure')}
                  </button>
                </fieldset>
              ) : field.kind === 'day' ? (
                <DayInput key={field.name} name={field.name} label={t(field.word)} value={String(values[field.name] ?? '')} onChange={(day) => setValues({ ...values, [field.name]: day })} required />
              ) : field.kind === 'line' ? (
                <label key={field.name}>
                  {t(field.word)}
                  <input name={field.name} value={String(values[field.name] ?? '')} onChange={(e) => setValues({ ...values, [field.name]: e.target.value })} required />
                </label>
              ) : field.kind === 'check' ? (
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
            <button type="submit">{label(ACTION_LABELS[task.action as TaskAction])}</button>
          </form>
        )}
        {WAITING_STEPS.get(task.step)?.task.extendedBy && (
          <form onSubmit={extend} aria-label={t('extend')}>
            <DayInput name="until" label={t('extendUntil')} value={until} onChange={setUntil} required />
            <label>
              {t('extendReason')}
              <textarea name="extendReason" value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
            </label>
            <button type="submit">{t('extend')}</button>
          </form>
        )}
      </section>
      {facts && <CaseFacts facts={facts} />}
    </div>
  );
}

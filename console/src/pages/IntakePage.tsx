import { FormEvent, Fragment, useEffect, useMemo, useState } from 'react';
import { ChildWork, classifyChildWork, JOBS, WORKPLACES } from '../../../workflows/child-labour';
import { ACTION_LABELS, CATEGORY_LABELS, CHANNEL_LABELS, JOB_LABELS, SEX_LABELS, VERDICT_LABELS, WORKPLACE_LABELS } from '../../../workflows/labels';
import { mayDoStep } from '../../../workflows/case-event-permissions';
import { CaseContext, Findings, requiredReferrals } from '../../../workflows/case.machine';
import { CURRENT_POLICY, DeadlineRule, Role } from '../../../workflows/policy';
import { localDate } from '../../../workflows/calendar';
import { api, ApiError, draftKey, loadSession } from '../api';
import { DayInput } from '../day-input';
import { FINDINGS } from '../findings';
import { useLabel, useWords } from '../i18n';
import { href, onLink } from '../router';

interface Candidate {
  caseId: string;
  caseNumber: string;
  score: number;
  level: 'likely' | 'possible';
  evidence: Array<{ field: string; agreement: 'same' | 'close' | 'differs'; label: { vi: string; en: string }; agreementLabel: { vi: string; en: string } }>;
  child: { name: string | null; ageYears: number | null; dateOfBirth: string | null; sex: string | null } | null;
}

/** What duplicate detection reads of the draft; the report as far as it is typed. */
function childSoFar(draft: Draft) {
  return {
    location: { provinceCode: draft.provinceCode, communeCode: draft.communeCode },
    child: {
      name: draft.name || undefined,
      dateOfBirth: draft.dateOfBirth || undefined,
      estimatedAgeYears: draft.estimatedAgeYears ? Number(draft.estimatedAgeYears) : undefined,
      sex: draft.sex,
    },
    guardian: draft.guardianName || draft.guardianPhone ? { name: draft.guardianName || undefined, phone: draft.guardianPhone || undefined } : undefined,
  };
}

interface WaitingStep {
  id: string;
  action: string;
  agencyId: string;
  role: string;
}

/**
 * The forwarding step of a case just opened, when the operator's own agency forwards it and they
 * may: so that the case goes to the commune from the intake page, without a trip to the inbox.
 */
function useForwarding(opened: { id: string; linked: boolean } | null): [WaitingStep | null, () => void] {
  const [step, setStep] = useState<WaitingStep | null>(null);
  useEffect(() => {
    setStep(null);
    const me = loadSession()?.me;
    if (!opened || opened.linked || !me) return;
    api<{ waitingFor?: WaitingStep[] }>('GET', `/cases/${opened.id}`).then(
      (packet) => setStep(packet.waitingFor?.find((s) => s.action === 'forward' && s.agencyId === me.agencyId && mayDoStep(me.roles as Role[], s.role as Role)) ?? null),
      () => undefined,
    );
  }, [opened?.id]);
  return [step, () => setStep(null)];
}

interface CallerProfile {
  totalReports: number;
  recentReports: Array<{ caseNumber: string; status: string; receivedAt: string }>;
  flag: { label: { vi: string; en: string }; note: string | null; until: string } | null;
}

/** For the hotline: what its earlier calls from this number were, looked up once the number is typed. */
function useCaller(phone: string, named: boolean): CallerProfile | null {
  const [caller, setCaller] = useState<CallerProfile | null>(null);
  const hotline = loadSession()?.me.agencyType === 'HOTLINE_111';
  useEffect(() => {
    setCaller(null);
    if (!hotline || !named || phone.replace(/[^0-9]/g, '').length < 9) return;
    const timer = setTimeout(() => {
      api<CallerProfile>('POST', '/callers/lookup', { phone }).then(setCaller, () => undefined);
    }, 500);
    return () => clearTimeout(timer);
  }, [phone, named, hotline]);
  return caller;
}

/**
 * The cases the report may be about, looked up as the operator types (a pause of half a second),
 * once a commune and something that names the child are known.
 */
function useCandidates(draft: Draft): [Candidate[], (found: Candidate[]) => void] {
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const query = childSoFar(draft);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!draft.communeCode || !(draft.name || draft.dateOfBirth || draft.guardianPhone)) {
      setCandidates([]);
      return;
    }
    const timer = setTimeout(() => {
      api<{ candidates: Candidate[] }>('POST', '/cases/candidates', query).then((found) => setCandidates(found.candidates), () => undefined);
    }, 500);
    return () => clearTimeout(timer);
  }, [key]);
  return [candidates, setCandidates];
}


interface Draft {
  channel: string;
  category: string;
  provinceCode: string;
  communeCode: string;
  /** The commune and province as the operator picked them, for the form to show. */
  placeName: string;
  /** When the call came in, if not now (a report written down earlier), Vietnam time: a day `YYYY-MM-DD` (empty: today) and `HH:MM` (empty: now). */
  receivedDay: string;
  receivedTime: string;
  whereNow: string;
  takenBy: string;
  address: string;
  name: string;
  dateOfBirth: string;
  estimatedAgeYears: string;
  sex: string;
  ethnicity: string;
  condition: string;
  likelyHarm: string;
  caregivers: string;
  guardianName: string;
  guardianPhone: string;
  actionsTaken: string;
  anonymous: boolean;
  consent: boolean;
  reporterName: string;
  reporterPhone: string;
  relationship: string;
  signs: Findings;
  hasWork: boolean;
  work: { job: string; workplace: string; hoursPerDay: string; hoursPerWeek: string; nightWork: boolean; hazardousConditions: boolean };
}

const EMPTY: Draft = {
  channel: 'hotline_111', category: 'at_risk', provinceCode: '', communeCode: '', placeName: '', receivedDay: '', receivedTime: '', whereNow: '', takenBy: '', address: '',
  name: '', dateOfBirth: '', estimatedAgeYears: '', sex: 'unknown', ethnicity: '', condition: '', likelyHarm: '', caregivers: '', guardianName: '', guardianPhone: '',
  actionsTaken: '', anonymous: true, consent: false, reporterName: '', reporterPhone: '', relationship: '', signs: {}, hasWork: false,
  work: { job: 'other', workplace: 'home', hoursPerDay: '0', hoursPerWeek: '0', nightWork: false, hazardousConditions: false },
};

function age(draft: Draft): number | null {
  if (draft.dateOfBirth) {
    const born = new Date(draft.dateOfBirth);
    const now = new Date();
    return now.getFullYear() - born.getFullYear() - (now < new Date(now.getFullYear(), born.getMonth(), born.getDate()) ? 1 : 0);
  }
  return draft.estimatedAgeYears ? Number(draft.estimatedAgeYears) : null;
}

function childWork(draft: Draft): ChildWork | null {
  const years = age(draft);
  if (!draft.hasWork || years === null) return null;
  return {
    ageYears: years,
    job: draft.work.job as ChildWork['job'],
    workplace: draft.work.workplace as ChildWork['workplace'],
    hoursPerDay: Number(draft.work.hoursPerDay) || 0,
    hoursPerWeek: Number(draft.work.hoursPerWeek) || 0,
    nightWork: draft.work.nightWork,
    hazardousConditions: draft.work.hazardousConditions,
  };
}

interface Unit {
  code: string;
  level: string;
  name: string;
  provinceCode: string | null;
}

/**
 * The commune picked by name from the 2025 gazetteer, diacritics optional ("binh lu" finds Xã Bình
 * Lư): the operator never types a statistics code. Results are buttons, so the keyboard reaches them.
 */
function PlacePicker({ chosen, onPick }: { chosen: string; onPick: (place: { provinceCode: string; communeCode: string; name: string }) => void }) {
  const t = useWords();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Unit[]>([]);
  const [provinces, setProvinces] = useState<Record<string, string>>({});
  useEffect(() => {
    void api<Unit[]>('GET', '/gazetteer/units?level=province&limit=100').then((units) => setProvinces(Object.fromEntries(units.map((u) => [u.code, u.name]))), () => undefined);
  }, []);
  const placeOf = (unit: Unit) => (unit.provinceCode && provinces[unit.provinceCode] ? `${unit.name}, ${provinces[unit.provinceCode]}` : unit.name);
  useEffect(() => {
    if (query.trim().length < 2) return setFound([]);
    const timer = setTimeout(() => {
      void api<Unit[]>('GET', `/gazetteer/units?level=commune&limit=8&q=${encodeURIComponent(query.trim())}`).then(setFound, () => setFound([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [query]);
  const pick = (unit: Unit) => {
    onPick({ provinceCode: unit.provinceCode ?? '', communeCode: unit.code, name: placeOf(unit) });
    setQuery('');
    setFound([]);
  };
  return (
    <div>
      <label>
        {t('findCommune')}
        <input name="place" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" placeholder={t('findCommuneHint')} />
      </label>
      {found.length > 0 && (
        <ul className="plain" aria-label={t('findCommune')}>
          {found.map((unit) => (
            <li key={unit.code}>
              <button type="button" className="quiet" onClick={() => pick(unit)}>
                {placeOf(unit)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p data-testid="place">
        {t('where')}: <strong>{chosen || t('notChosen')}</strong>
      </p>
    </div>
  );
}

/** Mẫu số 01, laid out for a live call: one column, in the order the caller speaks, saved as a draft. */
export function IntakePage() {
  const t = useWords();
  const label = useLabel();
  const [draft, setDraft] = useState<Draft>(() => ({ ...EMPTY, ...JSON.parse(sessionStorage.getItem(draftKey('intake')) ?? '{}') }));
  const [opened, setOpened] = useState<{ id: string; caseNumber: string; linked: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [candidates, setCandidates] = useCandidates(draft);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const caller = useCaller(draft.reporterPhone, !draft.anonymous);
  const [forwarding, forwarded] = useForwarding(opened);
  const [sent, setSent] = useState(false);
  const forward = async () => {
    setError(null);
    try {
      await api('POST', `/tasks/${forwarding!.id}/complete`, { data: {} });
      forwarded();
      setSent(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? label(failure.body.message) : String(failure));
    }
  };
  useEffect(() => sessionStorage.setItem(draftKey('intake'), JSON.stringify(draft)), [draft]);

  /** A select's choices: each code shown by its label, in the table's order or the one given. */
  const options = <C extends string>(table: Record<C, { vi: string; en: string }>, order: readonly C[] = Object.keys(table) as C[]) =>
    order.map((code) => (
      <option key={code} value={code}>
        {label(table[code])}
      </option>
    ));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setWork = (key: keyof Draft['work'], value: string | boolean) => setDraft((d) => ({ ...d, work: { ...d.work, [key]: value } }));
  const work = childWork(draft);
  const classification = useMemo(() => (work ? classifyChildWork(work) : null), [JSON.stringify(work)]);
  const referrals = requiredReferrals({
    findings: draft.signs, classification, childAgeYears: age(draft), additionalReferrals: [],
  } as unknown as CaseContext);

  const submit = async (event: FormEvent | null, linkTo?: string) => {
    event?.preventDefault();
    if (!draft.communeCode) {
      setError(t('chooseCommune'));
      return;
    }
    setError(null);
    try {
      const body = {
        channel: draft.channel,
        category: draft.category,
        location: { provinceCode: draft.provinceCode, communeCode: draft.communeCode, address: draft.address || undefined },
        child: {
          name: draft.name || undefined, dateOfBirth: draft.dateOfBirth || undefined,
          estimatedAgeYears: draft.estimatedAgeYears ? Number(draft.estimatedAgeYears) : undefined, sex: draft.sex, ethnicity: draft.ethnicity || undefined,
        },
        // A local time typed in Vietnam (UTC+7, no daylight saving); a time alone is today's.
        receivedAt: draft.receivedTime ? new Date(`${draft.receivedDay || localDate(new Date())}T${draft.receivedTime.padStart(5, '0')}:00+07:00`).toISOString() : undefined,
        condition: draft.condition,
        whereNow: draft.whereNow || undefined,
        takenBy: draft.takenBy || undefined,
        likelyHarm: draft.likelyHarm || undefined,
        caregivers: draft.caregivers || undefined,
        guardian: childSoFar(draft).guardian,
        actionsTaken: draft.actionsTaken || undefined,
        reporter: draft.anonymous
          ? { anonymous: true, relationship: draft.relationship || undefined }
          : { anonymous: false, consent: draft.consent, name: draft.reporterName, phone: draft.reporterPhone || undefined, relationship: draft.relationship || undefined },
        signs: draft.signs,
        work: work ?? undefined,
        duplicates: linkTo ? { linkTo } : dismissed.length > 0 ? { notDuplicateOf: dismissed } : undefined,
      };
      setSent(false);
      setOpened(await api<{ id: string; caseNumber: string; linked: boolean }>('POST', '/cases', body));
      sessionStorage.removeItem(draftKey('intake'));
      setDraft(EMPTY);
      setDismissed([]);
    } catch (failure) {
      if (failure instanceof ApiError && failure.body.code === 'DUPLICATE_SUSPECTED') {
        setCandidates((failure.body as { details: { candidates: Candidate[] } }).details.candidates);
        setError(t('decideCandidates'));
        return;
      }
      setError(failure instanceof ApiError ? label(failure.body.message) : String(failure));
    }
  };

  const text = (key: keyof Draft, word: Parameters<typeof t>[0], props: Record<string, unknown> = {}) => (
    <label>
      {t(word)}
      <input name={key} value={draft[key] as string} onChange={(e) => set(key, e.target.value as never)} {...props} />
    </label>
  );

  return (
    <div className="columns">
      <form className="card" onSubmit={submit} aria-labelledby="intake-title">
        <h1 id="intake-title">{t('intake')} — Mẫu số 01</h1>
        <p className="hint">{t('draftSaved')}</p>
        <div className="row">
          <label>
            {t('channel')}
            <select name="channel" value={draft.channel} onChange={(e) => set('channel', e.target.value)}>
{options(CHANNEL_LABELS)}
            </select>
          </label>
          <fieldset>
            <legend>{t('callTime')}</legend>
            <div className="row">
              <label>
                {t('callHour')}
                <input
                  name="receivedTime"
                  value={draft.receivedTime}
                  onChange={(e) => set('receivedTime', e.target.value)}
                  inputMode="numeric"
                  placeholder="14:30"
                  pattern="([01]?[0-9]|2[0-3]):[0-5][0-9]"
                  title={t('callHourHint')}
                  required={draft.receivedDay !== ''}
                />
              </label>
              <DayInput name="receivedDay" label={t('callDay')} value={draft.receivedDay} onChange={(day) => set('receivedDay', day)} />
            </div>
          </fieldset>
        </div>
        <fieldset>
          <legend>{t('reporter')}</legend>
          <label className="check">
            <input type="checkbox" name="anonymous" checked={draft.anonymous} onChange={(e) => set('anonymous', e.target.checked)} />
            {t('anonymous')}
          </label>
          {text('relationship', 'relationship')}
          {!draft.anonymous && (
            <>
              <label className="check">
                <input type="checkbox" name="consent" checked={draft.consent} onChange={(e) => set('consent', e.target.checked)} />
                {t('consent')}
              </label>
              <div className="row">
                {text('reporterName', 'name', { required: true })}
                {text('reporterPhone', 'phone')}
              </div>
              {caller && (
                <div className="caller" data-testid="caller" role="note" aria-label={t('caller')}>
                  <p>
                    {t('callerReports')}: <strong>{caller.totalReports}</strong>
                    {caller.recentReports.length > 0 && <> ({caller.recentReports.map((r) => r.caseNumber).join(', ')})</>}
                  </p>
                  {caller.flag && (
                    <p className="alert">
                      {t('callerFlag')}: {label(caller.flag.label)} — {t('until')} {caller.flag.until.split('-').reverse().join('/')}
                      {caller.flag.note && <> · {caller.flag.note}</>}
                    </p>
                  )}
                </div>
              )}
            </>
          )}
        </fieldset>
        <label>
          {t('condition')}
          <textarea name="condition" value={draft.condition} onChange={(e) => set('condition', e.target.value)} required rows={3} />
        </label>
        {text('whereNow', 'whereNow')}
        {text('takenBy', 'takenBy')}
        {text('likelyHarm', 'likelyHarm')}
        {text('caregivers', 'caregivers')}
        {text('actionsTaken', 'actionsTaken')}
        <fieldset>
          <legend>{t('child')}</legend>
          {text('name', 'name')}
          <div className="row">
            <DayInput name="dateOfBirth" label={t('dateOfBirth')} value={draft.dateOfBirth} onChange={(day) => set('dateOfBirth', day)} />
            {text('estimatedAgeYears', 'estimatedAge', { type: 'number', min: 0, max: 17 })}
            <label>
              {t('sex')}
              <select name="sex" value={draft.sex} onChange={(e) => set('sex', e.target.value)}>
{options(SEX_LABELS)}
              </select>
            </label>
            {text('ethnicity', 'ethnicity')}
          </div>
          <div className="row">
            {text('guardianName', 'guardianName')}
            {text('guardianPhone', 'guardianPhone', { type: 'tel' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('where')}</legend>
          <PlacePicker
            chosen={draft.placeName}
            onPick={(place) => setDraft((d) => ({ ...d, provinceCode: place.provinceCode, communeCode: place.communeCode, placeName: place.name }))}
          />
          {text('address', 'address')}
        </fieldset>
        <fieldset>
          <legend>{t('work')}</legend>
          <label className="check">
            <input type="checkbox" name="hasWork" checked={draft.hasWork} onChange={(e) => set('hasWork', e.target.checked)} />
            {t('work')}
          </label>
          {draft.hasWork && (
            <div className="row">
              <label>
                {t('job')}
                <select name="job" value={draft.work.job} onChange={(e) => setWork('job', e.target.value)}>
{options(JOB_LABELS, JOBS)}
                </select>
              </label>
              <label>
                {t('workplace')}
                <select name="workplace" value={draft.work.workplace} onChange={(e) => setWork('workplace', e.target.value)}>
{options(WORKPLACE_LABELS, WORKPLACES)}
                </select>
              </label>
              <label>
                {t('hoursPerDay')}
                <input name="hoursPerDay" type="number" min={0} max={24} value={draft.work.hoursPerDay} onChange={(e) => setWork('hoursPerDay', e.target.value)} />
              </label>
              <label>
                {t('hoursPerWeek')}
                <input name="hoursPerWeek" type="number" min={0} max={168} value={draft.work.hoursPerWeek} onChange={(e) => setWork('hoursPerWeek', e.target.value)} />
              </label>
              <label className="check">
                <input type="checkbox" name="nightWork" checked={draft.work.nightWork} onChange={(e) => setWork('nightWork', e.target.checked)} />
                {t('nightWork')}
              </label>
              <label className="check">
                <input type="checkbox" name="hazardousConditions" checked={draft.work.hazardousConditions} onChange={(e) => setWork('hazardousConditions', e.target.checked)} />
                {t('hazardous')}
              </label>
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('signs')}</legend>
          <div className="checks">
            {FINDINGS.map(([key, name]) => (
              <label key={key} className="check">
                <input type="checkbox" name={key} checked={Boolean(draft.signs[key])} onChange={(e) => set('signs', { ...draft.signs, [key]: e.target.checked })} />
                {label(name)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row">
          <label>
            {t('category')}
            <select name="category" value={draft.category} onChange={(e) => set('category', e.target.value)}>
{options(CATEGORY_LABELS)}
            </select>
          </label>
        </div>
        {error && <p role="alert" className="error">{error}</p>}
        <div className="row">
          <button type="submit">{t('saveCase')}</button>
          <button type="button" className="quiet" onClick={() => setDraft(EMPTY)}>{t('clearDraft')}</button>
        </div>
      </form>
      <aside className="card" aria-live="polite">
        {opened && (
          <p role="status" className="ok">
            {t(opened.linked ? 'linkedTo' : 'opened')}: <strong data-testid="case-number">{opened.caseNumber}</strong>{' '}
            <a href={href(`/cases/${opened.id}`)} onClick={onLink(`/cases/${opened.id}`)}>{t('openCase')}</a>
          </p>
        )}
        {forwarding && (
          <p>
            <button type="button" onClick={() => void forward()}>{label(ACTION_LABELS.forward)}</button>
          </p>
        )}
        {sent && <p role="status" className="ok">{t('forwarded')}</p>}
        <section aria-labelledby="candidates-title" data-testid="candidates">
          <h2 id="candidates-title">{t('candidates')}</h2>
          {candidates.length === 0 && <p className="hint">{t('noCandidates')}</p>}
          <ul className="candidates">
            {candidates.map((c) => (
              <li key={c.caseId} className={`candidate ${c.level}`}>
                <p>
                  <strong>{c.caseNumber}</strong> — {t(c.level)} ({Math.round(c.score * 100)}%)
                  {c.child?.name && <> · {c.child.name}</>}
                  {c.child?.ageYears !== null && c.child?.ageYears !== undefined && <> · {c.child.ageYears} {label({ vi: 'tuổi', en: 'years' })}</>}
                </p>
                <p className="evidence">
                  {c.evidence.map((e) => (
                    <Fragment key={e.field}>
                      <span className={`chip ${e.agreement}`}>
                        {label(e.label)}: {label(e.agreementLabel)}
                      </span>{' '}
                    </Fragment>
                  ))}
                </p>
                <div className="row">
                  <button type="button" onClick={() => void submit(null, c.caseId)}>{t('linkReport')}</button>
                  {c.level === 'likely' && (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={dismissed.includes(c.caseId)}
                        onChange={(e) => setDismissed((d) => (e.target.checked ? [...d, c.caseId] : d.filter((id) => id !== c.caseId)))}
                      />
                      {t('notThisChild')}
                    </label>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
        <h2>{t('classification')}</h2>
        {classification ? (
          <div data-testid="classification">
            <p className={`verdict ${classification.verdict}`}>{label(VERDICT_LABELS[classification.verdict])}</p>
            <ul>
              {classification.reasons.map((r) => (
                <li key={r.code}>{label(r)} <span className="basis">({r.basis})</span></li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="hint">{t('noWork')}</p>
        )}
        <h2>{t('nextSteps')}</h2>
        <ol data-testid="next-steps">
          <li>{label({ vi: `Chuyển UBND xã trong ${within(CURRENT_POLICY.steps.forward).vi}`, en: `Forward to the commune within ${within(CURRENT_POLICY.steps.forward).en}` })}</li>
          <li>{label({ vi: `Xác minh, đánh giá nguy cơ trong ${within(CURRENT_POLICY.steps.verification).vi} kể từ khi tiếp nhận`, en: `Verification and risk assessment within ${within(CURRENT_POLICY.steps.verification).en} of receipt` })}</li>
          {referrals.map((kind) => (
            <li key={kind}>{t('referral')}: {label(CURRENT_POLICY.referrals[kind].label)}</li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

function within(rule: DeadlineRule): { vi: string; en: string } {
  if ('hours' in rule) return { vi: `${rule.hours} giờ`, en: `${rule.hours} hours` };
  if ('workingDays' in rule) return { vi: `${rule.workingDays} ngày làm việc`, en: `${rule.workingDays} working days` };
  if ('days' in rule) return { vi: `${rule.days} ngày`, en: `${rule.days} days` };
  return { vi: `${rule.months} tháng`, en: `${rule.months} months` };
}

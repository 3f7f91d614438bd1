import { useEffect, useState } from 'react';
import { mayDoStep } from '../../../workflows/case-event-permissions';
import { REFERRAL_LABELS } from '../../../workflows/labels';
import type { Role } from '../../../workflows/policy';
import { api, Session } from '../api';
import { useCommuneNames } from '../communes';
import { formatDue, LanguageContext, useLabel, useWords } from '../i18n';
import { href, onLink } from '../router';
import { useContext } from 'react';

export interface Task {
  id: string;
  caseId: string;
  caseNumber?: string;
  step: string;
  label: { vi: string; en: string };
  action: string;
  referral: string | null;
  agencyId: string;
  agencyName: { vi: string; en: string } | null;
  role: string;
  communeCode: string;
  dueAt: string;
  overdue: boolean;
  status: string;
  assignee: string | null;
}

/** The steps a person sees: those they may do, and for a supervisor or coordinator every step of the agency. */
function shown(roles: Role[], role: Role): boolean {
  return mayDoStep(roles, role) || roles.includes('supervisor') || roles.includes('coordinator');
}

/** The agency's open tasks the signed-in person may do, soonest due first, overdue ones marked. */
export function InboxPage({ session }: { session: Session }) {
  const t = useWords();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [due, setDue] = useState<'' | 'overdue' | 'today'>('');
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [others, setOthers] = useState(0);
  const commune = useCommuneNames((tasks ?? []).map((task) => task.communeCode));
  useEffect(() => {
    setTasks(null);
    void api<{ items: Task[] }>('GET', `/agencies/${session.me.agencyId}/inbox?pageSize=100${due ? `&due=${due}` : ''}`).then((page) => {
      // Steps for a role the person does not hold stay with whoever holds it (a supervisor sees every step).
      const mine = page.items.filter((task) => shown(session.me.roles as Role[], task.role as Role));
      setTasks(mine);
      setOthers(page.items.length - mine.length);
    });
  }, [due, session.me.agencyId]);
  return (
    <section className="card" aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox')}</h1>
      <div className="row" role="group" aria-label={t('inbox')}>
        {(['', 'overdue', 'today'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={due === value} className={due === value ? '' : 'quiet'} onClick={() => setDue(value)}>
            {t(value === '' ? 'all' : value)}
          </button>
        ))}
      </div>
      {tasks && tasks.length === 0 && <p>{t('nothing')}</p>}
      {others > 0 && <p className="hint">{`${others} ${t('stepsForOthers')}`}</p>}
      {tasks && tasks.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('caseNumber')}</th>
              <th scope="col">{t('step')}</th>
              <th scope="col">{t('commune')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => (
              <tr key={task.id} className={task.overdue ? 'overdue' : ''} data-testid="inbox-row">
                <td>
                  {formatDue(task.dueAt, language)} {task.overdue && <span className="badge">{t('overdue')}</span>}
                </td>
                <td>{task.caseNumber}</td>
                <td>
                  <a href={href(`/tasks/${task.id}`)} onClick={onLink(`/tasks/${task.id}`)}>
                    {label(task.label)}
                    {task.referral ? ` — ${label(REFERRAL_LABELS[task.referral as keyof typeof REFERRAL_LABELS] ?? { vi: task.referral, en: task.referral })}` : ''}
                  </a>
                </td>
                <td>{commune(task.communeCode)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { FINDING_LABELS, PACKET_LABELS, REFERRAL_LABELS, SEX_LABELS, VERDICT_LABELS } from '../../../workflows/labels';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useLabel, useWords } from '../i18n';

/** A code's label where the table has one, else the code itself (a newer server's code). */
function named<T extends string>(table: Record<T, { vi: string; en: string }>, code: string | undefined): { vi: string; en: string } | undefined {
  return code === undefined ? undefined : (table[code as T] ?? { vi: code, en: code });
}

/** The referral packet as the agency receives it: only the fields its packet declares come from the API. */
export function CaseFacts({ facts }: { facts: Record<string, any> }) {
  const t = useWords();
  const label = useLabel();
  const intake = facts.intake;
  const communeCode: string | undefined = intake?.location?.communeCode;
  const [commune, setCommune] = useState<string | null>(null);
  useEffect(() => {
    if (communeCode) void api<{ name: string }>('GET', `/gazetteer/units/${communeCode}`).then((unit) => setCommune(unit.name), () => setCommune(null));
  }, [communeCode]);
  const rows: Array<[string, unknown]> = intake
    ? [
        [t('name'), intake.child?.name],
        [t('estimatedAge'), intake.child?.estimatedAgeYears],
        [t('sex'), label(named(SEX_LABELS, intake.child?.sex)) || undefined],
        [t('communeName'), commune ?? communeCode],
        [t('address'), intake.location?.address],
        [t('condition'), intake.condition],
        [t('likelyHarm'), intake.likelyHarm],
        [t('caregivers'), intake.caregivers],
        [t('reporter'), intake.reporter && !intake.reporter.anonymous ? `${intake.reporter.name ?? ''} ${intake.reporter.phone ?? ''}` : undefined],
      ]
    : [];
  const findings = Object.entries(facts.findings ?? {}).filter(([, v]) => v === true).map(([k]) => label(named(FINDING_LABELS, k)));
  return (
    <aside className="card" aria-labelledby="facts-title" data-testid="packet">
      <h2 id="facts-title">
        {facts.caseNumber} <span className="hint">({label(named(PACKET_LABELS, facts.packet))})</span>
      </h2>
      <dl>
        {rows
          .filter(([, value]) => value !== undefined && value !== null && value !== '')
          .map(([name, value]) => (
            <div key={name} className="pair">
              <dt>{name}</dt>
              <dd>{String(value)}</dd>
            </div>
          ))}
      </dl>
      {findings.length > 0 && (
        <p>
          {t('findings')}: {findings.join(', ')}
        </p>
      )}
      {facts.referrals &&
        Object.entries(facts.referrals as Record<string, { declines: Array<{ reason: string }>; outcome: string | null }>).map(([kind, referral]) => (
          <p key={kind}>
            {t('referral')} {label(named(REFERRAL_LABELS, kind))}: {referral.outcome ?? ''} {referral.declines.map((d) => d.reason).join('; ')}
          </p>
        ))}
      {facts.classification && <p>{t('classification')}: {label(named(VERDICT_LABELS, facts.classification.verdict))}</p>}
      {facts.states && (
        <p className="hint">
          {t('status')}: {(facts.states as Array<{ label: { vi: string; en: string } }>).map((s) => label(s.label)).join(' · ')}
        </p>
      )}
    </aside>
  );
}

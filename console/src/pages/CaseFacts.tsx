import { useLabel, useWords } from '../i18n';

/** The referral packet as the agency receives it: only the fields its packet declares come from the API. */
export function CaseFacts({ facts }: { facts: Record<string, any> }) {
  const t = useWords();
  const label = useLabel();
  const intake = facts.intake;
  const rows: Array<[string, unknown]> = intake
    ? [
        [t('name'), intake.child?.name],
        [t('estimatedAge'), intake.child?.estimatedAgeYears],
        [t('sex'), intake.child?.sex],
        [t('commune'), intake.location?.communeCode],
        [t('address'), intake.location?.address],
        [t('condition'), intake.condition],
        [t('likelyHarm'), intake.likelyHarm],
        [t('caregivers'), intake.caregivers],
        [t('reporter'), intake.reporter && !intake.reporter.anonymous ? `${intake.reporter.name ?? ''} ${intake.reporter.phone ?? ''}` : undefined],
      ]
    : [];
  const findings = Object.entries(facts.findings ?? {}).filter(([, v]) => v === true).map(([k]) => k);
  return (
    <aside className="card" aria-labelledby="facts-title" data-testid="packet">
      <h2 id="facts-title">
        {facts.caseNumber} <span className="hint">({facts.packet})</span>
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
            {t('referral')} {kind}: {referral.outcome ?? ''} {referral.declines.map((d) => d.reason).join('; ')}
          </p>
        ))}
      {facts.classification && <p>{t('classification')}: {facts.classification.verdict}</p>}
      {facts.states && (
        <p className="hint">
          {t('status')}: {(facts.states as Array<{ label: { vi: string; en: string } }>).map((s) => label(s.label)).join(' · ')}
        </p>
      )}
    </aside>
  );
}

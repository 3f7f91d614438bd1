import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AGREEMENT_LABELS, childProfile, ChildProfile, compareChildren, Evidence, Match, MATCH_FIELD_LABELS, matchKeys, ReportedChild } from '../../workflows/duplicate-reports';
import { DUPLICATE_THRESHOLDS } from '../../workflows/policy';
import { mayReadCase } from '../access/case-access';
import { packetFor } from '../access/referral-packets';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { TasksRepository } from '../tasks/tasks.repository';
import { CaseIntake } from './case-intake';
import { CaseRepository } from './case.repository';
import { ChildProfilesRepository, StoredProfile } from './child-profiles.repository';
import { CandidateDto, CandidatesDto } from './dto/candidates.dto';

/** Candidates shown at most: the operator reads them one by one. */
const SHOWN = 10;

/** What of a report duplicate detection reads. */
export function reportedChildOf(intake: Pick<CaseIntake, 'receivedAt' | 'location' | 'child'> & { guardian?: CaseIntake['guardian'] } & { reporter: { phone: string | null } }): ReportedChild {
  return {
    receivedAt: intake.receivedAt,
    location: intake.location,
    child: intake.child,
    guardian: intake.guardian ?? null,
    reporterPhone: intake.reporter.phone,
  };
}

export interface ScoredCandidate {
  stored: StoredProfile;
  match: Match;
}

/**
 * Finds the cases a new report may be about, through the index of the children's profiles: never
 * a scan of the cases, never merged by itself. Every candidate shown is a case read, and audited.
 */
@Injectable()
export class DuplicateReports {
  constructor(
    private readonly work: UnitOfWork,
    private readonly profiles: ChildProfilesRepository,
    private readonly cases: CaseRepository,
    private readonly tasks: TasksRepository,
    private readonly directory: AgencyDirectory,
    private readonly gazetteer: Gazetteer,
    private readonly audit: AuditTrail,
  ) {}

  /** The cases at least "possible" for this report, best first, each case once (its best report). */
  async score(manager: EntityManager, report: ReportedChild): Promise<ScoredCandidate[]> {
    const profile = childProfile(report);
    const on = new Date(report.receivedAt);
    const provinces = await this.gazetteer.withMergedUnits(profile.provinceCode, on);
    const commune = await this.gazetteer.current(profile.communeCode, on);
    const best = new Map<string, ScoredCandidate>();
    for (const stored of await this.profiles.candidates(manager, provinces, matchKeys(profile))) {
      const sameCommune = (await this.gazetteer.current(stored.profile.communeCode, on)) === commune;
      const match = compareChildren(profile, stored.profile, sameCommune);
      if (!match.level) continue;
      const known = best.get(stored.caseId);
      if (!known || known.match.score < match.score) best.set(stored.caseId, { stored, match });
    }
    return [...best.values()].sort((a, b) => b.match.score - a.match.score || a.stored.caseNumber.localeCompare(b.stored.caseNumber)).slice(0, SHOWN);
  }

  /** The candidates as the operator sees them; the child's details only where their packet of that case shows them. */
  async find(report: ReportedChild, actor: Actor): Promise<CandidatesDto> {
    const candidates = await this.work.read(async (manager) => this.views(manager, await this.score(manager, report), actor));
    await this.shown(candidates, actor);
    return { thresholds: { likely: DUPLICATE_THRESHOLDS.likely, possible: DUPLICATE_THRESHOLDS.possible }, candidates };
  }

  /** What the intake decides on: the candidates, scored. */
  candidates(report: ReportedChild): Promise<ScoredCandidate[]> {
    return this.work.read((manager) => this.score(manager, report));
  }

  /**
   * The refusal when likely duplicates were not looked at: it carries them as the operator may
   * see them, so that the console can ask "link, or another child?".
   */
  async suspected(scored: ScoredCandidate[], actor: Actor): Promise<DomainError> {
    const candidates = await this.work.read((manager) => this.views(manager, scored, actor));
    await this.shown(candidates, actor);
    const numbers = candidates.map((c) => c.caseNumber).join(', ');
    return new DomainError(
      'DUPLICATE_SUSPECTED',
      {
        vi: `Trẻ này có thể đã có hồ sơ (${numbers}). Hãy gắn tin báo vào hồ sơ đó (duplicates.linkTo) hoặc xác nhận là trẻ khác (duplicates.notDuplicateOf)`,
        en: `This child may already have a case (${numbers}). Link the report to it (duplicates.linkTo) or confirm it is another child (duplicates.notDuplicateOf)`,
      },
      { candidates },
    );
  }

  private views(manager: EntityManager, scored: ScoredCandidate[], actor: Actor): Promise<CandidateDto[]> {
    return Promise.all(scored.map((candidate) => this.view(manager, candidate, actor)));
  }

  /** Each candidate shown is a look at a case. */
  private async shown(candidates: CandidateDto[], actor: Actor): Promise<void> {
    await Promise.all(candidates.map((c) => this.audit.record({ actor, action: 'case.candidate_shown', subject: { type: 'case', id: c.caseId }, detail: { level: c.level } })));
  }

  private async view(manager: EntityManager, { stored, match }: ScoredCandidate, actor: Actor): Promise<CandidateDto> {
    const managers = await this.directory.managers(stored);
    const readable = mayReadCase(actor, stored, new Set(await this.tasks.agenciesOf(manager, stored.caseId)), managers);
    const shows = packetFor(actor.agencyType, managers.has(actor.agencyId)).intake.child;
    return {
      caseId: stored.caseId,
      caseNumber: stored.caseNumber,
      status: stored.status,
      receivedAt: stored.profile.receivedAt,
      communeCode: stored.profile.communeCode,
      score: match.score,
      level: match.level ?? 'possible',
      evidence: match.evidence.map(evidenceView),
      child: readable ? { name: shows.name ? ((await this.cases.findById(manager, stored.caseId))?.intake.child.name ?? null) : null, ...childShown(stored.profile, shows) } : null,
    };
  }
}

function evidenceView(evidence: Evidence): CandidateDto['evidence'][number] {
  return { field: evidence.field, agreement: evidence.agreement, label: MATCH_FIELD_LABELS[evidence.field], agreementLabel: AGREEMENT_LABELS[evidence.agreement] };
}

function childShown(profile: ChildProfile, shows: { dateOfBirth: boolean; estimatedAgeYears: boolean; sex: boolean }): Omit<NonNullable<CandidateDto['child']>, 'name'> {
  return {
    ageYears: shows.estimatedAgeYears || shows.dateOfBirth ? profile.ageYears : null,
    dateOfBirth: shows.dateOfBirth ? profile.dateOfBirth : null,
    sex: shows.sex ? profile.sex : null,
  };
}

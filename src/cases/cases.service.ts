import { Inject, Injectable } from '@nestjs/common';
import { activeStates, allowedEvents, STATES } from '../../workflows/case-workflow';
import { CASE_MACHINE_VERSION, CaseInput } from '../../workflows/case.machine';
import { AccessDenied } from '../common/access-denied';
import { mayReadCase } from '../access/case-access';
import { CASE_EVENT_PERMISSIONS } from '../../workflows/case-event-permissions';
import { CasePacket, PacketPolicy, packetFor, projectCase } from '../access/referral-packets';
import { AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { lookups } from '../common/batches';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { frozen, Kept } from '../common/kept';
import { UnitOfWork } from '../common/unit-of-work';
import { invalidFields } from '../common/validation';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { nextOverdueTurn, TaskViews } from '../tasks/task-views';
import { Task } from '../tasks/task.entity';
import { TasksRepository } from '../tasks/tasks.repository';
import { CaseEngine, OpenedCase } from './case-engine.service';
import { DuplicateReports, reportedChildOf } from './duplicate-reports.service';
import { CandidatesDto, FindCandidatesDto } from './dto/candidates.dto';
import { CaseIntake, childAgeYears, CLOCK_SKEW_MS, implausibleIntake } from './case-intake';
import { CaseEventRecord } from './case-event.entity';
import { CaseRecord } from './case.entity';
import { CaseRepository, stampOf, WholeCase } from './case.repository';
import { CaseViewDto } from './dto/case-view.dto';
import { parseEventData, SendEventDto } from './dto/case-event.dto';
import { OpenCaseDto } from './dto/open-case.dto';

const CASE = { vi: 'hồ sơ', en: 'Case' };

export const INTAKE_SETTINGS = Symbol('INTAKE_SETTINGS');

/**
 * Cases read lately, kept as their snapshot with its stamp (see stampOf): a read that finds its
 * case here asks the database for the stamp alone, and parsing and hydrating the whole case again
 * was half of a read's CPU. The stamp is the database's, so a change made by any instance shows.
 * While the unit of work's change mark has not moved since, not even the stamp is asked: that small
 * statement was a third of a kept read's CPU, and on PostgreSQL a round trip.
 */
const RECENT_CASES_KEPT = 500;

interface KeptCase {
  stamp: string;
  /** The change mark when the stamp was last found current (null when the mark vouched for nothing). */
  mark: number | null;
  /** Shared by every read that finds it: read, never changed. */
  whole: WholeCase;
  /**
   * What the statechart says of this version (active states, allowed events), worked out at its
   * first read: a committed version never changes, and restoring the snapshot costs more CPU than reading it.
   */
  chart?: ChartReading;
  /** Who may read this version and what each reader is answered, while the agency directory stands (see readingOf). */
  reading?: KeptReading;
}

interface KeptReading {
  /** The directory as it stood (AgencyDirectory.edition): agency names and the area's managers come from it. */
  edition: object;
  managers: ReadonlySet<string>;
  taskAgencies: ReadonlySet<string>;
  /** Answers as sent, frozen, by packet and reading agency, each until the next overdue mark of the case turns. */
  packets: Map<string, { packet: CasePacket; builtAt: number; freshUntil: number }>;
}

type ChartReading = Pick<CaseViewDto, 'states' | 'allowedEvents' | 'classification' | 'findings' | 'referrals'>;

export interface IntakeSettings {
  /** How far back a report's `receivedAt` may lie. */
  maxReportAgeDays: number;
}

@Injectable()
export class CasesService {
  private readonly recentCases = new Kept<string, KeptCase>(RECENT_CASES_KEPT);
  /** Kept cases' stamps, asked for side by side in one statement (on PostgreSQL a round trip each was most of a kept read) once the change mark moved. */
  private readonly stamps = lookups<string, string | null>((ids) => this.work.readStatement((manager) => this.cases.currentStamps(manager, ids)), null);

  constructor(
    private readonly engine: CaseEngine,
    private readonly cases: CaseRepository,
    private readonly tasks: TasksRepository,
    private readonly taskViews: TaskViews,
    private readonly work: UnitOfWork,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly gazetteer: Gazetteer,
    private readonly directory: AgencyDirectory,
    private readonly duplicates: DuplicateReports,
    @Inject(INTAKE_SETTINGS) private readonly settings: IntakeSettings,
  ) {}

  async open(dto: OpenCaseDto, actor: Actor): Promise<OpenedCase> {
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const intake = this.intakeOf(dto, receivedAt);
    const problems = [...(await this.gazetteer.areaProblems(dto.location, 'location.')), ...implausibleIntake(intake, now, this.settings.maxReportAgeDays)];
    if (problems.length > 0) throw invalidFields(problems);
    // Every step falls back to the lead agency of the area (or the province's coordinating body); with neither, the case would wait on nobody.
    if (!(await this.directory.lead(intake.location))) {
      throw new DomainError('NO_AGENCY_IN_AREA', {
        vi: `Chưa có cơ quan chủ trì nào phụ trách xã ${intake.location.communeCode}; hãy khai báo cơ quan trước khi tiếp nhận`,
        en: `No lead agency serves commune ${intake.location.communeCode} yet; register one before taking reports there`,
      });
    }
    const input: CaseInput = {
      receivedAt: intake.receivedAt,
      childAgeYears: childAgeYears(intake.child, receivedAt),
      category: intake.category,
      work: intake.work,
      findings: intake.signs,
    };
    const decision = dto.duplicates ?? {};
    const candidates = await this.duplicates.candidates(reportedChildOf(intake));
    const reviewed = (c: (typeof candidates)[number]) => ({ caseId: c.stored.caseId, caseNumber: c.stored.caseNumber, score: c.match.score });
    if (decision.linkTo) {
      const chosen = candidates.find((c) => c.stored.caseId === decision.linkTo);
      if (!chosen) {
        throw new DomainError('NOT_A_CANDIDATE', {
          vi: 'Hồ sơ được chọn không phải là hồ sơ nghi trùng với tin báo này; hãy tìm lại các hồ sơ nghi trùng',
          en: 'The case chosen is not a likely or possible duplicate of this report; look for candidates again',
        });
      }
      return this.engine.linkReport(chosen.stored.caseId, intake, reviewed(chosen), actor);
    }
    const dismissed = new Set(decision.notDuplicateOf ?? []);
    const unanswered = candidates.filter((c) => c.match.level === 'likely' && !dismissed.has(c.stored.caseId));
    if (unanswered.length > 0) throw await this.duplicates.suspected(unanswered, actor);
    // The body that takes the report is the caller's own agency.
    return this.engine.open(intake, input, actor.agencyId, actor, candidates.filter((c) => dismissed.has(c.stored.caseId)).map(reviewed));
  }

  /** Cases the report being typed may be about, before one is opened. */
  async findCandidates(dto: FindCandidatesDto, actor: Actor): Promise<CandidatesDto> {
    const now = this.clock.now();
    const problems = await this.gazetteer.areaProblems(dto.location, 'location.');
    if (dto.receivedAt && Date.parse(dto.receivedAt) > now.getTime() + CLOCK_SKEW_MS) problems.push({ field: 'receivedAt', problems: ['receivedAt cannot be in the future'] });
    if (problems.length > 0) throw invalidFields(problems);
    return this.duplicates.find(
      {
        receivedAt: dto.receivedAt ? new Date(dto.receivedAt).toISOString() : now.toISOString(),
        location: dto.location,
        child: { name: dto.child.name ?? null, dateOfBirth: dto.child.dateOfBirth ?? null, estimatedAgeYears: dto.child.estimatedAgeYears ?? null, sex: dto.child.sex ?? 'unknown' },
        guardian: dto.guardian ? { name: dto.guardian.name ?? null, phone: dto.guardian.phone ?? null } : null,
        reporterPhone: dto.reporter?.phone ?? null,
      },
      actor,
    );
  }

  /**
   * The case as the caller's agency may see it, read without waiting for writes; the read is in
   * the audit trail before the case leaves. A case stored by an older workflow moves on when it is
   * first read, once the reader may see it, which is a write.
   */
  async get(id: string, actor: Actor): Promise<CasePacket> {
    const kept = await this.committedCase(id);
    if (!kept) throw new AccessDenied(CASE, { type: 'case', id });
    const packet = kept.whole.record.machineVersion === CASE_MACHINE_VERSION ? await this.visible(kept, actor) : await this.upgradeAndRead(id, actor);
    if (!packet) throw new AccessDenied(CASE, { type: 'case', id });
    return packet;
  }

  /** The case as committed now: what is kept when its stamp has not moved, else read whole. */
  private async committedCase(id: string): Promise<KeptCase | null> {
    const mark = this.work.changeMark();
    const kept = this.recentCases.get(id);
    if (kept && mark !== null && kept.mark === mark) return kept;
    if (kept && (await this.stamps.run(id)) === kept.stamp) {
      kept.mark = mark;
      return kept;
    }
    return this.readCase(id, mark);
  }

  /** One statement, one snapshot; kept for the reads that follow. */
  private async readCase(id: string, mark = this.work.changeMark()): Promise<KeptCase | null> {
    const whole = await this.work.readStatement((manager) => this.cases.findWhole(manager, id));
    if (!whole) {
      this.recentCases.delete(id);
      return null;
    }
    const kept = { stamp: stampOf(whole), mark, whole };
    this.recentCases.set(id, kept);
    return kept;
  }

  private async visible(kept: KeptCase, actor: Actor): Promise<CasePacket | null> {
    const { record } = kept.whole;
    const reading = await this.readingOf(kept);
    if (!mayReadCase(actor, record, reading.taskAgencies, reading.managers)) return null;
    const policy = packetFor(actor.agencyType, reading.managers.has(actor.agencyId));
    await this.audit.record({ actor, action: 'case.read', subject: { type: 'case', id: record.id }, detail: { packet: policy.name } });
    return this.keptPacket(kept, reading, policy, actor.agencyId);
  }

  private async readingOf(kept: KeptCase): Promise<KeptReading> {
    const edition = await this.directory.edition();
    if (kept.reading?.edition !== edition) {
      const { record, tasks } = kept.whole;
      kept.reading = { edition, managers: await this.directory.managers(record), taskAgencies: new Set(tasks.map((t) => t.agencyId)), packets: new Map() };
    }
    return kept.reading;
  }

  /**
   * The packet an agency is answered, worked out once for every read of this version until one of
   * its steps' overdue marks turns; frozen, so that its JSON is written once too (see HttpAdapter).
   */
  private async keptPacket(kept: KeptCase, reading: KeptReading, policy: PacketPolicy, agencyId: string): Promise<CasePacket> {
    const now = this.clock.now().getTime();
    const key = `${policy.name}|${agencyId}`;
    const found = reading.packets.get(key);
    if (found && found.builtAt <= now && now < found.freshUntil) return found.packet;
    const packet = frozen(projectCase(await this.keptView(kept), policy, agencyId));
    reading.packets.set(key, { packet, builtAt: now, freshUntil: nextOverdueTurn(kept.whole.tasks, now) });
    return packet;
  }

  private upgradeAndRead(id: string, actor: Actor): Promise<CasePacket | null> {
    return this.work.write(async (manager) => {
      // Read again under the write: another reader may have moved the case on meanwhile.
      const found = await this.cases.findForChange(manager, id);
      if (!found) return null;
      const managers = await this.directory.managers(found);
      if (!mayReadCase(actor, found, new Set(await this.tasks.agenciesOf(manager, found.id)), managers)) return null;
      const record = await this.engine.upgrade(manager, found, actor);
      // Written by this transaction, which may yet roll back: nothing of it is kept.
      const view = await this.viewOf(record, await this.cases.history(manager, id), await this.tasks.forCase(manager, id), this.readChart(record));
      if (!mayReadCase(actor, record, new Set(view.tasks.map((t) => t.agencyId)), managers)) return null;
      const policy = packetFor(actor.agencyType, managers.has(actor.agencyId));
      await this.audit.append(manager, { actor, action: 'case.read', subject: { type: 'case', id }, detail: { packet: policy.name } });
      return projectCase(view, policy, actor.agencyId);
    });
  }

  async sendEvent(id: string, dto: SendEventDto, actor: Actor): Promise<CasePacket> {
    const body = parseEventData(dto.type, dto.data);
    const readable = await this.work.read(async (manager) => {
      const found = await this.cases.findById(manager, id);
      if (!found) return null;
      const managers = await this.directory.managers(found);
      return mayReadCase(actor, found, new Set(await this.tasks.agenciesOf(manager, id)), managers) ? { record: found, managers } : null;
    });
    if (!readable) throw new AccessDenied(CASE, { type: 'case', id });
    const { record, managers } = readable;
    const manages = managers.has(actor.agencyId);
    const permission = CASE_EVENT_PERMISSIONS[dto.type];
    if (!permission) {
      throw new DomainError('ACTION_NOT_ALLOWED', {
        vi: `Sự kiện ${dto.type} được gửi bằng cách xử lý nhiệm vụ tương ứng (POST /tasks/:id/...)`,
        en: `${dto.type} is sent by doing the task that waits for it (POST /tasks/:id/...)`,
      });
    }
    const agencyMay = permission.agencies.includes(actor.agencyType) || (permission.managers === true && manages);
    if (!agencyMay || !permission.roles.some((role) => actor.roles.includes(role))) {
      throw new DomainError('FORBIDDEN', { vi: 'Tài khoản không có quyền gửi sự kiện này', en: 'Your account may not send this event' });
    }
    return this.packet(await this.engine.apply(record.id, body, actor, { expectedVersion: dto.expectedVersion }), actor);
  }

  /** The case after a write, as the acting agency may see it: as committed now, which is this write or a later one. */
  async packet(written: CaseRecord, actor: Actor): Promise<CasePacket> {
    const kept = await this.readCase(written.id);
    if (!kept) throw new AccessDenied(CASE, { type: 'case', id: written.id });
    const reading = await this.readingOf(kept);
    return this.keptPacket(kept, reading, packetFor(actor.agencyType, reading.managers.has(actor.agencyId)), actor.agencyId);
  }

  /** A committed version's view, its statechart reading worked out once for every read of it. */
  private keptView(kept: KeptCase): Promise<CaseViewDto> {
    const { record, history, tasks } = kept.whole;
    return this.viewOf(record, history, tasks, (kept.chart ??= this.readChart(record)));
  }

  private async viewOf(record: CaseRecord, history: CaseEventRecord[], tasks: Task[], chart: ChartReading): Promise<CaseViewDto> {
    const taskViews = await this.taskViews.many(tasks);
    return {
      id: record.id,
      caseNumber: record.caseNumber,
      version: record.version,
      status: record.status,
      stateValue: record.snapshot.value,
      ...chart,
      waitingFor: taskViews.filter((t) => t.status === 'open'),
      intake: record.intake,
      tasks: taskViews,
      history: history.map((e) => ({ seq: e.seq, type: e.type, actor: e.actor, at: e.at.toISOString(), payload: e.payload })),
      receivedAt: record.receivedAt.toISOString(),
      openedAt: record.openedAt.toISOString(),
      closedAt: record.closedAt ? record.closedAt.toISOString() : null,
    };
  }

  private readChart(record: CaseRecord): ChartReading {
    const snapshot = this.engine.restore(record);
    return {
      states: activeStates(snapshot.value).map((path) => ({ path, label: STATES.get(path)?.label ?? { vi: path, en: path } })),
      allowedEvents: allowedEvents(snapshot),
      classification: snapshot.context.classification,
      findings: snapshot.context.findings,
      referrals: snapshot.context.referrals,
    };
  }

  private intakeOf(dto: OpenCaseDto, receivedAt: Date): CaseIntake {
    const anonymous = dto.reporter.anonymous;
    return {
      channel: dto.channel,
      receivedAt: receivedAt.toISOString(),
      category: dto.category,
      location: {
        provinceCode: dto.location.provinceCode,
        districtCode: dto.location.districtCode ?? null,
        communeCode: dto.location.communeCode,
        address: dto.location.address ?? null,
      },
      child: {
        name: dto.child.name ?? null,
        dateOfBirth: dto.child.dateOfBirth ?? null,
        estimatedAgeYears: dto.child.estimatedAgeYears ?? null,
        sex: dto.child.sex,
        ethnicity: dto.child.ethnicity ?? null,
      },
      condition: dto.condition,
      whereNow: dto.whereNow ?? null,
      takenBy: dto.takenBy ?? null,
      likelyHarm: dto.likelyHarm ?? null,
      caregivers: dto.caregivers ?? null,
      guardian: dto.guardian ? { name: dto.guardian.name ?? null, phone: dto.guardian.phone ?? null } : null,
      actionsTaken: dto.actionsTaken ?? null,
      // An anonymous reporter leaves nothing that could name them: only how they know the child.
      reporter: {
        anonymous,
        consent: anonymous ? false : dto.reporter.consent,
        name: anonymous ? null : (dto.reporter.name ?? null),
        phone: anonymous ? null : (dto.reporter.phone ?? null),
        relationship: dto.reporter.relationship ?? null,
      },
      signs: { ...(dto.signs ?? {}) },
      work: dto.work ? { ...dto.work, employerDuties: dto.work.employerDuties ? { ...dto.work.employerDuties } : undefined } : null,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertLevel, CURRENT_POLICY, policyOf, ReferralKind } from '../../workflows/policy';
import { stepLabel } from '../../workflows/workflow-versions';
import { AgencyDirectory, Area } from '../agencies/agency-directory';
import { Agency } from '../agencies/agency.entity';
import { Task } from '../tasks/task.entity';
import { caseClosed, referralAssigned, reportLinked, stepAlert, stepReminder } from './mail-templates';
import { NumberStandIn, Outbox, OutgoingMail } from './outbox';

export const CONSOLE_URL = Symbol('CONSOLE_URL');

export interface NoticeCase extends Area {
  id: string;
  caseNumber: string;
}

function label(agency: Agency | null | undefined): { vi: string; en: string } {
  return agency ? { vi: agency.nameVi, en: agency.nameEn } : { vi: 'cơ quan', en: 'the agency' };
}

function emails(...agencies: Array<Agency | null | undefined>): string[] {
  return agencies.flatMap((agency) => (agency?.email ? [agency.email] : []));
}

/** The e-mails a change to a case sends, written to the outbox in the change's own transaction. */
@Injectable()
export class CaseNotices {
  constructor(
    private readonly outbox: Outbox,
    private readonly directory: AgencyDirectory,
    @Inject(CONSOLE_URL) private readonly consoleUrl: string,
  ) {}

  link(caseId: string): string {
    return `${this.consoleUrl}/cases/${caseId}`;
  }

  /**
   * A referral waiting for an agency to accept it tells that agency. `numberedLater`: the case's
   * number is written after these notices, in the same unit, and `record.caseNumber` stands for it.
   */
  async tasksOpened(manager: EntityManager, record: NoticeCase, tasks: Task[], numberedLater = false): Promise<void> {
    const mails: OutgoingMail[] = [];
    for (const task of tasks.filter((t) => t.action === 'accept_referral' && t.referral)) {
      const agency = await this.directory.get(task.agencyId);
      mails.push({
        id: `referral:${task.id}`,
        kind: 'referral_assigned',
        recipients: emails(agency),
        content: referralAssigned({
          caseNumber: record.caseNumber,
          link: this.link(record.id),
          referral: CURRENT_POLICY.referrals[task.referral as ReferralKind].label,
          agency: label(agency),
          dueAt: task.dueAt,
        }),
      });
    }
    const standIn: NumberStandIn | undefined = numberedLater ? { caseId: record.id, text: record.caseNumber } : undefined;
    await this.outbox.add(manager, mails, standIn);
  }

  async caseClosed(manager: EntityManager, record: NoticeCase, seq: number, unfounded: boolean): Promise<void> {
    const [lead, commune] = await Promise.all([this.directory.lead(record), this.directory.route(['COMMUNE_PC'], record)]);
    await this.outbox.add(manager, [
      {
        id: `closed:${record.id}:${seq}`,
        kind: 'case_closed',
        recipients: emails(lead, commune),
        content: caseClosed({ caseNumber: record.caseNumber, link: this.link(record.id), unfounded }),
      },
    ]);
  }

  /** The child was reported again: every agency with a step open on the case hears of it, and the lead agency. */
  async reportLinked(manager: EntityManager, record: NoticeCase, seq: number, agencyIds: string[]): Promise<void> {
    const agencies = await Promise.all([...new Set(agencyIds)].map((id) => this.directory.get(id)));
    const lead = await this.directory.lead(record);
    await this.outbox.add(manager, [
      {
        id: `linked:${record.id}:${seq}`,
        kind: 'report_linked',
        recipients: [...new Set(emails(lead, ...agencies))],
        content: reportLinked({ caseNumber: record.caseNumber, link: this.link(record.id) }),
      },
    ]);
  }

  /**
   * A reminder to the agency that owes a late step, sent at most once an hour per alert (the
   * outbox id holds the hour); answers false when this hour's was sent already.
   */
  async stepReminder(manager: EntityManager, record: NoticeCase, task: Pick<Task, 'id' | 'step' | 'machineVersion' | 'agencyId' | 'dueAt'>, from: Agency | null, at: Date): Promise<boolean> {
    const id = `remind:${task.id}:${at.toISOString().slice(0, 13)}`;
    if ((await this.outbox.existing(manager, [id])).size > 0) return false;
    const owner = await this.directory.get(task.agencyId);
    await this.outbox.add(manager, [
      {
        id,
        kind: 'step_reminder',
        recipients: emails(owner),
        content: stepReminder({ caseNumber: record.caseNumber, link: this.link(record.id), step: stepLabel(task.step, task.machineVersion), from: label(from), dueAt: task.dueAt }),
      },
    ]);
    return true;
  }

  async stepAlert(manager: EntityManager, record: NoticeCase, task: Task, level: AlertLevel, lead: Agency | null, coordinator: Agency | null): Promise<void> {
    const rung = policyOf(task.policyVersion).escalation.find((r) => r.level === level);
    if (!rung) return;
    const owner = await this.directory.get(task.agencyId);
    const recipients = emails(
      rung.notify.includes('owner') ? owner : null,
      rung.notify.includes('lead') ? lead : null,
      rung.notify.includes('coordinator') ? coordinator : null,
    );
    await this.outbox.add(manager, [
      {
        id: `alert:${task.id}:${level}`,
        kind: 'step_alert',
        recipients,
        content: stepAlert({
          caseNumber: record.caseNumber,
          link: this.link(record.id),
          level: rung.label,
          step: stepLabel(task.step, task.machineVersion),
          agency: label(owner),
          dueAt: task.dueAt,
        }),
      },
    ]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { DatabaseNotifications } from '../database/notifications';
import { AgencyType } from '../../workflows/policy';
import { Agency, AgencyLevel } from './agency.entity';
import { DEFAULT_CHAIN, ReportingChain } from './reporting-chain.entity';

export interface Area {
  provinceCode: string;
  districtCode: string | null;
  communeCode: string;
}

const LOCALITY: Record<AgencyLevel, number> = { commune: 0, district: 1, province: 2, national: 3 };

function serves(agency: Agency, area: Area): boolean {
  switch (agency.level) {
    case 'national':
      return true;
    case 'province':
      return agency.provinceCode === area.provinceCode;
    case 'district':
      return area.districtCode !== null && agency.districtCode === area.districtCode;
    case 'commune':
      return agency.communeCode === area.communeCode;
  }
}

function codeAt(agency: Agency, level: AgencyLevel): string | null {
  switch (level) {
    case 'national':
      return null;
    case 'province':
      return agency.provinceCode;
    case 'district':
      return agency.districtCode;
    case 'commune':
      return agency.communeCode;
  }
}

/** An agency's own area, as a scope: an account's default, and the widest it may have. */
export function areaOf(agency: Agency): { level: AgencyLevel; code: string | null } {
  return { level: agency.level, code: codeAt(agency, agency.level) };
}

interface Loaded {
  agencies: Map<string, Agency>;
  chains: Map<string, ReportingChain>;
}

/**
 * Which agency answers for a case's area, and each province's reporting chain. Agencies and chains
 * are few and change rarely, so they are held in memory and read again after every edit, on this
 * instance and (told through the database) on every other; routing then costs no query per transition.
 */
@Injectable()
export class AgencyDirectory {
  private loaded: Promise<Loaded> | null = null;

  constructor(
    @InjectRepository(Agency) private readonly repository: Repository<Agency>,
    @InjectRepository(ReportingChain) private readonly chains: Repository<ReportingChain>,
    private readonly notifications: DatabaseNotifications,
  ) {
    // An edit on another instance.
    notifications.on('agencies_changed').subscribe(() => this.invalidate());
  }

  /** Inside the transaction of an edit to agencies or chains: every other instance reads them again once it commits. */
  changed(manager: EntityManager): Promise<void> {
    return this.notifications.notify(manager, 'agencies_changed');
  }

  invalidate(): void {
    this.loaded = null;
  }

  /** What the directory holds now: another object after every edit, here or on another instance, so that what was worked out from it can tell. */
  edition(): Promise<object> {
    return this.load();
  }

  async get(id: string): Promise<Agency | undefined> {
    return (await this.load()).agencies.get(id);
  }

  /** The province's chain as configured, or the default. */
  async chainOf(provinceCode: string): Promise<{ communeLeadTypes: readonly AgencyType[]; coordinatorAgencyId: string | null; reportSchedule: string | null }> {
    return (await this.load()).chains.get(provinceCode) ?? { communeLeadTypes: DEFAULT_CHAIN.communeLeadTypes, coordinatorAgencyId: null, reportSchedule: null };
  }

  /** The provinces that have at least one active agency. */
  async provinces(): Promise<string[]> {
    return [...new Set([...(await this.load()).agencies.values()].flatMap((agency) => (agency.provinceCode ? [agency.provinceCode] : [])))].sort();
  }

  /** The active agencies of a province, at every level within it. */
  async inProvince(provinceCode: string): Promise<Agency[]> {
    return [...(await this.load()).agencies.values()].filter((agency) => agency.provinceCode === provinceCode);
  }

  /** The province's coordinating body: the one its chain names, or its Sở Y tế (else its social work centre). */
  async coordinator(provinceCode: string): Promise<Agency | null> {
    const { agencies } = await this.load();
    const chain = await this.chainOf(provinceCode);
    const named = chain.coordinatorAgencyId ? agencies.get(chain.coordinatorAgencyId) : undefined;
    if (named) return named;
    const provincial = [...agencies.values()].filter((agency) => agency.level === 'province' && agency.provinceCode === provinceCode);
    for (const type of DEFAULT_CHAIN.coordinatorTypes) {
      const found = provincial.filter((agency) => agency.type === type).sort((a, b) => a.id.localeCompare(b.id))[0];
      if (found) return found;
    }
    return null;
  }

  /** The agencies that manage cases in an area: its lead agency and the province's coordinating body. */
  async managers(area: Area): Promise<ReadonlySet<string>> {
    const found = await Promise.all([this.lead(area), this.coordinator(area.provinceCode)]);
    return new Set(found.flatMap((agency) => (agency ? [agency.id] : [])));
  }

  /**
   * The lead agency of a case's area, as the province's chain says: its commune lead body, or the
   * coordinating body where the commune has none. Null only where the province has neither.
   */
  async lead(area: Area): Promise<Agency | null> {
    const chain = await this.chainOf(area.provinceCode);
    for (const type of chain.communeLeadTypes) {
      const local = await this.route([type], area);
      if (local && (local.level === 'commune' || local.level === 'district')) return local;
    }
    return this.coordinator(area.provinceCode);
  }

  /**
   * Whether an area lies within the agency's: its own area, or a narrower one that some known agency's
   * codes place inside it. An account's scope is checked with this, so that it never reaches wider.
   */
  async holds(agency: Agency, area: { level: AgencyLevel; code: string | null }): Promise<boolean> {
    if (agency.level === 'national') return true;
    if (LOCALITY[area.level] > LOCALITY[agency.level] || area.code === null) return false;
    if (area.level === agency.level) return codeAt(agency, area.level) === area.code;
    const outer = codeAt(agency, agency.level);
    return [...(await this.load()).agencies.values()].some((other) => codeAt(other, area.level) === area.code && codeAt(other, agency.level) === outer);
  }

  /** The most local active agency of the first type, in order of preference, that serves the area. */
  async route(types: readonly AgencyType[], area: Area): Promise<Agency | null> {
    const all = [...(await this.load()).agencies.values()];
    for (const type of types) {
      const candidates = all
        .filter((agency) => agency.type === type && serves(agency, area))
        .sort((a, b) => LOCALITY[a.level] - LOCALITY[b.level] || a.id.localeCompare(b.id));
      if (candidates.length > 0) return candidates[0];
    }
    return null;
  }

  private load(): Promise<Loaded> {
    this.loaded ??= Promise.all([this.repository.find({ where: { active: true } }), this.chains.find()])
      .then(([agencies, chains]) => ({
        agencies: new Map(agencies.map((row) => [row.id, row])),
        chains: new Map(chains.map((row) => [row.provinceCode, row])),
      }))
      .catch((error: unknown) => {
        this.loaded = null;
        throw error;
      });
    return this.loaded;
  }
}

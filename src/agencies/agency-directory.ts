import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AgencyType } from '../../workflows/policy';
import { Agency, AgencyLevel } from './agency.entity';

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

/**
 * Which agency answers for a case's area. Agencies are few and change rarely, so the active ones
 * are held in memory and read again after every edit; routing then costs no query per transition.
 */
@Injectable()
export class AgencyDirectory {
  private agencies: Promise<Map<string, Agency>> | null = null;

  constructor(@InjectRepository(Agency) private readonly repository: Repository<Agency>) {}

  invalidate(): void {
    this.agencies = null;
  }

  async get(id: string): Promise<Agency | undefined> {
    return (await this.load()).get(id);
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
    return [...(await this.load()).values()].some((other) => codeAt(other, area.level) === area.code && codeAt(other, agency.level) === outer);
  }

  /** The most local active agency of the first type, in order of preference, that serves the area. */
  async route(types: readonly AgencyType[], area: Area): Promise<Agency | null> {
    const all = [...(await this.load()).values()];
    for (const type of types) {
      const candidates = all
        .filter((agency) => agency.type === type && serves(agency, area))
        .sort((a, b) => LOCALITY[a.level] - LOCALITY[b.level] || a.id.localeCompare(b.id));
      if (candidates.length > 0) return candidates[0];
    }
    return null;
  }

  private load(): Promise<Map<string, Agency>> {
    this.agencies ??= this.repository
      .find({ where: { active: true } })
      .then((rows) => new Map(rows.map((row) => [row.id, row])))
      .catch((error: unknown) => {
        this.agencies = null;
        throw error;
      });
    return this.agencies;
  }
}

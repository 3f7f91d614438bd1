import { ChildWork, classifyChildWork, FORBIDDEN_JOBS, FORBIDDEN_WORKPLACES, LIGHT_JOBS } from './child-labour';

function work(overrides: Partial<ChildWork>): ChildWork {
  return { ageYears: 14, job: 'handicrafts', workplace: 'home', hoursPerDay: 2, hoursPerWeek: 10, nightWork: false, ...overrides };
}

function codes(overrides: Partial<ChildWork>): string[] {
  return classifyChildWork(work(overrides)).reasons.map((r) => r.code);
}

describe('classifyChildWork', () => {
  describe('under 13', () => {
    it('permits art or sport with the provincial approval, within 4 h/day and 20 h/week', () => {
      expect(classifyChildWork(work({ ageYears: 11, job: 'performing_arts', provincialApproval: true }))).toEqual({
        verdict: 'permitted',
        reasons: [],
        policeReferral: false,
      });
    });

    it('makes art or sport refused the approval unlawful (art. 145(3))', () => {
      const result = classifyChildWork(work({ ageYears: 12, job: 'athlete', provincialApproval: false }));
      expect(result.verdict).toBe('unlawful');
      expect(result.reasons.map((r) => r.code)).toEqual(['UNDER_13_NO_APPROVAL']);
      expect(result.reasons[0].basis).toContain('art. 145(3)');
    });

    it('gives art or sport whose approval is not known yet its own verdict: the approval is to be checked', () => {
      const result = classifyChildWork(work({ ageYears: 10, job: 'performing_arts' }));
      expect(result.verdict).toBe('approval_required');
      expect(result.reasons.map((r) => [r.code, r.basis])).toEqual([['UNDER_13_APPROVAL_TO_CHECK', expect.stringContaining('art. 145(3)')]]);
      expect(result.policeReferral).toBe(false);
    });

    it('still holds an under-13 in art or sport to 4 hours a day and night-time rest, approval or not', () => {
      expect(codes({ ageYears: 10, job: 'athlete', provincialApproval: true, hoursPerDay: 5, nightWork: true })).toEqual([
        'DAILY_HOURS_EXCEEDED',
        'NIGHT_WORK_UNDER_15',
      ]);
    });

    it.each(LIGHT_JOBS.filter((job) => job !== 'performing_arts' && job !== 'athlete'))(
      'makes light work (%s) unlawful below 13',
      (job) => {
        expect(classifyChildWork(work({ ageYears: 12, job })).verdict).toBe('unlawful');
        expect(codes({ ageYears: 12, job })).toContain('UNDER_13_NOT_ART_OR_SPORT');
        expect(classifyChildWork(work({ ageYears: 12, job })).reasons[0].basis).toContain('art. 143(4), 145(3)');
      },
    );
  });

  describe('13 to under 15', () => {
    it.each(LIGHT_JOBS)('permits the light job %s', (job) => {
      expect(classifyChildWork(work({ ageYears: 13, job })).verdict).toBe('permitted');
    });

    it('makes a job off the light-work list unlawful', () => {
      expect(codes({ ageYears: 14, job: 'other' })).toEqual(['NOT_LIGHT_WORK']);
    });

    it('allows 4 hours a day and 20 a week, not more (art. 146(1))', () => {
      expect(classifyChildWork(work({ hoursPerDay: 4, hoursPerWeek: 20 })).verdict).not.toBe('unlawful');
      expect(codes({ hoursPerDay: 4.5 })).toEqual(['DAILY_HOURS_EXCEEDED']);
      expect(codes({ hoursPerWeek: 21 })).toEqual(['WEEKLY_HOURS_EXCEEDED']);
      expect(classifyChildWork(work({ hoursPerDay: 5 })).reasons[0].basis).toMatch(/art\. 146\(1\)$/);
    });

    it('forbids night work (art. 146(1))', () => {
      expect(codes({ nightWork: true })).toEqual(['NIGHT_WORK_UNDER_15']);
      expect(classifyChildWork(work({ nightWork: true })).reasons[0].basis).toMatch(/art\. 146\(1\)$/);
    });
  });

  describe('15 to under 18', () => {
    it('permits ordinary work within 8 hours a day and 40 a week', () => {
      expect(classifyChildWork(work({ ageYears: 16, job: 'other', workplace: 'shop', hoursPerDay: 5, hoursPerWeek: 25 })).verdict).toBe('permitted');
    });

    it('allows 8 hours a day and 40 a week, not more (art. 146(2))', () => {
      expect(codes({ ageYears: 16, job: 'other', hoursPerDay: 9, hoursPerWeek: 40 })).toEqual(['DAILY_HOURS_EXCEEDED']);
      expect(codes({ ageYears: 17, job: 'other', hoursPerDay: 8, hoursPerWeek: 41 })).toEqual(['WEEKLY_HOURS_EXCEEDED']);
      expect(classifyChildWork(work({ ageYears: 16, job: 'other', hoursPerDay: 9 })).reasons[0].basis).toMatch(/art\. 146\(2\)$/);
    });

    it('allows night work only in the jobs Circular 09/2020 lists (art. 146(2))', () => {
      expect(classifyChildWork(work({ ageYears: 16, job: 'performing_arts', nightWork: true })).verdict).not.toBe('unlawful');
      expect(codes({ ageYears: 16, job: 'other', nightWork: true })).toEqual(['NIGHT_WORK_NOT_LISTED']);
      expect(classifyChildWork(work({ ageYears: 16, job: 'other', nightWork: true })).reasons[0].basis).toContain('art. 146(2)');
    });
  });

  describe('art. 147: forbidden to everyone under 18', () => {
    it.each(FORBIDDEN_JOBS)('the job %s', (job) => {
      const result = classifyChildWork(work({ ageYears: 17, job, workplace: 'workshop' }));
      expect(result.verdict).toBe('unlawful');
      expect(result.reasons.map((r) => r.code)).toEqual(['FORBIDDEN_JOB']);
      expect(result.reasons[0].basis).toContain('art. 147(1)');
    });

    it.each(FORBIDDEN_WORKPLACES)('the workplace %s', (workplace) => {
      const result = classifyChildWork(work({ ageYears: 17, job: 'other', workplace }));
      expect(result.verdict).toBe('unlawful');
      expect(result.reasons.map((r) => r.code)).toEqual(['FORBIDDEN_WORKPLACE']);
      expect(result.reasons[0].basis).toContain('art. 147(2)');
    });
  });

  describe('art. 147 findings call for the police; under 16 they may be the crime of Penal Code art. 296', () => {
    it('flags a 15-year-old in a forbidden job', () => {
      const result = classifyChildWork(work({ ageYears: 15, job: 'chemicals_gas_explosives', workplace: 'factory' }));
      expect(result.policeReferral).toBe(true);
      expect(result.reasons.map((r) => r.code)).toContain('POSSIBLE_CRIME_ART_296');
    });

    it('flags hazardous conditions under 16 whatever the job', () => {
      expect(classifyChildWork(work({ ageYears: 13, hazardousConditions: true })).policeReferral).toBe(true);
    });

    it('calls the police for a 16-year-old in a forbidden job, without the art. 296 crime', () => {
      const result = classifyChildWork(work({ ageYears: 16, job: 'heavy_lifting', workplace: 'field' }));
      expect(result.verdict).toBe('unlawful');
      expect(result.policeReferral).toBe(true);
      expect(result.reasons.map((r) => r.code)).toEqual(['FORBIDDEN_JOB']);
    });

    it('cites art. 147 for hazardous conditions', () => {
      expect(classifyChildWork(work({ ageYears: 17, job: 'other', hazardousConditions: true })).reasons[0].basis).toContain('art. 147(1)(h)');
    });

    it('does not flag too many hours alone', () => {
      expect(classifyChildWork(work({ ageYears: 14, hoursPerDay: 6 })).policeReferral).toBe(false);
    });
  });

  describe('at risk', () => {
    it('marks permitted work near the hour limit', () => {
      expect(classifyChildWork(work({ hoursPerDay: 3 }))).toMatchObject({ verdict: 'at_risk', reasons: [{ code: 'NEAR_HOUR_LIMIT' }] });
      expect(classifyChildWork(work({ hoursPerDay: 2, hoursPerWeek: 10 })).verdict).toBe('permitted');
    });

    it.each([
      ['missed school', { missedSchool: true }, 'MISSED_SCHOOL'],
      ['a poor household', { poorHousehold: true }, 'POOR_HOUSEHOLD'],
      ['a sibling in child labour', { siblingInChildLabour: true }, 'SIBLING_IN_CHILD_LABOUR'],
      ['an employer without a written contract', { employerDuties: { writtenContract: false, outsideSchoolHours: true, healthChecks: true } }, 'EMPLOYER_DUTIES_MISSING'],
    ])('marks %s', (_, facts, code) => {
      expect(classifyChildWork(work(facts as Partial<ChildWork>))).toMatchObject({ verdict: 'at_risk', reasons: [{ code }] });
    });

    it('does not hold art. 145 duties against the employer of a 15-year-old', () => {
      const facts = { ageYears: 15, employerDuties: { writtenContract: false, outsideSchoolHours: false, healthChecks: false } };
      expect(classifyChildWork(work(facts)).verdict).toBe('permitted');
    });

    it('lets unlawful reasons win over at-risk ones', () => {
      expect(classifyChildWork(work({ job: 'other', poorHousehold: true }))).toMatchObject({
        verdict: 'unlawful',
        reasons: [{ code: 'NOT_LIGHT_WORK' }],
      });
    });
  });

  it('cites art. 145(1)(b) for a missed school day under 15 and policy above', () => {
    expect(classifyChildWork(work({ missedSchool: true })).reasons[0].basis).toContain('art. 145(1)(b)');
    expect(classifyChildWork(work({ ageYears: 16, job: 'other', missedSchool: true })).reasons[0].basis).toBe('policy');
  });

  it('gives every reason in Vietnamese and English', () => {
    const result = classifyChildWork(work({ ageYears: 12, job: 'other', workplace: 'karaoke', hoursPerDay: 9, hoursPerWeek: 50, nightWork: true }));
    expect(result.reasons.length).toBeGreaterThan(4);
    for (const reason of result.reasons) {
      expect(reason.vi).not.toEqual(reason.en);
      expect(reason.vi.length).toBeGreaterThan(5);
      expect(reason.basis.length).toBeGreaterThan(3);
    }
  });

  it('treats an 18-year-old as an adult', () => {
    expect(classifyChildWork(work({ ageYears: 18, job: 'heavy_lifting', workplace: 'construction_site' })).verdict).toBe('permitted');
  });
});

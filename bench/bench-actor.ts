import type { Actor } from '../src/common/actor.decorator';

/** The hotline operator the benchmarks act as, without signing in. */
export const BENCH_ACTOR: Actor = {
  id: 'bench',
  username: 'bench',
  agencyId: '00000000-0000-4000-8000-000000000001',
  agencyType: 'HOTLINE_111',
  roles: ['operator'],
  scope: { level: 'national', code: null },
  sessionId: 'bench',
};

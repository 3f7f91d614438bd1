import { createHash } from 'node:crypto';
import { contentAfterSeq, GENESIS_HASH, lineHash } from './audit-chain';

describe('An audit line’s hash', () => {
  const line = {
    seq: 1234,
    at: new Date('2026-03-02T01:00:00.123Z'),
    actorId: 'Lò Thị Pằng "🧒"',
    actorAgencyId: null,
    action: 'case.read',
    subjectType: 'case',
    subjectId: 'a\\b\nc',
    outcome: 'ok',
    detail: { packet: 'police', n: 0.1 + 0.2, none: null, yes: true },
    prevHash: GENESIS_HASH,
  };

  it('is the one every chain written so far was made with: SHA-256 over the previous hash and the line as a JSON array', () => {
    const written = JSON.stringify([line.seq, line.at.toISOString(), line.actorId, line.actorAgencyId, line.action, line.subjectType, line.subjectId, line.outcome, [['n', 0.1 + 0.2], ['none', null], ['packet', 'police'], ['yes', true]]]);
    expect(lineHash(line)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${written}`).digest('hex'));
  });

  it('can be finished from the content after the number, as PostgreSQL finishes it', () => {
    expect(`[${line.seq},${contentAfterSeq(line)}`).toBe(JSON.stringify([line.seq, ...JSON.parse(`[${contentAfterSeq(line)}`)]));
    expect(lineHash({ ...line, seq: 1235 })).not.toBe(lineHash(line));
  });
});

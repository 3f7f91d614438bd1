import { createHash } from 'node:crypto';

/** The chain's anchor: the hash the first line points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedLine {
  seq: number;
  at: Date;
  actorId: string;
  actorAgencyId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** SHA-256 over the previous hash and every field of the line, in a fixed order. */
export function lineHash(line: Omit<ChainedLine, 'hash'>): string {
  return createHash('sha256').update(line.prevHash).update('\n').update(`[${line.seq},${contentAfterSeq(line)}`).digest('hex');
}

/**
 * The hashed content after the line's number: `"at","actorId",…]`. The whole content is the JSON
 * array `[seq,"at","actorId",…]`, so a database that numbers the line can finish it and hash it
 * (see AuditTrail: PostgreSQL chains the lines in the statement that inserts them).
 */
export function contentAfterSeq(line: Omit<ChainedLine, 'seq' | 'prevHash' | 'hash'>): string {
  return JSON.stringify([
    line.at.toISOString(),
    line.actorId,
    line.actorAgencyId,
    line.action,
    line.subjectType,
    line.subjectId,
    line.outcome,
    Object.keys(line.detail)
      .sort()
      .map((key) => [key, line.detail[key]]),
  ]).slice(1);
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first line that does not hold: altered, removed after, or out of sequence. */
  firstBroken: { seq: number; reason: string } | null;
}

const PAGE = 1000;

/** Walks the whole chain a page at a time; `readPage` answers up to `limit` lines after `seq`. */
export async function verifyChain(readPage: (afterSeq: number, limit: number) => Promise<ChainedLine[]>): Promise<ChainCheck> {
  const verifier = new ChainVerifier();
  for (let after = 0; ; ) {
    const lines = await readPage(after, PAGE);
    verifier.feed(lines);
    if (lines.length < PAGE) return verifier.result();
    after = lines[lines.length - 1].seq;
  }
}

/** Checks lines in order of `seq`, continuing from the previous page's last line. */
class ChainVerifier {
  private previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  private checked = 0;
  private broken: ChainCheck['firstBroken'] = null;

  feed(lines: ChainedLine[]): void {
    for (const line of lines) {
      if (this.broken) return;
      this.checked += 1;
      if (line.seq !== this.previous.seq + 1) this.broken = { seq: line.seq, reason: `expected line ${this.previous.seq + 1}` };
      else if (line.prevHash !== this.previous.hash) this.broken = { seq: line.seq, reason: 'does not point at the line before' };
      else if (lineHash(line) !== line.hash) this.broken = { seq: line.seq, reason: 'content does not match its hash' };
      this.previous = { seq: line.seq, hash: line.hash };
    }
  }

  result(): ChainCheck {
    return { ok: this.broken === null, checked: this.checked, firstBroken: this.broken };
  }
}

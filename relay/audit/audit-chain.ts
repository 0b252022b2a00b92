import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/json/canonical-json.ts';
import type { AuditChainState } from '../../shared/audit/index.ts';

/** prev_hash of the first row: there is nothing before it to point at. */
export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The part of a row its hash covers. */
export interface AuditContent {
  seq: number;
  at: string;
  kind: string;
  actor: string | null;
  payload: unknown;
}

/** A row as stored; `payloadJson` stays text so a row that no longer parses is reported, not thrown. */
export interface StoredAuditRow {
  seq: number;
  at: string;
  kind: string;
  actor: string | null;
  payloadJson: string;
  prevHash: string;
  hash: string;
}

/** Chains the row to its predecessor: editing any covered field, or the predecessor, changes it. */
export function auditRowHash(prevHash: string, content: AuditContent): string {
  const { seq, at, kind, actor, payload } = content;
  return sha256Hex(prevHash + canonicalJson({ seq, at, kind, actor, payload }));
}

/**
 * Walks rows in seq order and names the first that breaks the chain. Checks run in the order that
 * tells the tampering apart: a skipped seq means rows were deleted; a prev_hash that is not the
 * previous row's hash means a row was inserted or rows reordered; a hash that does not match the
 * row's own content means the row was edited (or replaced).
 */
export function verifyAuditChain(rows: Iterable<StoredAuditRow>): AuditChainState {
  let count = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  const broken = (seq: number, message: string): AuditChainState => ({ state: 'broken', rows: count, firstBadSeq: seq, message });

  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      return row.seq > expectedSeq
        ? broken(row.seq, `seq ${row.seq} follows ${expectedSeq - 1}: row${row.seq - expectedSeq > 1 ? `s ${expectedSeq}–${row.seq - 1}` : ` ${expectedSeq}`} deleted`)
        : broken(row.seq, `seq ${row.seq} is out of order after ${expectedSeq - 1}`);
    }
    if (row.prevHash !== prevHash) {
      return broken(row.seq, `row ${row.seq}: prev_hash does not match row ${row.seq - 1}'s hash: a row was inserted or rows reordered`);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(row.payloadJson);
    } catch {
      return broken(row.seq, `row ${row.seq}: payload is not JSON: the row was edited`);
    }
    if (auditRowHash(row.prevHash, { ...row, payload }) !== row.hash) {
      return broken(row.seq, `row ${row.seq}: hash does not match its content: the row was edited`);
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  return { state: 'intact', rows: count };
}

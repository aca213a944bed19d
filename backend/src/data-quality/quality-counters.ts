/** What ingest counts per workspace, source and UTC day (see README.md for the exact definitions). */
export interface QualityCounters {
  /** Calls received, duplicates included. */
  received: number;
  /** Received calls not stored because their messageId was already stored (or repeated in the request). */
  duplicates: number;
  /** Stored calls carrying every required field of their call type. */
  complete: number;
  /** Stored calls whose person, after the request's stitching, has a userId. */
  identified: number;
  /** Stored calls whose person, after the request's stitching, belongs to an account. */
  accountMatched: number;
}

export const ZERO_COUNTERS: QualityCounters = Object.freeze({ received: 0, duplicates: 0, complete: 0, identified: 0, accountMatched: 0 });

export function addCounters(a: QualityCounters, b: QualityCounters): QualityCounters {
  return {
    received: a.received + b.received,
    duplicates: a.duplicates + b.duplicates,
    complete: a.complete + b.complete,
    identified: a.identified + b.identified,
    accountMatched: a.accountMatched + b.accountMatched,
  };
}

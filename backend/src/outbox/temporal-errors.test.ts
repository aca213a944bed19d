import { ServiceError } from '@temporalio/client';
import { backoffMs } from './outbox-dispatcher';
import { classifyDispatchError, TemporalUnreachableError } from './temporal-errors';

/** The shape @grpc/grpc-js gives a failed call (code, details, metadata). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

describe('classifyDispatchError', () => {
  it('treats a failed connection and transport codes as "Temporal unreachable"', () => {
    expect(classifyDispatchError(new TemporalUnreachableError(new Error('connect ECONNREFUSED')))).toBe('unreachable');
    expect(classifyDispatchError(new ServiceError('start failed', { cause: grpcError(14, 'No connection established') }))).toBe('unreachable');
    expect(classifyDispatchError(grpcError(4, 'Deadline exceeded'))).toBe('unreachable');
  });

  it('treats INVALID_ARGUMENT as a rejection and everything else as retryable', () => {
    expect(classifyDispatchError(new ServiceError('start failed', { cause: grpcError(3, 'input too large') }))).toBe('rejected');
    expect(classifyDispatchError(grpcError(5, 'namespace not found'))).toBe('other');
    expect(classifyDispatchError(new Error('SQLITE_BUSY'))).toBe('other');
  });
});

describe('backoffMs', () => {
  it('doubles from 200 ms and is capped at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(backoffMs)).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});

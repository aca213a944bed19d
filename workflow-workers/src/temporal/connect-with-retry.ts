import { NativeConnection } from '@temporalio/worker';

export interface ConnectWithRetryOptions {
  address: string;
  /** Stop trying (e.g. on SIGTERM while Temporal is still down). */
  signal?: AbortSignal;
  log?: (line: string) => void;
  maxDelayMs?: number;
}

/**
 * Connects to Temporal, waiting for it to come up: at `npm start` the worker may start before the
 * dev server listens. Backs off up to `maxDelayMs` and says so on each attempt.
 */
export async function connectWithRetry(options: ConnectWithRetryOptions): Promise<NativeConnection> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await NativeConnection.connect({ address: options.address });
    } catch (error) {
      if (options.signal?.aborted) throw new Error(`Stopped before Temporal at ${options.address} was reachable`);
      const delayMs = Math.min(500 * 2 ** (attempt - 1), maxDelayMs);
      log(
        `worker: Temporal is not reachable at ${options.address} yet (attempt ${attempt}: ${firstLine(error)}); ` +
          `retrying in ${(delayMs / 1000).toFixed(1)}s`,
      );
      await delay(delayMs, options.signal);
      if (options.signal?.aborted) throw new Error(`Stopped before Temporal at ${options.address} was reachable`);
    }
  }
}

/** The core SDK's transport errors are long Rust debug strings; say the useful part. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/connection refused|code: 111|ECONNREFUSED/i.test(message)) return 'connection refused';
  const line = message.split('\n')[0]!;
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

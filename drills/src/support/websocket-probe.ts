import WebSocket from 'ws';

export interface WebSocketClose {
  code: number;
  reason: string;
  /** From opening to the close, in ms. */
  afterMs: number;
  /** Messages the server sent before closing. */
  received: string[];
}

/**
 * Opens a graphql-transport-ws socket to `url`, sends `messages` (one after the other, `gapMs` apart)
 * and resolves with how the server closed it; rejects if it is still open after `timeoutMs`.
 */
export function probeWebSocket(url: string, messages: unknown[], { timeoutMs = 15_000, gapMs = 100 } = {}): Promise<WebSocketClose> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const received: string[] = [];
    let opened = 0;
    const timer = setTimeout(() => {
      socket.terminate();
      reject(Object.assign(new Error(`the server kept the socket open for ${timeoutMs} ms`), { received }));
    }, timeoutMs);
    socket.on('open', async () => {
      opened = Date.now();
      for (const message of messages) {
        if (socket.readyState !== WebSocket.OPEN) break;
        socket.send(typeof message === 'string' ? message : JSON.stringify(message));
        await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    socket.on('message', (data) => received.push(data.toString()));
    socket.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString(), afterMs: Date.now() - opened, received });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

// A raw HTTP/1.1 exchange over a socket, for what fetch will not send: lying Content-Length,
// broken gzip, bodies that trickle in. Resolves with what the server answered (status line and
// raw text) and when the connection closed.
import { connect } from 'node:net';

export interface RawAnswer {
  /** The HTTP status, or undefined when the server closed without answering. */
  status?: number;
  text: string;
  /** Milliseconds from connecting to the server's answer (or close). */
  answeredAfterMs: number;
  /** Milliseconds from connecting to the connection's close. */
  closedAfterMs: number;
}

export interface RawRequest {
  url: string;
  method?: string;
  path?: string;
  headers: Record<string, string>;
  /** Sent right after the headers. */
  body?: Buffer | string;
  /** Body chunks sent one by one, `everyMs` apart, after `body`. */
  trickle?: { chunks: number; chunk: string; everyMs: number };
  /** Give up waiting after this long (the answer then has no status). */
  timeoutMs?: number;
}

export function rawRequest({ url, method = 'POST', path = '/api/messages', headers, body, trickle, timeoutMs = 30_000 }: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const started = performance.now();
    let text = '';
    let answeredAt: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    const socket = connect(Number(port), hostname, () => {
      const head = [`${method} ${path} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n');
      socket.write(head);
      if (body !== undefined) socket.write(body);
      if (trickle) {
        let sent = 0;
        timer = setInterval(() => {
          if (sent++ >= trickle.chunks || socket.destroyed) return clearInterval(timer);
          socket.write(trickle.chunk);
        }, trickle.everyMs);
      }
    });
    const giveUp = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (data) => {
      answeredAt ??= performance.now() - started;
      text += data.toString('latin1');
    });
    socket.on('error', () => undefined); // a reset after the answer is the server closing on us
    socket.on('close', () => {
      clearTimeout(giveUp);
      clearInterval(timer);
      const closedAfterMs = performance.now() - started;
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      resolve({ ...(status ? { status: Number(status) } : {}), text, answeredAfterMs: answeredAt ?? closedAfterMs, closedAfterMs });
    });
  });
}

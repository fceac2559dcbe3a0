// An HTTP proxy in front of a service (here Azurite's table endpoint) that can be told to fail:
// answer a status such as 503 without forwarding, hang without answering, or forward the request
// and then never deliver the response (the write happened; the caller cannot know). A fault can
// be limited to the requests a predicate picks (e.g. only transactions), so tests can break a
// use case halfway.
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Answer with this status (and a storage-style error body) without forwarding. */
  | { kind: 'status'; status: number }
  /** Accept the request and never answer it. */
  | { kind: 'hang' }
  /** Forward the request, let the service act on it, and never deliver the answer. */
  | { kind: 'lose-response' };

export interface SeenRequest {
  method: string;
  path: string;
  fault: Fault['kind'];
}

export interface FaultProxy {
  /** host:port of the proxy. */
  host: string;
  port: number;
  /** Every request, with the fault it got. */
  seen: SeenRequest[];
  /** Applies `fault` to the requests `applies` picks (all by default); the rest pass. */
  set(fault: Fault, applies?: (method: string, path: string) => boolean): void;
  /** Back to passing everything; requests left hanging are cut off. */
  heal(): void;
  close(): Promise<void>;
}

const pass: Fault = { kind: 'pass' };

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let fault: Fault = pass;
  let applies: (method: string, path: string) => boolean = () => true;
  const seen: SeenRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const current = applies(method, path) ? fault : pass;
    seen.push({ method, path, fault: current.kind });

    if (current.kind === 'status') {
      req.resume();
      res.writeHead(current.status, { 'content-type': 'application/json;odata=minimalmetadata', 'x-ms-error-code': 'ServerBusy' });
      res.end(JSON.stringify({ 'odata.error': { code: 'ServerBusy', message: { lang: 'en-US', value: 'injected fault' } } }));
      return;
    }
    if (current.kind === 'hang') {
      req.resume();
      hanging.add(res);
      return;
    }
    const upstream = forward(
      { host: target.host, port: target.port, method, path, headers: { ...req.headers, host: `${target.host}:${target.port}` } },
      (answer) => {
        if (current.kind === 'lose-response') {
          answer.resume();
          hanging.add(res);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const cutHanging = () => {
    for (const res of hanging) res.socket?.destroy();
    hanging.clear();
  };

  return {
    host: '127.0.0.1',
    port,
    seen,
    set(next, picks = () => true) {
      fault = next;
      applies = picks;
    },
    heal() {
      fault = pass;
      applies = () => true;
      cutHanging();
    },
    close: () =>
      new Promise((resolve) => {
        cutHanging();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

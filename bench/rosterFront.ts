// A front for the benchmarks' Connector stub that also answers Teams' roster calls (the
// disclosure guard reads who is in a conversation).
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Person } from '../test/support/activities.js';

/**
 * The limiting stub speaks only activities; the disclosure guard also reads rosters. This front
 * answers roster calls (every member is an ordinary user of the tenant) and passes the rest on.
 */
export async function rosterFront(target: string, everyone: readonly Person[], tenantId: string): Promise<{ url: string; close(): Promise<void> }> {
  const people = new Map(everyone.map((p) => [p.id, p]));
  const member = (id: string) => ({ id, aadObjectId: people.get(id)?.aadObjectId ?? '', name: people.get(id)?.name ?? '', tenantId, userRole: 'user' });
  const server = createServer((req, res) => {
    const roster = /\/v3\/conversations\/([^/]+)\/(pagedmembers|members\/([^/?]+))/.exec(req.url ?? '');
    if (req.method === 'GET' && roster) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(roster[2] === 'pagedmembers' ? { members: [...people.keys()].map(member) } : member(decodeURIComponent(roster[3] ?? ''))));
      return;
    }
    const upstream = httpRequest(`${target}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}


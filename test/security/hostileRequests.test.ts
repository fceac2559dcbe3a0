// What an attacker or a bad network can send to the open port, over raw sockets (fetch will not
// send a broken gzip stream or a lying Content-Length): each is refused from its headers or
// bounded in time, the process stays up and healthy, nothing is written to disk, and memory does
// not follow what the client claims. Issue 22, points 1–5.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity } from '../support/activities.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { newSigningKey, signJwt } from '../support/jwt.js';
import { rawRequest } from '../support/rawHttp.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const MAX_BODY = 262_144;
const limits = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, timeoutCheckIntervalMs: 100, inFlightBodyBytes: 3 * MAX_BODY };
let app: TestApp;

const healthy = async (target: TestApp = app) => (await fetch(`${target.url}/healthz`)).status;
const help = () => JSON.stringify(messageActivity({ serviceUrl: app.connector.url, tenantId: TENANT, from: people.member }, 'help'));
const jsonHeaders = (body: string | Buffer, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  'Content-Length': String(Buffer.byteLength(body)),
  Connection: 'close',
  ...extra,
});
const uploads = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));

beforeAll(async () => {
  app = await startTestApp({ programmes: [testProgramme()], env: { SAMSPILL_MAX_BODY_BYTES: String(MAX_BODY) }, httpLimits: limits });
});
afterAll(async () => app.stop());

describe('content codings and types Bot Framework never sends', () => {
  it('a 2-byte "gzip" body (the one-request outage) gets 415, and the service stays up', async () => {
    const answer = await rawRequest({ url: app.url, headers: jsonHeaders('{}', { 'Content-Encoding': 'gzip' }), body: '{}' });
    expect(answer.status).toBe(415);
    expect(await healthy()).toBe(200);
  });

  it('a gzip bomb (200 MB of activity in a small body) is refused unread: 415, memory unmoved', async () => {
    // 200 MB of JSON-looking zeros compressed; sent whole with its true (small) Content-Length.
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, '0'), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_BODY);
    const before = process.memoryUsage().rss;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => rawRequest({ url: app.url, headers: jsonHeaders(bomb, { 'Content-Encoding': 'gzip' }), body: bomb })),
    );
    expect(answers.map((a) => a.status)).toEqual([415, 415, 415, 415, 415]);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    for (const coding of ['deflate', 'br', 'gzip, identity', 'x-unknown']) {
      expect((await rawRequest({ url: app.url, headers: jsonHeaders(help(), { 'Content-Encoding': coding }), body: help() })).status, coding).toBe(415);
    }
    expect(await healthy()).toBe(200);
  });

  it('an explicit identity coding is a plain body and is served', async () => {
    const body = help();
    const answer = await rawRequest({ url: app.url, headers: jsonHeaders(body, { 'Content-Encoding': 'identity' }), body });
    expect(answer.status).toBe(200);
  });

  it('multipart/form-data with a 5 MB part gets 415 and leaves no file behind', async () => {
    const before = uploads();
    const boundary = 'samspill-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
    const body = Buffer.concat([Buffer.from(part), Buffer.alloc(5 * 1024 * 1024, 'a'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const answer = await rawRequest({
      url: app.url,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length), Connection: 'close' },
      body,
    });
    expect(answer.status).toBe(415);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(uploads()).toEqual(before);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/jsonp'])('Content-Type %s gets 415', async (type) => {
    const body = help();
    expect((await rawRequest({ url: app.url, headers: { ...jsonHeaders(body), 'Content-Type': type }, body })).status).toBe(415);
  });
});

describe('sizes and slow clients', () => {
  it('a declared Content-Length over the limit is refused at once, before the body is sent', async () => {
    const answer = await rawRequest({ url: app.url, headers: { 'Content-Type': 'application/json', 'Content-Length': String(1024 * 1024) } });
    expect(answer.status).toBe(413);
    expect(answer.answeredAfterMs).toBeLessThan(1_000);
    const lying = await rawRequest({ url: app.url, headers: { 'Content-Type': 'application/json', 'Content-Length': 'lots' } });
    expect(lying.status).toBeGreaterThanOrEqual(400);
    expect(lying.status).toBeLessThan(500);
  });

  it('60 connections trickling their bodies are all closed with 408 once the request timeout passes', async () => {
    const slow = Array.from({ length: 60 }, () =>
      rawRequest({
        url: app.url,
        headers: { 'Content-Type': 'application/json', 'Content-Length': '10000' },
        trickle: { chunks: 1_000, chunk: ' ', everyMs: 200 },
        timeoutMs: 20_000,
      }),
    );
    // While they hang on, the service answers others (the in-flight budget is per byte declared).
    expect(await healthy()).toBe(200);
    const answers = await Promise.all(slow);
    for (const answer of answers) {
      expect(answer.status).toBe(408);
      expect(answer.closedAfterMs).toBeLessThan(limits.requestTimeoutMs + 2_000);
    }
  });

  it('headers that never finish are cut off at the headers timeout', async () => {
    const started = performance.now();
    const unfinished = await new Promise<number>((resolve) => {
      const { hostname, port } = new URL(app.url);
      const socket = connect(Number(port), hostname, () => socket.write('POST /api/messages HTTP/1.1\r\nHost: x\r\nX-Slow: '));
      const drip = setInterval(() => socket.writable && socket.write('a'), 100);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(drip);
        resolve(performance.now() - started);
      });
    });
    expect(unfinished).toBeLessThan(limits.headersTimeoutMs + 3_000);
  });

  it('bodies in flight are bounded in total: beyond the budget a request gets 503 with Retry-After, and room comes back', async () => {
    const hold = () =>
      rawRequest({ url: app.url, headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY) }, trickle: { chunks: 100, chunk: ' ', everyMs: 100 }, timeoutMs: 10_000 });
    const holding = [hold(), hold(), hold()];
    await new Promise((resolve) => setTimeout(resolve, 200));
    const refused = await rawRequest({ url: app.url, headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY) } });
    expect(refused.status).toBe(503);
    expect(refused.text).toMatch(/retry-after: 1/i);
    expect((await Promise.all(holding)).map((a) => a.status)).toEqual([408, 408, 408]);
    const body = help();
    expect((await rawRequest({ url: app.url, headers: jsonHeaders(body), body })).status).toBe(200);
  });

  it('a turn that takes longer than the request timeout is not cut off (the timeout covers receiving only)', async () => {
    // A Connector that answers the reply after twice the request timeout.
    const slowConnector: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id":"slow-1"}');
        }, 2 * limits.requestTimeoutMs),
      );
    });
    await new Promise<void>((resolve) => slowConnector.listen(0, '127.0.0.1', resolve));
    try {
      const serviceUrl = `http://127.0.0.1:${(slowConnector.address() as AddressInfo).port}`;
      const body = JSON.stringify(messageActivity({ serviceUrl, tenantId: TENANT, from: people.member }, 'help'));
      const answer = await rawRequest({ url: app.url, headers: jsonHeaders(body), body, timeoutMs: 10_000 });
      expect(answer.status).toBe(200);
      expect(answer.answeredAfterMs).toBeGreaterThan(2 * limits.requestTimeoutMs - 100);
    } finally {
      await new Promise((resolve) => slowConnector.close(resolve));
    }
  });

  it('a socket that sends garbage instead of HTTP is answered 400 and the service stays up', async () => {
    const { hostname, port } = new URL(app.url);
    const text = await new Promise<string>((resolve) => {
      let got = '';
      const socket = connect(Number(port), hostname, () => socket.write('\x16\x03\x01 not http at all\r\n\r\n'));
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(got));
    });
    expect(text).toMatch(/^HTTP\/1\.1 400/);
    expect(await healthy()).toBe(200);
  });
});

describe('with authentication on', () => {
  const APP_ID = '6f1d0c52-7b8e-4a55-9d0e-5a3c2b1e0f01';
  let authed: TestApp;
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1/);
    // The sign-in metadata cannot be reached, as when DNS or the network to Microsoft fails.
    nock('https://login.botframework.com')
      .persist()
      .get(/.*/)
      .replyWithError('getaddrinfo ENOTFOUND login.botframework.com');
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    authed = await startTestApp({
      programmes: [testProgramme()],
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppTenantId: 'tenant-of-the-bot', MicrosoftAppType: 'SingleTenant' },
      httpLimits: limits,
      log,
    });
  });
  afterAll(async () => {
    await authed.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('no Bearer token: 401 from the headers, before the body is sent', async () => {
    const answer = await rawRequest({ url: authed.url, headers: { 'Content-Type': 'application/json', 'Content-Length': '5000' } });
    expect(answer.status).toBe(401);
    expect(answer.answeredAfterMs).toBeLessThan(1_000);
  });

  it('the gzip cases are refused the same way with authentication on', async () => {
    const answer = await rawRequest({ url: authed.url, headers: jsonHeaders('{}', { 'Content-Encoding': 'gzip', Authorization: 'Bearer x.y.z' }), body: '{}' });
    expect(answer.status).toBe(415);
  });

  it('unreachable sign-in metadata: 503 without internals, one log line for the outage, no stack per request', async () => {
    const body = JSON.stringify(messageActivity({ serviceUrl: authed.connector.url, tenantId: TENANT, from: people.member }, 'help'));
    const answers = [];
    // A well-formed token, so the validator needs the metadata to check it.
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: authed.connector.url, nbf: now - 60, exp: now + 3600 }, newSigningKey('some-key'));
    for (let i = 0; i < 5; i++) answers.push(await rawRequest({ url: authed.url, headers: jsonHeaders(body, { Authorization: `Bearer ${token}` }), body }));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.text).not.toMatch(/getaddrinfo|ENOTFOUND|login\.botframework|stack|at /);
      expect(answer.text).toMatch(/retry-after/i);
    }
    const outage = lines.filter((l) => l.msg.startsWith('authentication unavailable'));
    expect(outage).toHaveLength(1);
    expect(JSON.stringify(outage[0])).toMatch(/ENOTFOUND/); // the operator is told what failed
    expect(lines.some((l) => typeof (l.err as { stack?: unknown } | undefined)?.stack === 'string')).toBe(false);
    expect(await healthy(authed)).toBe(200);
  });
});

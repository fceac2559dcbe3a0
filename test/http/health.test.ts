import { afterAll, beforeAll, expect, it } from 'vitest';
import { testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ programmes: [testProgramme()] });
});
afterAll(async () => app.stop());

it('healthz turns 503 when storage stops answering', async () => {
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  await app.azurite.stop();
  const res = await fetch(`${app.url}/healthz`);
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({ status: 'unavailable' });
});

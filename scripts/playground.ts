// Starts the Microsoft 365 Agents Playground (a local Teams-like client) against the bot.
// Run `npm start` first; the playground's users, team and channels come from
// .m365agentsplayground.yml, which matches programmes/demo.json.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const port = process.env.PORT ?? '3978';
const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
const child = spawn(
  process.execPath,
  [cli, '-e', `http://127.0.0.1:${port}/api/messages`, '-c', 'msteams', '--disable-telemetry'],
  { stdio: 'inherit', env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none' } },
);
console.log('Agents Playground: open http://localhost:56150 in a browser (bot expected on port %s).', port);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));

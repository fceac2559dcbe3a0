// Everything an end-to-end run needs, started fresh and stopped again: the bot (with its embedded
// Azurite in a temp data folder), the Microsoft 365 Agents Playground pointed at it, and Debian's
// Chromium driven by playwright-core. Nothing here downloads a browser. Between the playground and
// the bot sits a transparent relay that records the activities the playground sends, so a test can
// send a real click again as another person (botClicks.ts).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PlaygroundConfig } from './playgroundConfig.js';
import { freePort, ManagedProcess, waitForHttpOk } from './processes.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const chromiumPath = process.env.SAMSPILL_E2E_CHROMIUM ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface StackOptions {
  /** Where logs, the generated playground configs and the browser profile go (deleted on success). */
  workDir?: string;
  programmes?: string;
  playgroundConfig?: string;
}

export class Stack {
  private dir: string | undefined;
  readonly config: PlaygroundConfig;
  private bot: ManagedProcess | undefined;
  private playground: ManagedProcess | undefined;
  private context: BrowserContext | undefined;
  private botPort = 0;
  private relay: Server | undefined;
  private relayPort = 0;
  /**
   * Every activity the playground sent to the bot, in order (the JSON bodies of POST
   * /api/messages, as recorded by the relay between them). Tests read ids from these, such as
   * the conversation and serviceUrl of a real click, to act as another person.
   */
  readonly activitiesToBot: Record<string, unknown>[] = [];
  private uiPort = 0;
  private playgroundStarts = 0;
  page!: Page;
  currentUser = '';

  constructor(private readonly options: StackOptions = {}) {
    this.config = new PlaygroundConfig(options.playgroundConfig ?? join(repoRoot, '.m365agentsplayground.yml'));
  }

  /** Created by `start`: logs, generated playground configs, Azurite data, browser profile. */
  get workDir(): string {
    this.dir ??= this.options.workDir ?? mkdtempSync(join(tmpdir(), 'samspill-e2e-'));
    return this.dir;
  }

  /** The bot's own messaging endpoint (not through the relay). */
  get botMessagesUrl(): string {
    return `http://127.0.0.1:${this.botPort}/api/messages`;
  }

  get playgroundUrl(): string {
    return `http://127.0.0.1:${this.uiPort}/`;
  }

  /** Starts the bot and the browser; `signInAs` then starts the playground as someone. */
  async start(): Promise<void> {
    if (!existsSync(chromiumPath)) {
      throw new Error(`${chromiumPath} is missing: run scripts/e2e-setup.sh (installs Debian's chromium) first`);
    }
    mkdirSync(join(this.workDir, 'logs'), { recursive: true });
    await Promise.all([this.startBot(), this.startBrowser()]);
  }

  private async startBot(): Promise<void> {
    // Port 0: the system picks one and the bot's log says which (a port picked here and passed
    // on could be taken by the bot's embedded Azurite first).
    this.bot = ManagedProcess.start('bot', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      logFile: join(this.workDir, 'logs', 'bot.log'),
      env: {
        ...cleanEnv(),
        PORT: '0',
        HOST: '127.0.0.1',
        SAMSPILL_DATA_DIR: join(this.workDir, 'azurite'),
        SAMSPILL_PROGRAMMES: this.options.programmes ?? join(repoRoot, 'programmes', 'demo.json'),
        SAMSPILL_SCHEDULER: 'off',
        LOG_LEVEL: 'info',
      },
    });
    const [, port] = await this.bot.waitForOutput(/"url":"http:\/\/127\.0\.0\.1:(\d+)"[^\n]*Samspill is listening/, 60_000);
    this.botPort = Number(port);
    await waitForHttpOk(`http://127.0.0.1:${this.botPort}/healthz`, 60_000, this.bot);
    await this.startRelay();
  }

  /**
   * A transparent HTTP relay between the playground and the bot: forwards every request and its
   * answer unchanged, and records the activities (so a test can see what the playground sent).
   */
  private async startRelay(): Promise<void> {
    this.relayPort = await freePort();
    this.relay = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        if (req.method === 'POST' && req.url?.startsWith('/api/messages')) {
          try {
            this.activitiesToBot.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
          } catch {
            // not JSON: forwarded as it is, not recorded
          }
        }
        const headers = { ...req.headers, host: `127.0.0.1:${this.botPort}`, 'content-length': String(body.length) };
        const upstream = request(
          { host: '127.0.0.1', port: this.botPort, method: req.method, path: req.url, headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (e) => {
          res.writeHead(502).end(String(e));
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.relay!.once('error', reject);
      this.relay!.listen(this.relayPort, '127.0.0.1', () => resolve());
    });
  }

  private async startBrowser(): Promise<void> {
    this.context = await chromium.launchPersistentContext(join(this.workDir, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport: { width: 1400, height: 1300 },
      locale: 'en-US',
      timezoneId: 'Europe/Oslo',
    });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.setDefaultTimeout(20_000);
  }

  /**
   * Becomes `name` in the playground: restarts the playground with a config whose currentUser is
   * that person and reloads the page (the playground UI itself cannot switch user).
   */
  async signInAs(name: string): Promise<void> {
    await this.playground?.stop();
    const n = ++this.playgroundStarts;
    const configPath = join(this.workDir, `playground-${n}.yml`);
    writeFileSync(configPath, this.config.asUser(name));
    const cwd = join(this.workDir, 'playground-cwd');
    mkdirSync(cwd, { recursive: true });
    if (this.uiPort === 0) this.uiPort = await freePort();
    const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
    this.playground = ManagedProcess.start(
      'playground',
      process.execPath,
      [cli, '-e', `http://127.0.0.1:${this.relayPort}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(this.uiPort)],
      {
        // Its cwd is a temp folder, so nothing (devTools/ …) is written into the repo.
        cwd,
        logFile: join(this.workDir, 'logs', `playground-${n}.log`),
        env: {
          ...cleanEnv(),
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
          M365_AGENTS_PLAYGROUND_LOGFILE: join(this.workDir, 'logs', `playground-${n}-internal.log`),
        },
      },
    );
    // It falls back to a random port when the one asked for is taken: use the one it reports.
    const listening = await this.playground.waitForOutput(/Listening on (\d+)/, 60_000);
    this.uiPort = Number(listening[1]);
    await waitForHttpOk(this.playgroundUrl, 30_000, this.playground);
    this.currentUser = name;
  }

  /** Stops everything that was started; safe to call twice and after a failed start. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled([
      this.context?.close(),
      this.playground?.stop(),
      this.bot?.stop(),
      new Promise<void>((resolve) => {
        if (!this.relay) return resolve();
        this.relay.closeAllConnections();
        this.relay.close(() => resolve());
      }),
    ]);
    this.context = undefined;
    this.relay = undefined;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0) throw new AggregateError(failed.map((f) => f.reason), 'stopping the e2e stack failed');
  }

  /** Removes the work folder (logs, azurite data, browser profile). */
  removeWorkDir(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  processInfo(): string {
    return [this.bot, this.playground].map((p) => (p ? `${p.name} pid ${p.pid}, log ${p.logFile}` : '')).join('\n');
  }
}

/** The parent's environment minus anything that would point the bot at real Azure or Teams. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(MicrosoftApp|AZURE_|APPLICATIONINSIGHTS_|SAMSPILL_|M365_AGENTS_PLAYGROUND_|TEAMSAPPTESTER_)/.test(key)) delete env[key];
  }
  delete env.PORT;
  delete env.HOST;
  // vitest sets these for its workers; the bot and playground must not inherit them.
  delete env.VITEST;
  delete env.VITEST_WORKER_ID;
  delete env.VITEST_POOL_ID;
  delete env.NODE_OPTIONS;
  return env;
}

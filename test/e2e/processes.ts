// Child processes for the end-to-end tests: each runs in its own process group (so the bot's
// embedded Azurite dies with the bot), logs to a file, and is stopped by its own id.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Process groups still running; killed if the test process exits without stopping them. */
const live = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of live) signal(-pid, 'SIGKILL');
  });
}

export class ManagedProcess {
  private output = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    readonly name: string,
    readonly logFile: string,
    private readonly child: ChildProcess,
  ) {
    const log = createWriteStream(logFile, { flags: 'a' });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
      if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
      log.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const pid = child.pid;
    if (pid !== undefined) {
      live.add(pid);
      installExitHook();
    }
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        log.end();
        resolve();
      }),
    );
  }

  /** Starts `command args` detached (its own process group), stdout and stderr to `logFile`. */
  static start(name: string, command: string, args: string[], options: SpawnOptions & { logFile: string }): ManagedProcess {
    const { logFile, ...spawnOptions } = options;
    const child = spawn(command, args, { ...spawnOptions, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    return new ManagedProcess(name, logFile, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** The last lines of the process's output, for error messages. */
  tail(lines = 30): string {
    const text = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8') : this.output;
    return text.split('\n').slice(-lines).join('\n');
  }

  /** Resolves with the first match of `pattern` in the output; rejects on exit or timeout. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (!this.running) throw new Error(`${this.name} exited (${JSON.stringify(this.exited)}) before printing ${pattern}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms:\n${this.tail()}`);
      await sleep(100);
    }
  }

  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when the process is gone. */
  async stop(graceMs = 5_000): Promise<void> {
    if (!this.running || this.child.pid === undefined) return;
    const group = -this.child.pid;
    signal(group, 'SIGTERM');
    const timer = setTimeout(() => signal(group, 'SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
    // The leader is gone; make sure nothing it started (e.g. Azurite) outlives it.
    signal(group, 'SIGKILL');
    live.delete(this.child.pid);
  }
}

function signal(target: number, sig: NodeJS.Signals): void {
  try {
    process.kill(target, sig);
  } catch {
    // already gone
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 200 or the time is up. */
export async function waitForHttpOk(url: string, timeoutMs: number, process?: ManagedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (process && !process.running) throw new Error(`${process.name} exited while waiting for ${url}:\n${process.tail()}`);
    if (Date.now() > deadline) throw new Error(`${url} not ready within ${timeoutMs} ms (${last})${process ? `:\n${process.tail()}` : ''}`);
    await sleep(200);
  }
}

// A bot process for the benchmarks: `node [flags] <script>` on a free port (TypeScript through
// tsx, the compiled bot as it is), with the given environment; resolves with its URL once it
// logs that it listens.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';

/** The compiled bot and the node flags `npm run start:prod` gives it (heap limits, telemetry
 * import), so a benchmark's memory row is the production figure. */
export function productionBot(): { script: string; nodeFlags: string[] } {
  const startProd = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['start:prod'] ?? '';
  const args = startProd.split(/\s+/).slice(1); // after `node`
  const script = args.at(-1) ?? '';
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  return { script, nodeFlags: args.slice(0, -1) };
}

/** The heap flags of `start:prod` alone, for a floor that runs under tsx beside the compiled bot. */
export const productionHeapFlags = (): string[] => productionBot().nodeFlags.filter((flag) => flag.startsWith('--max-'));

export interface BotProcess {
  url: string;
  /** False once the process has exited (a crash, e.g. heap exhaustion). */
  alive(): boolean;
  /** Peak resident memory of the process so far (Linux VmHWM). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** `logFile`: where the process's log (stdout) is kept, e.g. to read why a turn failed. */
export async function startBotProcess(script: string, nodeFlags: string[], env: Record<string, string>, startTimeoutMs = 30_000, logFile?: string): Promise<BotProcess> {
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...loader, script], {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (logFile) child.stdout.pipe(createWriteStream(logFile));
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the bot did not start')), startTimeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        const found = /"url":"(http:\/\/[^"]+)"/.exec(line);
        if (found && line.includes('listening')) {
          clearTimeout(timer);
          resolve(found[1]!.replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1'));
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
    child.on('exit', (code) => reject(new Error(`the bot exited (${code})`)));
  });
  child.stdout.resume();
  return {
    url,
    alive: () => !exited,
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
    stop: () => new Promise<void>((resolve) => (exited ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  };
}

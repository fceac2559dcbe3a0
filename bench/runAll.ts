// `npm run bench`: runs the vote/text benchmark (200 members, then a 1,000-member vote burst) and the delivery benchmark (undisturbed with two
// and with three bots, with a bot killed halfway, and against a Connector answering 25 s late),
// each in its own process (their own output passes through), then prints their figures as one table.
import { spawn, spawnSync } from 'node:child_process';
import { printTable, type BenchRow } from './benchTable.js';

async function run(script: string, ...args: string[]): Promise<BenchRow[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) process.exitCode = 1;
  const line = output.split('\n').find((l) => l.startsWith('BENCH_ROWS '));
  return line ? (JSON.parse(line.slice('BENCH_ROWS '.length)) as BenchRow[]) : [{ figure: `${script} failed (exit ${code})`, value: NaN, floor: NaN, unit: '' }];
}

// Both benchmarks run the compiled bot (dist/) with start:prod's flags, as production does.
if (spawnSync('npm', ['run', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
// Delivery at the ceiling undisturbed (two bots, three bots), with one of two killed (SIGKILL)
// halfway, and with a slow Connector (fewer reminders: each send takes 25 s).
const rows = [
  ...(await run('bench/voteBench.ts')),
  ...(await run('bench/voteBench.ts', '--voters', '1000', '--text', 'off')),
  ...(await run('bench/deliveryBench.ts', '--kill-at', '0')),
  ...(await run('bench/deliveryBench.ts', '--kill-at', '0', '--workers', '3')),
  ...(await run('bench/deliveryBench.ts', '--kill-at', '0.5')),
  ...(await run('bench/deliveryBench.ts', '--kill-at', '0', '--slow', '25000', '--count', '100')),
];
console.log('');
console.log('All benchmarks (shared machine: read the ratios):');
printTable(rows);

// Starts Azurite as a child process for local runs without a connection string. Data lives in
// a folder (git-ignored) so ideas and votes survive restarts; ports are chosen by the OS so a
// second checkout or a stray emulator never collides.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { azuriteConnectionString } from './connection.js';

export interface EmbeddedAzurite {
  connectionString: string;
  stop(): Promise<void>;
}

const listening = /Azurite (Queue|Table) service is successfully listening at http:\/\/([\d.]+):(\d+)/g;

export async function startEmbeddedAzurite(dataDir: string, timeoutMs = 20_000): Promise<EmbeddedAzurite> {
  mkdirSync(dataDir, { recursive: true });
  const entry = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
  const args = [
    entry,
    '--location', dataDir,
    '--blobHost', '127.0.0.1', '--blobPort', '0',
    '--queueHost', '127.0.0.1', '--queuePort', '0',
    '--tableHost', '127.0.0.1', '--tablePort', '0',
    '--silent', '--skipApiVersionCheck', '--disableTelemetry', '--loose',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ports = await waitForPorts(child, timeoutMs);
  return {
    connectionString: azuriteConnectionString('127.0.0.1', ports.Table, ports.Queue),
    stop: () => stopChild(child),
  };
}

function waitForPorts(child: ChildProcess, timeoutMs: number): Promise<Record<'Queue' | 'Table', number>> {
  return new Promise((resolve, reject) => {
    const found: Partial<Record<'Queue' | 'Table', number>> = {};
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(listening)) found[match[1] as 'Queue' | 'Table'] = Number(match[3]);
      if (found.Queue !== undefined && found.Table !== undefined) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve({ Queue: found.Queue, Table: found.Table });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`Azurite exited with code ${code}:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

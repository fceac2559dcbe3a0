// Runs an operator command (`npm run backup`, …) as the operator would: its script in a child
// process, with storage configured by the environment, here the test's Azurite.
import { spawn } from 'node:child_process';

/** A test that runs commands waits for each child's start-up (tsx compiles the script), which on
 * a loaded machine takes several seconds: more than the default 30 s for two or three of them. */
export const COMMAND_TEST_TIMEOUT_MS = 120_000;

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runOperatorScript(script: string, args: string[], connectionString: string, env: NodeJS.ProcessEnv = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      env: { ...process.env, AZURE_STORAGE_CONNECTION_STRING: connectionString, AZURE_STORAGE_ACCOUNT_NAME: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// A story is a sequence of steps that share one running stack. Each step is a vitest test; when
// one fails, the page is saved as a FAILED screenshot and the later steps are skipped (they
// would only fail for the same reason). The stack is always stopped, even on failure; its work
// folder (logs of the bot and the playground, generated playground configs) is deleted after a
// clean run and kept after a failure or with SAMSPILL_E2E_KEEP=1.
import { afterAll, beforeAll, it } from 'vitest';
import { Stack } from './stack.js';
import { PlaygroundUi } from './ui.js';

export interface Story {
  /** Defined once `beforeAll` has run. */
  readonly ui: PlaygroundUi;
  readonly stack: Stack;
  step(name: string, fn: () => Promise<void>): void;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

/** Registers beforeAll/afterAll for one stack and returns the step helper. Call inside describe. */
export function story(screenshotDir: string): Story {
  const stack = new Stack();
  let ui: PlaygroundUi | undefined;
  let failedStep: string | undefined;
  let anyFailure = false;

  beforeAll(async () => {
    try {
      await stack.start();
      ui = new PlaygroundUi(stack, screenshotDir);
    } catch (error) {
      anyFailure = true;
      throw error;
    }
  });

  afterAll(async () => {
    await stack.stop();
    if (anyFailure || process.env.SAMSPILL_E2E_KEEP === '1') {
      console.error(`e2e: logs, Azurite data and generated playground configs kept in ${stack.workDir}`);
    } else {
      stack.removeWorkDir();
    }
  });

  return {
    stack,
    get ui() {
      if (!ui) throw new Error('the e2e stack did not start');
      return ui;
    },
    step(name, fn) {
      it(name, async (ctx) => {
        if (failedStep) return ctx.skip(`skipped: the earlier step "${failedStep}" failed`);
        const current = ui;
        if (!current) return ctx.skip('skipped: the e2e stack did not start');
        try {
          await fn();
        } catch (error) {
          failedStep = name;
          anyFailure = true;
          const shot = await current.screenshot(`FAILED-${slug(name)}`).catch(() => undefined);
          if (error instanceof Error) {
            error.message += `\n(screenshot: ${shot ?? 'none'}; logs: ${stack.workDir}/logs)`;
          }
          throw error;
        }
      });
    },
  };
}

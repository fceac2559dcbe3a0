// Every place that can send to Teams is in the outbound module (guarded) or the proactive
// sender that calls the same guard. A new feature that calls Teams' send APIs anywhere else
// fails here, so it cannot bypass the disclosure guard.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../src/', import.meta.url).pathname;
const sendApis = /\b(sendActivity|sendActivities|updateActivity|deleteActivity|continueConversationAsync|continueConversation|replyToActivity|sendToConversation|updateActivityAsync)\s*\(/g;

/** The modules allowed to call Teams, each of which runs the disclosure guard first. */
const allowed = new Set(['platform/channel/outbound.ts', 'platform/channel/sendToTeams.ts']);

/** Modules that open a turn only to reach the Connector for something that shows no content
 * (createConversation opens an empty chat); any send API besides the turn itself fails above. */
const opensChatsOnly = new Set(['platform/channel/personalChatOpener.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('sending to Teams', () => {
  const calls = sourceFiles(root).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(sendApis)].map((m) => ({ file: relative(root, file), api: m[1] }));
  });

  it('happens only in the guarded modules', () => {
    const opensOnly = (c: { file: string; api: string | undefined }) => opensChatsOnly.has(c.file) && c.api === 'continueConversationAsync';
    expect(calls.filter((c) => !allowed.has(c.file) && !opensOnly(c))).toEqual([]);
  });

  it('the scan finds the outbound module\'s own sends (so it is looking at the right code)', () => {
    expect(calls.some((c) => c.file === 'platform/channel/outbound.ts' && c.api === 'sendActivity')).toBe(true);
  });

  it('every allowed module consults the disclosure guard', () => {
    for (const file of allowed) {
      const text = readFileSync(join(root, file), 'utf8');
      if (!calls.some((c) => c.file === file)) continue;
      expect(text, file).toMatch(/guard\.check\(|this\.release\(/);
    }
  });

  it('a turn handler cannot reach the raw TurnContext send without the outbound module', () => {
    const bot = readFileSync(join(root, 'platform/channel/samspillBot.ts'), 'utf8');
    expect(bot).not.toMatch(sendApis);
    expect(bot).toContain('outbound.reply(');
    expect(bot).toContain('outbound.invokeResponse(');
  });
});

// Drives the Agents Playground's web UI the way a person does: pick a conversation in the left
// pane, type in the compose box, read Adaptive Cards, fill their inputs and click their buttons.
// Selectors are the playground's accessible roles and names (0.2.x) and the Adaptive Cards
// renderer's `ac-*` classes. playwright-core has no `expect`, so waits are explicit.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Stack } from './stack.js';

/** The conversations in the playground's left pane, by their accessible names. */
export const conversations = {
  personal: 'Personal Chat',
  groupChat: (name: string) => name,
  channel: (team: string, channel: string) => `${team} - ${channel}`,
} as const;

export class PlaygroundUi {
  private shots = 0;

  constructor(
    private readonly stack: Stack,
    readonly screenshotDir: string,
  ) {
    rmSync(screenshotDir, { recursive: true, force: true });
    mkdirSync(screenshotDir, { recursive: true });
  }

  get page(): Page {
    return this.stack.page;
  }

  /** Restarts the playground as `name`, loads it and waits until the header shows that person. */
  async signInAs(name: string): Promise<void> {
    await this.stack.signInAs(name);
    await this.page.goto(this.stack.playgroundUrl);
    await this.headerAvatar().and(this.page.locator(`[aria-label="${name}"]`)).waitFor();
    await this.composeBox().waitFor();
    // On load the playground installs the bot in the personal chat; the bot answers with its
    // welcome card, which shows that the playground and the bot talk to each other.
    await this.waitForCard(['Welcome to Samspill'], 30_000);
  }

  /** The signed-in user's avatar, at the right of the playground's top bar. */
  private headerAvatar(): Locator {
    return this.page.locator('button[title="Toggle Log Panel"] + div [role=img]');
  }

  /** The name the playground's header shows as the signed-in user. */
  async signedInUser(): Promise<string> {
    return (await this.headerAvatar().getAttribute('aria-label')) ?? '';
  }

  async openConversation(label: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: label, exact: true }).click();
  }

  composeBox(): Locator {
    return this.page.locator('div[role=textbox][contenteditable=true]').last();
  }

  /** In a chat (personal or group): types `text` in the compose box and sends it with Enter. */
  async send(text: string): Promise<void> {
    const box = this.composeBox();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /**
   * Starts a new post in the open team channel. Teams delivers a channel message to a bot only
   * when it @mentions the bot, so the post begins with a mention picked from the typeahead.
   */
  async post(text: string, bot = 'Samspill'): Promise<void> {
    const postButton = this.page.getByRole('button', { name: 'Post', exact: true });
    const newPost = this.page.locator('.fui-Card', { has: postButton }).first();
    await newPost.locator('div[role=textbox][contenteditable=true]').click();
    await this.page.keyboard.type(`@${bot.slice(0, 4)}`);
    await this.page.locator('#typeahead-menu [role=menuitem]', { hasText: bot }).click();
    await this.page.keyboard.type(` ${text}`);
    await newPost.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /**
   * The newest top-level Adaptive Card that shows `text` (a card shown by Action.ShowCard is
   * part of its parent, not a card of its own here).
   */
  card(text: string | RegExp): Locator {
    return this.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard .ac-adaptiveCard)').filter({ hasText: text }).last();
  }

  /**
   * Waits until the newest card that shows `texts[0]` shows every one of `texts` (compared with
   * the card's visible text, whitespace collapsed), and returns it. Polling the newest card, not
   * any card, means a card replaced by Action.Execute is only accepted once it shows the change.
   */
  async waitForCard(texts: [string | RegExp, ...(string | RegExp)[]], timeoutMs = 20_000): Promise<Locator> {
    const card = this.card(texts[0]);
    const deadline = Date.now() + timeoutMs;
    const shows = (text: string) => texts.every((t) => (typeof t === 'string' ? text.includes(t) : t.test(text)));
    let seen = '';
    for (;;) {
      seen = await this.textOf(card, 1_000).catch(() => '');
      if (shows(seen)) return card;
      if (Date.now() > deadline) {
        throw new Error(
          `No card showed ${texts.map(String).join(' + ')} within ${timeoutMs} ms. ` +
            `The newest card showing ${String(texts[0])}: ${seen === '' ? '(none)' : `"${seen}"`}`,
        );
      }
      await this.page.waitForTimeout(250);
    }
  }

  /**
   * Waits until a plain (non-card) message showing `text` is in the open conversation, and
   * returns it (the newest such element).
   */
  async waitForText(text: string | RegExp, timeoutMs = 20_000): Promise<Locator> {
    const found = this.page.getByText(text).last();
    await found.waitFor({ timeout: timeoutMs });
    return found;
  }

  /** Clicks the card's button (Action.Execute, Action.ShowCard …) called `title`. */
  async clickAction(card: Locator, title: string): Promise<void> {
    await card.getByRole('button', { name: title, exact: true }).last().click();
  }

  /** Fills the card input whose label starts with `label` (text, multi-line and number inputs). */
  async fill(card: Locator, label: string | RegExp, value: string): Promise<void> {
    await card.getByLabel(label).last().fill(value);
  }

  /**
   * Types `value` key by key into the card input labelled `label`. Cards in a channel post need
   * this: there the playground sends only what was typed, and an input set with `fill` is
   * missing from the click's data.
   */
  async type(card: Locator, label: string | RegExp, value: string): Promise<void> {
    const input = card.getByLabel(label).last();
    await input.click();
    await input.pressSequentially(value);
  }

  /** Picks `value` in an expanded choice set (radio buttons) labelled `label`. */
  async choose(card: Locator, label: string | RegExp, value: string): Promise<void> {
    const group = card.getByRole('radiogroup', { name: label }).last();
    await group.getByRole('radio', { name: value, exact: true }).check();
  }

  /** All visible text of a card, whitespace collapsed: for assertions and failure messages. */
  async textOf(card: Locator, timeoutMs?: number): Promise<string> {
    return (await card.innerText(timeoutMs === undefined ? {} : { timeout: timeoutMs })).replace(/\s+/g, ' ').trim();
  }

  /** Saves a numbered screenshot of the whole window; returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = join(this.screenshotDir, `${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Scrolls `locator` into view, then takes a screenshot (so the step's card is in the picture). */
  async screenshotOf(locator: Locator, name: string): Promise<string> {
    await locator.scrollIntoViewIfNeeded().catch(() => undefined);
    return this.screenshot(name);
  }
}

// The Teams app package: built by the package script's own functions (--dev ids), unzipped,
// and checked against the official JSON schemas that ship offline in @microsoft/app-manifest,
// plus the icon rules and the promise that every command in the menu is one the bot knows.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/makeIcons.js';
import {
  DEV_BOT_ID,
  DEV_TEAMS_APP_ID,
  MANIFEST_VERSION,
  MAX_COMMANDS_PER_LIST,
  PackageConfigError,
  buildManifest,
  buildPackage,
  commandListsFrom,
  manifestDir,
  readPackageConfig,
} from '../../scripts/package.js';
import { commandCatalogue, type CommandDefinition } from '../../src/platform/routing/catalogue.js';
import { matchCommand } from '../../src/platform/routing/commandRouter.js';

// CommonJS modules whose default export is also on `.default` (typed that way under NodeNext).
const Ajv = AjvDraft04.default;
const addFormats = addFormatsModule.default;

const schemaDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
  `v${MANIFEST_VERSION}`,
);

function validator(schemaFile: string) {
  // unicodeRegExp: false because the shipped localization schema has patterns that are valid
  // JavaScript regular expressions but not under the `u` flag (a lone `]` in
  // `activities.activityTypes[...]`); strict: false because the schemas use keywords Ajv's
  // strict mode does not know.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(schemaDir, schemaFile), 'utf8')) as object);
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles?: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  webApplicationInfo?: unknown;
}

let zip: JSZip;
let manifest: Manifest;
let nb: Record<string, string>;

beforeAll(async () => {
  const config = readPackageConfig({}, { dev: true });
  zip = await JSZip.loadAsync(await buildPackage(config));
  manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
  nb = JSON.parse(await zip.file('nb.json')!.async('string')) as Record<string, string>;
});

async function png(name: string): Promise<PNG> {
  const file = zip.file(name);
  expect(file, `${name} is in the package`).not.toBeNull();
  return PNG.sync.read(await file!.async('nodebuffer'));
}

describe('the Teams app package', () => {
  it('holds exactly the manifest, the nb localization and the two icons, at the root', () => {
    const names = Object.values(zip.files)
      .filter((entry) => !entry.dir)
      .map((entry) => entry.name)
      .sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'nb.json', 'outline.png']);
  });

  it(`validates against the official v${MANIFEST_VERSION} manifest schema`, () => {
    const validate = validator('MicrosoftTeams.schema.json');
    const valid = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    // Body channels may be shared channels across the parties' tenants (issue 15).
    expect((manifest as unknown as { supportedChannelTypes?: string[] }).supportedChannelTypes).toEqual(['sharedChannels', 'privateChannels']);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    );
  });

  it('validates nb.json against the official localization schema', () => {
    const validate = validator('MicrosoftTeams.Localization.schema.json');
    const valid = validate(nb);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(nb.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`,
    );
  });

  it('the schema check is real: a broken manifest fails it', () => {
    const validate = validator('MicrosoftTeams.schema.json');
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    expect(validate({ ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] })).toBe(false);
    const validateNb = validator('MicrosoftTeams.Localization.schema.json');
    expect(validateNb({ ...nb, 'bots[0].commandLists[3].commands[0].title': 'for mange' })).toBe(false);
    expect(validateNb({ ...nb, 'name.short': 'S'.repeat(31) })).toBe(false);
  });

  it('is English by default with a Bokmål localization, and every file it names is in the zip', () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('en');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'nb', file: 'nb.json' }]);
    for (const file of [manifest.icons.color, manifest.icons.outline, 'nb.json']) {
      expect(zip.file(file), file).not.toBeNull();
    }
  });

  it('puts the bot in personal, team and group chat, without file support or SSO', () => {
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBeUndefined();
    expect(manifest.webApplicationInfo).toBeUndefined();
  });

  it('leaves no {{placeholder}} unfilled', async () => {
    for (const name of ['manifest.json', 'nb.json']) {
      expect(await zip.file(name)!.async('string')).not.toMatch(/\{\{|\}\}/);
    }
  });
});

describe('ids and links come from configuration', () => {
  const release = {
    TEAMS_APP_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
    MicrosoftAppId: '9b3c1d2e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
    TEAMS_PUBLISHER_URL: 'https://www.digdir.example/samspill',
    TEAMS_PRIVACY_URL: 'https://www.digdir.example/samspill/personvern',
    BOT_DOMAIN: 'samspill-abc123.azurewebsites.net',
    TEAMS_APP_VERSION: '1.2.3',
  };

  it('fills the app id, bot id, version, links and valid domain', () => {
    const { manifest: filled } = buildManifest(readPackageConfig(release, { dev: false }));
    const typed = filled as unknown as Manifest;
    expect(typed.id).toBe(release.TEAMS_APP_ID);
    expect(typed.bots[0]!.botId).toBe(release.MicrosoftAppId);
    expect(typed.version).toBe('1.2.3');
    expect(typed.validDomains).toEqual(['samspill-abc123.azurewebsites.net']);
    expect(typed.developer).toEqual({
      name: 'Samspill',
      websiteUrl: release.TEAMS_PUBLISHER_URL,
      privacyUrl: release.TEAMS_PRIVACY_URL,
      termsOfUseUrl: release.TEAMS_PUBLISHER_URL,
    });
    const validate = validator('MicrosoftTeams.schema.json');
    expect(validate(filled), JSON.stringify(validate.errors)).toBe(true);
  });

  it('--dev uses the fixed placeholder ids and the package.json version', () => {
    expect(manifest.id).toBe(DEV_TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(DEV_BOT_ID);
    const pkg = JSON.parse(readFileSync(join(manifestDir, '..', 'package.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.validDomains).toEqual([]);
  });

  it('without --dev, names every missing variable', () => {
    expect(() => readPackageConfig({}, { dev: false })).toThrow(PackageConfigError);
    try {
      readPackageConfig({ MicrosoftAppId: '   ' }, { dev: false });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('TEAMS_APP_ID is not set');
      expect(message).toContain('MicrosoftAppId is not set');
      expect(message).toContain('TEAMS_PUBLISHER_URL is not set');
    }
    const { TEAMS_APP_ID: _omitted, ...withoutAppId } = release;
    expect(() => readPackageConfig(withoutAppId, { dev: false })).toThrow(/TEAMS_APP_ID is not set/);
  });

  it('rejects malformed values, naming the variable', () => {
    expect(() => readPackageConfig({ ...release, MicrosoftAppId: 'my-bot' }, { dev: false })).toThrow(/MicrosoftAppId: must be a GUID/);
    expect(() => readPackageConfig({ ...release, BOT_DOMAIN: 'https://x.azurewebsites.net' }, { dev: false })).toThrow(/BOT_DOMAIN/);
    expect(() => readPackageConfig({ ...release, TEAMS_PUBLISHER_URL: 'http://insecure.example' }, { dev: false })).toThrow(
      /TEAMS_PUBLISHER_URL: must be an https/,
    );
    expect(() => readPackageConfig({ ...release, TEAMS_APP_VERSION: '1.2.3-beta.1' }, { dev: true })).toThrow(/TEAMS_APP_VERSION/);
  });
});

describe('icons', () => {
  it('colour icon is 192×192 and opaque where the mark is', async () => {
    const color = await png(manifest.icons.color);
    expect([color.width, color.height]).toEqual([192, 192]);
    const centre = (96 * 192 + 96) * 4;
    expect(color.data[centre + 3]).toBe(255);
  });

  it('outline icon is 32×32 and only white or fully transparent', async () => {
    const outline = await png(manifest.icons.outline);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let white = 0;
    const offenders: string[] = [];
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) continue;
      if (r === 255 && g === 255 && b === 255) white++;
      else offenders.push(`(${(i / 4) % 32},${Math.floor(i / 4 / 32)}) rgba(${r},${g},${b},${a})`);
    }
    expect(offenders).toEqual([]);
    // Not blank, and not a filled square either: a mark with transparency around it.
    expect(white).toBeGreaterThan(32);
    expect(white).toBeLessThan(32 * 32 * 0.6);
  });

  it('checked-in icons are what scripts/makeIcons.ts draws', () => {
    for (const [file, drawn] of [
      ['color.png', drawColorIcon()],
      ['outline.png', drawOutlineIcon()],
    ] as const) {
      const stored = PNG.sync.read(readFileSync(join(manifestDir, file)));
      expect(stored.width, file).toBe(drawn.width);
      expect(stored.height, file).toBe(drawn.height);
      // Allow one supersample's worth (1/16) of difference per channel, so floating-point
      // differences between machines at a shape's edge do not fail the build.
      let differing = 0;
      for (let i = 0; i < stored.data.length; i++) {
        if (Math.abs(stored.data[i]! - drawn.data[i]!) > 16) differing++;
      }
      expect(differing, `${file} differs from the drawing: run tsx scripts/makeIcons.ts`).toBe(0);
    }
  });
});

describe('commands in the manifest', () => {
  const catalogue = commandCatalogue as Readonly<Record<string, CommandDefinition>>;

  it('every command title is one the bot understands, in English and in the nb localization', () => {
    const lists = manifest.bots[0]!.commandLists;
    expect(lists.length).toBeGreaterThan(0);
    lists.forEach((list, listIndex) => {
      list.commands.forEach((command, commandIndex) => {
        const en = matchCommand(command.title);
        expect(en, `"${command.title}" is understood`).toBeDefined();
        expect(en?.args).toBe('');
        const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
        const nbTitle = nb[`${key}.title`];
        expect(nbTitle, `${key}.title is localized`).toBeDefined();
        const bokmal = matchCommand(nbTitle!);
        expect(bokmal, `"${nbTitle}" is understood`).toBeDefined();
        expect(bokmal?.command).toBe(en?.command);
        expect(bokmal?.args).toBe('');
        const def = catalogue[en!.command]!;
        expect(command.description).toBe(def.description.en);
        expect(nb[`${key}.description`]).toBe(def.description.nb);
      });
    });
  });

  it('each scope lists the catalogue commands offered in it, one list per scope', () => {
    const lists = manifest.bots[0]!.commandLists;
    for (const list of lists) expect(list.scopes).toHaveLength(1);
    for (const scope of ['personal', 'team', 'groupChat'] as const) {
      const expected = Object.values(catalogue)
        .filter((def) => def.scopes.includes(scope) && (def as { menu?: boolean }).menu !== false)
        .map((def) => def.words.en[0]);
      const listed = lists.find((list) => list.scopes[0] === scope)?.commands.map((command) => command.title) ?? [];
      expect(listed, scope).toEqual(expected);
    }
  });

  // Issue 24.4: one manifest serves every programme, so a command only some programmes have
  // (a `feature`) is never in its menus; the help card offers it where it is enabled.
  it('no command of a programme feature is in a Teams command menu', () => {
    const listed = new Set(manifest.bots[0]!.commandLists.flatMap((list) => list.commands.map((c) => matchCommand(c.title)?.command)));
    const featured = Object.entries(catalogue).filter(([, def]) => def.feature !== undefined).map(([name]) => name);
    expect(featured.length).toBeGreaterThan(0);
    for (const name of featured) expect(listed.has(name as never), name).toBe(false);
  });

  it('refuses a scope with more commands than Teams shows, instead of dropping some silently', () => {
    const crowded: Record<string, CommandDefinition> = {};
    for (let i = 0; i <= MAX_COMMANDS_PER_LIST; i++) {
      crowded[`c${i}`] = {
        words: { nb: [`kommando${i}`], en: [`command${i}`] },
        description: { nb: 'x', en: 'x' },
        scopes: ['personal'],
        audience: 'everyone',
      };
    }
    expect(() => commandListsFrom(crowded)).toThrow(/personal command list would have 13 commands/);
  });

  it('the package script itself refuses to write a package the schema rejects', async () => {
    const tooLong: Record<string, CommandDefinition> = {
      help: { ...commandCatalogue.help, words: { nb: ['hjelp'], en: ['h'.repeat(129)] } },
    };
    await expect(buildPackage(readPackageConfig({}, { dev: true }), { catalogue: tooLong })).rejects.toThrow(
      /does not match schema v1\.\d+:[\s\S]*commands\/0\/title/,
    );
  });
});

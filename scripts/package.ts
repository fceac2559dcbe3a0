// Builds the Teams app package a tenant admin uploads: build/samspill-teams-app.zip with
// manifest.json, nb.json and the two icons. The app id, bot id and publisher links come from
// the environment (read here through a small zod schema: this is tooling, not the service, so
// it does not go through src/platform/config/env.ts). The bot's command lists are generated from the
// command catalogue, so a new command reaches the Teams command menu without editing JSON.
//
//   TEAMS_APP_ID=… MicrosoftAppId=… TEAMS_PUBLISHER_URL=… npm run package
//   npm run package -- --dev      (fixed placeholder ids; for tests and local inspection)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import JSZip from 'jszip';
import { z } from 'zod';
import { commandCatalogue, type CommandDefinition, type Scope } from '../src/platform/routing/catalogue.js';

/** The manifest schema version. Keep in step with manifest.template.json and nb.json ($schema). */
export const MANIFEST_VERSION = '1.30';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const manifestDir = join(projectRoot, 'manifest');
export const defaultOutFile = join(projectRoot, 'build', 'samspill-teams-app.zip');

/** Placeholder ids for --dev packages: valid GUIDs, obviously not real registrations. */
export const DEV_TEAMS_APP_ID = '00000000-0000-0000-0000-00000000a991';
export const DEV_BOT_ID = '00000000-0000-0000-0000-00000000b077';
const DEV_PUBLISHER_URL = 'https://samspill.example.no/';

/** Teams limits per bot command list (schema v1.30): 12 commands, 3 lists. */
export const MAX_COMMANDS_PER_LIST = 12;
const SCOPES: readonly Scope[] = ['personal', 'team', 'groupChat'];

// ---------------------------------------------------------------------------------------------
// Configuration

const blankToUndefined = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

const guid = z.guid({ error: 'must be a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427' });
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i, {
    error: 'must be a host name like samspill-abc123.azurewebsites.net (no https://, no path)',
  });
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, {
  error: 'must be MAJOR.MINOR.PATCH, e.g. 1.4.0 (Teams rejects pre-release suffixes)',
});

/** Every variable the package script reads. */
export const packageEnvSchema = z.object({
  /** The Teams app's own id: a GUID generated once per deployment and kept (not the bot id). */
  TEAMS_APP_ID: optional(guid),
  /** The bot's Entra app registration (client) id; the same variable the service reads. */
  MicrosoftAppId: optional(guid),
  /** The web app's host name; listed in validDomains. */
  BOT_DOMAIN: optional(hostname),
  /** Overrides package.json's version; every upload of a changed package needs a higher one. */
  TEAMS_APP_VERSION: optional(semver),
  /** Shown as the app's publisher in Teams (at most 32 characters). */
  TEAMS_PUBLISHER_NAME: optional(z.string().max(32, { error: 'must be at most 32 characters' })),
  /** The publishing organisation's page about Samspill. Required for a real package. */
  TEAMS_PUBLISHER_URL: optional(httpsUrl),
  /** Privacy statement (personvernerklæring); defaults to TEAMS_PUBLISHER_URL. */
  TEAMS_PRIVACY_URL: optional(httpsUrl),
  /** Terms of use; defaults to TEAMS_PUBLISHER_URL. */
  TEAMS_TERMS_URL: optional(httpsUrl),
});

const requiredForRelease = {
  TEAMS_APP_ID: 'the Teams app id: generate a GUID once (e.g. `uuidgen`) and keep it for every later upload',
  MicrosoftAppId: "the bot's Entra app registration (client) id",
  TEAMS_PUBLISHER_URL: "an https:// page about Samspill at the publishing organisation (shown in Teams' app details)",
} as const;

export interface PackageConfig {
  dev: boolean;
  teamsAppId: string;
  botId: string;
  version: string;
  botDomain: string | undefined;
  publisher: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

export class PackageConfigError extends Error {
  override name = 'PackageConfigError';
}

/** The version in package.json (the default app version). */
export function packageJsonVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
  return semver.parse(pkg.version);
}

/**
 * Validates the environment. Without `dev`, a missing or malformed variable is an error that
 * names it; with `dev`, missing ids and links fall back to fixed placeholders.
 */
export function readPackageConfig(
  source: Record<string, string | undefined>,
  options: { dev: boolean; defaultVersion?: string },
): PackageConfig {
  const result = packageEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new PackageConfigError(`Invalid package configuration:\n  ${lines.join('\n  ')}`);
  }
  const env = result.data;
  if (!options.dev) {
    const missing = (Object.keys(requiredForRelease) as (keyof typeof requiredForRelease)[]).filter((name) => !env[name]);
    if (missing.length > 0) {
      const lines = missing.map((name) => `${name} is not set: ${requiredForRelease[name]}`);
      throw new PackageConfigError(
        `Cannot build the Teams app package:\n  ${lines.join('\n  ')}\n(use --dev for a package with placeholder ids)`,
      );
    }
  }
  const publisherUrl = env.TEAMS_PUBLISHER_URL ?? DEV_PUBLISHER_URL;
  return {
    dev: options.dev,
    teamsAppId: env.TEAMS_APP_ID ?? DEV_TEAMS_APP_ID,
    botId: env.MicrosoftAppId ?? DEV_BOT_ID,
    version: env.TEAMS_APP_VERSION ?? options.defaultVersion ?? packageJsonVersion(),
    botDomain: env.BOT_DOMAIN,
    publisher: {
      name: env.TEAMS_PUBLISHER_NAME ?? 'Samspill',
      websiteUrl: publisherUrl,
      privacyUrl: env.TEAMS_PRIVACY_URL ?? publisherUrl,
      termsOfUseUrl: env.TEAMS_TERMS_URL ?? publisherUrl,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Manifest

export interface ManifestCommand {
  title: string;
  description: string;
}
export interface ManifestCommandList {
  scopes: Scope[];
  commands: ManifestCommand[];
}

/**
 * One command list per scope (the schema asks for a separate list per scope), in catalogue
 * order, with English titles; `nb` holds the Bokmål strings keyed the way the localization
 * file wants them.
 */
export function commandListsFrom(catalogue: Readonly<Record<string, CommandDefinition>> = commandCatalogue): {
  lists: ManifestCommandList[];
  nb: Record<string, string>;
} {
  const lists: ManifestCommandList[] = [];
  const nb: Record<string, string> = {};
  for (const scope of SCOPES) {
    // Teams shows at most 12 commands per scope; commands marked menu: false still work when typed.
    const entries = Object.entries(catalogue).filter(([, def]) => def.scopes.includes(scope) && def.menu !== false);
    if (entries.length === 0) continue;
    if (entries.length > MAX_COMMANDS_PER_LIST) {
      throw new PackageConfigError(
        `The ${scope} command list would have ${entries.length} commands; Teams allows ${MAX_COMMANDS_PER_LIST}. ` +
          `Choose which commands the ${scope} menu offers (the bot still understands the rest).`,
      );
    }
    const listIndex = lists.length;
    const commands = entries.map(([name, def], commandIndex) => {
      const en = def.words.en[0];
      const nbWord = def.words.nb[0];
      if (!en || !nbWord) throw new PackageConfigError(`Command "${name}" needs at least one English and one Bokmål word`);
      const key = `bots[0].commandLists[${listIndex}].commands[${commandIndex}]`;
      nb[`${key}.title`] = nbWord;
      nb[`${key}.description`] = def.description.nb;
      return { title: en, description: def.description.en };
    });
    lists.push({ scopes: [scope], commands });
  }
  return { lists, nb };
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces {{NAME}} placeholders in every string; array items that resolve to '' are dropped. */
export function fillPlaceholders(value: Json, values: Readonly<Record<string, string | undefined>>): Json {
  if (typeof value === 'string') {
    return value.replace(/\{\{([A-Z_]+)\}\}/g, (_match, name: string) => {
      if (!(name in values)) throw new PackageConfigError(`manifest template: unknown placeholder {{${name}}}`);
      return values[name] ?? '';
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => fillPlaceholders(item, values)).filter((item) => item !== '');
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillPlaceholders(item, values)]));
  }
  return value;
}

function readJson(file: string): Record<string, Json> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Json>;
}

/** The filled manifest.json and nb.json contents. */
export function buildManifest(
  config: PackageConfig,
  options: { dir?: string; catalogue?: Readonly<Record<string, CommandDefinition>> } = {},
): { manifest: Record<string, Json>; localization: Record<string, Json> } {
  const dir = options.dir ?? manifestDir;
  const template = readJson(join(dir, 'manifest.template.json'));
  if (template.manifestVersion !== MANIFEST_VERSION) {
    throw new PackageConfigError(
      `manifest.template.json has manifestVersion ${String(template.manifestVersion)}; the package script expects ${MANIFEST_VERSION}`,
    );
  }
  const manifest = fillPlaceholders(template, {
    APP_VERSION: config.version,
    TEAMS_APP_ID: config.teamsAppId,
    BOT_ID: config.botId,
    BOT_DOMAIN: config.botDomain,
    PUBLISHER_NAME: config.publisher.name,
    PUBLISHER_URL: config.publisher.websiteUrl,
    PRIVACY_URL: config.publisher.privacyUrl,
    TERMS_URL: config.publisher.termsOfUseUrl,
  }) as Record<string, Json>;

  const { lists, nb } = commandListsFrom(options.catalogue);
  const bot = Array.isArray(manifest.bots) ? manifest.bots[0] : undefined;
  if (!bot || typeof bot !== 'object' || Array.isArray(bot)) {
    throw new PackageConfigError('manifest template: bots[0] is missing');
  }
  bot.commandLists = lists as unknown as Json;

  const localization = { ...readJson(join(dir, 'nb.json')), ...nb };
  return { manifest, localization };
}

/**
 * Problems found by the official schemas shipped in @microsoft/app-manifest (offline), so a
 * broken package fails here rather than in the Teams admin center. Empty when valid.
 */
export function schemaProblems(manifest: Record<string, Json>, localization: Record<string, Json>): string[] {
  const schemaDir = join(
    dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    `v${MANIFEST_VERSION}`,
  );
  const problems: string[] = [];
  for (const [label, schemaFile, document] of [
    ['manifest.json', 'MicrosoftTeams.schema.json', manifest],
    ['nb.json', 'MicrosoftTeams.Localization.schema.json', localization],
  ] as const) {
    // unicodeRegExp: false: the shipped localization schema has patterns that are not valid
    // under the `u` flag; strict: false: the schemas use keywords strict mode rejects.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(schemaDir, schemaFile), 'utf8')) as object);
    if (!validate(document)) {
      for (const error of validate.errors ?? []) {
        problems.push(`${label}${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Package

/** Fixed entry dates keep the zip byte-for-byte reproducible for the same inputs. */
const ENTRY_DATE = new Date(Date.UTC(2024, 0, 1));

export async function buildPackage(
  config: PackageConfig,
  options: { dir?: string; catalogue?: Readonly<Record<string, CommandDefinition>> } = {},
): Promise<Buffer> {
  const dir = options.dir ?? manifestDir;
  const { manifest, localization } = buildManifest(config, options);
  const problems = schemaProblems(manifest, localization);
  if (problems.length > 0) {
    throw new PackageConfigError(`The Teams app package does not match schema v${MANIFEST_VERSION}:\n  ${problems.join('\n  ')}`);
  }
  const zip = new JSZip();
  const add = (name: string, data: string | Buffer) => zip.file(name, data, { date: ENTRY_DATE, createFolders: false });
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  add('nb.json', `${JSON.stringify(localization, null, 2)}\n`);
  add('color.png', readFileSync(join(dir, 'color.png')));
  add('outline.png', readFileSync(join(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

export async function writePackage(config: PackageConfig, outFile = defaultOutFile): Promise<string> {
  const zip = await buildPackage(config);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return outFile;
}

export async function main(argv: readonly string[], env: Record<string, string | undefined>): Promise<void> {
  const unknown = argv.filter((arg) => arg !== '--dev');
  if (unknown.length > 0) throw new PackageConfigError(`Unknown argument(s): ${unknown.join(' ')} (only --dev is accepted)`);
  const config = readPackageConfig(env, { dev: argv.includes('--dev') });
  const file = await writePackage(config);
  console.log(`wrote ${relative(process.cwd(), file)} (Teams app ${config.teamsAppId}, bot ${config.botId}, version ${config.version})`);
  if (config.dev && (config.teamsAppId === DEV_TEAMS_APP_ID || config.botId === DEV_BOT_ID)) {
    console.warn('--dev: placeholder ids; this package is for inspection and tests, not for upload.');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).catch((error: unknown) => {
    console.error(error instanceof PackageConfigError ? error.message : error);
    process.exit(1);
  });
}

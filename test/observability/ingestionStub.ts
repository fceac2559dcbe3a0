// A local stand-in for Application Insights' ingestion endpoint (Breeze, `POST /v2.1/track`), so
// the Azure Monitor exporter runs as in production and sends over HTTP, to 127.0.0.1 instead of
// Microsoft's cloud. Records every envelope it accepts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

export interface Envelope {
  name: string;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
  tags?: Record<string, string>;
}

export interface IngestionStub {
  /** A connection string pointing the exporter here. */
  connectionString: string;
  /** The exporter turns every endpoint into https; this pipeline policy (exporter option
   * `additionalPolicies`) sends its requests to the stub over plain HTTP instead. */
  plainHttp: { policy: PipelinePolicy; position: 'perCall' };
  envelopes: Envelope[];
  close(): Promise<void>;
}

export async function startIngestionStub(): Promise<IngestionStub> {
  const envelopes: Envelope[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    const text = body.toString('utf8').trim();
    // Breeze takes a JSON array, or newline-delimited JSON.
    const items = (text.startsWith('[') ? (JSON.parse(text) as Envelope[]) : text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope));
    envelopes.push(...items);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:${port}/`,
    plainHttp: {
      position: 'perCall',
      policy: {
        name: 'samspillPlainHttpToIngestionStub',
        sendRequest(request, next) {
          request.url = request.url.replace(/^https:/, 'http:');
          request.allowInsecureConnection = true;
          return next(request);
        },
      },
    },
    envelopes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

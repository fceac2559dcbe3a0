// The stores behind proactive delivery, over one storage account: what the delivery tests and
// the delivery benchmark both start from (app.ts composes the same for the service).
import { storageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { DeliveryLedger } from '../../src/platform/delivery/deliveryLedger.js';
import { DeliveryQueue } from '../../src/platform/delivery/deliveryQueue.js';
import { QueuedDelivery } from '../../src/platform/delivery/queuedDelivery.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { ParkedDeliveries } from '../../src/platform/delivery/parkedDeliveries.js';

export function deliveryStores(connectionString: string) {
  const clients = storageClients({ kind: 'connection-string', connectionString });
  const tables = new Tables(clients);
  const ledger = new DeliveryLedger(tables);
  const queue = DeliveryQueue.from(clients);
  const clock = { now: () => Date.now() };
  const parked = new ParkedDeliveries(tables);
  return { clients, tables, conversations: new ConversationTable(tables, { now: () => Date.now() }), ledger, queue, clock, parked, delivery: new QueuedDelivery(ledger, queue, clock, parked) };
}

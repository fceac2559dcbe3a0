import type { HealthProbe } from '../../shared/ports.js';
import type { StorageClients } from './connection.js';

/** Storage is healthy when the table service answers within the timeout. */
export class StorageHealth implements HealthProbe {
  constructor(
    private readonly clients: StorageClients,
    private readonly timeoutMs = 2_000,
  ) {}

  async healthy(): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), this.timeoutMs).unref());
    return Promise.race([this.probe(), timeout]);
  }

  private async probe(): Promise<boolean> {
    try {
      const pages = this.clients.service().listTables().byPage({ maxPageSize: 1 });
      await pages.next();
      return true;
    } catch {
      return false;
    }
  }
}

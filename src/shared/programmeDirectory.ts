// The programmes this deployment serves, looked up by tenant. Built at startup from the
// validated programme files; the only later change is the parties admitted by decision (DSOP
// §2.3) with their representatives' seats, which the configuration store holds and `admit`
// lays over the file's programme.
import { withAdmitted, type Admitted } from '../features/membership/domain/admission.js';
import { withoutWithdrawnSeats, type Withdrawal } from '../features/membership/domain/withdrawal.js';
import { osloDate } from './schedule/oslo.js';
import { rolesIn, type ProgrammeRoles } from './programme/roles.js';
import type { Programme } from './programme/schema.js';

export class ProgrammeDirectory {
  private byTenant = new Map<string, Programme[]>();
  /** Programmes by every tenant they serve: the host and each party's tenants. */
  private byServedTenant = new Map<string, Programme[]>();
  /** The programmes as the files define them. */
  readonly files: readonly Programme[];
  private served: Programme[];
  private readonly admitted = new Map<string, readonly Admitted[]>();
  private readonly withdrawals = new Map<string, readonly Withdrawal[]>();
  /** The Oslo day the withdrawals are applied for (moved on by `withdraw` and `advance`). */
  private today = '';

  constructor(programmes: readonly Programme[]) {
    this.files = programmes;
    this.served = [...programmes];
    this.index();
  }

  /** The programmes as served now: the files plus admitted parties. */
  get programmes(): readonly Programme[] {
    return this.served;
  }

  private index(): void {
    const byTenant = new Map<string, Programme[]>();
    for (const programme of this.served) {
      const list = byTenant.get(programme.tenantId) ?? [];
      list.push(programme);
      byTenant.set(programme.tenantId, list);
    }
    this.byTenant = byTenant;
    const served = new Map<string, Programme[]>();
    for (const programme of this.served) {
      for (const tenant of new Set([programme.tenantId, ...programme.parties.flatMap((p) => p.tenantIds)])) {
        const list = served.get(tenant) ?? [];
        list.push(programme);
        served.set(tenant, list);
      }
    }
    this.byServedTenant = served;
  }

  /** Serves the programme with these admitted parties on top of its file (replaces earlier ones). */
  admit(key: { tenantId: string; programmeId: string }, admitted: readonly Admitted[]): void {
    this.admitted.set(keyOf(key), admitted);
    this.rebuild();
  }

  /** Serves the programme with these withdrawals (replaces earlier ones): from each one's
   * effective date (Oslo, as of `now`) the party's people hold no seats. */
  withdraw(key: { tenantId: string; programmeId: string }, withdrawals: readonly Withdrawal[], now: number): void {
    this.withdrawals.set(keyOf(key), withdrawals);
    this.today = osloDate(now);
    this.rebuild();
  }

  /** The programme's recorded withdrawals as last loaded (at start-up, on every tick and when
   * one is recorded here), whether in effect yet or not. */
  withdrawalsOf(key: { tenantId: string; programmeId: string }): readonly Withdrawal[] {
    return this.withdrawals.get(keyOf(key)) ?? [];
  }

  private rebuild(): void {
    this.served = this.files.map((file) => {
      const admitted = this.admitted.get(keyOf({ tenantId: file.tenantId, programmeId: file.id })) ?? [];
      const withdrawals = this.withdrawals.get(keyOf({ tenantId: file.tenantId, programmeId: file.id })) ?? [];
      return withoutWithdrawnSeats(withAdmitted(file, admitted), withdrawals, this.today);
    });
    this.index();
  }

  /** The programmes a person of this tenant is served: those it hosts and those it is a party
   * of (parties[].tenantIds), never another programme of the same host. */
  servedTo(tenantId: string): readonly Programme[] {
    return this.byServedTenant.get(tenantId) ?? [];
  }

  /** The programmes this tenant hosts (whose state lives in its partition). */
  forTenant(tenantId: string): readonly Programme[] {
    return this.byTenant.get(tenantId) ?? [];
  }

  find(tenantId: string, programmeId: string): Programme | undefined {
    return this.forTenant(tenantId).find((p) => p.id === programmeId);
  }

  /** The person's roles in the programmes served to their tenant; people are identified by
   * their Entra object id in the tenant the activity comes from. */
  membershipsOf(tenantId: string, aadObjectId: string): ProgrammeRoles[] {
    if (!aadObjectId) return [];
    return this.servedTo(tenantId).flatMap((p) => rolesIn(p, aadObjectId) ?? []);
  }
}

const keyOf = (key: { tenantId: string; programmeId: string }) => JSON.stringify([key.tenantId, key.programmeId]);

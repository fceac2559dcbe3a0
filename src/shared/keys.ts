// The keys every feature's records are stored and read under: one programme in one tenant
// (a party's Entra tenant hosts the programme; its rows never mix with another tenant's).

export interface ProgrammeKey {
  tenantId: string;
  programmeId: string;
}

// The three shipped presets: they validate, they say what the seeds say, and every cross
// reference inside them holds once a programme puts people in the bodies.
import { describe, expect, it } from 'vitest';
import { loadPreset, presetNames } from '../../src/platform/config/programmeFiles.js';
import { crossReferenceProblems } from '../../src/shared/programme/crossReferences.js';
import { programmeSchema, type Governance, type SeatGroup } from '../../src/shared/programme/schema.js';

/** The preset plus the smallest set of people that fills every body (and its declared seats). */
function withPeople(governance: Governance) {
  const parties: { id: string; name: string; kind?: string }[] = [{ id: 'party', name: 'Party' }];
  const people: { aadObjectId: string; name: string; party: string; roles?: string[] }[] = [
    { aadObjectId: 'p1', name: 'P', party: 'party', roles: ['office'] },
  ];
  /** The first seats of the first group go to the chair's party and a party of each fixed seat. */
  const seat = (bodyId: string, groups: readonly SeatGroup[], first: readonly string[] = []) =>
    groups.flatMap((group, g) =>
      Array.from({ length: group.count }, (_, k) => {
        const partyId = group.party ?? (g === 0 && k < first.length ? first[k]! : `${bodyId}-${group.partyKind}-${k}`);
        if (!parties.some((p) => p.id === partyId)) parties.push({ id: partyId, name: partyId, ...(group.partyKind ? { kind: group.partyKind } : {}) });
        const person = `${partyId}-person-${g}-${k}`;
        people.push({ aadObjectId: person, name: person, party: partyId });
        return person;
      }),
    );
  const bodies = governance.bodies.map((b) => {
    if (!b.seats) return { ...b, members: ['p1'], chair: 'p1' };
    const first = [...new Set([...(b.seats.chair?.party ? [b.seats.chair.party] : []), ...b.seats.fixed.map((f) => f.anyOf[0]!)])];
    const members = seat(b.id, b.seats.members, first);
    return { ...b, members, chair: members[0], observers: seat(`${b.id}-obs`, b.seats.observers) };
  });
  return programmeSchema.parse({ ...governance, bodies, id: 'x', name: 'X', ideaPrefix: 'XX', tenantId: 't', parties, people });
}

describe('presets', () => {
  it.each(presetNames)('%s validates, bodies without people, and its references hold', (name) => {
    const preset = loadPreset(name);
    expect(preset.bodies.length).toBeGreaterThan(0);
    for (const body of preset.bodies) {
      expect(body.members).toEqual([]);
      expect(body.chair).toBeUndefined();
    }
    expect(crossReferenceProblems(withPeople(preset))).toEqual([]);
    // Every non-terminal phase except the stop phase has a gate out of it.
    for (const phase of preset.phases.filter((p) => !p.terminal)) {
      expect(preset.gates.some((g) => g.from === phase.id), phase.id).toBe(true);
    }
    expect(preset.phases.find((p) => p.id === preset.stoppedPhase)?.terminal).toBe(true);
  });

  it('rejects an unknown preset name and lists the known ones', () => {
    expect(() => loadPreset('dsopp')).toThrow('unknown preset "dsopp"; use one of "dsop", "digi-rogaland", "skate", "kmd-ks"');
  });

  it('dsop: phases, BP1–BP5 with the deciding body, reports and confidentiality from seed 000', () => {
    const dsop = loadPreset('dsop');
    expect(dsop.phases.map((p) => p.id)).toEqual(['ide', 'konsept', 'planlegging', 'realisering', 'utrulling', 'forvaltning', 'stanset']);
    expect(dsop.phases.filter((p) => p.guidelineMonths === 3).map((p) => p.id)).toEqual(['konsept', 'planlegging', 'realisering', 'utrulling']);
    expect(dsop.phases.filter((p) => p.restrictedToParticipants).map((p) => p.id)).toEqual(['planlegging']);
    expect(dsop.gates.map((g) => [g.id, g.from, g.to, g.body])).toEqual([
      ['BP1', 'ide', 'konsept', 'styringsgruppe'],
      ['BP2', 'konsept', 'planlegging', 'topplederforum'],
      ['BP3', 'planlegging', 'realisering', 'topplederforum'],
      ['BP4', 'realisering', 'utrulling', 'styringsgruppe'],
      ['BP5', 'utrulling', 'forvaltning', 'styringsgruppe'],
    ]);
    // §4.1 «beslutningsgrunnlaget hentes fra Programkontoret»: BP1's qualification is the one the
    // office writes on the idea card (no link asked for it); the mandate (§3.3) is a link.
    expect(dsop.gates[0]?.deliverables.map((d) => [d.id, d.recorded])).toEqual([
      ['kvalifisering-og-anbefaling', 'qualification'],
      ['mandat', undefined],
    ]);
    expect(dsop.gates.map((g) => g.name.nb)).toEqual([
      'Igangsetting av konseptfasen',
      'Igangsetting av planleggingsfasen',
      'Forpliktelse om realisering',
      'Forpliktelse om utrulling',
      'Overføring til forvaltning',
    ]);
    expect(dsop.gates[2]?.deliverables.map((d) => d.name.nb)).toEqual([
      'Plan for realiseringsfasen',
      'Gevinstberegninger',
      'Gevinstrealiseringsplan',
      'Aktørenes uttrykte ønske og vilje om å realisere initiativet',
    ]);
    expect(dsop.gates[4]?.deliverables.map((d) => d.id)).toEqual(['forvaltningsregime', 'sluttrapport', 'gevinstrealiseringsplan']);
    // §4.2/BP2: «Beslutningsgrunnlaget hentes fra Styringsgruppen: Leveransene fra konseptfasen
    // [Konseptbeskrivelse, Forenklet kost-/nytteanalyse] – Aktørenes uttrykte ønske og vilje om å
    // gå videre til planleggingsfasen». (Other deliverables may be added; these may not go.)
    const deliverablesOf = (gate: string) => dsop.gates.find((g) => g.id === gate)?.deliverables.map((d) => d.id) ?? [];
    expect(deliverablesOf('BP2')).toEqual(expect.arrayContaining(['konseptbeskrivelse', 'forenklet-kost-nytteanalyse', 'aktorenes-vilje']));
    // §4.4/BP4: «nødvendig kode utvikles, pilotdrift gjennomføres og erfaringene med pilotdriften
    // evalueres» and «Aktørenes uttrykte ønske og vilje om å realisere initiativet».
    expect(deliverablesOf('BP4')).toEqual(expect.arrayContaining(['utviklet-kode', 'pilotdrift', 'evaluering-av-pilot', 'aktorenes-vilje']));
    for (const gate of dsop.gates) expect(gate.deliverables.length, gate.id).toBeGreaterThan(0);
    // §4.2/§4.3: BP2 and BP3 «Beslutningsgrunnlaget hentes fra Styringsgruppen» (and §3.2: the
    // steering group decides «hvilke nye initiativ som skal fremmes for Topplederforum»): the
    // steering group's recommendation comes before Topplederforum's vote. BP1, BP4 and BP5 are the
    // steering group's own decisions, with no preparing body.
    expect(dsop.gates.map((g) => [g.id, g.preparedBy])).toEqual([
      ['BP1', undefined],
      ['BP2', 'styringsgruppe'],
      ['BP3', 'styringsgruppe'],
      ['BP4', undefined],
      ['BP5', undefined],
    ]);
    // §4.3 «hver av partene har egne beslutningsprosesser»; §4.4 «positiv beslutning om realisering
    // hos alle aktørene»: BP3 and BP4 wait for each participating party's own decision.
    expect(dsop.gates.filter((g) => g.requiresPartyDecisions).map((g) => g.id)).toEqual(['BP3', 'BP4']);
    expect(dsop.bodies.map((b) => [b.id, b.rule.kind])).toEqual([
      ['topplederforum', 'consensus'],
      ['styringsgruppe', 'consensus'],
    ]);
    expect(dsop.criteria.map((c) => [c.id, c.name.en, c.weight])).toEqual([
      ['nytteverdi', 'Benefit', 1],
      ['gjennomforbarhet', 'Feasibility', 1],
    ]);
    expect(dsop.schedules).toEqual([
      expect.objectContaining({
        kind: 'status-report',
        cadence: { kind: 'monthly', exceptMonths: [7] },
        recipients: 'project-leaders',
      }),
    ]);
    expect(dsop.confidentiality.prioritisedListLabel.nb).toBe(
      'Konseptene på listen er ikke behandlet på ledernivå hos aktørene i DSOP, og listen kan ikke tolkes som en garanti for at de noen gang vil bli gjennomført.',
    );
    expect(dsop.confidentiality.prioritisedListLabel.en).toMatch(/cannot be taken as a guarantee/);
    expect(dsop.confidentiality.participantsOnlyUntilGate).toBe('BP3');
    expect(dsop.confidentiality.registeredIdeasInternal).toBe(true);
    // §3.1: the sitting Topplederforum «takker av aktører som ikke lenger er aktive i programmet».
    expect(dsop.membership?.retirement).toMatchObject({ body: 'topplederforum', rule: { kind: 'consensus' } });
  });

  it('digi-rogaland: one steering group, consensus then majority, quarterly; roadmap revised twice a year', () => {
    const dr = loadPreset('digi-rogaland');
    expect(dr.bodies).toHaveLength(1);
    expect(dr.bodies[0]).toMatchObject({
      id: 'styringsgruppe',
      meets: 'quarterly',
      rule: { kind: 'consensus-then-majority', chairDoubleVoteOnTie: true, chairDecidesBudgetMatters: true },
    });
    // §4.2 «Stavanger, Sandnes og en av kommunene på Haugalandet har fast representasjon».
    expect(dr.bodies[0]?.seats?.fixed.map((f) => [f.anyOf, f.title?.nb])).toEqual([
      [['stavanger'], 'Stavanger kommune'],
      [['sandnes'], 'Sandnes kommune'],
      [['haugesund', 'karmoy', 'tysvaer', 'bokn', 'utsira', 'vindafjord'], 'en av kommunene på Haugalandet'],
    ]);
    expect(dr.gates.every((g) => g.body === 'styringsgruppe')).toBe(true);
    expect(dr.gates[0]).toMatchObject({ from: 'ide', to: 'veikart' });
    // §4.7 «Alle gjennomføringsprosjekter i Digi Rogaland skal være med i veikart for Digi Rogaland»;
    // §6 «For at et prosjekt kan iverksettes, må det inn på veikartet for Digi Rogaland.»
    expect(dr.gates.filter((g) => g.requiresRoadmapEntry).map((g) => [g.id, g.from, g.to])).toEqual([['oppstart', 'veikart', 'gjennomforing']]);
    expect(dr.roadmap?.body).toBe('styringsgruppe');
    const revision = dr.schedules.find((s) => s.kind === 'roadmap-revision');
    expect(revision).toMatchObject({ cadence: { kind: 'half-yearly' }, recipients: 'secretariat' });
    expect(revision?.cadence.kind === 'half-yearly' && revision.cadence.months.length).toBe(2);
  });

  it('skate: Skate advises and the director decides; AU; quarterly reports from measure owners; final treatment', () => {
    const skate = loadPreset('skate');
    expect(skate.bodies.map((b) => b.id)).toEqual(['skate', 'au']);
    expect(skate.bodies[0]).toMatchObject({ rule: { kind: 'consensus' }, decidedBy: { title: { nb: 'Difis direktør' } } });
    expect(skate.bodies[0]?.decidedBy?.person).toBeUndefined();
    expect(skate.schedules).toEqual([
      expect.objectContaining({ kind: 'status-report', cadence: { kind: 'quarterly' }, recipients: 'measure-owners' }),
    ]);
    const final = skate.gates.find((g) => g.id === 'sluttbehandling');
    expect(final).toMatchObject({ body: 'skate', to: 'sluttbehandlet' });
    expect(final?.deliverables.map((d) => d.id)).toContain('skriftlig-tilbakemeldingsrunde');
    // §2.1 «Forbehandling skal skje i AU»: AU's recommendation vote before Skate's, as AU's
    // innstilling (§5.3) that informs Skate and does not hold the measure; no link stands in for it.
    const prioritisation = skate.gates.find((g) => g.id === 'prioritering');
    expect(prioritisation).toMatchObject({ body: 'skate', preparedBy: 'au', preparationAdvisory: true });
    expect(prioritisation?.deliverables.map((d) => d.id)).not.toContain('au-forbehandling');
    // §3.1 the owner approves the governance documentation; §3.4 AU advises beside it.
    expect(skate.gates.map((g) => [g.id, g.body, g.approvedBy, g.advisedBy])).toEqual([
      ['prioritering', 'skate', undefined, undefined],
      ['konseptdokumentasjon', undefined, 'owner', 'au'],
      ['planleggingsdokumentasjon', undefined, 'owner', 'au'],
      ['sluttbehandling', 'skate', undefined, undefined],
    ]);
  });
  it('kmd-ks (seed 001): joint working group and consultation meeting, measures with a short status, 3 months\' notice', () => {
    const kmd = loadPreset('kmd-ks');
    expect(kmd.bodies.map((b) => b.id)).toEqual(['arbeidsgruppe', 'konsultasjonsmote']);
    expect(kmd.bodies[0]?.basis).toContain('KMD oppnevner statlige representanter til gruppen, og KS oppnevner representanter for kommunal sektor.');
    // Disagreement goes to the consultation meeting, which closes a measure.
    expect(kmd.gates.map((g) => [g.id, g.from, g.to, g.body])).toEqual([
      ['oppstart', 'tiltak', 'gjennomforing', 'arbeidsgruppe'],
      ['avslutning', 'gjennomforing', 'gjennomfort', 'konsultasjonsmote'],
    ]);
    expect(kmd.schedules).toEqual([
      expect.objectContaining({ kind: 'status-report', recipients: 'measure-owners', name: expect.objectContaining({ nb: 'Kort status på gjennomføring av tiltak' }) }),
    ]);
    expect(kmd.membership?.notice?.rule).toEqual({ kind: 'months', months: 3, agreementEnds: '2022-09-01' });
    expect(kmd.membership?.notice?.basis?.nb).toContain('minst tre måneders varsel');
  });
});

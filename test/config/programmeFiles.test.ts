// Programme files: the demo and preset-based files load, and every kind of mistake stops
// startup with a message naming the file and the place in it.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreset, loadProgrammes, ProgrammeFileError } from '../../src/platform/config/programmeFiles.js';

const demoPath = fileURLToPath(new URL('../../programmes/demo.json', import.meta.url));
const ymlPath = fileURLToPath(new URL('../../.m365agentsplayground.yml', import.meta.url));

const TENANT = '00000000-0000-0000-0000-0000000000001';
const ALEX = '00000000-0000-0000-0000-0000000000020';
const MEGAN = '00000000-0000-0000-0000-0000000000021';
const ADELE = '00000000-0000-0000-0000-0000000000022';
const LYNNE = '00000000-0000-0000-0000-0000000000025';

let dir: string;
let demo: Record<string, unknown>;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samspill-programmes-'));
  demo = JSON.parse(await readFile(demoPath, 'utf8')) as Record<string, unknown>;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh copy of the demo file's content to spoil (any: the tests break it on purpose). */
const demoCopy = (): any => structuredClone(demo);

async function write(content: unknown, name = `file-${++counter}.json`, folder = dir): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

async function rejection(path: string): Promise<ProgrammeFileError> {
  const error = await loadProgrammes(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProgrammeFileError);
  return error as ProgrammeFileError;
}

/** Digi Rogaland as §4.1/§4.2 has it: 7 chief executives (Stavanger's chairs) + 1 from KS
 * Rogaland; observers from Statsforvalteren and Rogaland fylkeskommune; the secretariat. */
const municipalities = ['stavanger', 'sandnes', 'haugesund', 'karmoy', 'sola', 'time', 'hjelmeland'];
const digiRogaland = {
  preset: 'digi-rogaland',
  id: 'digi-rogaland',
  name: 'Digi Rogaland',
  ideaPrefix: 'DIGIR',
  tenantId: 'tenant-rogaland',
  parties: [
    ...municipalities.map((m) => ({ id: m, name: `${m} kommune`, kind: 'kommune', ...(m === 'stavanger' ? { inhabitants: 144_000 } : {}) })),
    { id: 'ks', name: 'KS Rogaland', kind: 'ks' },
    { id: 'statsforvalteren', name: 'Statsforvalteren i Rogaland', kind: 'statsforvalter' },
    { id: 'rfk', name: 'Rogaland fylkeskommune', kind: 'fylkeskommune' },
  ],
  people: [
    ...municipalities.map((m) => ({ aadObjectId: `kd-${m}`, name: `Kommunedirektør ${m}`, party: m })),
    { aadObjectId: 'ks', name: 'KS-representant', party: 'ks' },
    { aadObjectId: 'sf', name: 'Observatør', party: 'statsforvalteren' },
    { aadObjectId: 'rfk', name: 'Observatør fylket', party: 'rfk' },
    { aadObjectId: 'sekr', name: 'Sekretariatsleder', party: 'stavanger', roles: ['office'] },
  ],
  bodies: [
    {
      id: 'styringsgruppe',
      members: [...municipalities.map((m) => `kd-${m}`), 'ks'],
      chair: 'kd-stavanger',
      observers: ['sf', 'rfk'],
      secretary: 'sekr',
    },
  ],
};

const skate = {
  preset: 'skate',
  id: 'skate',
  name: 'Skate – digitaliseringsstrategien',
  ideaPrefix: 'SKATE',
  tenantId: 'tenant-digdir',
  parties: [
    { id: 'digdir', name: 'Digdir' },
    { id: 'nav', name: 'NAV' },
  ],
  people: [
    { aadObjectId: 'direktor', name: 'Direktør', party: 'digdir' },
    { aadObjectId: 'nav-leder', name: 'NAV-direktør', party: 'nav' },
    { aadObjectId: 'au-digdir', name: 'AU Digdir', party: 'digdir' },
    { aadObjectId: 'au-nav', name: 'AU NAV', party: 'nav' },
    { aadObjectId: 'sekretariat', name: 'Skatesekretariatet', party: 'digdir', roles: ['office'] },
  ],
  bodies: [
    { id: 'au', members: ['au-digdir', 'au-nav'], secretary: 'sekretariat' },
    { id: 'skate', members: ['direktor', 'nav-leder'], chair: 'direktor', secretary: 'sekretariat', decidedBy: { person: 'direktor' } },
  ],
};

describe('loading programme files', () => {
  it('loads the demo programme with every role a newcomer needs', async () => {
    const [programme, ...rest] = await loadProgrammes(demoPath);
    expect(rest).toEqual([]);
    expect(programme).toMatchObject({ id: 'dsop', tenantId: TENANT, ideaPrefix: 'DSOP' });
    expect(programme!.people.filter((p) => p.roles.includes('office')).map((p) => p.aadObjectId)).toEqual([ALEX]);
    for (const body of programme!.bodies) {
      expect(body.members.length, body.id).toBeGreaterThan(1);
      expect(body.chair, body.id).toBeDefined();
      expect(body.observers.length, body.id).toBeGreaterThan(0);
      expect(body.secretary, body.id).toBeDefined();
    }
    // Governance comes from the preset; the file only added the people.
    const preset = loadPreset('dsop');
    expect(programme!.gates).toEqual(preset.gates);
    expect(programme!.bodies.map((b) => b.name)).toEqual(preset.bodies.map((b) => b.name));
    // Someone with no role in any body (the ordinary participant).
    const inBodies = new Set(programme!.bodies.flatMap((b) => [...b.members, ...b.observers, b.secretary]));
    expect(programme!.people.some((p) => !inBodies.has(p.aadObjectId) && p.roles.length === 0)).toBe(true);
  });

  it('the playground config has the same tenant and the same people as the demo programme', async () => {
    const yml = await readFile(ymlPath, 'utf8');
    const [programme] = await loadProgrammes(demoPath);
    expect(yml).toMatch(new RegExp(`^tenantId: ${TENANT}$`, 'm'));
    const ymlPeople = [...yml.matchAll(/^\s+aadObjectId: (\S+)$/gm)].map((m) => m[1]);
    // The playground's schema wants exactly 5 users plus the current user.
    expect(ymlPeople).toHaveLength(6);
    expect(new Set(ymlPeople)).toEqual(new Set(programme!.people.map((p) => p.aadObjectId)));
    const ymlNames = [...yml.matchAll(/^\s+name: (.+)$/gm)].map((m) => m[1]);
    for (const person of programme!.people) expect(ymlNames).toContain(person.name);
    // The current user (the one who types) is the programme office.
    expect(yml).toMatch(new RegExp(`currentUser:\\n(?:\\s+#.*\\n)?(?:\\s+\\w+: .*\\n)*?\\s+aadObjectId: ${ALEX}\\n`));
  });

  // Issue 24.8: a ready file per preset, so an office starts from its own agreement's file.
  it.each(['dsop', 'skate', 'digi-rogaland', 'kmd-ks'] as const)('the shipped programmes/%s.json loads on its preset with every body seated', async (preset) => {
    const path = fileURLToPath(new URL(`../../programmes/${preset}.json`, import.meta.url));
    const raw = JSON.parse(await readFile(path, 'utf8')) as { preset: string };
    expect(raw.preset).toBe(preset);
    const [programme, ...rest] = await loadProgrammes(path);
    expect(rest).toEqual([]);
    const governance = loadPreset(preset);
    expect(programme!.gates).toEqual(governance.gates);
    expect(programme!.schedules).toEqual(governance.schedules);
    expect(programme!.bodies.map((b) => b.id)).toEqual(governance.bodies.map((b) => b.id));
    expect(programme!.people.some((p) => p.roles.includes('office'))).toBe(true);
    for (const body of programme!.bodies) {
      expect(body.members.length, body.id).toBeGreaterThan(1);
      expect(body.chair, body.id).toBeDefined();
      expect(body.secretary, body.id).toBeDefined();
      // An advisory body names the person who decides (Skate: the Difi director, seed 004 §6.4).
      if (body.decidedBy) expect(body.decidedBy.person, body.id).toBeDefined();
    }
  });

  it('the whole programmes/ folder loads: the demo and the four ready files live side by side', async () => {
    const folder = fileURLToPath(new URL('../../programmes', import.meta.url));
    const programmes = await loadProgrammes(folder);
    expect(programmes.map((p) => p.id).sort()).toEqual(['digi-rogaland', 'dsop', 'dsop', 'kmd-ks', 'skate']);
    expect(new Set(programmes.map((p) => p.tenantId)).size).toBe(programmes.length);
  });

  it('loads every *.json file in a folder, sorted by name, ignoring other files', async () => {
    const folder = await mkdtemp(join(dir, 'folder-'));
    await write(skate, 'c-skate.json', folder);
    await write(demoCopy(), 'a-dsop.json', folder);
    await write(digiRogaland, 'b-digi-rogaland.json', folder);
    await write('not a programme', 'README.md', folder);
    await mkdir(join(folder, 'old.json')); // a folder named like a file is not a programme file
    const programmes = await loadProgrammes(folder);
    expect(programmes.map((p) => p.id)).toEqual(['dsop', 'digi-rogaland', 'skate']);
    const skateBody = programmes[2]!.bodies.find((b) => b.id === 'skate');
    expect(skateBody?.decidedBy).toEqual({ person: 'direktor', title: { nb: 'Difis direktør', en: 'The Director of Difi' } });
    expect(programmes[1]!.bodies[0]).toMatchObject({ chair: 'kd-stavanger', observers: ['sf', 'rfk'], rule: { kind: 'consensus-then-majority' } });
  });

  it('loads a full programme written without a preset', async () => {
    const [programme] = await loadProgrammes(demoPath);
    const full = { ...programme!, id: 'fjerde', ideaPrefix: 'FJ' };
    const [loaded] = await loadProgrammes(await write(full));
    expect(loaded).toEqual(full);
  });

  it('a top-level key in a preset file replaces the preset value wholesale', async () => {
    const file = demoCopy();
    file.criteria = [
      { id: 'nytte', name: { nb: 'Nytte', en: 'Benefit' }, weight: 2 },
      { id: 'risiko', name: { nb: 'Risiko', en: 'Risk' }, weight: 1 },
    ];
    const [programme] = await loadProgrammes(await write(file));
    expect(programme!.criteria.map((c) => c.id)).toEqual(['nytte', 'risiko']);
    expect(programme!.gates).toEqual(loadPreset('dsop').gates);
  });

  it('does not change the preset it merged onto', async () => {
    await loadProgrammes(demoPath);
    expect(loadPreset('dsop').bodies.map((b) => b.members)).toEqual([[], []]);
  });

  it('accepts a file that starts with a byte-order mark', async () => {
    const path = await write(`\uFEFF${JSON.stringify(demoCopy())}`);
    expect(await loadProgrammes(path)).toHaveLength(1);
  });
});

describe('rejecting bad programme files, naming the file and the place', () => {
  it('invalid JSON: line and column', async () => {
    const path = await write('{\n  "preset": "dsop",\n  "id": "x",\n}\n');
    expect((await rejection(path)).message).toBe(`${path}: invalid JSON at line 4, column 1: unexpected "}"`);
  });

  it('invalid JSON: cut off', async () => {
    const path = await write('{\n  "preset": "dsop"');
    expect((await rejection(path)).message).toBe(`${path}: invalid JSON at line 2, column 19: unexpected end of file`);
  });

  it('not an object', async () => {
    const path = await write('[]');
    expect((await rejection(path)).message).toBe(`${path}: a programme file must be a JSON object ({ … })`);
  });

  it('unknown preset', async () => {
    const path = await write({ ...demoCopy(), preset: 'dsopp' });
    expect((await rejection(path)).message).toBe(
      `${path}: preset: unknown preset "dsopp"; use one of "dsop", "digi-rogaland", "skate", "kmd-ks"`,
    );
  });

  it('missing required field', async () => {
    const file = demoCopy();
    delete file.tenantId;
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: tenantId: required, but missing (expected string)`);
  });

  it('wrong type, inside a list element named by its id', async () => {
    const file = demoCopy();
    file.people[1].name = 7;
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: people[1] (aadObjectId "${MEGAN}").name: expected string, received number`,
    );
  });

  it('unknown top-level field', async () => {
    const path = await write({ ...demoCopy(), colour: 'blue' });
    expect((await rejection(path)).message).toBe(`${path}: colour: unknown field`);
  });

  it('chair who is not a member', async () => {
    const file = demoCopy();
    file.bodies[1].chair = LYNNE;
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[1] (id "styringsgruppe").chair: the chair "${LYNNE}" must be one of the members`,
    );
  });

  it('chair who is not a member, with the body entries in another order than the preset', async () => {
    const file = demoCopy();
    file.bodies.reverse();
    file.bodies[0].chair = LYNNE; // styringsgruppe, the preset's second body
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[0] (id "styringsgruppe").chair: the chair "${LYNNE}" must be one of the members`,
    );
  });

  it('observer who is also a member', async () => {
    const file = demoCopy();
    file.bodies[0].observers = [MEGAN];
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[0] (id "topplederforum").observers[0]: "${MEGAN}" is both a member and an observer; observers never vote`,
    );
  });

  it('person of an unknown party', async () => {
    const file = demoCopy();
    file.people[2].party = 'dnb';
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: people[2] (aadObjectId "${ADELE}").party: unknown party "dnb"`);
  });

  it('no programme-office person', async () => {
    const file = demoCopy();
    file.people[0].roles = [];
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: people: at least one person must have the "office" role (the programme office)`,
    );
  });

  it('the same person twice', async () => {
    const file = demoCopy();
    file.people.push({ ...file.people[5] });
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: people: id "${LYNNE}" is used more than once`);
  });

  it('gate naming an unknown body, in gates the file gives itself', async () => {
    const file = demoCopy();
    file.gates = structuredClone(loadPreset('dsop').gates);
    file.gates[0].body = 'programkontoret';
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: gates[0] (id "BP1").body: unknown body "programkontoret"`);
  });

  it('gate naming an unknown body, in a full programme without a preset', async () => {
    const [programme] = await loadProgrammes(demoPath);
    const full = structuredClone(programme!);
    full.gates[3]!.body = 'prosjektstyre';
    const path = await write(full);
    expect((await rejection(path)).message).toBe(`${path}: gates[3] (id "BP4").body: unknown body "prosjektstyre"`);
  });

  it('a value the file did not replace is reported as coming from the preset', async () => {
    const file = demoCopy();
    file.gates = structuredClone(loadPreset('dsop').gates).filter((g) => g.id !== 'BP3');
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: confidentiality.participantsOnlyUntilGate (from preset "dsop"): unknown gate "BP3"`,
    );
  });

  it('a preset body the file leaves out has no members', async () => {
    const file = demoCopy();
    file.bodies = file.bodies.filter((b: { id: string }) => b.id !== 'topplederforum');
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[0] (id "topplederforum").members (the file's "bodies" has no entry with id "topplederforum"): body "topplederforum" has no members`,
    );
  });

  it('a body entry for a body the preset does not have', async () => {
    const file = demoCopy();
    file.bodies.push({ id: 'programkontoret', members: [ALEX] });
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[2] (id "programkontoret").id: unknown body "programkontoret"; preset "dsop" defines "topplederforum", "styringsgruppe"`,
    );
  });

  it('a body given twice', async () => {
    const file = demoCopy();
    file.bodies.push({ ...file.bodies[0] });
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: bodies[2] (id "topplederforum").id: body "topplederforum" is given more than once`);
  });

  it('a decision-maker for a body that has none in the preset', async () => {
    const file = demoCopy();
    file.bodies[1].decidedBy = { person: ALEX };
    const path = await write(file);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[1] (id "styringsgruppe").decidedBy: body "styringsgruppe" of preset "dsop" has no separate decision-maker`,
    );
  });

  it('a body entry may give the whole body as the preset has it, decidedBy.title included (issue 24.8)', async () => {
    // Copying a body from the preset into the file and adding the people is how many start.
    const file = structuredClone(skate) as any;
    file.bodies = loadPreset('skate').bodies.map((body) => ({ ...body, ...skate.bodies.find((e) => e.id === body.id) }));
    file.bodies[0].decidedBy = { ...loadPreset('skate').bodies[0]!.decidedBy, person: 'direktor' };
    const [programme] = await loadProgrammes(await write(file));
    expect(programme!.bodies.find((b) => b.id === 'skate')).toMatchObject({
      decidedBy: { person: 'direktor', title: { nb: 'Difis direktør', en: 'The Director of Difi' } },
      rule: { kind: 'consensus' },
      members: ['direktor', 'nav-leder'],
    });
    expect(programme!.bodies.map((b) => b.name)).toEqual(loadPreset('skate').bodies.map((b) => b.name));
  });

  it('a field a body entry gives replaces the preset\'s; a field the body does not have is named with the ones it has', async () => {
    const file = demoCopy();
    file.bodies[0].rule = { kind: 'majority', quorum: { minVotesCast: 2 } };
    file.bodies[0].aliases = ['TLF'];
    const [programme] = await loadProgrammes(await write(file));
    expect(programme!.bodies[0]).toMatchObject({ id: 'topplederforum', rule: { kind: 'majority' }, aliases: ['TLF'], meets: 'half-yearly' });

    const typo = demoCopy();
    typo.bodies[1].memebrs = [ALEX];
    const path = await write(typo);
    expect((await rejection(path)).message).toBe(
      `${path}: bodies[1] (id "styringsgruppe").memebrs: unknown field; a body's fields are id, name, aliases, rule, decidedBy, meets, kind, seats, basis, members, chair, observers, secretary`,
    );
  });

  it('a field the file gives wrong inside decidedBy is named in the file', async () => {
    const file = structuredClone(skate) as any;
    file.bodies[1].decidedBy = { person: 'direktor', title: { nb: 'Direktøren' } };
    const path = await write(file);
    expect((await rejection(path)).message).toBe(`${path}: bodies[1] (id "skate").decidedBy.title.en: required, but missing (expected string)`);
  });

  it('the same programme (tenant and id) in two files names both files', async () => {
    const folder = await mkdtemp(join(dir, 'duplicates-'));
    const first = await write(demoCopy(), 'a.json', folder);
    const second = await write({ ...demoCopy(), name: 'Another name' }, 'b.json', folder);
    expect((await rejection(folder)).message).toBe(
      `${second}: id: programme "dsop" of tenant "${TENANT}" is already defined in ${first}`,
    );
  });

  it('the same programme id in another tenant is fine', async () => {
    const folder = await mkdtemp(join(dir, 'tenants-'));
    await write(demoCopy(), 'a.json', folder);
    // Its parties are its own tenant's (the demo's Finans Norge also has a tenant of its own).
    const other = demoCopy();
    other.tenantId = 'another-tenant';
    for (const party of other.parties) party.tenantIds = ['another-tenant'];
    await write(other, 'b.json', folder);
    expect((await loadProgrammes(folder)).map((p) => p.tenantId)).toEqual([TENANT, 'another-tenant']);
  });

  it('a party tenant that would be served two programmes of the same id is refused, naming both hosts', async () => {
    const folder = await mkdtemp(join(dir, 'party-clash-'));
    await write(demoCopy(), 'a.json', folder);
    const other = { ...demoCopy(), tenantId: 'another-tenant' };
    other.parties[0].tenantIds = ['another-tenant', TENANT];
    const second = await write(other, 'b.json', folder);
    expect((await rejection(folder)).message).toBe(
      `${second}: parties: tenant "${TENANT}" would be served two programmes "dsop" (hosted by "${TENANT}" and "another-tenant"); give one of them another id`,
    );
    // With another id the same party tenant is served both.
    await write({ ...other, id: 'dsop-2', ideaPrefix: 'DSOB' }, 'b.json', folder);
    expect((await loadProgrammes(folder)).map((p) => p.id)).toEqual(['dsop', 'dsop-2']);
  });

  it('two programmes of one tenant with the same idea prefix are refused, naming both files', async () => {
    const folder = await mkdtemp(join(dir, 'prefix-clash-'));
    const first = await write(demoCopy(), 'a.json', folder);
    const second = await write({ ...demoCopy(), id: 'dsop-2', name: 'Et annet program' }, 'b.json', folder);
    expect((await rejection(folder)).message).toBe(
      `${second}: ideaPrefix: "DSOP" is also the idea prefix of programme "dsop" in ${first}; both are served to tenant "${TENANT}", where an idea number would not say whose idea it is: give one of them another prefix`,
    );
    // Another prefix, and the same tenant hosts both.
    await write({ ...demoCopy(), id: 'dsop-2', name: 'Et annet program', ideaPrefix: 'DSOB' }, 'b.json', folder);
    expect((await loadProgrammes(folder)).map((p) => p.ideaPrefix)).toEqual(['DSOP', 'DSOB']);
  });

  it('a party tenant served two programmes of one idea prefix is refused; hosts that share no tenant may share a prefix', async () => {
    const folder = await mkdtemp(join(dir, 'prefix-party-'));
    const first = await write(demoCopy(), 'a.json', folder);
    const other = demoCopy();
    other.id = 'dsop-b';
    other.tenantId = 'another-tenant';
    for (const party of other.parties) party.tenantIds = ['another-tenant'];
    const second = await write(other, 'b.json', folder);
    expect((await loadProgrammes(folder)).map((p) => p.ideaPrefix)).toEqual(['DSOP', 'DSOP']);
    // Finans Norge's own tenant (…0002) is a party of the demo; made a party of the other too.
    const fnTenant = (demoCopy().parties as { tenantIds?: string[] }[]).flatMap((p) => p.tenantIds ?? []).find((t) => t !== TENANT)!;
    other.parties[0].tenantIds = ['another-tenant', fnTenant];
    await write(other, 'b.json', folder);
    expect((await rejection(folder)).message).toBe(
      `${second}: ideaPrefix: "DSOP" is also the idea prefix of programme "dsop" in ${first}; both are served to tenant "${fnTenant}", where an idea number would not say whose idea it is: give one of them another prefix`,
    );
  });

  it('a path that does not exist, and a folder without programme files', async () => {
    const missing = join(dir, 'nowhere.json');
    expect((await rejection(missing)).message).toBe(`${missing}: no such file or folder`);
    const empty = await mkdtemp(join(dir, 'empty-'));
    expect((await rejection(empty)).message).toBe(`${empty}: no programme files (*.json) in this folder`);
  });

  it('reports every problem of a file, one per line', async () => {
    const file = demoCopy();
    file.people[2].party = 'dnb';
    file.bodies[1].chair = LYNNE;
    const error = await rejection(await write(file));
    expect(error.problems).toEqual([
      `people[2] (aadObjectId "${ADELE}").party: unknown party "dnb"`,
      `bodies[1] (id "styringsgruppe").chair: the chair "${LYNNE}" must be one of the members`,
    ]);
    expect(error.message.split('\n')).toHaveLength(2);
  });

  it('Digi Rogaland §4.2: a steering group with 6 chief executives is refused at start, naming the file and the place', async () => {
    const six = structuredClone(digiRogaland);
    six.bodies[0]!.members = six.bodies[0]!.members.filter((m) => m !== 'kd-hjelmeland');
    const path = await write(six);
    const error = await rejection(path);
    expect(error.message).toBe(
      `${path}: bodies[0] (id "styringsgruppe").members: body "styringsgruppe": the seats ask for 7 of a party of kind "kommune" (municipal chief executive); the body has 6`,
    );
  });

  it('Digi Rogaland §4.1/§4.2: the chair from another municipality, two from one municipality and a missing observer are refused', async () => {
    const wrong = structuredClone(digiRogaland);
    wrong.people.push({ aadObjectId: 'kd2-sola', name: 'Second from Sola', party: 'sola' });
    const body = wrong.bodies[0]!;
    body.members = body.members.map((m) => (m === 'kd-hjelmeland' ? 'kd2-sola' : m));
    body.chair = 'kd-sandnes';
    body.observers = ['sf'];
    const error = await rejection(await write(wrong));
    expect(error.problems).toEqual([
      'bodies[0] (id "styringsgruppe").members[6]: body "styringsgruppe": "kd2-sola" of party "sola" (kind "kommune") has no seat left: the seats are 7 of a party of kind "kommune" (municipal chief executive) + 1 of a party of kind "ks" (representative of KS Rogaland), one per party',
      'bodies[0] (id "styringsgruppe").members: body "styringsgruppe": the seats ask for 7 of a party of kind "kommune" (municipal chief executive); the body has 6',
      'bodies[0] (id "styringsgruppe").observers: body "styringsgruppe": the seats ask for 1 of a party of kind "fylkeskommune" (representative of Rogaland County Council); the body has 0',
      'bodies[0] (id "styringsgruppe").chair: body "styringsgruppe": the chair must come from party "stavanger"; "kd-sandnes" does not',
    ]);
  });

  it('Digi Rogaland §4.2: a steering group without Sandnes or without a Haugalandet municipality is refused at start, naming the fixed seat', async () => {
    // «Stavanger, Sandnes og en av kommunene på Haugalandet har fast representasjon»: each file
    // below has seven municipalities and KS; only the fixed seats differ.
    const withMembers = (swap: Record<string, string>) => {
      const file = structuredClone(digiRogaland);
      file.parties.push(...['bokn', 'klepp', 'gjesdal'].map((m) => ({ id: m, name: `${m} kommune`, kind: 'kommune' })));
      file.people.push(...['bokn', 'klepp', 'gjesdal'].map((m) => ({ aadObjectId: `kd-${m}`, name: `Kommunedirektør ${m}`, party: m })));
      file.bodies[0]!.members = file.bodies[0]!.members.map((m) => swap[m] ?? m);
      return write(file);
    };
    const noSandnes = await withMembers({ 'kd-sandnes': 'kd-klepp' });
    expect((await rejection(noSandnes)).message).toBe(
      `${noSandnes}: bodies[0] (id "styringsgruppe").members: body "styringsgruppe": the fixed seat seats.fixed[1] (Sandnes municipality) needs a member of party "sandnes"; the body has none`,
    );
    const noHaugalandet = await withMembers({ 'kd-haugesund': 'kd-gjesdal', 'kd-karmoy': 'kd-klepp' });
    expect((await rejection(noHaugalandet)).problems).toEqual([
      'bodies[0] (id "styringsgruppe").members: body "styringsgruppe": the fixed seat seats.fixed[2] (one of the Haugalandet municipalities) needs a member of one of the parties "haugesund", "karmoy", "tysvaer", "bokn", "utsira", "vindafjord"; the body has none',
    ]);
    // Any one Haugalandet municipality holds that seat: Bokn instead of Haugesund and Karmøy.
    const [accepted] = await loadProgrammes(await withMembers({ 'kd-haugesund': 'kd-gjesdal', 'kd-karmoy': 'kd-bokn' }));
    expect(accepted?.bodies[0]?.members).toContain('kd-bokn');
    expect(accepted?.bodies[0]?.seats?.fixed.map((f) => f.anyOf)).toEqual([['stavanger'], ['sandnes'], ['haugesund', 'karmoy', 'tysvaer', 'bokn', 'utsira', 'vindafjord']]);
  });

  it('seed 000 §3.4: a reference group (kind "reference") may advise on a gate but is refused at start as its deciding or preparing body', async () => {
    // «Referansegruppene har kun en rådgivende funksjon»: the fixture adds one to Skate's file.
    const withReference = (change: (file: any) => void) => {
      const full = { ...loadPreset('skate'), ...skate } as any;
      delete full.preset;
      full.bodies = [
        ...loadPreset('skate').bodies.map((b) => ({ ...b, ...skate.bodies.find((e) => e.id === b.id), decidedBy: b.decidedBy && { ...b.decidedBy, person: 'direktor' } })),
        { id: 'referansegruppe', name: { nb: 'Referansegruppe', en: 'Reference group' }, kind: 'reference', rule: { kind: 'consensus', quorum: { majorityOfMembers: true } }, members: ['nav-leder', 'au-nav'] },
      ];
      change(full);
      return write(full);
    };
    const [advising] = await loadProgrammes(await withReference((f) => (f.gates[1].advisedBy = 'referansegruppe')));
    expect(advising?.gates[1]).toMatchObject({ id: 'konseptdokumentasjon', approvedBy: 'owner', advisedBy: 'referansegruppe' });
    expect(advising?.bodies[2]?.kind).toBe('reference');

    const deciding = await rejection(await withReference((f) => (f.gates[0].body = 'referansegruppe')));
    expect(deciding.problems).toEqual([
      'gates[0] (id "prioritering").body: body "referansegruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never decides a gate',
    ]);
    const preparing = await rejection(await withReference((f) => (f.gates[0].preparedBy = 'referansegruppe')));
    expect(preparing.problems).toEqual([
      'gates[0] (id "prioritering").preparedBy: body "referansegruppe" is a reference group (kind "reference"): it only gives advice ("advisedBy"), never prepares a gate',
    ]);
    const unknownKind = await rejection(await withReference((f) => (f.bodies[2].kind = 'advisory')));
    expect(unknownKind.problems).toEqual([expect.stringMatching(/^bodies\[2\] \(id "referansegruppe"\)\.kind: /)]);
  });

  it('Skate §3.1: a gate names its deciding body or "approvedBy": "owner", never both nor neither', async () => {
    const skateFile = (change: (file: any) => void) => {
      const full = { ...loadPreset('skate'), ...skate } as any;
      delete full.preset;
      full.bodies = loadPreset('skate').bodies.map((b) => ({ ...b, ...skate.bodies.find((e) => e.id === b.id), decidedBy: b.decidedBy && { ...b.decidedBy, person: 'direktor' } }));
      change(full);
      return write(full);
    };
    expect((await rejection(await skateFile((f) => (f.gates[1].body = 'skate')))).problems).toEqual([
      'gates[1] (id "konseptdokumentasjon").approvedBy: the gate is decided by body "skate"; an owner-approved gate names no deciding body',
    ]);
    expect((await rejection(await skateFile((f) => delete f.gates[1].approvedBy))).problems).toEqual([
      'gates[1] (id "konseptdokumentasjon").body: a gate names the body that decides it, or "approvedBy": "owner"',
    ]);
    expect((await rejection(await skateFile((f) => (f.gates[1].approvedBy = 'au')))).problems).toEqual([
      expect.stringMatching(/^gates\[1\] \(id "konseptdokumentasjon"\)\.approvedBy: /),
    ]);
    expect((await rejection(await skateFile((f) => (f.gates[1].advisedBy = 'nope')))).problems).toEqual([
      'gates[1] (id "konseptdokumentasjon").advisedBy: unknown body "nope"',
    ]);
    expect((await rejection(await skateFile((f) => (f.gates[1].preparedBy = 'au')))).problems).toEqual([
      'gates[1] (id "konseptdokumentasjon").preparedBy: an owner-approved gate has no deciding vote to prepare; name the body in "advisedBy"',
    ]);
  });

  it('a body without a quorum is refused at start (every body says how many must vote)', async () => {
    const full = { ...loadPreset('skate'), ...skate } as any;
    delete full.preset;
    full.bodies = loadPreset('skate').bodies.map((b) => ({ ...b, ...skate.bodies.find((e) => e.id === b.id), decidedBy: b.decidedBy && { ...b.decidedBy, person: 'direktor' } }));
    full.bodies[1].rule = { kind: 'consensus' };
    const error = await rejection(await write(full));
    expect(error.problems).toEqual([
      'bodies[1] (id "au").rule.quorum: body "au" has no quorum; say how many members must vote (e.g. { "majorityOfMembers": true })',
    ]);
  });
});

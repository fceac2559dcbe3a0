// `npm run person -- export <Entra object id> [--out <file>]` and
// `npm run person -- erase <Entra object id> [--name "<name>"]… [--pseudonym <id>] [--yes]`:
// one person's data, on request (GDPR Art. 15 and 17; docs/operations.md, "A person's data").
// Names to look for come from the programme files (SAMSPILL_PROGRAMMES), the stored rows and
// --name. Erase without --yes counts what it would change and changes nothing.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readEnv } from '../src/platform/config/env.js';
import { loadProgrammes, ProgrammeFileError } from '../src/platform/config/programmeFiles.js';
import { personIdSchema } from '../src/shared/programme/schema.js';
import { erasePerson, exportPerson, personIdentifiers } from '../src/platform/storage/personData.js';
import { runOperatorCommand, withOperatorStorage } from './operatorStorage.js';

class UsageError extends Error {}

const usage = 'Usage: npm run person -- export <Entra object id> [--out <file>] | erase <Entra object id> [--name "<name>"]… [--pseudonym <id>] [--yes]';

runOperatorCommand(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, name: { type: 'string', multiple: true }, pseudonym: { type: 'string' }, yes: { type: 'boolean', default: false } },
  });
  const [verb, id] = positionals;
  const parsedId = personIdSchema.safeParse(id);
  if ((verb !== 'export' && verb !== 'erase') || !parsedId.success || positionals.length !== 2) throw new UsageError(usage);
  const aadObjectId = parsedId.data;
  const programmes = await loadProgrammes(readEnv().SAMSPILL_PROGRAMMES);
  const inFiles = programmes.flatMap((p) => p.people.filter((person) => person.aadObjectId === aadObjectId).map((person) => person.name));
  await withOperatorStorage(async (clients, where) => {
    const person = await personIdentifiers(clients, aadObjectId, [...inFiles, ...(values.name ?? [])]);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`${aadObjectId} in ${where}: Teams ids ${person.teamsIds.join(', ') || 'none'}; names ${person.names.map((n) => `"${n}"`).join(', ') || 'none'}`);
    if (verb === 'export') {
      const data = await exportPerson(clients, person, new Date());
      const rows = Object.values(data.tables).reduce((sum, t) => sum + t.length, 0);
      const out = values.out ?? `person-${aadObjectId}.json`;
      await writeFile(out, `${JSON.stringify(data, null, 2)}\n`);
      say(`Exported ${rows} rows from ${Object.keys(data.tables).length} tables to ${out}`);
      return;
    }
    const report = await erasePerson(clients, person, { dryRun: !values.yes, ...(values.pseudonym ? { pseudonym: values.pseudonym } : {}) });
    for (const d of report.deleted) say(`  ${d.table}: ${d.rows} rows deleted (${d.why})`);
    for (const k of report.pseudonymised) say(`  ${k.table}: ${k.rows} rows kept as ${report.pseudonym}`);
    if (!values.yes) {
      say('Nothing changed (dry run). Add --yes to erase.');
      return;
    }
    say(`Erased. Pseudonym ${report.pseudonym} (give it as --pseudonym if this run was interrupted and is run again).`);
    if (inFiles.length > 0) say(`Still named in the programme files (${readEnv().SAMSPILL_PROGRAMMES}): remove them there and restart the service.`);
  });
}, [UsageError, ProgrammeFileError]);

// `npm run tenant -- forget-conversations <tenant id> [--yes]`: after a party has left and its
// tenant id is out of the programme files, delete the conversation references the bot stored
// for that tenant (its people's personal chats), so nothing is sent there any more (docs/
// operations.md, "A party that leaves"). Refused while a programme file still names the tenant;
// without --yes it counts and deletes nothing.
import { parseArgs } from 'node:util';
import { readEnv } from '../src/platform/config/env.js';
import { loadProgrammes, ProgrammeFileError } from '../src/platform/config/programmeFiles.js';
import { forgetTenantConversations } from '../src/platform/storage/tenantConversations.js';
import { runOperatorCommand, withOperatorStorage } from './operatorStorage.js';

class TenantRefused extends Error {}

runOperatorCommand(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { yes: { type: 'boolean', default: false } } });
  const [verb, tenantId] = positionals;
  if (verb !== 'forget-conversations' || !tenantId || positionals.length !== 2) {
    throw new TenantRefused('Usage: npm run tenant -- forget-conversations <tenant id> [--yes]');
  }
  const path = readEnv().SAMSPILL_PROGRAMMES;
  const naming = (await loadProgrammes(path)).filter((p) => p.tenantId === tenantId || p.parties.some((party) => party.tenantIds.includes(tenantId)));
  if (naming.length > 0) {
    throw new TenantRefused(`Tenant ${tenantId} is still named by programme ${naming.map((p) => p.id).join(', ')} (${path}): remove it from tenantId / parties[].tenantIds and restart the service first.`);
  }
  await withOperatorStorage(async (clients, where) => {
    const count = await forgetTenantConversations(clients, tenantId, { dryRun: !values.yes });
    process.stdout.write(
      values.yes
        ? `Deleted ${count} conversation references of tenant ${tenantId} from ${where}\n`
        : `${count} conversation references of tenant ${tenantId} in ${where}. Nothing changed (dry run). Add --yes to delete them.\n`,
    );
  });
}, [TenantRefused, ProgrammeFileError]);

// The leader picker's typeahead (issue 16, point 1): the idea card's Input.ChoiceSet asks the
// `programmePeople` dataset as the office types. Only the programme office sees people, as only
// it gets the picker; the search spans the programmes the reader is office of (Teams' query
// does not say which card asked), and naming someone of another programme is refused when the
// leader is saved.
import { searchPeople } from '../../../shared/programme/peopleSearch.js';
import { translate } from '../../../platform/i18n/messages.js';
import type { DatasetDefinition } from '../../../platform/routing/search.js';

export const PROGRAMME_PEOPLE = 'programmePeople';

export const programmePeopleDataset: DatasetDefinition = {
  search: async (ctx, query) => {
    const programmes = ctx.memberships.filter((m) => m.isOffice).map((m) => m.programme);
    if (programmes.length === 0) return { refused: 'forbidden', message: translate(ctx.language, 'ideaError.forbidden.office') };
    return searchPeople(
      programmes.flatMap((p) => p.people),
      query.text,
      query,
    ).map((p) => ({ title: p.name, value: p.aadObjectId }));
  },
};

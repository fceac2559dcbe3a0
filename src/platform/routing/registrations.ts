// Verbs and commands come from every feature's module and are merged into one table at start.
// An object spread would let a second feature's "vote.cast" silently replace the first's; here a
// name registered twice, or a command of the catalogue nobody handles, stops the service at start
// with a message that names the sources.

export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
}

/** The handlers of every source in one table; throws on a name that two sources register. */
export function mergeRegistrations<T>(kind: string, sources: Readonly<Record<string, Readonly<Record<string, T>>>>): Record<string, T> {
  const merged: Record<string, T> = {};
  const sourceOf = new Map<string, string>();
  for (const [source, entries] of Object.entries(sources)) {
    for (const [name, handler] of Object.entries(entries)) {
      const earlier = sourceOf.get(name);
      if (earlier !== undefined) {
        throw new RegistrationError(`The ${kind} "${name}" is registered twice, by "${earlier}" and by "${source}": each ${kind} must have one handler. Rename one of them.`);
      }
      sourceOf.set(name, source);
      merged[name] = handler;
    }
  }
  return merged;
}

/** The merged table as a complete one: throws naming every expected name that has no handler. */
export function requireEvery<K extends string, T>(kind: string, names: readonly K[], merged: Readonly<Record<string, T>>): Record<K, T> {
  const missing = names.filter((name) => !Object.hasOwn(merged, name));
  if (missing.length > 0) throw new RegistrationError(`No handler for the ${kind}${missing.length === 1 ? '' : 's'} ${missing.map((n) => `"${n}"`).join(', ')}.`);
  return merged as Record<K, T>;
}

// A verb or command registered twice, or a command nobody handles, stops the service at start
// with a message naming the sources (issue 26): an object spread used to let the later silently win.
import { describe, expect, it } from 'vitest';
import { mergeRegistrations, RegistrationError, requireEvery } from '../../src/platform/routing/registrations.js';

describe('registrations', () => {
  it('merges the handlers of every source', () => {
    const merged = mergeRegistrations('verb', { ideas: { 'idea.submit': 1, 'idea.score': 2 }, votes: { 'vote.cast': 3 } });
    expect(merged).toEqual({ 'idea.submit': 1, 'idea.score': 2, 'vote.cast': 3 });
  });

  it('refuses a name two sources register, naming the name and both sources', () => {
    const merging = () => mergeRegistrations('verb', { votes: { 'vote.cast': 1 }, reports: { 'report.submit': 2, 'vote.cast': 3 } });
    expect(merging).toThrow(RegistrationError);
    expect(merging).toThrow('The verb "vote.cast" is registered twice, by "votes" and by "reports"');
  });

  it('refuses a command of the catalogue without a handler, naming each', () => {
    const merged = mergeRegistrations('command', { ideas: { 'my ideas': 1 } });
    expect(() => requireEvery('command', ['my ideas', 'ranking', 'portfolio'], merged)).toThrow('No handler for the commands "ranking", "portfolio".');
    expect(() => requireEvery('command', ['my ideas', 'ranking'], merged)).toThrow('No handler for the command "ranking".');
    expect(requireEvery('command', ['my ideas'], merged)).toEqual({ 'my ideas': 1 });
  });

  it('does not take an inherited name for a handler', () => {
    expect(() => requireEvery('command', ['toString'], mergeRegistrations('command', {}))).toThrow('No handler for the command "toString".');
  });
});

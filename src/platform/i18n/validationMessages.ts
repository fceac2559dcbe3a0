// Turns zod issues into short sentences in the reader's language, naming fields by their
// label on the card rather than by their JSON path.
import type { z } from 'zod';
import type { LocalisedText } from '../../shared/programme/schema.js';
import type { Language } from '../../shared/language.js';

export type FieldLabels = Record<string, LocalisedText>;

type Issue = z.core.$ZodIssue;

function explain(issue: Issue, language: Language): string {
  const nb = language === 'nb';
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string'
        ? nb ? `høyst ${issue.maximum} tegn` : `at most ${issue.maximum} characters`
        : nb ? `høyst ${issue.maximum}` : `at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return nb ? 'må fylles ut' : 'is required';
      return issue.origin === 'string'
        ? nb ? `minst ${issue.minimum} tegn` : `at least ${issue.minimum} characters`
        : nb ? `minst ${issue.minimum}` : `at least ${issue.minimum}`;
    case 'invalid_type':
      return issue.input === undefined ? (nb ? 'må fylles ut' : 'is required') : nb ? 'har feil format' : 'has the wrong format';
    case 'invalid_value':
      return nb ? 'er ikke et av valgene' : 'is not one of the choices';
    case 'invalid_format':
      return nb ? 'har feil format' : 'has the wrong format';
    case 'unrecognized_keys':
      return nb ? `ukjente felt: ${issue.keys.join(', ')}` : `unknown fields: ${issue.keys.join(', ')}`;
    default:
      return nb ? 'er ugyldig' : 'is invalid';
  }
}

export function describeIssues(issues: readonly Issue[], language: Language, labels: FieldLabels = {}): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const label = labels[path]?.[language] ?? labels[String(issue.path[0] ?? '')]?.[language] ?? path;
    const text = explain(issue, language);
    return label ? `${label}: ${text}` : text;
  });
}

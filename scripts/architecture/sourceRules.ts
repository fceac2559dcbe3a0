// The rules an import graph cannot show, read from the source with TypeScript's own parser:
// the environment is read in one place (the config reader) and the wall clock only in the
// clocks, so every other module gets both passed in and a test can set them.
import ts from 'typescript';

export interface SourceRule {
  name: string;
  comment: string;
  /** Files (relative to the base directory, '/'-separated) the rule does not apply to. */
  allowedIn: RegExp;
  /** True for a node that breaks the rule. */
  breaks(node: ts.Node): boolean;
}

const isProcessEnv = (node: ts.Node) =>
  ts.isPropertyAccessExpression(node) && node.name.text === 'env' && ts.isIdentifier(node.expression) && node.expression.text === 'process';

const isDateNow = (node: ts.Node) =>
  ts.isCallExpression(node) &&
  ts.isPropertyAccessExpression(node.expression) &&
  node.expression.name.text === 'now' &&
  ts.isIdentifier(node.expression.expression) &&
  node.expression.expression.text === 'Date';

const isArgumentlessNewDate = (node: ts.Node) =>
  ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' && (node.arguments?.length ?? 0) === 0;

export const sourceRules: SourceRule[] = [
  {
    name: 'env-only-in-config',
    comment: 'process.env is read by the config reader (src/platform/config) and nowhere else: configuration is validated once, at start.',
    allowedIn: /^src\/platform\/config\//,
    breaks: isProcessEnv,
  },
  {
    name: 'wall-clock-only-in-clocks',
    comment: 'Date.now() and new Date() are read in the clocks only; everything else is given a clock, so tests set the time.',
    allowedIn: /^src\/(shared\/clocks|platform\/clocks)\.ts$|^src\/main\.ts$/,
    breaks: (node) => isDateNow(node) || isArgumentlessNewDate(node),
  },
];

export interface SourceViolation {
  rule: string;
  from: string;
  /** Line:column of the breaking expression. */
  to: string;
}

/** Every breach of the source rules in one file. */
export function sourceViolations(relativePath: string, text: string): SourceViolation[] {
  const rules = sourceRules.filter((rule) => !rule.allowedIn.test(relativePath));
  if (rules.length === 0) return [];
  const file = ts.createSourceFile(relativePath, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: SourceViolation[] = [];
  const visit = (node: ts.Node) => {
    for (const rule of rules) {
      if (rule.breaks(node)) {
        const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push({ rule: rule.name, from: relativePath, to: `${node.getText(file)} at ${line + 1}:${character + 1}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

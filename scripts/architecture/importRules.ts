// The import rules of Samspill's layout (issue 26: src/shared, src/platform/*,
// src/features/<feature>/*), as dependency-cruiser rules. Each rule says why it exists; what the
// code still breaks is listed, entry by entry, in knownViolations.txt, which may only shrink.
import type { IForbiddenRuleType } from 'dependency-cruiser';

/** Rules only, no I/O: the kernel and each feature's domain. */
const PURE = '^src/(shared|features/[^/]+/domain)/';
/** Where the Teams SDK (botbuilder, botframework-*) and restify may be imported. */
const SDK_EDGE = '^src/platform/(channel|http)/';
const SDK = '(^|/)node_modules/(botbuilder[^/]*|botframework-[^/]+|restify)/';
/** Packages and Node modules that do I/O: never in a rule. */
const IO_PACKAGES = '(^|/)node_modules/(@azure/[^/]+|botbuilder[^/]*|botframework-[^/]+|restify|pino|@opentelemetry/[^/]+|azurite)/';
const IO_CORE = '^(node:)?(fs|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads)(/promises)?$';

export const importRules: (IForbiddenRuleType & { name: string })[] = [
  {
    name: 'no-cycles',
    comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
    severity: 'error',
    from: { path: '^src/' },
    to: { circular: true },
  },
  {
    name: 'domain-imports-only-rules',
    comment: 'The kernel imports only the kernel: never a feature, storage or Teams code.',
    severity: 'error',
    from: { path: '^src/shared/' },
    to: { path: '^src/', pathNot: '^src/shared/' },
  },
  {
    name: 'feature-domain-imports-its-own',
    comment: "A feature's domain imports the kernel and its own domain only: the rules of a feature are read and tested alone.",
    severity: 'error',
    from: { path: '^src/features/([^/]+)/domain/' },
    to: { path: '^src/', pathNot: ['^src/shared/', '^src/features/$1/domain/'] },
  },
  {
    name: 'domain-does-no-io',
    comment: 'Rules are tested without storage, network or Teams: no I/O package and no I/O module of Node.',
    severity: 'error',
    from: { path: PURE },
    to: { path: [IO_PACKAGES, IO_CORE] },
  },
  {
    name: 'features-meet-through-index',
    comment: "A feature uses another only through its index.ts, so each feature's inside can change freely.",
    severity: 'error',
    from: { path: '^src/features/([^/]+)/' },
    to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
  },
  {
    name: 'sdk-stays-at-the-edge',
    comment: 'botbuilder is past end of support: confined to the channel (and restify to http), a move to another Teams SDK touches one folder.',
    severity: 'error',
    from: { path: '^src/', pathNot: SDK_EDGE },
    to: { path: SDK },
  },
  {
    name: 'storage-implements-ports',
    comment: 'A storage adapter implements a port; importing a use case would let storage depend on the logic it serves.',
    severity: 'error',
    from: { path: '^src/(platform/storage|features/[^/]+/storage)/' },
    // A port is a module of interfaces: ports.ts, or today's <thing>Repository.ts.
    to: { path: '^src/features/[^/]+/app/', pathNot: '(^|/)(ports|[a-z][A-Za-z]*Repository)\\.ts$' },
  },
  {
    name: 'observability-knows-no-feature',
    comment: 'Logging and tracing serve every feature; they must not import Teams or feature code (ports they may).',
    severity: 'error',
    from: { path: '^src/platform/observability/' },
    // A port (a contract such as the delivery outcome it counts) is not feature code.
    to: { path: '^src/(platform/(channel|routing|cards|outbound)|features)/', pathNot: '(^|/)ports\\.ts$' },
  },
];

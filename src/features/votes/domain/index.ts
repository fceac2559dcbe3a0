// Gate votes: the record of one vote and the pure rules around it (see gateVote.ts).
export * from './gateVote.js';
export * from './deadline.js';
export * from './csv.js';
export * from './decisionLog.js';

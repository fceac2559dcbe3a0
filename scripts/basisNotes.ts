// Rewrites the README's list of the presets' basis notes (npm run basis).
import { readFileSync, writeFileSync } from 'node:fs';
import { withBasisNotes } from '../src/platform/config/basisNotes.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withBasisNotes(readme));
console.log('README.md: basis notes updated');

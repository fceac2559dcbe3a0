// tsc compiles only TypeScript; the presets are JSON read at run time, so copy them to dist.
import { cpSync } from 'node:fs';

cpSync('src/platform/config/presets', 'dist/platform/config/presets', { recursive: true });

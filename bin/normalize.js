#!/usr/bin/env node
// Thin shim: the CLI is compiled from bin/cli.ts by `npm run build` (run by `npm ci`).
import '../dist/bin/cli.js';

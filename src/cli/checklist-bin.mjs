#!/usr/bin/env node
/**
 * `npm run checklist`: runs src/cli/checklist.ts (Node strips its types) and exits with its code.
 */
import { runChecklist } from './checklist.ts';

process.exitCode = await runChecklist(process.argv.slice(2));

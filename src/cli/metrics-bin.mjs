#!/usr/bin/env node
/**
 * `npm run metrics`: runs src/cli/metrics.ts (Node strips its types) and exits with its code.
 */
import { runMetrics } from './metrics.ts';

process.exitCode = await runMetrics(process.argv.slice(2));

/**
 * The navigation features' per-analysis tables (the vault index, link targets with folded names, backlinks by
 * target, workspace symbol names), built once a new analysis is in rather than by the first request that needs
 * them: on a 3,000-doc vault that first request would pay 20 ms (completion) to 130 ms (references) for them.
 *
 * In: `warmNavigation(state)` after each analysis → the next completion, references or workspace symbols answer in a few ms
 */
import { completionTargets } from './link-completion.ts';
import { backlinks } from './link-targets.ts';
import type { NavigationState } from './nav-context.ts';
import { workspaceSymbols } from './symbols.ts';

export function warmNavigation(state: NavigationState): void {
  completionTargets(state);
  backlinks(state);
  workspaceSymbols(state, '');
}

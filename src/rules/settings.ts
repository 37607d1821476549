/**
 * Severity and options of a rule: the user's setting when there is one, else the rule's default.
 *
 * In: `ruleSettings(staleDoc, { 'stale-doc': ['warn', { maxAgeDays: 90 }] })` → `{ severity: 'warning', options: { maxAgeDays: 90 } }`
 */
import { toSeverity, type Severity } from '../diagnostics/diagnostic.ts';
import type { RuleSetting } from '../vault/config-types.ts';
import type { Rule } from './rule.ts';

export interface EffectiveSettings {
  /** Undefined when the rule is off. */
  severity?: Severity;
  options: Record<string, unknown>;
}

export function ruleSettings(rule: Rule, configured: Readonly<Record<string, RuleSetting>>): EffectiveSettings {
  const setting = configured[rule.id];
  const [level, options] = Array.isArray(setting) ? setting : [setting ?? rule.defaultSeverity, {}];
  const severity = toSeverity(level);
  return { ...(severity ? { severity } : {}), options: { ...rule.defaultOptions, ...options } };
}

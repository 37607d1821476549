/**
 * A synthetic Obsidian operations vault for benchmarks and scale tests:
 * thousands of docs shaped like a real ops knowledge base (see
 * /work/shared/corpora/ops-vault-sample), and messy in the same ways —
 * Templater placeholders, broken wikilinks, invalid mermaid/YAML/JSON blocks,
 * fences closed with ```` ```text ````, template change-log rows.
 *
 * In:  generateVault({ docs: 3000, seed: 1 })
 * Out: Map { '.obsidian/templates.json' => '{"folder":"templates"}\n',
 *            'infrastructure/network/dns-architecture.md' => '---\ntitle: DNS Architecture\n…', … }
 *
 * Same options → byte-identical files: every doc draws from its own mulberry32
 * stream, seeded by (seed, doc index, phase), never from Math.random or the clock.
 * Two phases, like a link checker: first every doc's path, name and headings are
 * planned; then each doc is rendered, linking to the planned names and headings.
 *
 * CLI: node scripts/generate-vault.ts --out DIR [--docs 3000] [--seed 1]
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { mixSeed, mulberry32 } from './seeded-random.ts';

export interface GenerateVaultOptions {
  /** Number of Markdown files, templates included (at least 10). */
  docs?: number;
  /** PRNG seed (an integer): the same seed and doc count give byte-identical files. */
  seed?: number;
}

export const defaultVaultOptions = { docs: 3000, seed: 1 } as const;

export type DocType = 'strategy' | 'runbook' | 'environment' | 'service' | 'release' | 'guide';

/**
 * Frontmatter follows schemas/*.schema.json (doc + one per type); ~2% of docs break it
 * on purpose, the ways people do: `status: wip`, a misspelt type, an impossible date,
 * a missing required key, a value outside an enum.
 */
export const validStatuses = ['draft', 'active', 'deprecated', 'archived'] as const;

/** Where attachments live; embeds name them by file name only, as Obsidian does. */
const attachmentFolder = 'attachments';

// ───────────────────────────── randomness ─────────────────────────────

interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
}



function createRng(...seedParts: number[]): Rng {
  const next = mulberry32(mixSeed(...seedParts));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    float: next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick,
    sample: <T>(items: readonly T[], count: number): T[] => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy.slice(0, Math.max(0, count));
    },
  };
}

/** Phases of a doc's own stream, so planning and rendering never shift each other. */
const phase = { plan: 1, render: 2, vault: 3 } as const;

// ───────────────────────────── vocabulary ─────────────────────────────

const infraTopics: Record<string, readonly string[]> = {
  network: ['network', 'dns', 'load-balancer', 'vpn', 'firewall', 'nat-gateway', 'cdn', 'waf', 'ddos-protection', 'ntp', 'bastion', 'peering'],
  storage: ['storage', 'backup', 'object-storage', 'artifact-store', 'container-registry', 'block-volumes', 'file-shares'],
  kubernetes: ['kubernetes', 'node-pool', 'ingress', 'service-mesh', 'etcd', 'cluster-autoscaler', 'gpu-nodes', 'admission-control'],
  observability: ['logging', 'metrics', 'tracing', 'alerting', 'dashboards', 'synthetic-checks', 'log-retention'],
  security: ['iam', 'secrets', 'certificates', 'vault', 'sso', 'key-management', 'audit-logging', 'vulnerability-scanning'],
  databases: ['postgres', 'redis', 'elasticsearch', 'mysql', 'clickhouse', 'mongodb', 'connection-pooling'],
  messaging: ['kafka', 'rabbitmq', 'queue', 'smtp-relay', 'pubsub', 'event-bus'],
  provisioning: ['terraform', 'ansible', 'consul', 'packer', 'golden-images', 'cloud-accounts'],
};
const infraSuffixes = [
  'architecture', 'design', 'strategy', 'setup', 'configuration', 'overview', 'standards', 'capacity-plan', 'migration',
  'hardening', 'upgrade-guide', 'topology', 'sizing', 'inventory', 'security', 'monitoring', 'lifecycle', 'failover',
  'maintenance', 'cost-review', 'runbook', 'operations',
];
const qualifiers = ['', '', '', '', 'eu-', 'us-', 'apac-', 'legacy-', 'multi-region-', 'internal-', 'edge-', 'v2-', 'shared-'];

const opsTopics: Record<string, readonly string[]> = {
  incidents: ['incident', 'postmortem', 'escalation', 'severity', 'war-room', 'status-page', 'customer-comms'],
  maintenance: ['maintenance', 'patching', 'os-upgrade', 'certificate-renewal', 'backup-restore', 'housekeeping'],
  releases: ['release', 'deployment', 'rollout', 'freeze', 'hotfix', 'canary'],
  'on-call': ['on-call', 'handover', 'shift', 'paging', 'alert-triage', 'toil'],
  capacity: ['capacity', 'cost', 'quota', 'forecast', 'load-test', 'rightsizing'],
  compliance: ['audit', 'compliance', 'access-review', 'vendor', 'sla', 'data-retention', 'disaster-recovery'],
};
const opsSuffixes = [
  'management', 'process', 'policy', 'procedures', 'guide', 'checklist', 'playbook', 'schedule', 'review', 'report',
  'framework', 'standards', 'calendar', 'metrics', 'handbook', 'plan', 'workflow', 'strategy',
];

const devTopics: Record<string, readonly string[]> = {
  standards: ['code-review', 'branching', 'versioning', 'api', 'documentation', 'error-handling', 'logging', 'naming', 'commit-message'],
  testing: ['testing', 'integration-testing', 'load-testing', 'contract-testing', 'e2e-testing', 'test-data', 'mutation-testing'],
  'ci-cd': ['ci-cd', 'build', 'release', 'artifact', 'pipeline', 'dependency', 'container-image', 'feature-flags'],
  architecture: ['architecture', 'adr', 'event-driven', 'schema-migration', 'caching', 'observability', 'performance', 'security'],
};
const devSuffixes = [
  'guidelines', 'standards', 'process', 'guide', 'strategy', 'conventions', 'checklist', 'tooling', 'practices', 'overview',
  'workflow', 'principles', 'patterns', 'faq', 'onboarding',
];

const runbookFolders: Record<string, readonly string[]> = {
  database: ['postgres-primary', 'read-replica', 'redis-cluster', 'connection-pool', 'elasticsearch-index', 'clickhouse-shard', 'mysql-binlog'],
  kubernetes: ['k8s-node', 'ingress-controller', 'etcd-member', 'cron-jobs', 'node-pool', 'pod-disruption-budget', 'hpa'],
  network: ['dns-zone', 'cdn-cache', 'load-balancer', 'nat-gateway', 'vpn-tunnel', 'bgp-session', 'waf-rules'],
  security: ['tls-certificate', 'api-keys', 'vault-cluster', 'service-account', 'ssh-keys', 'oauth-client', 'kms-key'],
  storage: ['disk-volume', 'object-bucket', 'backup-snapshot', 'nfs-share', 'registry-storage'],
  messaging: ['kafka-broker', 'consumer-group', 'message-queue', 'dead-letter-queue', 'rabbitmq-node'],
};
const runbookActions = [
  'restart', 'failover', 'restore', 'rotate', 'scale', 'drain', 'rebuild', 'promote', 'purge', 'reindex', 'reboot', 'renew',
  'resize', 'rollback', 'flush', 'recover', 'unseal', 'cordon', 'migrate', 'replay', 'rebalance', 'investigate', 'upgrade',
];
const runbookQualifiers = ['', '', '', 'production-', 'staging-', 'emergency-', 'manual-', 'eu-', 'us-'];

const environments = ['production', 'staging', 'development', 'qa', 'dr', 'sandbox', 'perf', 'preview'];
const environmentAspects = [
  'overview', 'eu-west-1', 'us-east-1', 'ap-southeast-2', 'networking', 'access', 'kubernetes-cluster', 'databases',
  'secrets', 'endpoints', 'quotas', 'costs', 'data-retention', 'topology', 'dns', 'certificates', 'feature-flags',
  'observability', 'backups', 'scaling', 'promotion', 'seed-data', 'vpn', 'egress', 'compliance', 'tenants',
];

const serviceBases = [
  'payments', 'billing', 'checkout', 'auth', 'identity', 'search', 'catalog', 'inventory', 'notifications', 'email',
  'sms', 'orders', 'shipping', 'pricing', 'recommendations', 'analytics', 'reporting', 'ledger', 'fraud', 'risk',
  'onboarding', 'profile', 'sessions', 'media', 'uploads', 'exports', 'imports', 'scheduler', 'webhooks', 'audit',
  'gateway', 'config', 'feature-flags', 'rate-limiter', 'geo', 'maps', 'chat', 'support', 'invoicing', 'tax',
];
const serviceSuffixes = ['', '-api', '-worker', '-sync', '-gateway', '-ui', '-jobs'];
const serviceDocs: ReadonlyArray<readonly [string, DocType]> = [
  ['overview', 'service'], ['architecture', 'service'], ['api', 'service'], ['deployment', 'release'], ['runbook', 'runbook'],
  ['slo', 'service'], ['alerts', 'runbook'], ['dashboards', 'guide'], ['dependencies', 'service'], ['configuration', 'service'],
  ['on-call', 'runbook'], ['data-model', 'service'], ['capacity', 'strategy'], ['security', 'guide'], ['migration-plan', 'strategy'],
  ['troubleshooting', 'runbook'], ['local-development', 'guide'], ['rollback', 'runbook'],
];

const templateKinds: ReadonlyArray<readonly [string, DocType]> = [
  ['runbook-template', 'runbook'], ['service-template', 'service'], ['environment-template', 'environment'],
  ['release-notes-template', 'release'], ['strategy-template', 'strategy'], ['guide-template', 'guide'],
  ['incident-report-template', 'runbook'], ['postmortem-template', 'guide'], ['meeting-notes-template', 'guide'],
  ['change-request-template', 'release'], ['on-call-handover-template', 'runbook'], ['adr-template', 'strategy'],
  ['capacity-review-template', 'strategy'], ['vendor-review-template', 'guide'], ['deployment-plan-template', 'release'],
  ['checklist-template', 'guide'], ['status-report-template', 'guide'], ['access-request-template', 'guide'],
  ['game-day-template', 'runbook'], ['maintenance-window-template', 'runbook'], ['sla-review-template', 'strategy'],
  ['migration-plan-template', 'strategy'], ['dashboard-template', 'guide'], ['alert-template', 'runbook'],
];

const teams = [
  'platform-team', 'sre', 'dba-team', 'network-team', 'security-team', 'release-engineering', 'developer-experience',
  'data-platform', 'payments-team', 'core-services', 'observability-team', 'infra-ops',
];
const people = [
  'alice.ng', 'bruno.silva', 'chen.wei', 'dana.kowalski', 'emeka.obi', 'fatima.haddad', 'goran.petrovic', 'hana.sato',
  'ivan.novak', 'jules.martin', 'kofi.mensah', 'lena.fischer', 'mateo.rossi', 'nora.lind', 'omar.farouk', 'priya.raman',
];

const tagPool = [
  'infrastructure', 'operations', 'deployment', 'kubernetes', 'on-call', 'security', 'database', 'networking', 'monitoring',
  'incident', 'release', 'runbook', 'sre', 'compliance', 'capacity', 'cost', 'backup', 'dr', 'automation', 'terraform',
  'todo', 'needs-review', 'deprecated', 'p1', 'p2', 'sre/alerts', 'deploy/canary', 'deploy/blue-green', 'security/pci',
  'security/iam', 'team/platform', 'team/data', 'env/production', 'env/staging', 'k8s/ingress', 'k8s/nodes', 'q3-2024',
];

const attachments = [
  'diagram.png', 'architecture-overview.png', 'network-topology.png', 'deployment-flow.png', 'incident-timeline.png',
  'dashboard-screenshot.png', 'on-call-rotation.png', 'service-map.svg', 'data-flow.svg', 'k8s-cluster.svg',
];
const missingAttachments = ['old-topology.png', 'diagram-v1.png', 'screenshot 2023-04-11.png', 'architecture.drawio.svg'];

const externalLinks = [
  'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
  'https://www.postgresql.org/docs/current/high-availability.html',
  'https://sre.google/sre-book/handling-overload/',
  'https://grafana.example.internal/d/abc123/service-overview',
  'https://status.example.com',
  'https://developer.hashicorp.com/terraform/language/state',
  'https://prometheus.io/docs/practices/alerting/',
  'https://wiki.example.internal/display/OPS/Escalation+Matrix',
  'https://pagerduty.example.com/schedules',
  'https://docs.github.com/en/actions/deployment/about-deployments',
];

/** Words in titles that are written upper-case. */
const acronyms = new Set([
  'dns', 'api', 'cdn', 'iam', 'vpn', 'waf', 'ntp', 'smtp', 'gpu', 'qa', 'dr', 'sla', 'slo', 'tls', 'k8s', 'sso', 'os',
  'hpa', 'kms', 'ssh', 'bgp', 'nfs', 'adr', 'ddos', 'e2e', 'ui', 'eu', 'us', 'apac', 'pci', 'v2', 'ci', 'cd', 'oauth',
]);

// ───────────────────────────── the plan ─────────────────────────────

type SectionKind =
  | 'overview' | 'framework' | 'planning' | 'process' | 'procedure' | 'prerequisites' | 'verification' | 'rollback'
  | 'escalation' | 'architecture' | 'configuration' | 'deployment' | 'slo' | 'dependencies' | 'monitoring' | 'notes'
  | 'faq' | 'changes' | 'inventory';

interface SectionPlan {
  kind: SectionKind;
  /** The h2 text, emoji included when the doc uses them: `🎯 Deployment Framework`. */
  heading: string;
  /** h3 texts under it. */
  subheadings: string[];
}

interface DocPlan {
  index: number;
  /** Vault-relative, forward slashes, with `.md`. */
  path: string;
  /** File name without `.md`. */
  name: string;
  /** What a wikilink to this doc says: the name, or `folder/name` when several docs share the name. */
  linkTarget: string;
  title: string;
  type: DocType;
  /** Top folder: infrastructure, operations, …, templates, or '' for the vault root. */
  area: string;
  folder: string;
  /** The subject in words: `dns`, `payments-api`, `postgres-primary`. */
  topic: string;
  service?: string;
  isTemplate: boolean;
  /** README/index docs: short, list their folder. */
  isIndex: boolean;
  targetBytes: number;
  sections: SectionPlan[];
}

interface VaultPlan {
  seed: number;
  docs: DocPlan[];
  services: string[];
  /** Lower-cased names of every doc, for making sure a "broken" link really is broken. */
  names: Set<string>;
  byFolder: Map<string, DocPlan[]>;
}

const sectionHeadings: Record<SectionKind, ReadonlyArray<readonly [string, string]>> = {
  overview: [['📋', 'Overview'], ['📋', 'Summary'], ['🧭', 'Purpose'], ['📖', 'Introduction']],
  framework: [['🎯', '{Topic} Framework'], ['🏗', 'Architecture Framework'], ['🧱', 'Core Concepts'], ['🎯', 'Goals and Scope']],
  planning: [['📝', '{Topic} Planning'], ['🗺️', 'Roadmap'], ['📅', 'Planning'], ['📐', 'Design Decisions']],
  process: [['🔄', '{Topic} Process'], ['🔄', 'Workflow'], ['⚙️', 'Operating Model'], ['🔁', 'Lifecycle']],
  procedure: [['🛠', 'Procedure'], ['🛠', 'Steps'], ['🚀', 'Execution'], ['🔧', 'Remediation Steps']],
  prerequisites: [['✅', 'Prerequisites'], ['🔑', 'Access Requirements'], ['📦', 'Before You Start']],
  verification: [['🔍', 'Verification'], ['🧪', 'Validation'], ['✔️', 'Health Checks']],
  rollback: [['⏪', 'Rollback'], ['↩️', 'Rollback Procedure'], ['🚑', 'Recovery']],
  escalation: [['🚨', 'Escalation'], ['📞', 'Contacts'], ['🆘', 'Escalation Matrix']],
  architecture: [['🏗', 'Architecture'], ['🧩', 'Components'], ['🌐', 'Topology'], ['🔀', 'Data Flow']],
  configuration: [['⚙️', 'Configuration'], ['🔧', 'Settings'], ['📄', 'Reference Configuration']],
  deployment: [['🚀', 'Deployment'], ['📦', 'Deployment Plan'], ['🚢', 'Rollout Plan']],
  slo: [['📈', 'Service Level Objectives'], ['📊', 'SLOs and SLIs'], ['🎚️', 'Error Budget']],
  dependencies: [['🔗', 'Dependencies'], ['🧬', 'Upstream and Downstream'], ['🔌', 'Integrations']],
  monitoring: [['📈', '{Topic} Monitoring'], ['📊', 'Observability'], ['🔔', 'Alerting'], ['📉', 'Metrics']],
  notes: [['💡', 'Notes'], ['⚠️', 'Known Issues'], ['🧠', 'Lessons Learned'], ['📌', 'Caveats']],
  faq: [['❓', 'FAQ'], ['❓', 'Frequently Asked Questions'], ['🤔', 'Troubleshooting']],
  changes: [['📦', 'Changes'], ['🆕', 'What Changed'], ['🧾', 'Release Contents']],
  inventory: [['🗄️', 'Inventory'], ['🖥️', 'Hosts and Endpoints'], ['📇', 'Resources']],
};

const subheadingPool: Record<SectionKind, readonly string[]> = {
  overview: ['Scope', 'Audience', 'Background', 'Context'],
  framework: ['Core Components', '{Topic} Architecture', 'Design Principles', 'Key Concepts', 'Layers', 'Responsibilities'],
  planning: ['Strategy Development', 'Implementation Planning', 'Resource Planning', 'Timeline', 'Risk Assessment'],
  process: ['Preparation Phase', 'Implementation Phase', 'Review Phase', 'Approval Process', 'Handover'],
  procedure: ['Step 1: Assess', 'Step 2: Mitigate', 'Step 3: Restore Service', 'Step 4: Clean Up', 'Manual Steps'],
  prerequisites: ['Access', 'Tooling', 'Communication', 'Change Ticket'],
  verification: ['Smoke Tests', 'Metrics to Watch', 'Sign-off', 'Post-checks'],
  rollback: ['When to Roll Back', 'Rollback Steps', 'Data Recovery', 'Aftercare'],
  escalation: ['Primary Contacts', 'Escalation Path', 'Vendor Support'],
  architecture: ['Components', 'Request Flow', 'Failure Modes', 'Network Paths', 'Storage'],
  configuration: ['Environment Variables', 'Feature Flags', 'Secrets', 'Defaults', 'Limits'],
  deployment: ['Deployment Strategy', 'Deployment Plan', 'Promotion', 'Release Checklist'],
  slo: ['Availability', 'Latency', 'Error Budget Policy'],
  dependencies: ['Upstream Services', 'Downstream Consumers', 'Third-party Providers'],
  monitoring: ['Dashboards', 'Alerts', 'Health Checks', 'Logs', 'Tracing'],
  notes: ['Gotchas', 'Open Questions', 'History'],
  faq: ['Common Problems', 'Diagnostics', 'Who Do I Ask?'],
  changes: ['Features', 'Fixes', 'Breaking Changes', 'Migrations'],
  inventory: ['Hosts', 'Endpoints', 'Accounts'],
};

const sectionsByType: Record<DocType, readonly SectionKind[]> = {
  strategy: ['framework', 'planning', 'process', 'monitoring', 'configuration', 'deployment', 'notes', 'faq', 'architecture'],
  runbook: ['prerequisites', 'procedure', 'verification', 'rollback', 'escalation', 'monitoring', 'notes', 'faq'],
  environment: ['architecture', 'inventory', 'configuration', 'monitoring', 'deployment', 'notes', 'escalation', 'process'],
  service: ['architecture', 'dependencies', 'configuration', 'deployment', 'slo', 'monitoring', 'notes', 'faq', 'procedure'],
  release: ['changes', 'deployment', 'verification', 'rollback', 'escalation', 'notes', 'planning'],
  guide: ['process', 'procedure', 'configuration', 'notes', 'faq', 'monitoring', 'framework', 'verification'],
};

/** Rough rendered bytes per h2 section (measured); planning uses it, rendering pads to the exact target. */
const bytesPerSection = 900;

function titleCase(words: string): string {
  return words
    .split(/[-\s]+/)
    .filter((w) => w !== '')
    .map((w) => (acronyms.has(w) ? w.toUpperCase() : /^\d/.test(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function fill(text: string, doc: { topic: string }): string {
  return text.replaceAll('{Topic}', titleCase(doc.topic)).replaceAll('{topic}', doc.topic.replaceAll('-', ' '));
}

/** Doc sizes vary like a real vault's: many stubs and mid-size docs, a long tail of big ones. Mean ≈ 3.1 KB. */
function pickTargetBytes(rng: Rng, isIndex: boolean): number {
  if (isIndex) return rng.int(500, 2200);
  const r = rng.float();
  if (r < 0.12) return rng.int(350, 1000);
  if (r < 0.8) return rng.int(1600, 3900);
  if (r < 0.96) return rng.int(3900, 7400);
  return rng.int(7400, 16000);
}

function planSections(rng: Rng, type: DocType, topic: string, targetBytes: number, useEmoji: boolean): SectionPlan[] {
  // Plan a little under the target: rendering pads with unplanned sections, never drops planned ones
  // (other docs link to planned headings).
  const count = Math.max(1, Math.floor((targetBytes * 0.75) / bytesPerSection));
  const pool = sectionsByType[type];
  const kinds: SectionKind[] = ['overview'];
  const order = rng.sample(pool, pool.length);
  for (let i = 0; kinds.length < count; i++) kinds.push(order[i % order.length] as SectionKind);
  const used = new Set<string>();
  return kinds.map((kind) => {
    const options = sectionHeadings[kind].map(([emoji, text]) => [emoji, fill(text, { topic })] as const);
    const fresh = options.filter(([, text]) => !used.has(text));
    const [emoji, text] = rng.pick(fresh.length > 0 ? fresh : options);
    const heading = fresh.length > 0 ? text : `${text} (${used.size + 1})`;
    used.add(heading);
    const subs = kind === 'overview' && rng.chance(0.6) ? [] : rng.sample(subheadingPool[kind], rng.int(1, 3));
    return {
      kind,
      heading: useEmoji ? `${emoji} ${heading}` : heading,
      subheadings: subs.map((s) => fill(s, { topic })),
    };
  });
}

interface DocSeed {
  folder: string;
  name: string;
  type: DocType;
  area: string;
  topic: string;
  service?: string;
  title?: string;
  isIndex?: boolean;
  isTemplate?: boolean;
}

/** Splits `total` by weights, largest remainder first, so the parts add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; parts.reduce((a, b) => a + b, 0) < total; k++) {
    const i = (order[k % order.length] as readonly [number, number])[1];
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

function planVault(docCount: number, seed: number): VaultPlan {
  if (!Number.isInteger(docCount) || docCount < 10) throw new RangeError(`docs must be an integer ≥ 10, got ${docCount}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const rng = createRng(seed, 0, phase.vault);
  const used = new Set<string>(['readme', 'index']);
  const seeds: DocSeed[] = [];

  /** Tries random names until a new one comes up; a numeric suffix guarantees termination. */
  const uniqueName = (make: () => string): string => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const name = make();
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        return name;
      }
    }
    const base = make();
    for (let n = 2; ; n++) {
      const name = `${base}-${n}`;
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase());
        return name;
      }
    }
  };

  const templateCount = Math.min(templateKinds.length, Math.max(3, Math.round(docCount / 150)));
  for (const [name, type] of templateKinds.slice(0, templateCount)) {
    used.add(name);
    seeds.push({ folder: 'templates', name, type, area: 'templates', topic: name.replace(/-template$/, ''), isTemplate: true });
  }
  seeds.push({ folder: '', name: 'index', type: 'guide', area: '', topic: 'operations', title: 'Operations Knowledge Base', isIndex: true });

  const areas = ['infrastructure', 'operations', 'development', 'services', 'runbooks', 'environments'] as const;
  const quotas = apportion(docCount - seeds.length, [17, 16, 11, 30, 17, 9]);
  const typeFor = (suffix: string, fallback: readonly DocType[]): DocType => {
    if (/runbook|procedures|playbook|checklist|failover|maintenance|operations/.test(suffix)) return 'runbook';
    if (/strategy|plan|framework|policy|architecture|design|principles/.test(suffix)) return 'strategy';
    if (/guide|standards|guidelines|conventions|practices|handbook|faq|onboarding/.test(suffix)) return 'guide';
    return rng.pick(fallback);
  };

  areas.forEach((area, areaIndex) => {
    let quota = quotas[areaIndex] as number;
    if (quota <= 0) return;
    if (area !== 'services') {
      seeds.push({ folder: area, name: 'README', type: 'guide', area, topic: area, title: titleCase(area), isIndex: true });
      quota--;
    }
    for (let i = 0; i < quota; i++) {
      if (area === 'infrastructure') {
        const sub = rng.pick(Object.keys(infraTopics));
        const topic = rng.pick(infraTopics[sub] as readonly string[]);
        let suffix = '';
        const name = uniqueName(() => {
          suffix = rng.pick(infraSuffixes);
          return `${rng.pick(qualifiers)}${topic}-${suffix}`;
        });
        const folder = rng.chance(0.3) ? area : `${area}/${sub}`;
        seeds.push({ folder, name, area, topic, type: typeFor(suffix, ['strategy', 'guide', 'environment', 'runbook']) });
      } else if (area === 'operations' || area === 'development') {
        const topics = area === 'operations' ? opsTopics : devTopics;
        const suffixes = area === 'operations' ? opsSuffixes : devSuffixes;
        const sub = rng.pick(Object.keys(topics));
        const topic = rng.pick(topics[sub] as readonly string[]);
        const folder = rng.chance(0.35) ? area : `${area}/${sub}`;
        if (area === 'operations' && sub === 'releases' && rng.chance(0.4)) {
          // Release notes named the way people name them: a date, spaces, a version-ish word.
          const service = rng.pick(serviceBases);
          const name = uniqueName(() => `${isoDate(dayFrom(rng.int(0, 1400)))} ${service} release`);
          seeds.push({ folder, name, area, topic: `${service}-release`, type: 'release', title: releaseTitle(name) });
          continue;
        }
        let suffix = '';
        const name = uniqueName(() => {
          suffix = rng.pick(suffixes);
          return `${topic}-${suffix}`;
        });
        const fallback: readonly DocType[] = area === 'operations' ? ['runbook', 'strategy', 'guide', 'release'] : ['guide', 'strategy', 'guide', 'release'];
        seeds.push({ folder, name, area, topic, type: sub === 'releases' && rng.chance(0.5) ? 'release' : typeFor(suffix, fallback) });
      } else if (area === 'runbooks') {
        const sub = rng.pick(Object.keys(runbookFolders));
        const object = rng.pick(runbookFolders[sub] as readonly string[]);
        const name = uniqueName(() => `${rng.pick(runbookQualifiers)}${rng.pick(runbookActions)}-${object}`);
        const folder = rng.chance(0.4) ? area : `${area}/${sub}`;
        seeds.push({ folder, name, area, topic: object, type: 'runbook' });
      } else if (area === 'environments') {
        const env = rng.pick(environments);
        const name = uniqueName(() => `${env}-${rng.pick(environmentAspects)}`);
        seeds.push({ folder: `${area}/${env}`, name, area, topic: name, type: 'environment' });
      }
    }
    if (area === 'services') {
      // Each service folder: a README plus a handful of docs and, sometimes, release notes.
      const allServices = serviceSuffixes.flatMap((suffix) => serviceBases.map((base) => `${base}${suffix}`));
      let remaining = quota;
      for (const service of allServices) {
        if (remaining <= 0) break;
        const docsHere = Math.min(remaining, rng.int(6, 16));
        const folder = `services/${service}`;
        seeds.push({ folder, name: 'README', type: 'service', area, topic: service, service, title: titleCase(service), isIndex: true });
        const releases = Math.min(docsHere - 1, rng.int(0, 3));
        const kinds = rng.sample(serviceDocs, docsHere - 1 - releases);
        for (const [kind, type] of kinds) {
          const name = uniqueName(() => `${service}-${kind}`);
          seeds.push({ folder, name, area, topic: service, service, type });
        }
        for (let extra = 1 + kinds.length; extra < docsHere; extra++) {
          const name = uniqueName(() => `${isoDate(dayFrom(rng.int(0, 1400)))} ${service} release`);
          seeds.push({ folder: `${folder}/releases`, name, area, topic: service, service, type: 'release', title: releaseTitle(name) });
        }
        remaining -= docsHere;
      }
      // Ran out of service names: put the rest in the last service's releases folder.
      for (let i = 0; i < remaining; i++) {
        const service = allServices[allServices.length - 1] as string;
        const name = uniqueName(() => `${isoDate(dayFrom(rng.int(0, 1400)))} ${service} release`);
        seeds.push({ folder: `services/${service}/releases`, name, area, topic: service, service, type: 'release', title: releaseTitle(name) });
      }
    }
  });

  seeds.sort((a, b) => compareStrings(docPath(a), docPath(b)));
  const nameCounts = new Map<string, number>();
  for (const s of seeds) nameCounts.set(s.name.toLowerCase(), (nameCounts.get(s.name.toLowerCase()) ?? 0) + 1);

  const docs = seeds.map((s, index): DocPlan => {
    const docRng = createRng(seed, index, phase.plan);
    const isIndex = s.isIndex ?? false;
    const isTemplate = s.isTemplate ?? false;
    const targetBytes = pickTargetBytes(docRng, isIndex);
    const filePath = docPath(s);
    return {
      index,
      path: filePath,
      name: s.name,
      linkTarget: (nameCounts.get(s.name.toLowerCase()) ?? 0) > 1 ? filePath.slice(0, -3) : s.name,
      title: s.title ?? titleCase(s.name),
      type: s.type,
      area: s.area,
      folder: s.folder,
      topic: s.topic,
      ...(s.service === undefined ? {} : { service: s.service }),
      isTemplate,
      isIndex,
      targetBytes,
      sections: isIndex ? [] : planSections(docRng, s.type, s.topic, targetBytes, docRng.chance(0.8)),
    };
  });

  const byFolder = new Map<string, DocPlan[]>();
  for (const doc of docs) {
    const list = byFolder.get(doc.folder) ?? [];
    list.push(doc);
    byFolder.set(doc.folder, list);
  }
  const services = [...new Set(docs.flatMap((d) => (d.service === undefined ? [] : [d.service])))];
  return { seed, docs, services, names: new Set(docs.map((d) => d.name.toLowerCase())), byFolder };
}

/** `2024-03-12 payments-api release` → `Payments API Release 2024-03-12`. */
function releaseTitle(name: string): string {
  const [date = '', ...rest] = name.split(' ');
  return `${titleCase(rest.join(' '))} ${date}`;
}

function docPath(s: { folder: string; name: string }): string {
  return s.folder === '' ? `${s.name}.md` : `${s.folder}/${s.name}.md`;
}

/** Code-unit order, so output order never depends on the locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const epoch = Date.UTC(2022, 0, 3);
function dayFrom(days: number): Date {
  return new Date(epoch + days * 86_400_000);
}
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ───────────────────────────── rendering ─────────────────────────────

interface RenderContext {
  rng: Rng;
  vault: VaultPlan;
  doc: DocPlan;
  /** Set for ~8% of docs: their first mermaid fence (if any) is "closed" with ```text. */
  badFencePending: boolean;
}

function renderDoc(vault: VaultPlan, doc: DocPlan): string {
  const rng = createRng(vault.seed, doc.index, phase.render);
  const ctx: RenderContext = { rng, vault, doc, badFencePending: !doc.isTemplate && rng.chance(0.08) };
  if (doc.isTemplate) return renderTemplate(ctx);
  if (doc.isIndex) return renderIndex(ctx);

  const templater = rng.chance(0.03);
  const out: string[] = [frontmatter(ctx, templater), `# ${doc.title}`, ''];
  let size = out.join('\n').length;
  const emit = (lines: string[]): void => {
    out.push(...lines);
    size += lines.join('\n').length + 1;
  };
  for (const section of doc.sections) emit(renderSection(ctx, section));
  // Pad to the planned size with sections no other doc links to.
  const tail = 700;
  const pool = sectionsByType[doc.type];
  const headings = new Set(doc.sections.map((s) => s.heading));
  while (size + tail < doc.targetBytes) {
    const kind = rng.pick(pool);
    const [emoji, text] = rng.pick(sectionHeadings[kind]);
    let heading = `${emoji} ${fill(text, doc)}`;
    if (headings.has(heading)) heading = `${heading} (continued)`;
    headings.add(heading);
    emit(renderSection(ctx, { kind, heading, subheadings: rng.sample(subheadingPool[kind], rng.int(1, 2)).map((s) => fill(s, doc)) }));
  }
  emit(relatedSection(ctx));
  emit(changeLog(ctx));
  const updated = templater ? '<% tp.date.now("YYYY-MM-DD") %>' : isoDate(dayFrom(rng.int(300, 1400)));
  emit(['---', '', `*Last updated: ${updated}*`, '']);
  return out.join('\n');
}

function frontmatter(ctx: RenderContext, templater: boolean): string {
  const { rng, doc } = ctx;
  const createdDay = rng.int(0, 1200);
  const updatedDay = createdDay + rng.int(0, 400);
  const fields = new Map<string, string | undefined>();
  fields.set('title', yamlString(doc.title));
  fields.set('type', doc.type);
  fields.set('owner', rng.chance(0.6) ? rng.pick(teams) : rng.pick(people));
  fields.set('status', rng.pick(validStatuses));
  fields.set('created', templater ? '<% tp.date.now("YYYY-MM-DD") %>' : isoDate(dayFrom(createdDay)));
  fields.set('updated', templater ? '<% tp.date.now("YYYY-MM-DD") %>' : isoDate(dayFrom(updatedDay)));
  for (const [key, value] of typeFields(ctx, updatedDay)) fields.set(key, value);

  const tags = [doc.area === '' ? 'operations' : doc.area, doc.type, ...rng.sample(tagPool, rng.int(1, 4))].filter(
    (t, i, all) => all.indexOf(t) === i,
  );
  fields.set('tags', rng.chance(0.6) ? `[${tags.join(', ')}]` : ['', ...tags.map((t) => `  - ${t}`)].join('\n'));
  if (rng.chance(0.15)) {
    const aliases = [doc.topic.replaceAll('-', ' '), doc.title.toLowerCase()].filter((a, i, all) => all.indexOf(a) === i);
    fields.set('aliases', `[${aliases.map(yamlString).join(', ')}]`);
  }

  if (rng.chance(0.02)) {
    // Deliberately invalid, one way per doc.
    const required = rng.pick(requiredKeys[doc.type]);
    const breakers: Array<() => void> = [
      () => fields.set('status', rng.pick(['wip', '"wip"', 'WIP', 'done', 'in progress', 'review'])),
      () => fields.set('status', rng.pick(['wip', 'WIP'])),
      () => fields.set('type', rng.pick(['runbok', 'howto', 'Runbook'])),
      () => fields.set('created', '2024-02-30'),
      () => fields.set(required, undefined),
    ];
    rng.pick(breakers)();
  }
  const lines = ['---'];
  for (const [key, value] of fields) if (value !== undefined) lines.push(value.startsWith('\n') ? `${key}:${value}` : `${key}: ${value}`);
  lines.push('---', '');
  return lines.join('\n');
}

/** Keys each type's schema requires (schemas/<type>.schema.json); `title` stands in for guides, which need only that. */
const requiredKeys: Record<DocType, readonly string[]> = {
  strategy: ['owner', 'status'],
  runbook: ['owner', 'severity', 'last_tested'],
  environment: ['tier'],
  service: ['owner', 'repo'],
  release: ['version', 'release_date'],
  guide: ['title'],
};

const environmentTiers: Record<string, string> = {
  production: 'production', dr: 'production', staging: 'staging', preview: 'staging', qa: 'testing', perf: 'testing',
  development: 'development', sandbox: 'other',
};
const regions = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2', 'ap-southeast-2'];
const languages = ['go', 'python', 'typescript', 'java', 'kotlin', 'rust'];

/** The keys a doc's type schema asks for, with valid values. */
function typeFields(ctx: RenderContext, updatedDay: number): Array<[string, string]> {
  const { rng, doc, vault } = ctx;
  const services = (): string => `[${(doc.service !== undefined ? [doc.service] : rng.sample(vault.services, rng.int(1, 2))).join(', ')}]`;
  switch (doc.type) {
    case 'runbook': {
      const out: Array<[string, string]> = [
        ['severity', rng.pick(['sev1', 'sev2', 'sev2', 'sev3', 'sev3', 'sev4'])],
        ['last_tested', isoDate(dayFrom(Math.max(0, updatedDay - rng.int(0, 200))))],
      ];
      if (rng.chance(0.4) && vault.services.length > 0) out.push(['services', services()]);
      return out;
    }
    case 'service': {
      const name = doc.service ?? doc.topic;
      const out: Array<[string, string]> = [['repo', `https://github.com/example-org/${name}`]];
      if (rng.chance(0.7)) out.push(['tier', rng.pick(['tier-1', 'tier-2', 'tier-3'])]);
      if (rng.chance(0.5)) out.push(['language', rng.pick(languages)]);
      if (rng.chance(0.4)) out.push(['environments', `[${rng.sample(['production', 'staging', 'development'], rng.int(1, 3)).join(', ')}]`]);
      if (rng.chance(0.4)) out.push(['on_call', rng.pick(teams)]);
      return out;
    }
    case 'release': {
      const releaseDay = updatedDay + rng.int(0, 30);
      const out: Array<[string, string]> = [
        ['version', `${rng.int(0, 6)}.${rng.int(0, 30)}.${rng.int(0, 12)}${rng.chance(0.1) ? `-rc.${rng.int(1, 4)}` : ''}`],
        ['release_date', isoDate(dayFrom(releaseDay))],
      ];
      if (rng.chance(0.5)) out.push(['code_freeze', isoDate(dayFrom(Math.max(0, releaseDay - rng.int(2, 10))))]);
      if (rng.chance(0.6)) out.push(['release_manager', rng.pick(people)]);
      if (rng.chance(0.6) && vault.services.length > 0) out.push(['services', services()]);
      return out;
    }
    case 'environment': {
      const env = environments.find((e) => doc.folder.endsWith(`/${e}`)) ?? rng.pick(environments);
      const tier = environmentTiers[env] ?? 'other';
      const out: Array<[string, string]> = [['tier', tier]];
      if (rng.chance(0.6)) out.push(['region', rng.pick(regions)]);
      if (rng.chance(0.5)) out.push(['url', `https://${env}.example.internal`]);
      if (tier === 'production' || rng.chance(0.3)) out.push(['approvers', `[${rng.sample(people, rng.int(1, 3)).join(', ')}]`]);
      if (rng.chance(0.3)) out.push(['deploy_window', yamlString(rng.pick(['Tue-Thu 09:00-16:00 UTC', 'Mon-Fri business hours', 'any time']))]);
      return out;
    }
    case 'strategy':
      return rng.chance(0.4) ? [['scope', yamlString(rng.pick(['all production services', 'platform team', 'EU region', 'tier-1 services']))]] : [];
    case 'guide':
      return [];
  }
}

/** Quotes a YAML scalar only when it needs it (titles with `:` or a leading digit). */
function yamlString(text: string): string {
  return /^[\d\-[{!&*#?|>'"%@`]|: | #/.test(text) ? JSON.stringify(text) : text;
}

function renderSection(ctx: RenderContext, section: SectionPlan): string[] {
  const out = [`## ${section.heading}`];
  const blocks = sectionBlocks[section.kind];
  if (section.kind === 'overview') {
    out.push(paragraph(ctx, ctx.rng.int(2, 4)), '');
    if (ctx.rng.chance(0.3)) out.push(...callout(ctx));
  } else {
    out.push(paragraph(ctx, ctx.rng.int(1, 2)), '');
  }
  for (const sub of section.subheadings) {
    out.push(`### ${sub}`);
    out.push(...ctx.rng.pick(blocks)(ctx));
  }
  if (section.subheadings.length === 0 && section.kind !== 'overview') out.push(...ctx.rng.pick(blocks)(ctx));
  return out;
}

type Block = (ctx: RenderContext) => string[];

const sectionBlocks: Record<SectionKind, readonly Block[]> = {
  overview: [(ctx) => [paragraph(ctx, 3), '']],
  framework: [(ctx) => fenced(ctx, 'mermaid', mermaid(ctx)), (ctx) => numbered(ctx, 'yaml'), (ctx) => numbered(ctx)],
  planning: [(ctx) => numbered(ctx, 'python'), (ctx) => numbered(ctx, 'json'), (ctx) => bullets(ctx)],
  process: [(ctx) => numbered(ctx), (ctx) => fenced(ctx, 'mermaid', mermaid(ctx)), (ctx) => [paragraph(ctx, 2), '', ...bullets(ctx)]],
  procedure: [(ctx) => steps(ctx), (ctx) => steps(ctx), (ctx) => [...callout(ctx), ...steps(ctx)]],
  prerequisites: [(ctx) => tasks(ctx), (ctx) => [paragraph(ctx, 1), '', ...tasks(ctx)]],
  verification: [(ctx) => [...tasks(ctx), ...fenced(ctx, 'bash', bash(ctx))], (ctx) => fenced(ctx, 'bash', bash(ctx))],
  rollback: [(ctx) => [...callout(ctx, 'warning'), ...steps(ctx)], (ctx) => [paragraph(ctx, 2), '', ...fenced(ctx, 'bash', bash(ctx))]],
  escalation: [(ctx) => contactsTable(ctx), (ctx) => [paragraph(ctx, 1), '', ...contactsTable(ctx)]],
  architecture: [
    (ctx) => fenced(ctx, 'mermaid', mermaid(ctx)),
    (ctx) => [paragraph(ctx, 2), '', ...embed(ctx)],
    (ctx) => [...fenced(ctx, 'mermaid', mermaid(ctx, 'sequence')), paragraph(ctx, 1), ''],
  ],
  configuration: [(ctx) => fenced(ctx, 'yaml', yamlBlock(ctx)), (ctx) => fenced(ctx, 'json', jsonBlock(ctx)), (ctx) => numbered(ctx, 'yaml')],
  deployment: [
    (ctx) => fenced(ctx, 'yaml', yamlBlock(ctx, true)),
    (ctx) => fenced(ctx, 'json', jsonBlock(ctx, true)),
    (ctx) => [paragraph(ctx, 1), '', ...tasks(ctx)],
  ],
  slo: [(ctx) => sloTable(ctx), (ctx) => [paragraph(ctx, 1), '', ...sloTable(ctx)]],
  dependencies: [(ctx) => dependencyList(ctx), (ctx) => fenced(ctx, 'mermaid', mermaid(ctx, 'sequence'))],
  monitoring: [(ctx) => bullets(ctx), (ctx) => [paragraph(ctx, 2), '', ...embed(ctx)], (ctx) => fenced(ctx, 'yaml', yamlBlock(ctx))],
  notes: [(ctx) => callout(ctx), (ctx) => [paragraph(ctx, 3), ''], (ctx) => [...callout(ctx), paragraph(ctx, 1), '']],
  faq: [(ctx) => faq(ctx)],
  changes: [(ctx) => tasks(ctx), (ctx) => bullets(ctx), (ctx) => changesTable(ctx)],
  inventory: [(ctx) => inventoryTable(ctx), (ctx) => fenced(ctx, 'bash', bash(ctx))],
};

// ── prose ──

const sentenceForms: ReadonlyArray<(ctx: RenderContext) => string> = [
  (c) => `This document outlines the ${words(c)} ${c.rng.pick(aspects)} for ${scope(c)}, providing ${c.rng.pick(goals)}.`,
  (c) => `The ${words(c)} ${c.rng.pick(aspects)} is owned by the ${c.rng.pick(teams)} and reviewed every quarter.`,
  (c) => `See ${link(c)} for the ${c.rng.pick(aspects)} that this builds on.`,
  (c) => `Changes must follow ${link(c)} and be announced in #${c.rng.pick(['ops-announce', 'sre', 'deploys', 'incidents'])} first.`,
  (c) => `During an incident, ${c.rng.pick(verbs)} ${words(c)} before escalating to ${link(c)}.`,
  (c) => `All ${c.rng.pick(environments)} ${words(c)} changes are tracked as #${c.rng.pick(tagPool)} and need a second reviewer.`,
  (c) => `We ${c.rng.pick(verbs)} the ${words(c)} ${c.rng.pick(['weekly', 'nightly', 'on every release', 'after each incident', 'twice a year'])}; the results feed ${link(c)}.`,
  (c) => `The ${c.rng.pick(aspects)} covers ${c.rng.pick(environments)} and ${c.rng.pick(environments)} only. #${c.rng.pick(tagPool)}`,
  (c) => `For background, read [the upstream documentation](${c.rng.pick(externalLinks)}) and ${markdownLink(c)}.`,
  (c) => `Known limitations are listed in ${link(c)}; anything else goes to the ${c.rng.pick(teams)} queue.`,
  (c) => `${titleCase(c.rng.pick(verbs))} ${words(c)} using the ${c.rng.pick(tools)} tooling described in ${link(c)}.`,
  (c) => `Metrics for ${words(c)} are exported to ${c.rng.pick(['Prometheus', 'Datadog', 'Grafana Cloud', 'CloudWatch'])} with a ${c.rng.int(15, 90)}s scrape interval.`,
];
const aspects = ['strategy', 'process', 'procedure', 'architecture', 'configuration', 'checklist', 'policy', 'framework', 'guidelines', 'runbook'];
const goals = [
  'a comprehensive approach to change and release management', 'a repeatable path from alert to resolution',
  'clear ownership and escalation', 'predictable capacity and cost', 'safe, reversible deployments', 'auditable access',
];
const verbs = ['verify', 'restart', 'check', 'scale', 'drain', 'review', 'rotate', 'back up', 'roll out', 'validate', 'snapshot', 'monitor'];
const tools = ['kubectl', 'terraform', 'ansible', 'helm', 'argocd', 'vault', 'psql', 'aws', 'gcloud', 'k9s'];

function words(ctx: RenderContext): string {
  return ctx.doc.topic.replaceAll('-', ' ');
}
function scope(ctx: RenderContext): string {
  return ctx.doc.service !== undefined ? `the ${ctx.doc.service} service` : `our ${ctx.rng.pick(['Operations Knowledge Base', 'platform', 'production estate', 'teams'])}`;
}

function paragraph(ctx: RenderContext, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(ctx.rng.pick(sentenceForms)(ctx));
  return out.join(' ');
}

// ── links ──

const nonexistentHeadings = ['Rollback Procedure', 'Troubleshooting Guide', 'Known Issues', 'Contacts', 'Appendix', 'Setup Steps', 'Overview (old)'];
const plausibleMissing = [
  'environment-setup', 'deployment-automation', 'infrastructure-architecture', 'operational-procedures', 'monitoring-guidelines',
  'quality-standards', 'getting-started', 'process-framework', 'team-directory', 'glossary', 'network-diagram', 'old-runbook',
  'security-policy', 'on-call-rotation', 'vendor-contacts', 'legacy-deploy', 'architecture-decision-records',
];

/** Links prefer neighbours (same folder or service), like real notes do. */
function pickTarget(ctx: RenderContext): DocPlan {
  const { rng, vault, doc } = ctx;
  const neighbours = (vault.byFolder.get(doc.folder) ?? []).filter((d) => d !== doc && !d.isTemplate);
  if (neighbours.length > 0 && rng.chance(0.4)) return rng.pick(neighbours);
  for (;;) {
    const target = rng.pick(vault.docs);
    if (target !== doc && !target.isTemplate) return target;
  }
}

/** A name that no doc has: a typo of a real one (so "did you mean" has work) or a plausible missing note. */
function brokenName(ctx: RenderContext): string {
  const { rng, vault } = ctx;
  for (let attempt = 0; attempt < 20; attempt++) {
    let name: string;
    if (rng.chance(0.5)) {
      const real = pickTarget(ctx).name;
      const i = rng.int(1, Math.max(1, real.length - 2));
      switch (rng.int(0, 3)) {
        case 0: name = real.slice(0, i) + real.slice(i + 1); break;
        case 1: name = real.slice(0, i) + (real[i + 1] ?? '') + (real[i] ?? '') + real.slice(i + 2); break;
        case 2: name = real.replaceAll('-', ' '); break;
        default: name = `${real}s`;
      }
    } else {
      name = rng.pick(plausibleMissing);
    }
    if (!vault.names.has(name.toLowerCase())) return name;
  }
  return `missing-note-${rng.int(1, 999)}`;
}

function headingOf(ctx: RenderContext, target: DocPlan): string | undefined {
  const headings = target.sections.flatMap((s) => [s.heading, ...s.subheadings]);
  if (headings.length === 0) return undefined;
  if (ctx.rng.chance(0.15)) {
    const missing = nonexistentHeadings.filter((h) => !headings.includes(h));
    if (missing.length > 0) return ctx.rng.pick(missing);
  }
  return ctx.rng.pick(headings);
}

/** One wikilink in one of the forms people write; ~5% point at notes that do not exist. */
function link(ctx: RenderContext): string {
  const { rng } = ctx;
  if (rng.chance(0.05)) {
    const name = brokenName(ctx);
    return rng.chance(0.2) ? `[[${name}|${titleCase(name)}]]` : `[[${name}]]`;
  }
  const target = pickTarget(ctx);
  const r = rng.float();
  if (r < 0.55) return `[[${target.linkTarget}]]`;
  if (r < 0.7) return `[[${target.linkTarget}|${rng.chance(0.6) ? target.title : rng.pick(['this guide', 'the runbook', 'here', 'details'])}]]`;
  if (r < 0.85) {
    const heading = headingOf(ctx, target);
    return heading === undefined ? `[[${target.linkTarget}]]` : `[[${target.linkTarget}#${heading}]]`;
  }
  return `[[${target.path.slice(0, -3)}${rng.chance(0.3) ? `|${target.title}` : ''}]]`;
}

/** A relative Markdown link; spaces are %-encoded or the target is wrapped in <…>; a few point nowhere. */
function markdownLink(ctx: RenderContext): string {
  const { rng, doc } = ctx;
  if (rng.chance(0.04)) return `[${titleCase(rng.pick(plausibleMissing))}](../archive/${rng.pick(plausibleMissing)}.md)`;
  const target = pickTarget(ctx);
  let href = path.posix.relative(path.posix.dirname(doc.path), target.path);
  if (!href.startsWith('.') && rng.chance(0.5)) href = `./${href}`;
  if (href.includes(' ')) href = rng.chance(0.5) ? href.replaceAll(' ', '%20') : `<${href}>`;
  return `[${target.title}](${href})`;
}

function embed(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const r = rng.float();
  if (r < 0.08) return [`![[${rng.pick(missingAttachments)}]]`, ''];
  if (r < 0.85) {
    const name = rng.pick(attachments);
    return [rng.chance(0.25) ? `![[${name}|${rng.pick([400, 600, 800])}]]` : `![[${name}]]`, ''];
  }
  const target = pickTarget(ctx);
  const heading = rng.chance(0.5) ? headingOf(ctx, target) : undefined;
  return [heading === undefined ? `![[${target.linkTarget}]]` : `![[${target.linkTarget}#${heading}]]`, ''];
}

// ── lists, tables, callouts ──

const itemWords = [
  'Infrastructure preparation', 'Platform configuration', 'Tool setup', 'Security implementation', 'Server provisioning',
  'Network setup', 'Storage allocation', 'Service configuration', 'Code deployment', 'Configuration deployment',
  'Integration setup', 'Access control', 'Permission management', 'Change tracking', 'Load testing', 'Capacity review',
  'Backup verification', 'Alert tuning', 'Cost allocation', 'Dependency audit', 'Runbook review', 'Failover drill',
];

function bullets(ctx: RenderContext): string[] {
  const items = ctx.rng.sample(itemWords, ctx.rng.int(3, 6)).map((w) => `- ${w}`);
  if (ctx.rng.chance(0.3)) items.push(`- ${link(ctx)}`);
  if (ctx.rng.chance(0.15)) items.push(`- Tagged #${ctx.rng.pick(tagPool)}`);
  return [...items, ''];
}

/** The seed docs' favourite shape: bold numbered items with sub-bullets, some holding an indented code block. */
function numbered(ctx: RenderContext, lang?: 'yaml' | 'json' | 'python'): string[] {
  const { rng } = ctx;
  const out: string[] = [];
  const count = rng.int(2, 3);
  for (let i = 1; i <= count; i++) {
    out.push(`${i}. **${rng.pick(itemWords)}**`);
    if (lang !== undefined && i === 1) {
      const body = lang === 'yaml' ? yamlBlock(ctx) : lang === 'json' ? jsonBlock(ctx) : python(ctx);
      out.push(...fenced(ctx, lang, body, '   ').slice(0, -1));
    } else {
      out.push(...rng.sample(itemWords, rng.int(2, 4)).map((w) => `   - ${w}`));
    }
    out.push('');
  }
  return out;
}

function steps(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const out: string[] = [];
  const count = rng.int(2, 4);
  for (let i = 1; i <= count; i++) {
    out.push(`${i}. ${titleCase(rng.pick(verbs))} the ${words(ctx)} ${rng.pick(['state', 'replicas', 'configuration', 'health', 'logs', 'backups'])}:`);
    if (rng.chance(0.6)) out.push(...fenced(ctx, 'bash', bash(ctx), '   ').slice(0, -1));
    else out.push(`   Expect ${rng.pick(['no errors', 'all pods Ready', 'replication lag under 5s', 'HTTP 200'])}; otherwise see ${link(ctx)}.`);
    out.push('');
  }
  return out;
}

function tasks(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const items = rng.sample(itemWords, rng.int(3, 6)).map((w) => `- [${rng.chance(0.4) ? 'x' : ' '}] ${w}`);
  if (rng.chance(0.4)) items.push(`- [ ] Update ${link(ctx)}`);
  if (rng.chance(0.2)) items.push(`    - [ ] ${rng.pick(itemWords)} #${rng.pick(tagPool)}`);
  return [...items, ''];
}

const calloutTypes = ['note', 'warning', 'tip', 'info', 'danger', 'important', 'example', 'caution', 'todo', 'question'];

function callout(ctx: RenderContext, type?: string): string[] {
  const { rng } = ctx;
  // A few use types Obsidian does not know ([!warn]); it renders them as notes, a linter may flag them.
  const kind = type ?? (rng.chance(0.03) ? 'warn' : rng.pick(calloutTypes));
  const fold = rng.pick(['', '', '', '-', '+']);
  const title = rng.chance(0.5) ? ` ${rng.pick(['Heads up', 'Before you start', 'Important', 'Read this first', titleCase(words(ctx))])}` : '';
  const lines = [`> [!${kind}]${fold}${title}`, `> ${paragraph(ctx, rng.int(1, 2))}`];
  if (rng.chance(0.3)) lines.push('>', `> ${link(ctx)}`);
  return [...lines, ''];
}

function faq(ctx: RenderContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < ctx.rng.int(2, 3); i++) {
    out.push(`**Q: How do I ${ctx.rng.pick(verbs)} ${words(ctx)} in ${ctx.rng.pick(environments)}?**`, `A: ${paragraph(ctx, 1)}`, '');
  }
  return out;
}

function contactsTable(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const rows = ['| Level | Contact | Channel | Response time |', '|-------|---------|---------|---------------|'];
  for (let level = 1; level <= rng.int(2, 4); level++) {
    rows.push(`| L${level} | ${rng.pick(people)} | ${rng.pick(['#sre-oncall', 'PagerDuty', 'phone', '#incidents'])} | ${rng.pick([5, 15, 30, 60])} min |`);
  }
  return [...rows, ''];
}

function sloTable(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const rows = ['| SLI | Target | Window | Alert |', '|-----|--------|--------|-------|'];
  for (const sli of rng.sample(['Availability', 'p99 latency', 'Error rate', 'Freshness', 'Throughput'], rng.int(2, 4))) {
    rows.push(`| ${sli} | ${rng.pick(['99.9%', '99.95%', '< 300 ms', '< 0.1%', '> 500 rps'])} | ${rng.pick(['28d', '7d', '30d'])} | ${rng.chance(0.7) ? link(ctx) : 'none'} |`);
  }
  return [...rows, ''];
}

function changesTable(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const rows = ['| Ticket | Change | Risk |', '| --- | --- | --- |'];
  for (let i = 0; i < rng.int(2, 5); i++) {
    rows.push(`| OPS-${rng.int(100, 9999)} | ${rng.pick(itemWords)} | ${rng.pick(['low', 'medium', 'high'])} |`);
  }
  return [...rows, ''];
}

function inventoryTable(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const rows = ['| Host | Role | Environment | Notes |', '|------|------|-------------|-------|'];
  for (let i = 0; i < rng.int(3, 6); i++) {
    const env = rng.pick(environments);
    rows.push(`| ${env.slice(0, 4)}-${words(ctx).replaceAll(' ', '-').slice(0, 12)}-${String(i + 1).padStart(2, '0')} | ${rng.pick(['primary', 'replica', 'worker', 'bastion', 'proxy'])} | ${env} | ${rng.chance(0.3) ? link(ctx) : ''} |`);
  }
  return [...rows, ''];
}

function dependencyList(ctx: RenderContext): string[] {
  const { rng, vault } = ctx;
  const out: string[] = [];
  for (const service of rng.sample(vault.services, rng.int(2, 4))) {
    const readme = `services/${service}/README`;
    out.push(`- ${rng.chance(0.5) ? `[[${readme}|${titleCase(service)}]]` : link(ctx)} — ${rng.pick(['sync HTTP', 'async via Kafka', 'gRPC', 'shared database (legacy)'])}`);
  }
  return [...out, ''];
}

function relatedSection(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const out = [rng.chance(0.8) ? '## 📝 Related Documentation' : '## Related Documentation'];
  for (let i = 0; i < rng.int(2, 5); i++) out.push(`- ${rng.chance(0.8) ? link(ctx) : markdownLink(ctx)}`);
  if (rng.chance(0.2)) out.push(`- [External reference](${rng.pick(externalLinks)})`);
  return [...out, ''];
}

function changeLog(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const out = [rng.chance(0.8) ? '## 🔄 Change Log' : '## Change Log', '| Date | Change | Author |', '|------|--------|--------|'];
  // Many real docs still carry the template's placeholder row.
  if (rng.chance(0.35)) out.push('| YYYY-MM-DD | Initial version | Name |');
  for (let i = 0; i < rng.int(0, 3); i++) {
    out.push(`| ${isoDate(dayFrom(rng.int(0, 1400)))} | ${rng.pick(['Added rollback steps', 'Updated contacts', 'Reviewed for Q3', 'Initial version', 'Fixed links', 'Migrated from Confluence'])} | ${rng.pick(people)} |`);
  }
  return [...out, ''];
}

// ── code blocks ──

/** A fenced block; in a few docs the first mermaid fence is "closed" with ```text, as in the real vault (the block then runs on to the next bare fence). */
function fenced(ctx: RenderContext, lang: string, body: string[], indent = ''): string[] {
  let close = '```';
  if (ctx.badFencePending && lang === 'mermaid') {
    ctx.badFencePending = false;
    close = '```text';
  }
  return [`${indent}\`\`\`${lang}`, ...body.map((l) => (l === '' ? '' : indent + l)), `${indent}${close}`, ''];
}

const nodeLabels = [
  'Deployment Strategy', 'Deployment Planning', 'Build', 'Test', 'Staging', 'Production', 'Monitoring', 'Rollback',
  'Change Request', 'Approval', 'Load Balancer', 'API Gateway', 'Database', 'Cache', 'Queue', 'Worker', 'Alert', 'On Call',
  'Triage', 'Mitigation', 'Postmortem', 'Backup', 'Restore', 'Release Management', 'Environment Management',
];

/** Mostly valid flowcharts, sequence and state diagrams; ~2% invalid in ways a parser must reject. */
function mermaid(ctx: RenderContext, kind?: 'sequence'): string[] {
  const { rng } = ctx;
  if (rng.chance(0.02)) {
    return rng.pick([
      ['graph TD', '    A[Start --> B[Deploy]', '    B --> C[Verify]'],
      ['sequenceDiagram', '    participant A as Client', '    A->>B Request without a message'],
      ['grpah TD', '    A[Plan] --> B[Execute]'],
      ['flowchart LR', '    A[Build] --> B{Tests pass?', '    B -->|yes| C[Deploy]'],
    ]);
  }
  const which = kind ?? rng.pick(['graph', 'graph', 'flowchart', 'sequence', 'state'] as const);
  if (which === 'sequence') {
    const names = rng.sample([...ctx.vault.services.slice(0, 12), 'client', 'gateway', 'database', 'cache'], rng.int(3, 4));
    const ids = names.map((_, i) => String.fromCharCode(65 + i));
    const out = ['sequenceDiagram', ...names.map((n, i) => `    participant ${ids[i]} as ${titleCase(n)}`)];
    for (let i = 0; i < rng.int(3, 6); i++) {
      const [from, to] = rng.sample(ids, 2) as [string, string];
      out.push(`    ${from}${rng.pick(['->>', '-->>', '->>', '-)'])}${to}: ${rng.pick(['request', 'response', 'publish event', 'ack', 'read config', 'write record', 'health check'])}`);
    }
    if (rng.chance(0.3)) out.push(`    Note over ${ids[0]},${ids[1]}: TLS everywhere`);
    return out;
  }
  if (which === 'state') {
    const states = rng.sample(['Detection', 'Triage', 'Analysis', 'Response', 'Containment', 'Recovery', 'Review'], rng.int(3, 5));
    const out = ['stateDiagram-v2', `    [*] --> ${states[0]}`];
    for (let i = 1; i < states.length; i++) out.push(`    ${states[i - 1]} --> ${states[i]}`);
    out.push(`    ${states[states.length - 1]} --> [*]`);
    return out;
  }
  const labels = rng.sample(nodeLabels, rng.int(4, 7));
  const out = [which === 'graph' ? `graph ${rng.pick(['TD', 'TB', 'LR'])}` : `flowchart ${rng.pick(['TD', 'LR'])}`];
  out.push(`    A[${labels[0]}] --> B[${labels[1]}]`);
  for (let i = 2; i < labels.length; i++) {
    const from = String.fromCharCode(65 + rng.int(0, i - 1));
    const id = String.fromCharCode(65 + i);
    out.push(rng.chance(0.2) ? `    ${from} -->|${rng.pick(['yes', 'no', 'on failure', 'approved'])}| ${id}[${labels[i]}]` : `    ${from} --> ${id}[${labels[i]}]`);
  }
  if (rng.chance(0.25)) out.push(`    ${String.fromCharCode(65 + labels.length - 1)} --> Z{Healthy?}`, '    Z -->|no| A');
  return out;
}

const phaseNames = ['preparation', 'execution', 'validation', 'monitoring'] as const;
const resourceKinds = ['cluster', 'database', 'queue', 'cache', 'cdn', 'secret', 'feature-flag', 'service', 'other'] as const;

/**
 * A `deployment_plan` as schemas/deployment-plan.schema.json describes it: sometimes the
 * seed's terse form (string phases/activities/resources), sometimes the detailed one.
 * ~2% break the schema the ways people do (no strategy, unknown key, made-up phase).
 */
function deploymentPlan(ctx: RenderContext): Record<string, unknown> {
  const { rng, doc } = ctx;
  const strategy = rng.pick(['canary', 'blue-green', 'rolling', 'recreate'] as const);
  const phases = phaseNames.filter(() => rng.chance(0.75));
  if (phases.length === 0) phases.push('execution');
  const terse = rng.chance(0.4);
  const plan: Record<string, unknown> = {};
  if (rng.chance(0.8)) plan.service = doc.service ?? rng.pick(ctx.vault.services.length > 0 ? ctx.vault.services : serviceBases);
  if (rng.chance(0.6)) plan.environment = rng.pick(['production', 'staging', 'eu-production', 'us-production']);
  plan.strategy = strategy;
  if (strategy === 'canary' && rng.chance(0.8)) plan.traffic_steps = rng.pick([[5, 25, 50, 100], [10, 50, 100], [1, 5, 25, 100], [20, 100]]);
  plan.phases = terse
    ? phases
    : phases.map((name) => ({
        name,
        ...(rng.chance(0.6) ? { gate: rng.pick(['change approved', 'smoke tests green', 'error budget healthy', 'canary analysis passes', 'no rollback trigger fired']) } : {}),
        ...(rng.chance(0.3) ? { duration: `${rng.int(1, 48)}${rng.pick(['m', 'h', 'h', 'd'])}` } : {}),
      }));
  if (rng.chance(0.6)) {
    plan.activities = rng.sample(itemWords, rng.int(1, 4)).map((w) =>
      terse ? w.toLowerCase() : { name: w.toLowerCase(), phase: rng.pick(phases), ...(rng.chance(0.6) ? { owner: rng.pick(teams) } : {}), ...(rng.chance(0.4) ? { automated: rng.chance(0.5) } : {}) },
    );
  }
  if (rng.chance(0.5)) {
    plan.resources = rng.sample(['eks-prod-euw1', 'orders-db', 'events-queue', 'session-cache', 'static-cdn', 'payments-secrets', 'saved-cards-flag'], rng.int(1, 3)).map((name) =>
      terse ? name : { name, kind: rng.pick(resourceKinds) },
    );
  }
  if (rng.chance(0.6)) {
    const runbooks = ctx.vault.docs.filter((d) => d.type === 'runbook' && !d.isTemplate);
    plan.rollback = {
      automatic: rng.chance(0.6),
      trigger: rng.pick(['error rate above 1% for 5 minutes', 'p99 latency above 800ms', 'health checks failing', 'manual decision by incident commander']),
      ...(rng.chance(0.4) && runbooks.length > 0 ? { runbook: `[[${rng.pick(runbooks).linkTarget}]]` } : {}),
    };
  }
  if (rng.chance(0.02)) {
    rng.pick([
      () => delete plan.strategy,
      () => (plan.strategy = 'big-bang'),
      () => (plan.approvers = rng.sample(people, 2)),
      () => (plan.phases = ['deploy', 'verify']),
      () => (plan.phases = [{ name: 'execution', duration: '2 hours' }]),
    ])();
  }
  return { deployment_plan: plan };
}

function deploymentPlanYaml(ctx: RenderContext): string[] {
  const document = new YAML.Document(deploymentPlan(ctx));
  // Short number lists read better in flow style, as people write them: traffic_steps: [5, 25, 50, 100].
  const steps = document.getIn(['deployment_plan', 'traffic_steps'], true);
  if (YAML.isSeq(steps)) steps.flow = true;
  return document.toString({ lineWidth: 0 }).trimEnd().split('\n');
}

/** YAML: layers like the seed docs, k8s manifests, alert rules, deployment plans; ~1% invalid. */
function yamlBlock(ctx: RenderContext, withPlan = false): string[] {
  const { rng } = ctx;
  if (rng.chance(0.01)) {
    return rng.pick([
      ['deployment_plan:', '  service: checkout', '  environments: [staging, production', '  strategy: canary'],
      ['deployment_layers:', '  infrastructure_layer:', '\t- resource_provisioning', '\t- environment_setup'],
      ['alert: HighErrorRate', 'expr: rate(http_errors[5m]) > 0.1: critical', 'for: 10m'],
      ['config:', '  endpoint: "https://api.example.internal', '  timeout: 30s'],
    ]);
  }
  if (withPlan || rng.chance(0.15)) return deploymentPlanYaml(ctx);
  const which = rng.int(0, 2);
  if (which === 0) {
    const layer = rng.pick(['infrastructure_layer', 'application_layer', 'data_layer', 'security_layer']);
    return [`${words(ctx).replaceAll(' ', '_')}_layers:`, `  ${layer}:`, ...rng.sample(itemWords, 4).map((w) => `    - ${w.toLowerCase().replaceAll(' ', '_')}`)];
  }
  if (which === 1) {
    const name = (ctx.doc.service ?? words(ctx).replaceAll(' ', '-')).slice(0, 40);
    return [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, `  namespace: ${rng.pick(['default', 'platform', 'payments', 'ops'])}`,
      'spec:', `  replicas: ${rng.int(2, 12)}`, '  template:', '    spec:', '      containers:', `        - name: ${name}`,
      `          image: registry.example.internal/${name}:${rng.int(1, 5)}.${rng.int(0, 20)}.${rng.int(0, 9)}`,
      '          resources:', `            limits: { cpu: "${rng.pick(['500m', '1', '2'])}", memory: ${rng.pick(['512Mi', '1Gi', '2Gi'])} }`,
    ];
  }
  return [
    'groups:', `  - name: ${words(ctx).replaceAll(' ', '-')}`, '    rules:', `      - alert: ${titleCase(words(ctx)).replaceAll(' ', '')}Down`,
    `        expr: up{job="${words(ctx).replaceAll(' ', '-')}"} == 0`, `        for: ${rng.pick(['1m', '5m', '10m'])}`,
    `        labels: { severity: ${rng.pick(['page', 'ticket', 'info'])} }`,
  ];
}

/** JSON: plans like the seed's `{"deployment_plan": …}`, settings objects; ~1% invalid. */
function jsonBlock(ctx: RenderContext, withPlan = false): string[] {
  const { rng } = ctx;
  if (rng.chance(0.01)) {
    return rng.pick([
      ['{', '  "deployment_plan": {', '    "phases": ["preparation", "execution",],', '  }', '}'],
      ['{', "  'timeout': 30,", "  'retries': 3", '}'],
      ['{', '  // defaults for staging', '  "replicas": 2', '}'],
      ['{', '  "service": "orders"', '  "owner": "sre"', '}'],
    ]);
  }
  if (withPlan || rng.chance(0.2)) return JSON.stringify(deploymentPlan(ctx), null, 2).split('\n');
  const value = {
    [words(ctx).replaceAll(' ', '_')]: {
      enabled: rng.chance(0.8),
      timeout_seconds: rng.int(5, 120),
      retries: rng.int(0, 5),
      targets: rng.sample(environments, rng.int(1, 3)),
    },
  };
  return JSON.stringify(value, null, 2).split('\n');
}

function bash(ctx: RenderContext): string[] {
  const { rng } = ctx;
  const name = (ctx.doc.service ?? words(ctx).replaceAll(' ', '-')).slice(0, 40);
  const ns = rng.pick(['default', 'platform', 'payments', 'ops']);
  const commands = [
    `kubectl -n ${ns} get pods -l app=${name}`,
    `kubectl -n ${ns} rollout restart deployment/${name}`,
    `kubectl -n ${ns} rollout status deployment/${name} --timeout=300s`,
    `kubectl -n ${ns} logs deploy/${name} --since=15m | grep -i error`,
    `psql "$DATABASE_URL" -c "SELECT pg_is_in_recovery();"`,
    `systemctl status ${name}.service`,
    `curl -fsS https://${name}.example.internal/healthz`,
    `terraform -chdir=envs/${rng.pick(environments)} plan -out=tfplan`,
    `aws s3 ls s3://backups-${rng.pick(environments)}/${name}/ | tail -5`,
    `vault kv get secret/${name}/${rng.pick(environments)}`,
    `helm upgrade --install ${name} charts/${name} -f values/${rng.pick(environments)}.yaml`,
  ];
  const out = rng.sample(commands, rng.int(1, 4));
  if (rng.chance(0.3)) out.unshift(`# ${titleCase(rng.pick(verbs))} ${words(ctx)}`);
  return out;
}

function python(ctx: RenderContext): string[] {
  const fn = `${ctx.rng.pick(['develop', 'plan', 'review', 'execute'])}_${words(ctx).replaceAll(/[\s-]/g, '_')}_${ctx.rng.pick(aspects)}`;
  return [`def ${fn}():`, ...ctx.rng.sample(itemWords, 4).map((w) => `    ${w.toLowerCase().replaceAll(' ', '_')}()`)];
}

// ── folder indexes and templates ──

function renderIndex(ctx: RenderContext): string {
  const { rng, doc, vault } = ctx;
  const out: string[] = [];
  if (rng.chance(0.4)) out.push(frontmatter(ctx, false));
  out.push(`# ${doc.title}`, '', '## Overview', '', paragraph(ctx, rng.int(1, 3)), '', '## Contents', '');
  const children =
    doc.folder === ''
      ? vault.docs.filter((d) => d.isIndex && d !== doc && d.folder.split('/').length <= 2)
      : vault.docs.filter((d) => d !== doc && !d.isTemplate && (d.folder === doc.folder || d.folder.startsWith(`${doc.folder}/`)) && d.folder.split('/').length <= doc.folder.split('/').length + 1);
  let size = out.join('\n').length;
  for (const child of children) {
    if (size > doc.targetBytes) break;
    const line = rng.chance(0.7) ? `- [[${child.linkTarget}|${child.title}]]` : `- [${child.title}](${relativeHref(doc, child)})`;
    out.push(line);
    size += line.length + 1;
  }
  out.push('', '## Related Documentation', '', `- ${link(ctx)}`, `- ${link(ctx)}`, '');
  return out.join('\n');
}

function relativeHref(from: DocPlan, to: DocPlan): string {
  const href = path.posix.relative(path.posix.dirname(from.path), to.path);
  return href.replaceAll(' ', '%20');
}

function renderTemplate(ctx: RenderContext): string {
  const { rng, doc } = ctx;
  const now = '<% tp.date.now("YYYY-MM-DD") %>';
  const out = [
    '---',
    'title: <% tp.file.title %>',
    `type: ${doc.type}`,
    'owner: <% tp.user.owner ?? "" %>',
    'status: draft',
    `created: ${now}`,
    `updated: ${now}`,
    `tags: [${doc.type}]`,
    '---',
    '',
    '# <% tp.file.title %>',
    '',
    '<%* const env = await tp.system.suggester(["production", "staging"], ["production", "staging"]) %>',
    '',
    '## 📋 Overview',
    '[Clear statement of the purpose and intended outcome]',
    '',
    `Environment: <% env %> · Folder: [[<% tp.file.folder(true) %>/README]] · Parent: [[${rng.pick(plausibleMissing)}]]`,
    '',
  ];
  let size = out.join('\n').length;
  const planned = doc.sections.length > 0 ? doc.sections : [];
  for (const section of planned) {
    if (section.kind === 'overview') continue;
    const lines = renderSection(ctx, section);
    out.push(...lines);
    size += lines.join('\n').length;
    if (size > doc.targetBytes) break;
  }
  out.push(
    '## ✅ Checklist',
    '- [ ] [Item 1] <% tp.file.cursor(1) %>',
    '- [ ] [Item 2]',
    '',
    '## 🔄 Change Log',
    '| Date | Change | Author |',
    '|------|--------|--------|',
    `| ${now} | Initial version | <% tp.user.name %> |`,
    '| YYYY-MM-DD | [Change] | Name |',
    '',
    '---',
    '',
    `*Last updated: ${now}*`,
    '',
  );
  return out.join('\n');
}

// ───────────────────────────── public API ─────────────────────────────

/** 1×1 transparent PNG; held as a binary string (one char per byte), written as latin1. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
).toString('latin1');

/** How a file's content string maps to bytes: images are binary strings, everything else UTF-8. */
export function fileEncoding(filePath: string): BufferEncoding {
  return /\.(png|jpe?g|gif|webp)$/i.test(filePath) ? 'latin1' : 'utf8';
}

/** Total bytes the files take on disk, without writing them. */
export function vaultBytes(files: ReadonlyMap<string, string>): number {
  let total = 0;
  for (const [filePath, content] of files) total += Buffer.byteLength(content, fileEncoding(filePath));
  return total;
}

/**
 * Path → content for a whole vault; deterministic in (docs, seed). Keys are sorted, paths are
 * vault-relative with forward slashes. Image contents are binary strings: write them with
 * `fileEncoding(path)` (as `writeVault` does), and count bytes with `vaultBytes`.
 */
export function generateVault(options: GenerateVaultOptions = {}): Map<string, string> {
  const docs = options.docs ?? defaultVaultOptions.docs;
  const seed = options.seed ?? defaultVaultOptions.seed;
  const vault = planVault(docs, seed);
  const files = new Map<string, string>();
  files.set('.obsidian/templates.json', `${JSON.stringify({ folder: 'templates' })}\n`);
  files.set('.obsidian/app.json', `${JSON.stringify({ attachmentFolderPath: attachmentFolder, newLinkFormat: 'shortest' }, null, 2)}\n`);
  for (const name of attachments) {
    files.set(
      `${attachmentFolder}/${name}`,
      name.endsWith('.svg') ? `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16" fill="#4a90d9"/></svg>\n` : tinyPng,
    );
  }
  for (const doc of vault.docs) files.set(doc.path, renderDoc(vault, doc));
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}

/** Writes the files under `dir` (created if needed); existing files with the same paths are overwritten. */
export function writeVault(dir: string, files: ReadonlyMap<string, string>): void {
  const made = new Set<string>();
  for (const [filePath, content] of files) {
    const target = path.join(dir, ...filePath.split('/'));
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, content, fileEncoding(filePath));
  }
}

// ───────────────────────────── CLI ─────────────────────────────

const usage = 'Usage: node scripts/generate-vault.ts --out DIR [--docs 3000] [--seed 1]';

function parseInteger(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${flag} expects an integer, got "${value}"\n${usage}`);
  return n;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, docs: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help === true) {
    console.log(usage);
    return;
  }
  if (values.out === undefined) throw new Error(`--out is required\n${usage}`);
  const docs = parseInteger('--docs', values.docs, defaultVaultOptions.docs);
  const seed = parseInteger('--seed', values.seed, defaultVaultOptions.seed);
  const out = path.resolve(values.out);
  // Refuse to mix with an older vault: stale files would change what a check sees.
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} exists and is not empty; choose a new directory`);
  const started = performance.now();
  const files = generateVault({ docs, seed });
  writeVault(out, files);
  const seconds = (performance.now() - started) / 1000;
  const mb = vaultBytes(files) / 1_000_000;
  console.log(`Wrote ${files.size} files (${docs} docs, ${mb.toFixed(2)} MB) to ${out} in ${seconds.toFixed(2)} s (seed ${seed})`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}

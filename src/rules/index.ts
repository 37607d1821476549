/**
 * The rule registry: every rule id Shipshape knows, in the order of the reference (the fenced-block types bring
 * theirs, see `src/blocks/index.ts`). Ids are public interface.
 */
import { blockTypes } from '../blocks/index.ts';
import { ambiguousLink } from './ambiguous-link.ts';
import { bases } from './bases.ts';
import { brokenAnchor } from './broken-anchor.ts';
import { brokenLink } from './broken-link.ts';
import { codeFence } from './code-fence.ts';
import { dataview } from './dataview.ts';
import { emptyDoc } from './empty-doc.ts';
import { encoding } from './encoding.ts';
import { fileAccess } from './file-access.ts';
import frontmatterSchema from './frontmatter-schema.ts';
import { missingOwner } from './missing-owner.ts';
import { parseLimits } from './parse-limits.ts';
import { placeholderText } from './placeholder-text.ts';
import { propertyType } from './property-type.ts';
import { propertyTypesFile } from './property-types-file.ts';
import type { Rule } from './rule.ts';
import { runDuplicateId } from './run-duplicate-id.ts';
import { runReference } from './run-reference.ts';
import { runSchema } from './run-schema.ts';
import { runTimeOrder } from './run-time-order.ts';
import { staleDoc } from './stale-doc.ts';
import { templaterPlaceholder } from './templater-placeholder.ts';
import { unclosedComment } from './unclosed-comment.ts';
import { unpublishedLink } from './unpublished-link.ts';
import { yamlSyntax } from './yaml-syntax.ts';

export const rules: readonly Rule[] = [
  yamlSyntax,
  frontmatterSchema,
  propertyType,
  propertyTypesFile,
  brokenLink,
  brokenAnchor,
  ambiguousLink,
  unpublishedLink,
  templaterPlaceholder,
  placeholderText,
  unclosedComment,
  codeFence,
  // Each fenced-block type's rule (mermaid-syntax, code-block-syntax, dashboard-block, checklist).
  ...blockTypes.flatMap((type) => (type.rule ? [type.rule] : [])),
  bases,
  dataview,
  encoding,
  staleDoc,
  missingOwner,
  emptyDoc,
  parseLimits,
  fileAccess,
  runSchema,
  runDuplicateId,
  runReference,
  runTimeOrder,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));

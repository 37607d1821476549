/**
 * GFM tables, rendered as mdast-util-to-hast renders them, except that each cell is the context of the links in it
 * (a backlink quotes the cell, not the whole row).
 *
 * In: `| Owner | [[sre]] |` → `<tr><td>Owner</td><td><a data-ss-link="0">sre</a></td></tr>`, link context `sre`
 */
import type { ElementContent, Properties } from 'hast';
import type { Parents, Table, TableRow } from 'mdast';
import { defaultHandlers, type State } from 'mdast-util-to-hast';
import { element, within, type Feature } from './context.ts';

export const tables: Feature = (ctx) => ({
  table(state: State, node: Table) {
    const result = defaultHandlers.table(state, node);
    ctx.last = { node, element: result };
    return result;
  },

  tableRow(state: State, node: TableRow, parent: Parents | undefined) {
    const tagName = parent?.children[0] === node ? 'th' : 'td';
    const align = parent?.type === 'table' ? parent.align : undefined;
    const length = align ? align.length : node.children.length;
    const cells: ElementContent[] = [];
    for (let i = 0; i < length; i++) {
      const cell = node.children[i];
      const properties: Properties = {};
      const alignValue = align?.[i];
      if (alignValue) properties.align = alignValue;
      const result = element(tagName, properties);
      if (cell) {
        result.children = within(ctx, cell, () => state.all(cell));
        state.patch(cell, result);
      }
      cells.push(result);
    }
    const result = element('tr', {}, state.wrap(cells, true));
    state.patch(node, result);
    return result;
  },
});

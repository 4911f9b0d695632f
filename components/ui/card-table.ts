// A table on wide screens, a stack of cards on a phone: one markup, no sideways scrolling.
// On a phone each cell shows its column's name from its data-label attribute (CSS content, so
// the cell's own text stays just its value); the column headers take over from md up.
export const cardTable = {
  wrap: "rounded-lg border border-slate-200 bg-white",
  table: "block w-full text-left text-sm md:table",
  head: "hidden bg-slate-50 text-muted md:table-header-group",
  th: "px-4 py-3 font-medium",
  body: "block divide-y divide-slate-200 md:table-row-group",
  row: "block space-y-1 px-4 py-3 md:table-row md:space-y-0 md:p-0",
  cell: "flex flex-wrap items-center justify-between gap-x-4 gap-y-1 before:font-normal before:text-muted before:content-[attr(data-label)] md:table-cell md:px-4 md:py-3 md:before:content-none",
  /** A cell with no label on a phone (a name, an email): its value reads from the left. */
  lead: "flex flex-wrap items-center gap-x-2 md:table-cell md:px-4 md:py-3",
} as const;

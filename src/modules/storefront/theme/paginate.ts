import type { PaginateObject } from './objects.js';

/** The `paginate` object for page `page` of `items` things shown `pageSize` at a time. */
export function paginate(opts: {
  page: number;
  pageSize: number;
  items: number;
  /** The address of page n (keeping the other query parameters, e.g. the search terms). */
  url: (page: number) => string;
}): PaginateObject {
  const pages = Math.max(1, Math.ceil(opts.items / opts.pageSize));
  const current = Math.min(Math.max(1, Math.trunc(opts.page)), pages);
  return {
    current_page: current,
    pages,
    items: opts.items,
    page_size: opts.pageSize,
    previous_url: current > 1 ? opts.url(current - 1) : null,
    next_url: current < pages ? opts.url(current + 1) : null,
  };
}

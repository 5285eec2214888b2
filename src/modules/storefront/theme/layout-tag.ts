import { Tag, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';

/**
 * Shopify's `{% layout 'name' %}` / `{% layout none %}`: a template names the layout that wraps it
 * (layout/<name>.liquid, which outputs `content_for_layout`). LiquidJS's own layout tag is
 * Jekyll's (blocks), so this one replaces it: it outputs nothing and is read after parsing.
 */
export class ShopifyLayoutTag extends Tag {
  /** null: no layout. */
  readonly layout: string | null;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    const arg = token.args.trim();
    const quoted = /^(['"])([a-z0-9_-]+)\1$/i.exec(arg);
    if (arg !== 'none' && !quoted)
      throw new Error(`{% layout %} takes a quoted layout name or none, not ${JSON.stringify(arg)}`);
    this.layout = quoted ? quoted[2]! : null;
  }

  *render(): Generator<unknown, void, unknown> {}
}

/** The layout a parsed template asks for: its top-level {% layout %}, else `fallback`. */
export function layoutOf(templates: Template[], fallback: string): string | null {
  const tag = templates.find((t): t is ShopifyLayoutTag => t instanceof ShopifyLayoutTag);
  return tag ? tag.layout : fallback;
}

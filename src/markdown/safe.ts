/**
 * The Markdown pipeline never turns an article's text into code.
 *
 * - `remarkLiteralHtml`: raw HTML in Markdown (`<script>`, `<iframe>`, `<img onerror=…>`,
 *   `<a href="javascript:…">`, comments) is shown as the literal text it is, not parsed as
 *   markup. Articles are verbatim records, so nothing is silently dropped: an editor sees it.
 * - `rehypeSafeUrls`: links and images whose URL has a scheme other than http, https or
 *   mailto (`javascript:`, `vbscript:`, `data:` …) lose that URL: a link becomes its text,
 *   an image its alt text.
 *   Elements that run or embed code, and `on*` attributes, are removed as a second line
 *   of defence (no Markdown produces them once raw HTML is literal).
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Parent as MdastParent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';

/** Containers whose children are blocks (flow content); elsewhere HTML is inline (phrasing). */
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

/** remark plugin: every raw HTML node becomes a text node with the same characters. */
export function remarkLiteralHtml() {
  return (tree: MdastRoot) => {
    const walk = (parent: MdastParent) => {
      parent.children = parent.children.map((child): MdastContent => {
        if (child.type === 'html') {
          const text = {
            type: 'text' as const,
            value: child.value,
            ...(child.position ? { position: child.position } : {}),
          };
          // A block of HTML becomes a paragraph of text; inline HTML stays inline.
          return FLOW_PARENTS.has(parent.type) ? { type: 'paragraph', children: [text] } : text;
        }
        if ('children' in child) walk(child);
        return child;
      });
    };
    walk(tree);
  };
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Whether a URL is relative or uses a safe scheme. Browsers ignore ASCII tabs and newlines
 * anywhere in a URL and leading control characters and spaces, so `java\tscript:` counts.
 */
export function isSafeUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(cleaned);
  return !scheme || SAFE_SCHEMES.has(scheme[1]!.toLowerCase());
}

const URL_PROPERTIES = [
  'href',
  'src',
  'srcSet',
  'action',
  'formAction',
  'cite',
  'poster',
  'data',
  'xLinkHref',
  'background',
  'ping',
];
const CODE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'form',
  'meta',
  'link',
  'style',
  'template',
  'noscript',
]);

/** rehype plugin: no script URLs, no code-running elements, no event-handler attributes. */
export function rehypeSafeUrls() {
  return (tree: HastRoot) => {
    const clean = (children: HastContent[]): HastContent[] =>
      children.flatMap((child): HastContent[] => {
        // Raw HTML nodes (none once remarkLiteralHtml ran) would be parsed later: make them text.
        if ((child as { type: string }).type === 'raw')
          return [{ type: 'text', value: (child as unknown as { value: string }).value }];
        if (child.type !== 'element') return [child];
        if (CODE_ELEMENTS.has(child.tagName)) return [];
        const element: Element = child;
        let unsafe = false;
        for (const name of Object.keys(element.properties)) {
          const value = element.properties[name];
          if (/^on/i.test(name)) delete element.properties[name];
          else if (
            URL_PROPERTIES.includes(name) &&
            value !== undefined &&
            value !== null &&
            !isSafeUrl(String(value))
          ) {
            delete element.properties[name];
            unsafe = true;
          }
        }
        element.children = clean(element.children) as ElementContent[];
        if (!unsafe) return [element];
        // A link that pointed at code is just its text; such an image, its alt text.
        if (element.tagName === 'a') return element.children;
        if (element.tagName === 'img')
          return element.properties.alt
            ? [{ type: 'text', value: String(element.properties.alt) }]
            : [];
        return [element];
      });
    tree.children = clean(tree.children);
  };
}

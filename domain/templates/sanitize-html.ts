import xss, { type IWhiteList } from 'xss';

// js-xss is CommonJS: its functions come from the default export (Node's ESM loader and Vite both give it).
const { FilterXSS, friendlyAttrValue } = xss as unknown as typeof import('xss');

/**
 * Template HTML, made safe to render (docs/security.md): the survey's
 * `html` blocks and `completedHtml`-like texts, which SurveyJS (and the
 * staff print page) insert as HTML, keep only a small allowed set:
 *
 * - text formatting: p, br, strong, b, em, i, u, s, small, sub, sup, span,
 *   h3–h6, blockquote, hr, div;
 * - lists: ul, ol, li;
 * - links to http(s) only: `<a href="https://…" title="…">`.
 *
 * Everything else goes: `meta` (a `http-equiv=refresh` redirected respondents
 * to any page), `script`, `style`, `iframe`, `form`, `img`, `object`, …
 * (`script`, `style` and the like with their content), every other
 * attribute (event handlers, `style`, `class`, `id`), `javascript:` and
 * other URLs, and comments. Text is kept, escaped.
 *
 * The filtering is js-xss's (an allow-list HTML filter for the browser and
 * Node); this module picks the allow-list and reports what it removed, so
 * the template editor can show it. Applied when a template is saved, and
 * again when a survey is served to respondents and printed.
 */
export const ALLOWED_HTML: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], strong: [], b: [], em: [], i: [], u: [], s: [], small: [], sub: [], sup: [], span: [],
  h3: [], h4: [], h5: [], h6: [], blockquote: [], hr: [], div: [],
  ul: [], ol: [], li: [],
  a: ['href', 'title'],
};

/** Tags removed together with their content. */
const REMOVED_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'svg', 'math', 'title', 'head', 'xmp', 'noembed', 'noframes'];

/** Keys whose string (or localised strings) SurveyJS renders as HTML. */
const HTML_KEYS = new Set(['html', 'completedHtml', 'completedBeforeHtml', 'loadingHtml']);

const SAFE_HREF = /^https?:\/\/[^\s"'<>`]+$/i;

/** The safe HTML and a description of each removed part (`<meta http-equiv="refresh" content="0;url=…">`, `onclick="…" på <p>`). */
export interface SanitisedHtml {
  readonly html: string;
  readonly removed: readonly string[];
}

const clip = (text: string, length = 80) => (text.length > length ? `${text.slice(0, length)}…` : text);

/**
 * Filters one HTML text to the allowed set.
 *
 * Complexity: O(length of the text).
 *
 * @example
 * sanitizeTemplateHtml('<p onclick="x()">Hej</p><meta http-equiv="refresh" content="0;url=https://x.se">')
 * // → { html: '<p>Hej</p>', removed: ['onclick="x()" på <p>', '<meta http-equiv="refresh" content="0;url=https://x.se">'] }
 */
export function sanitizeTemplateHtml(html: string): SanitisedHtml {
  const removed: string[] = [];
  for (const tag of REMOVED_WITH_CONTENT) {
    const match = new RegExp(`<${tag}\\b[^>]*>?`, 'i').exec(html);
    if (match) removed.push(`${clip(match[0])} (med innehåll)`);
  }
  const filter = new FilterXSS({
    whiteList: ALLOWED_HTML as IWhiteList,
    stripIgnoreTagBody: REMOVED_WITH_CONTENT,
    allowCommentTag: false,
    css: false,
    onIgnoreTag(_tag, tagHtml, options) {
      if (!(options as { isClosing?: boolean }).isClosing) removed.push(clip(tagHtml));
      return '';
    },
    onTagAttr(tag, name, value, isWhiteAttr) {
      if (!isWhiteAttr) return undefined;
      if (tag === 'a' && name === 'href') {
        const url = friendlyAttrValue(value).trim();
        if (!SAFE_HREF.test(url)) {
          removed.push(`href="${clip(value, 60)}" på <a> (bara länkar till http:// och https:// är tillåtna)`);
          return '';
        }
        return `href="${url.replace(/&/g, '&amp;')}"`;
      }
      return undefined;
    },
    onIgnoreTagAttr(tag, name, value) {
      removed.push(`${name}${value ? `="${clip(value, 60)}"` : ''} på <${tag}>`);
      return '';
    },
  });
  let safe = filter.process(html);
  if (/<!--/.test(html) && !/<!--/.test(safe)) removed.push('kommentarer (<!-- … -->)');
  // js-xss leaves a bare `href` when it refuses a value itself; an attribute without a value does nothing, but drop it.
  safe = safe.replace(/<a href>/g, '<a>');
  // js-xss marks content it cut out of nested removed tags with this placeholder.
  if (!html.includes('[removed]')) safe = safe.replaceAll('[removed]', '');
  return { html: safe, removed };
}

/** One place in a survey where HTML was changed, with what was removed. */
export interface RemovedHtml {
  /** Path in the template, e.g. `survey.pages[0].elements[2].html.default`. */
  readonly path: string;
  readonly removed: readonly string[];
}

/**
 * Filters every HTML text of a SurveyJS survey (`html` of html questions
 * and of `completedHtmlOnCondition` items, `completedHtml`,
 * `completedBeforeHtml`, `loadingHtml`, each a string or localised
 * strings). Returns a new survey; the input is not changed.
 *
 * Complexity: O(size of the survey JSON).
 */
export function sanitizeSurveyHtml<T>(survey: T, basePath = 'survey'): { survey: T; removed: RemovedHtml[] } {
  const removed: RemovedHtml[] = [];
  const clean = (text: string, path: string): string => {
    const result = sanitizeTemplateHtml(text);
    if (result.removed.length > 0) removed.push({ path, removed: result.removed });
    return result.html;
  };
  const visit = (value: unknown, path: string, asHtml: boolean): unknown => {
    if (typeof value === 'string') return asHtml ? clean(value, path) : value;
    if (Array.isArray(value)) return value.map((item, i) => visit(item, `${path}[${i}]`, false));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      // Inside an HTML key, a localised object's values are HTML too.
      out[key] = visit(inner, `${path}.${key}`, asHtml || HTML_KEYS.has(key));
    }
    return out;
  };
  return { survey: visit(survey, basePath, false) as T, removed };
}

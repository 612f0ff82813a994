import sanitizeHtml, { type Attributes, type IOptions } from 'sanitize-html';

/** What sanitizing changed, so the agent UI can offer to load remote images. */
export interface SanitizedHtml {
  html: string;
  /** Images that would have been fetched from another server; each is a placeholder now. */
  remoteImages: number;
}

/**
 * The marker the agent UI folds away: quoted earlier messages and signatures. The UI shows them on
 * a click; without that UI they are simply shown, so nothing is ever hidden for good.
 */
export const FOLD_ATTRIBUTE = 'data-email-fold';
/** Where a remote image's address waits until the agent chooses to load it. */
export const REMOTE_SRC_ATTRIBUTE = 'data-remote-src';
/** An inline image carried by the e-mail itself (`cid:`), shown from the stored attachment. */
export const CID_ATTRIBUTE = 'data-cid';

const quoteClasses = new Set(['gmail_quote', 'gmail_quote_container', 'yahoo_quoted', 'moz-cite-prefix', 'OutlookMessageHeader']);
const signatureClasses = new Set(['gmail_signature', 'moz-signature', 'signature']);
const quoteIds = new Set(['divRplyFwdMsg', 'appendonsend', 'mail-editor-reference-message-container']);

// A declaration's value may not call a function that reaches out (url(), image-set()) or runs code (expression()).
const safeCssValue = /^(?![\s\S]*(url|expression|image-set|image|var|attr|element|src)\s*\()[#(),.%/\w\s'"+-]{1,200}$/i;
const cssProperties = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'text-align',
  'text-decoration',
  'text-indent',
  'text-transform',
  'white-space',
  'vertical-align',
  'direction',
  'width',
  'height',
  'max-width',
  'min-width',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-style',
  'border-width',
  'border-collapse',
  'border-radius',
  'display',
  'list-style-type',
];

const tableAttributes = ['align', 'valign', 'width', 'height', 'colspan', 'rowspan', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'dir'];

const baseOptions: IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
    'img',
    'font',
    'center',
    'details',
    'summary',
    'del',
    'ins',
    'u',
    's',
    'strike',
    'big',
    'small',
    'sub',
    'sup',
  ],
  // Everything else, with its content (script, style, iframe, object, form and friends), is dropped.
  disallowedTagsMode: 'discard',
  allowedAttributes: {
    '*': ['dir', 'lang', 'title', 'style', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    div: [FOLD_ATTRIBUTE],
    span: [FOLD_ATTRIBUTE],
    img: ['src', 'alt', 'width', 'height', REMOTE_SRC_ATTRIBUTE, CID_ATTRIBUTE],
    font: ['color', 'face', 'size'],
    table: [...tableAttributes, FOLD_ATTRIBUTE],
    td: tableAttributes,
    th: tableAttributes,
    tr: tableAttributes,
    col: ['span', 'width'],
    colgroup: ['span', 'width'],
    ol: ['start', 'type'],
    blockquote: ['cite', 'type', FOLD_ATTRIBUTE],
  },
  allowedClasses: {},
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: { '*': Object.fromEntries(cssProperties.map((property) => [property, [safeCssValue]])) },
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'xml', 'svg', 'math', 'template'],
};

/**
 * Makes an e-mail's HTML safe to show in the agent's browser: no scripts, event handlers, forms,
 * frames or dangerous URLs; links open in a new tab without a referrer; remote images become
 * click-to-load placeholders, so opening a message never tells the sender it was read; quoted
 * earlier messages and signatures are marked for folding.
 */
export function sanitizeEmailHtml(html: string): SanitizedHtml {
  let remoteImages = 0;
  const options: IOptions = {
    ...baseOptions,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      img: (tagName, attribs) => {
        const image = imageOf(attribs);
        if (image[REMOTE_SRC_ATTRIBUTE]) remoteImages += 1;
        return { tagName, attribs: image };
      },
      blockquote: (tagName, attribs) => ({ tagName, attribs: { ...attribs, [FOLD_ATTRIBUTE]: 'quote' } }),
      div: markFolds,
      span: markFolds,
      table: markFolds,
    },
  };
  return { html: sanitizeHtml(html, options).trim(), remoteImages };
}

function markFolds(tagName: string, attribs: Attributes) {
  const classes = (attribs.class ?? '').split(/\s+/).filter(Boolean);
  const fold = classes.some((c) => quoteClasses.has(c)) || quoteIds.has(attribs.id ?? '') ? 'quote' : classes.some((c) => signatureClasses.has(c)) ? 'signature' : undefined;
  return { tagName, attribs: fold ? { ...withoutFold(attribs), [FOLD_ATTRIBUTE]: fold } : withoutFold(attribs) };
}

/** The sender may not decide what the UI folds away. */
function withoutFold(attribs: Attributes): Attributes {
  const { [FOLD_ATTRIBUTE]: _ignored, ...rest } = attribs;
  return rest;
}

const safeDataImage = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]+$/i;

function imageOf(attribs: Attributes): Attributes {
  const src = (attribs.src ?? '').trim();
  const kept: Attributes = {};
  for (const name of ['alt', 'width', 'height', 'title', 'style']) if (attribs[name] !== undefined) kept[name] = attribs[name];
  if (/^https?:\/\//i.test(src)) return { ...kept, [REMOTE_SRC_ATTRIBUTE]: src };
  if (/^cid:/i.test(src)) return { ...kept, [CID_ATTRIBUTE]: src.slice(4).replace(/^<|>$/g, '') };
  if (safeDataImage.test(src)) return { ...kept, src };
  return kept;
}

/** The knowledge base's REST shapes, from libs/knowledge's contract. */
// The browser takes only the wire types, not the lib's index (which brings the Nest server with it).
// eslint-disable-next-line no-restricted-imports
export type {
  KbArticle,
  KbArticleSummary,
  KbCategory,
  KbLocale,
  KbPreviewResponse,
  KbSearchHit,
  KbStatus,
  KbSuggestion,
  KbSuggestionsResponse,
} from '../../../../libs/knowledge/src/knowledge.contract.js';

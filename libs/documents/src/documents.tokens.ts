export interface DocumentsModuleOptions {
  appSecret: string;
  /** The address customers reach this server at; links to documents sent into conversations start with it. */
  publicUrl?: string;
}

export const DOCUMENTS_OPTIONS = Symbol('DOCUMENTS_OPTIONS');
export const DOCUMENT_LINKS = Symbol('DOCUMENT_LINKS');

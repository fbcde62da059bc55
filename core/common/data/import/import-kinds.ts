// The kinds of data a file can be imported as: one list, read by the option schemas, kind detection, the CLI and
// the import form (which must not pull the schemas' zod into the renderer for it).
export const IMPORT_KINDS = ['series', 'text', 'pairs', 'labelled'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

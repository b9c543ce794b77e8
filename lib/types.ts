// What flows between the stages. Each document travels as one object that grows
// as it moves down the chain; a document that fails becomes a DocumentFailure and
// travels on in its place, so that the output keeps one entry per input document.

export type InputFormat = 'text' | 'html' | 'jsonl' | 'warc';
export type FormatOption = InputFormat | 'auto';
export type DocumentFormat = 'text' | 'html';

/** Where a document came from, as the user would name it in an error message. */
export interface Origin {
  /** File name without its extensions, `stdin`, or the record's own id. */
  id: string;
  /** The path as given, or `-` for stdin. */
  source: string;
  /** 1-based line number when the document is one line of a JSONL stream. */
  line?: number;
}

/** read → decode: the bytes of one document. */
export interface RawDocument extends Origin {
  bytes: Buffer;
  /** What the caller says the bytes are; `auto` leaves it to detection. */
  format: FormatOption;
  /** A file name extension hint (`.html`, `.txt`), lower case, or ''. */
  ext: string;
  /** The charset a container declared for the bytes (a WARC record's HTTP header). */
  charset?: string;
  /** The URL a container gave for the document (a WARC record's target URI). */
  url?: string;
}

/** Fields of a container record (a JSONL line) that the chain does not use, kept as given. */
export type Carried = Record<string, unknown>;

/** decode → detect: the document as text. */
export interface DecodedDocument extends Origin {
  text: string;
  format: FormatOption;
  ext: string;
  /** The character encoding the bytes were read with. */
  encoding: string;
  inputBytes: number;
  url?: string;
}

/** Metadata a format carries outside its text (JSONL fields, later HTML head). */
export interface Metadata {
  url: string | null;
  title: string | null;
  authors: string[];
  published: string | null;
  site_name: string | null;
  lang: string | null;
  description: string | null;
}

/** detect → segment: the document's text with its format settled. */
export interface DetectedDocument extends Origin {
  format: DocumentFormat;
  text: string;
  inputBytes: number;
  /** What the container already said about the document (JSONL fields). */
  meta: Partial<Metadata>;
  /** The container's other fields, carried past every stage to the record's `meta`. */
  carried?: Carried;
}

/** A run of non-blank lines: the unit every rule looks at. */
export interface Block {
  /**
   * The lines the block joins, indentation and trailing space removed, in page
   * order. A block of one line may leave them out (the text stage does: most
   * blocks are one line): its text is its line.
   */
  lines?: string[] | undefined;
  /** The lines joined by single spaces, whitespace folded. */
  text: string;
  /** Leading spaces of the first line in the source (lynx indents body text). */
  indent: number;
  /** Whether the first line is a list item (`*`, `+`, `-`, `•`, `1.`). */
  bullet: boolean;
  /** Whether a blank line comes before it in the source (a paragraph starts here). */
  gapBefore: boolean;
  /**
   * True when the segmenter knows the text to be as the record will have it
   * (normalizeText returns it as it is: clean, and a text NFC leaves as it
   * is), from its look at each line as it cleans it: the last stage then
   * need not read the text again. It is read off the blocks classify labels; a
   * copy that changes the text (as a comment's units may) must not be read for it.
   */
  final?: boolean;
}

/** segment → classify. */
export interface SegmentedDocument extends DetectedDocument {
  blocks: Block[];
  /**
   * True when a DOM extractor already chose the article (HTML): classification
   * then only strips chrome inside it instead of looking for the body region.
   */
  bodyChosen?: boolean;
  /** Comments a format gave apart from the text (HTML comment markup). */
  comments?: Comment[];
}

/** Why a piece of text was taken out, named after the rule that took it. */
export interface Removal {
  kind: string;
  text: string;
  /** The text is a block's whose `final` is true. */
  final?: boolean;
}

/** What classification decided each block is. */
export type Role = 'title' | 'meta' | 'body' | 'comments' | 'chrome';

export interface LabelledBlock extends Block {
  role: Role;
  /** The rule that made this block chrome or metadata. */
  kind?: string;
  /**
   * The page rules' kind for the block's text (pageChromeKind), as classify
   * worked it out, set on the comment section's blocks: extract's comment split
   * asks about them again, and reuses it instead.
   */
  pageChrome?: string | null;
}

/** classify → extract. */
export interface ClassifiedDocument extends Omit<SegmentedDocument, 'blocks'> {
  blocks: LabelledBlock[];
  removed: Removal[];
}

export interface Quote {
  author: string | null;
  posted: string | null;
  text: string;
}

export interface Comment extends Quote {
  quotes: Quote[];
}

export interface Stats {
  input_chars: number;
  body_chars: number;
  comments: number;
  removed_chars: number;
}

/** extract → normalize → serialize: the output record, keys in output order. */
export interface DocumentRecord extends Metadata {
  id: string;
  source: string;
  format: DocumentFormat;
  body: string;
  comments: Comment[];
  removed?: Removal[];
  stats: Stats;
  /** The input record's fields that were not consumed, untouched (JSONL input). */
  meta?: Carried;
}

/** extract → normalize: the record before its text is normalized and counted. */
export interface ExtractedDocument extends Omit<DocumentRecord, 'removed' | 'stats' | 'meta'> {
  removed: Removal[];
  inputChars: number;
  /** The body is the texts of blocks whose `final` is true, joined by blank lines. */
  bodyFinal?: boolean;
  carried?: Carried;
}

/** A document that could not be turned into a record, and why. */
export interface DocumentFailure extends Origin {
  error: { code: string; message: string };
}

export function isFailure(item: unknown): item is DocumentFailure {
  return typeof item === 'object' && item !== null && 'error' in item;
}

import { franc } from 'franc-min';

// franc names languages in ISO 639-3; records carry ISO 639-1. Languages
// without a two-letter code (Maithili, Cebuano, …) have no entry and give null.
const ISO_639_1: Record<string, string> = Object.fromEntries(
  (
    'amh:am arb:ar azj:az bel:be ben:bn bos:bs bul:bg ces:cs ckb:ku cmn:zh deu:de ell:el eng:en fra:fr fuv:ff guj:gu hau:ha hin:hi ' +
    'hrv:hr hun:hu ibo:ig ind:id ita:it jav:jv jpn:ja kan:kn kaz:kk kin:rw koi:kv kor:ko lin:ln mal:ml mar:mr mya:my nld:nl npi:ne ' +
    'nya:ny pan:pa pbu:ps pes:fa plt:mg pol:pl por:pt qug:qu ron:ro run:rn rus:ru sin:si som:so spa:es srp:sr sun:su swe:sv swh:sw ' +
    'tam:ta tel:te tgl:tl tha:th tur:tr ukr:uk urd:ur uzn:uz vie:vi yor:yo zlm:ms zul:zu zyb:za'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** A few paragraphs say the language as surely as the whole text, at a fraction of the time. */
const SAMPLE_CHARS = 2000;
/** Below this, n-gram statistics guess rather than detect. */
const MIN_CHARS = 40;

/** The ISO 639-1 code of the text's language, or null when it is too short or unknown. */
export function detectLanguage(text: string): string | null {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (sample.replace(/[\s\d\p{P}]+/gu, '').length < MIN_CHARS) return null;
  return ISO_639_1[franc(sample, { minLength: MIN_CHARS })] ?? null;
}

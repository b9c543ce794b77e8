/** Author names when the text is a byline ("By Laila Bassam and Angus McDowall"), else null. */
export function parseByline(_text: string): string[] | null {
  return null;
}

/** The date (ISO 8601, as precise as stated) when the text is a date line, else null. */
export function parseDate(_text: string): string | null {
  return null;
}

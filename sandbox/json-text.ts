/**
 * An answer already serialised: the server sends its text as it is (JSON.stringify would quote
 * it). The batch endpoint joins its answer from stored license texts (SandboxData.licenseTexts).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The body of an answer: a JsonText as it is, anything else as JSON. */
export const jsonBody = (value: unknown): string => (value instanceof JsonText ? value.text : JSON.stringify(value));

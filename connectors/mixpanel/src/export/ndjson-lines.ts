export interface NdjsonLine {
  /** The line without its line break ("\n" or "\r\n"). */
  text: string;
  /** 1-based, counting blank lines too, for messages. */
  number: number;
  /** False for a last line with no line break after it: the stream may have been cut inside it. */
  terminated: boolean;
}

/**
 * Splits a byte stream into lines as it arrives, so an export is never held whole in memory. Decodes
 * UTF-8 across chunk boundaries; blank lines are skipped.
 */
export async function* ndjsonLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<NdjsonLine> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let number = 0;
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline !== -1) {
      number += 1;
      const text = stripCarriageReturn(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      if (text.trim() !== '') yield { text, number, terminated: true };
      newline = pending.indexOf('\n');
    }
  }
  pending += decoder.decode();
  if (pending.trim() !== '') yield { text: stripCarriageReturn(pending), number: number + 1, terminated: false };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

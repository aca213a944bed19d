import { RetryableError } from '@tripline/connector-sdk';
import { ndjsonLines } from './ndjson-lines';
import { readExportEvents, type ExportReadStats, type RawExportEvent } from './read-export';

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function readAll(...parts: (string | Uint8Array)[]): Promise<{ events: RawExportEvent[]; stats: ExportReadStats }> {
  const stats: ExportReadStats = { events: 0, malformedLines: [] };
  const events: RawExportEvent[] = [];
  for await (const event of readExportEvents(chunksOf(...parts), stats)) events.push(event);
  return { events, stats };
}

const line = (event: string, time = 1_767_225_600) => JSON.stringify({ event, properties: { time, distinct_id: 'u1' } });

describe('ndjsonLines', () => {
  it('splits on \\n and \\r\\n, across chunk boundaries, skipping blank lines', async () => {
    const lines = [];
    for await (const found of ndjsonLines(chunksOf('a\r', '\nb\n\n', 'c', 'd\r\n', '\n', 'e'))) lines.push(found);
    expect(lines).toEqual([
      { text: 'a', number: 1, terminated: true },
      { text: 'b', number: 2, terminated: true },
      { text: 'cd', number: 4, terminated: true },
      { text: 'e', number: 6, terminated: false },
    ]);
  });

  it('decodes a UTF-8 character split between two chunks', async () => {
    const bytes = new TextEncoder().encode('{"event":"Café ☕"}\n');
    const split = bytes.indexOf(0xe2) + 1; // inside the three bytes of ☕
    const lines = [];
    for await (const found of ndjsonLines(chunksOf(bytes.slice(0, split), bytes.slice(split)))) lines.push(found.text);
    expect(lines).toEqual(['{"event":"Café ☕"}']);
  });
});

describe('readExportEvents', () => {
  it('reads every event whether or not the body ends with a line break', async () => {
    expect((await readAll(`${line('A')}\n${line('B')}\n`)).events.map((event) => event.event)).toEqual(['A', 'B']);
    expect((await readAll(`${line('A')}\n${line('B')}`)).events.map((event) => event.event)).toEqual(['A', 'B']);
    expect((await readAll(`${line('A')}\r\n${line('B')}\r\n`)).events.map((event) => event.event)).toEqual(['A', 'B']);
    expect((await readAll('')).events).toEqual([]);
  });

  it('skips and counts a malformed line in the middle, and JSON that is not an event', async () => {
    const { events, stats } = await readAll(`${line('A')}\n{"event":"broken",\n[1,2]\n{"event":"No props"}\n${line('B')}\n`);
    expect(events.map((event) => event.event)).toEqual(['A', 'B']);
    expect(stats).toEqual({ events: 2, malformedLines: [2, 3, 4] });
  });

  it('fails retryably on a body cut inside its last line, so the checkpoint never passes the lost rest', async () => {
    const attempt = readAll(`${line('A')}\n{"event":"B","properties":{"ti`);
    await expect(attempt).rejects.toBeInstanceOf(RetryableError);
    await expect(readAll(`${line('A')}\n{"event":"B","pro`)).rejects.toThrow('The Mixpanel export ended inside line 2: the response was cut short');
  });

  it('fails retryably when Mixpanel ends the stream with "terminated early"', async () => {
    await expect(readAll(`${line('A')}\nterminated early\n`)).rejects.toThrow(
      'The Mixpanel export was cut short at line 2 ("terminated early")',
    );
  });
});
